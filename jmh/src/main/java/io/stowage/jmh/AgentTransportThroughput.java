package io.stowage.jmh;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.stowage.core.AllocatorKernel;
import io.stowage.core.KernelConfig;
import io.stowage.ipc.AeronTransport;
import io.stowage.ipc.AgentFrameReader;
import io.stowage.ipc.AgentKeys;
import io.stowage.ipc.AgentPublisher;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.stowage.jmh.AgentIpcBenchmark.AGENTS;
import static io.stowage.jmh.AgentIpcBenchmark.USAGE_RING_LENGTH;
import static io.stowage.jmh.ClusterShape.agentCapacity;
import static io.stowage.jmh.ClusterShape.schema;

/**
 * Agent updates per second over each transport in the same run (issue #13 item 6): a Chronicle queue, Aeron IPC and
 * Aeron UDP on the loopback address. For each, one thread publishes heartbeats of 10,000 agents with usage as fast as
 * the transport takes them (at most a million frames ahead of the reader), the other reads, checks (the Aeron reader
 * also checks each frame's HMAC-SHA256) and applies each heartbeat to a kernel. Aeron runs an embedded media driver
 * with one shared thread (backoff idle), so on a 2-core machine three busy threads share two cores. Prints heartbeats
 * applied per second for each measured second and the mean, plus the heartbeats the publisher was told were not sent
 * (back pressure after the retries). Run with the JVM flag line of BUILD-NOTES.md:
 * {@code java <flags> -cp jmh/target/benchmarks.jar io.stowage.jmh.AgentTransportThroughput [warmupSeconds]
 * [measureSeconds]}.
 */
public final class AgentTransportThroughput
{
    private static final long MAX_AHEAD = 1_000_000;

    private AgentTransportThroughput()
    {
    }

    /**
     * @param args warm-up seconds (default 3) and measured seconds (default 5) per transport.
     * @throws Exception if a thread fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        final int measure = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        final Path dir = Files.createTempDirectory("stowage-transport-throughput");
        final String[] ids = new String[AGENTS];
        final List<String> idList = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++)
        {
            ids[a] = String.format("agent-%05d", a);
            idList.add(ids[a]);
        }
        final AgentKeys keys = AgentKeys.deriveAll(
            "benchmark master secret, 32 bytes or more".getBytes(StandardCharsets.US_ASCII), idList);
        final MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(100, 10, 1_000, 100_000))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        try
        {
            final AeronTransport transport = new AeronTransport(aeron).idleStrategy(YieldingIdleStrategy::new)
                .maxOfferAttempts(1000);
            final List<String> results = new ArrayList<>();
            results.add(run("chronicle", dir.resolve("agents").toString(), dir.resolve("state-chronicle"), ids,
                keys, transport, warmup, measure));
            results.add(run("aeron:ipc", "aeron:ipc", dir.resolve("state-ipc"), ids, keys, transport, warmup,
                measure));
            final String udp = "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort();
            results.add(run("aeron:udp", udp, dir.resolve("state-udp"), ids, keys, transport, warmup, measure));
            System.out.println();
            results.forEach(System.out::println);
        }
        finally
        {
            CloseHelper.closeAll(aeron, driver);
            IoUtil.delete(dir.toFile(), true);
        }
    }

    private static String run(
        final String name,
        final String uri,
        final Path stateDir,
        final String[] ids,
        final AgentKeys keys,
        final AeronTransport transport,
        final int warmup,
        final int measure) throws Exception
    {
        final AllocatorKernel kernel = new AllocatorKernel(KernelConfig.builder(schema()).maxAgents(AGENTS).build());
        final KernelHeartbeatSink sink = new KernelHeartbeatSink(kernel);
        final long[][] usage = AgentIpcBenchmark.usageRing();
        try (AgentFrameReader reader = AgentFrameReader.builder().source(uri).stateDir(stateDir).dimensions(2)
            .sink(sink).keys(keys).transport(transport).build();
            AgentPublisher publisher = AgentPublisher.open(uri, 1, keys, transport))
        {
            final long[] sent = {0};
            final long[] unsent = {0};
            final AtomicBoolean running = new AtomicBoolean(true);
            final Thread reading = new Thread(() ->
            {
                while (running.get())
                {
                    if (reader.doWork() == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
            }, "reader");
            reading.start();
            while (!publisher.isConnected())
            {
                Thread.yield();
            }
            final Thread publishing = new Thread(() ->
            {
                for (int a = 0; a < AGENTS; a++)
                {
                    while (!publisher.register(ids[a], agentCapacity(), Map.of("zone", "z" + (a % 4))))
                    {
                        unsent[0]++;
                    }
                    sent[0]++;
                }
                int agent = 0;
                while (running.get())
                {
                    if (sent[0] - sink.applied > MAX_AHEAD)
                    {
                        Thread.onSpinWait();
                        continue;
                    }
                    if (publisher.heartbeat(ids[agent], 1, usage[(int)(sent[0] & (USAGE_RING_LENGTH - 1))], false) ==
                        AgentPublisher.NOT_SENT)
                    {
                        unsent[0]++;
                        continue;
                    }
                    sent[0]++;
                    agent = agent + 1 == AGENTS ? 0 : agent + 1;
                }
            }, "publisher");
            publishing.start();
            long total = 0;
            long last = sink.applied;
            for (int second = 1; second <= warmup + measure; second++)
            {
                Thread.sleep(1000);
                final long now = sink.applied;
                System.out.printf("%s %s second %d: %,d heartbeats/s%n", name,
                    second <= warmup ? "warm-up" : "measured", second, now - last);
                if (second > warmup)
                {
                    total += now - last;
                }
                last = now;
            }
            running.set(false);
            publishing.join();
            reading.join();
            return String.format("%-10s mean over %d s: %,d heartbeats/s applied; not sent %d, refused %d, " +
                "rejected %d", name, measure, total / measure, unsent[0], sink.refused, reader.rejectedTotal());
        }
    }

    private static int freeUdpPort() throws IOException
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}
