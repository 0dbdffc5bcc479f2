package io.stowage.jmh;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.KernelConfig;
import io.stowage.core.Reason;
import io.stowage.ipc.AgentFrameEncoder;
import io.stowage.ipc.AgentPublisher;
import io.stowage.ipc.AgentQueueTailer;
import io.stowage.ipc.FrameError;
import io.stowage.ipc.FrameHeader;
import io.stowage.ipc.HeartbeatDecoder;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static io.stowage.jmh.ClusterShape.*;

/**
 * Agent heartbeats from an {@link AgentPublisher} through a Chronicle queue on local disk to an
 * {@link AgentQueueTailer} that applies them to a kernel of 10,000 agents, on one thread: each invocation publishes a
 * batch of {@link #BATCH} heartbeats with usage, then tails until all of them are applied. One operation is one
 * heartbeat published, read, checked, decoded and applied; the score is heartbeats per second end to end.
 * {@link #codecAndKernelBaseline} does the same encode, decode and kernel call without the queue. Every heartbeat must
 * be accepted by the kernel; otherwise the trial fails. {@link AgentIpcThroughput} measures the same path with the
 * publisher and the tailer on two threads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AgentIpcBenchmark extends JvmFlags
{
    /** Registered agents. */
    static final int AGENTS = 10_000;
    /** Heartbeats per invocation. */
    static final int BATCH = 1000;
    /** Length of the ring of precomputed usage vectors; a power of two. */
    static final int USAGE_RING_LENGTH = 1 << 12;

    /** A publisher, a queue in a temporary directory, a tailer and its kernel. */
    @State(Scope.Thread)
    public static class Pipeline
    {
        Path dir;
        AllocatorKernel kernel;
        KernelHeartbeatSink sink;
        AgentPublisher publisher;
        AgentQueueTailer tailer;
        String[] agentIds;
        byte[][] agentIdBytes;
        int[] slots;
        long[][] usageRing;
        int cursor;
        long round = 1;
        long sent;

        /** Registers the agents through the queue. */
        @Setup(Level.Trial)
        public void setUp()
        {
            try
            {
                dir = Files.createTempDirectory("stowage-ipc-bench");
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            kernel = new AllocatorKernel(KernelConfig.builder(schema()).maxAgents(AGENTS).build());
            sink = new KernelHeartbeatSink(kernel);
            publisher = new AgentPublisher(dir.resolve("agents"), 1);
            tailer = AgentQueueTailer.builder().queue(dir.resolve("agents")).stateDir(dir.resolve("state"))
                .dimensions(2).sink(sink).build();
            agentIds = new String[AGENTS];
            agentIdBytes = new byte[AGENTS][];
            slots = new int[AGENTS];
            for (int a = 0; a < AGENTS; a++)
            {
                agentIds[a] = String.format("agent-%05d", a);
                agentIdBytes[a] = agentIds[a].getBytes(StandardCharsets.US_ASCII);
                publisher.register(agentIds[a], agentCapacity(), Map.of("zone", "z" + (a % 4)));
            }
            while (tailer.doWork() > 0)
            {
            }
            for (int a = 0; a < AGENTS; a++)
            {
                slots[a] = kernel.view().agentSlot(agentIds[a]);
            }
            usageRing = usageRing();
            sent = AGENTS;
        }

        /** Fails the trial if any input was refused or lost, and removes the queue. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            tailer.close();
            publisher.close();
            IoUtil.delete(dir.toFile(), true);
            if (sink.refused != 0 || tailer.rejectedTotal() != 0)
            {
                throw new IllegalStateException(sink.refused + " inputs refused by the kernel, " +
                    tailer.rejectedTotal() + " frames rejected");
            }
            KernelInvariants.check(kernel, "after the IPC trial");
        }
    }

    static long[][] usageRing()
    {
        final SplittableRandom random = new SplittableRandom(SEED);
        final long[][] ring = new long[USAGE_RING_LENGTH][];
        for (int i = 0; i < USAGE_RING_LENGTH; i++)
        {
            ring[i] = new long[]{random.nextLong(AGENT_CPU_MILLIS * 8 / 10), random.nextLong(AGENT_MEM_MILLIS * 8 / 10)};
        }
        return ring;
    }

    /**
     * Publishes {@link #BATCH} heartbeats and tails until the kernel has applied them.
     *
     * @param p the pipeline.
     * @return heartbeats applied so far.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long publishAndApply(final Pipeline p)
    {
        for (int i = 0; i < BATCH; i++)
        {
            final int agent = p.cursor;
            p.publisher.heartbeat(p.agentIds[agent], 1, p.usageRing[(int)(p.sent & (USAGE_RING_LENGTH - 1))], false);
            p.sent++;
            if (++p.cursor == AGENTS)
            {
                p.cursor = 0;
            }
        }
        while (p.sink.applied < p.sent)
        {
            p.tailer.doWork();
        }
        return p.sink.applied;
    }

    /** The codec and the kernel without the queue: encode, check, decode and apply. */
    @State(Scope.Thread)
    public static class Codec
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        final AgentFrameEncoder encoder = new AgentFrameEncoder().wrap(buffer, 0);
        final FrameHeader header = new FrameHeader();
        final HeartbeatDecoder decoder = new HeartbeatDecoder();
        final long[] usage = new long[2];
    }

    /**
     * Baseline: {@link #BATCH} heartbeats encoded into a buffer, checked, decoded and applied, with no queue.
     *
     * @param p the pipeline (its kernel and agents).
     * @param c the codec.
     * @return a value that depends on every heartbeat.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long codecAndKernelBaseline(final Pipeline p, final Codec c)
    {
        long accepted = 0;
        for (int i = 0; i < BATCH; i++)
        {
            final int agent = p.cursor;
            final int length = c.encoder.heartbeat(1, 0, p.agentIdBytes[agent], 1, p.sent,
                p.usageRing[(int)(p.sent & (USAGE_RING_LENGTH - 1))], false);
            if (c.header.wrap(c.buffer, 0).check(length) == FrameError.NONE &&
                c.decoder.wrap(c.buffer, 0, length) == FrameError.NONE)
            {
                c.decoder.usage(c.usage);
                if (p.kernel.heartbeat(p.slots[agent], c.decoder.epoch(), c.decoder.sequence(), c.usage, false,
                    p.sent) == Reason.OK)
                {
                    accepted++;
                }
                else
                {
                    p.sink.refused++;
                }
            }
            p.sent++;
            if (++p.cursor == AGENTS)
            {
                p.cursor = 0;
            }
        }
        return accepted;
    }
}
