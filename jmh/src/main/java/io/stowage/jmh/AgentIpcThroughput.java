package io.stowage.jmh;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.KernelConfig;
import io.stowage.ipc.AgentPublisher;
import io.stowage.ipc.AgentQueueTailer;
import org.agrona.IoUtil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.stowage.jmh.AgentIpcBenchmark.AGENTS;
import static io.stowage.jmh.AgentIpcBenchmark.USAGE_RING_LENGTH;
import static io.stowage.jmh.ClusterShape.agentCapacity;
import static io.stowage.jmh.ClusterShape.schema;

/**
 * Sustained heartbeat throughput with the publisher and the tailer on two threads of one JVM: one thread publishes
 * heartbeats of 10,000 agents as fast as it can (staying at most a million frames ahead), the other tails the queue
 * and applies each heartbeat to the kernel. Prints heartbeats applied per second for each second and the mean over
 * the measured seconds, after warm-up seconds. Run with the JVM flag line of BUILD-NOTES.md:
 * {@code java <flags> -cp jmh/target/benchmarks.jar io.stowage.jmh.AgentIpcThroughput [warmupSeconds]
 * [measureSeconds]}.
 */
public final class AgentIpcThroughput
{
    private static final long MAX_AHEAD = 1_000_000;

    private AgentIpcThroughput()
    {
    }

    /**
     * @param args warm-up seconds (default 5) and measured seconds (default 10).
     * @throws Exception if a thread fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        final int measure = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        final Path dir = Files.createTempDirectory("stowage-ipc-throughput");
        final AllocatorKernel kernel = new AllocatorKernel(KernelConfig.builder(schema()).maxAgents(AGENTS).build());
        final KernelHeartbeatSink sink = new KernelHeartbeatSink(kernel);
        final long[][] usage = AgentIpcBenchmark.usageRing();
        final String[] ids = new String[AGENTS];
        try (AgentPublisher publisher = new AgentPublisher(dir.resolve("agents"), 1);
            AgentQueueTailer tailer = AgentQueueTailer.builder().queue(dir.resolve("agents"))
                .stateDir(dir.resolve("state")).dimensions(2).sink(sink).build())
        {
            for (int a = 0; a < AGENTS; a++)
            {
                ids[a] = String.format("agent-%05d", a);
                publisher.register(ids[a], agentCapacity(), Map.of("zone", "z" + (a % 4)));
            }
            final long[] sent = {AGENTS};
            final AtomicBoolean running = new AtomicBoolean(true);
            final Thread publishing = new Thread(() ->
            {
                int agent = 0;
                while (running.get())
                {
                    if (sent[0] - sink.applied > MAX_AHEAD)
                    {
                        Thread.onSpinWait();
                        continue;
                    }
                    publisher.heartbeat(ids[agent], 1, usage[(int)(sent[0] & (USAGE_RING_LENGTH - 1))], false);
                    sent[0]++;
                    agent = agent + 1 == AGENTS ? 0 : agent + 1;
                }
            }, "publisher");
            final Thread tailing = new Thread(() ->
            {
                while (running.get())
                {
                    if (tailer.doWork() == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
            }, "tailer");
            publishing.start();
            tailing.start();
            long total = 0;
            long last = sink.applied;
            for (int second = 1; second <= warmup + measure; second++)
            {
                Thread.sleep(1000);
                final long now = sink.applied;
                System.out.printf("%s second %d: %,d heartbeats/s%n", second <= warmup ? "warm-up" : "measured",
                    second, now - last);
                if (second > warmup)
                {
                    total += now - last;
                }
                last = now;
            }
            running.set(false);
            publishing.join();
            tailing.join();
            System.out.printf("mean over %d s: %,d heartbeats/s applied; refused %d, rejected %d%n", measure,
                total / measure, sink.refused, tailer.rejectedTotal());
        }
        finally
        {
            IoUtil.delete(dir.toFile(), true);
        }
    }
}
