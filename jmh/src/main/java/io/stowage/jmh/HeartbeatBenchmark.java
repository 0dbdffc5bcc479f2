package io.stowage.jmh;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.KernelConfig;
import io.stowage.core.Reason;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static io.stowage.jmh.ClusterShape.*;

/**
 * Heartbeats applied on one thread to 100,000 registered agents of 32 CPUs / 128 GiB, visiting the agents in slot
 * order, round after round, each round with the next sequence number. One operation is one heartbeat.
 * <p>
 * {@link #heartbeatWithUsage} carries a usage vector taken from a ring precomputed in setup; with oversubscription
 * enabled ({@code oversubscriptionRatioMillis} above 0) the kernel then re-derives the agent's revocable headroom in
 * the placement index. {@link #heartbeatLivenessOnly}, the baseline, carries no usage. Every heartbeat must be
 * accepted and the kernel must pass the invariant checker at the end of the trial; otherwise the trial throws.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HeartbeatBenchmark extends JvmFlags
{
    /** Registered agents. */
    static final int AGENTS = 100_000;
    /** Length of the ring of precomputed usage vectors; a power of two. */
    static final int USAGE_RING_LENGTH = 1 << 12;
    /** Ring mask, for wrapping the usage cursor. */
    static final int USAGE_RING_MASK = USAGE_RING_LENGTH - 1;
    /** Event-time step between heartbeats; the kernel records it as the agent's last heartbeat. */
    static final long TIME_STEP_NANOS = 100;

    /** A kernel of {@link #AGENTS} agents, their slots and epochs, and the usage vectors to report. */
    @State(Scope.Thread)
    public static class Agents
    {
        /** Revocable bound in thousandths of capacity; 0 disables oversubscription, so usage is only recorded. */
        @Param({"0", "500"})
        public long oversubscriptionRatioMillis;

        AllocatorKernel kernel;
        int[] slots;
        int[] epochs;
        long[][] usageRing;
        int usageCursor;
        int agentCursor;
        long sequence;
        long timeNanos;
        long refused;

        /** Registers the agents and precomputes the usage vectors. */
        @Setup(Level.Trial)
        public void setUp()
        {
            kernel = new AllocatorKernel(KernelConfig.builder(schema())
                .maxAgents(AGENTS)
                .oversubscriptionRatioMillis(oversubscriptionRatioMillis)
                .build());
            final long[] capacity = agentCapacity();
            final Map<String, String> attributes = Map.of("zone", "z0");
            slots = new int[AGENTS];
            for (int i = 0; i < AGENTS; i++)
            {
                final Reason reason = kernel.registerAgent(i, capacity, attributes, 0);
                if (reason != Reason.OK)
                {
                    throw new IllegalStateException("register agent " + i + ": " + reason);
                }
                slots[i] = kernel.view().agentSlot(i);
            }
            // Visit agents in slot order, as a heartbeat sweep over the table would.
            Arrays.sort(slots);
            epochs = new int[AGENTS];
            for (int i = 0; i < AGENTS; i++)
            {
                epochs[i] = kernel.view().agentEpoch(slots[i]);
            }

            final SplittableRandom random = new SplittableRandom(SEED);
            usageRing = new long[USAGE_RING_LENGTH][];
            for (int i = 0; i < USAGE_RING_LENGTH; i++)
            {
                usageRing[i] = new long[]{
                    random.nextLong(AGENT_CPU_MILLIS + 1), random.nextLong(AGENT_MEM_MILLIS + 1)};
            }
            agentCursor = 0;
            usageCursor = 0;
            sequence = 1;
        }

        /** Fails the trial if any heartbeat was refused or the kernel's accounting does not hold. */
        @TearDown(Level.Trial)
        public void verify()
        {
            if (refused != 0)
            {
                throw new IllegalStateException(refused + " heartbeats were refused, " +
                    kernel.view().staleUpdates() + " of them as stale");
            }
            KernelInvariants.check(kernel, "after the trial at ratio " + oversubscriptionRatioMillis);
        }

        /** Moves to the next agent; after the last one, starts the next round with the next sequence number. */
        void advance()
        {
            if (++agentCursor == AGENTS)
            {
                agentCursor = 0;
                sequence++;
            }
        }
    }

    /**
     * Applies one heartbeat with a usage vector.
     *
     * @param a the agents.
     * @return the kernel's answer.
     */
    @Benchmark
    public Reason heartbeatWithUsage(final Agents a)
    {
        final int agent = a.agentCursor;
        final int usage = a.usageCursor;
        a.usageCursor = (usage + 1) & USAGE_RING_MASK;
        final Reason reason = a.kernel.heartbeat(
            a.slots[agent], a.epochs[agent], a.sequence, a.usageRing[usage], a.timeNanos += TIME_STEP_NANOS);
        if (reason != Reason.OK)
        {
            a.refused++;
        }
        a.advance();
        return reason;
    }

    /**
     * Baseline: applies one heartbeat that reports liveness only.
     *
     * @param a the agents.
     * @return the kernel's answer.
     */
    @Benchmark
    public Reason heartbeatLivenessOnly(final Agents a)
    {
        final int agent = a.agentCursor;
        final Reason reason = a.kernel.heartbeat(
            a.slots[agent], a.epochs[agent], a.sequence, null, a.timeNanos += TIME_STEP_NANOS);
        if (reason != Reason.OK)
        {
            a.refused++;
        }
        a.advance();
        return reason;
    }
}
