package io.stowage.jmh;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.Decision;
import io.stowage.core.KernelConfig;
import io.stowage.core.PlacementPolicy;
import io.stowage.core.Reason;
import io.stowage.core.TaskRequest;
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
 * Placement in steady state on one thread: a cluster of {@code agents} agents of 32 CPUs / 128 GiB is filled to
 * about 70 % of its CPUs with tasks of 1, 2 and 4 CPUs (60/30/10 %, 4 GiB per CPU), then each operation finishes
 * the oldest running task and places a new one whose size comes from a ring precomputed in setup. The running
 * count, and so the load, stays level.
 * <p>
 * <b>One operation is one {@code finish} plus one {@code place}</b>: the score in ops/s is placements per second,
 * each paid together with the finish that makes room for it. The measured operation draws no random number and
 * allocates nothing of its own; task ids live in a pre-allocated ring.
 * <p>
 * At the end of each trial the kernel must pass the invariant checker ({@link KernelInvariants}), every placement
 * must have succeeded and the running count must be what it was after the fill; otherwise the trial throws and (run
 * with {@code -foe true}) produces no number. That check allocates, and JMH charges its allocation to the last
 * measurement iteration (see {@link KernelInvariants}); the other iterations show the operation's own allocation.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PlacementBenchmark extends JvmFlags
{
    /** Fraction of the cluster's CPUs, in percent, that runs before measuring. */
    static final int FILL_PERCENT = 70;
    /** Length of the ring of precomputed task sizes; a power of two. */
    static final int SIZE_RING_LENGTH = 1 << 16;
    /** Ring mask, for wrapping the size cursor. */
    static final int SIZE_RING_MASK = SIZE_RING_LENGTH - 1;
    /** Event-time step between operations; the kernel only records it. */
    static final long TIME_STEP_NANOS = 1_000;

    /** A kernel filled to 70 % of its CPUs, the ring of its running task ids, and the sizes still to come. */
    @State(Scope.Thread)
    public static class Cluster
    {
        /** Registered agents. */
        @Param({"1000", "10000", "100000"})
        public int agents;

        /** Placement policy. */
        @Param({"BINPACK", "SPREAD"})
        public PlacementPolicy policy;

        AllocatorKernel kernel;
        TaskRequest request;
        final Decision decision = new Decision();
        long[] cpuRing;
        long[] memRing;
        int sizeCursor;
        /** Running task ids, oldest at {@link #runningCursor}. */
        long[] running;
        int runningCursor;
        long timeNanos;
        long notPlaced;
        long finishRefused;

        /** Registers the agents, fills the cluster and precomputes the sizes of the tasks to come. */
        @Setup(Level.Trial)
        public void fill()
        {
            kernel = new AllocatorKernel(KernelConfig.builder(schema())
                .placement(policy)
                .maxAgents(agents)
                .maxTasks(agents * (int)(AGENT_CPU_MILLIS / MILLIS))
                .build());
            final int framework = kernel.registerFramework("bench");
            request = new TaskRequest(kernel.schema()).reset(framework);
            final long[] capacity = agentCapacity();
            final Map<String, String> attributes = Map.of("zone", "z0");
            for (int i = 0; i < agents; i++)
            {
                KernelInvariants.requireOk(kernel.registerAgent(i, capacity, attributes, 0), "register agent " + i);
            }

            final SplittableRandom random = new SplittableRandom(SEED);
            final long target = AGENT_CPU_MILLIS * agents * FILL_PERCENT / 100;
            long[] ids = new long[agents * 16];
            int count = 0;
            long cpus = 0;
            while (cpus < target)
            {
                final long cpu = drawTaskCpuMillis(random);
                request.resource(CPUS, cpu).resource(MEM, taskMemMillis(cpu));
                kernel.place(request, timeNanos += TIME_STEP_NANOS, decision);
                if (!decision.isPlaced())
                {
                    throw new IllegalStateException("fill: task " + count + " of " + cpu + " milli-CPUs at " +
                        cpus + " of " + target + " milli-CPUs allocated: " + decision);
                }
                if (count == ids.length)
                {
                    ids = Arrays.copyOf(ids, count * 2);
                }
                ids[count++] = decision.taskId();
                cpus += cpu;
            }
            running = Arrays.copyOf(ids, count);
            runningCursor = 0;

            cpuRing = new long[SIZE_RING_LENGTH];
            memRing = new long[SIZE_RING_LENGTH];
            for (int i = 0; i < SIZE_RING_LENGTH; i++)
            {
                cpuRing[i] = drawTaskCpuMillis(random);
                memRing[i] = taskMemMillis(cpuRing[i]);
            }
            sizeCursor = 0;
            KernelInvariants.check(kernel, "after the fill at " + agents + " agents, " + policy);
        }

        /** Fails the trial if any operation went wrong or the kernel's accounting does not hold. */
        @TearDown(Level.Trial)
        public void verify()
        {
            if (notPlaced != 0 || finishRefused != 0)
            {
                throw new IllegalStateException(notPlaced + " placements were not placed and " + finishRefused +
                    " finishes were refused at " + agents + " agents, " + policy);
            }
            if (kernel.view().runningTaskCount() != running.length)
            {
                throw new IllegalStateException(
                    "running " + kernel.view().runningTaskCount() + " tasks, expected " + running.length);
            }
            KernelInvariants.check(kernel, "after the trial at " + agents + " agents, " + policy);
        }
    }

    /**
     * Finishes the oldest running task and places a new one in its stead.
     *
     * @param c the cluster.
     * @return the new task's id.
     */
    @Benchmark
    public long placeAndFinish(final Cluster c)
    {
        final int cursor = c.runningCursor;
        final AllocatorKernel kernel = c.kernel;
        if (kernel.finish(c.running[cursor]) != Reason.OK)
        {
            c.finishRefused++;
        }

        final int size = c.sizeCursor;
        c.sizeCursor = (size + 1) & SIZE_RING_MASK;
        c.request.resource(CPUS, c.cpuRing[size]).resource(MEM, c.memRing[size]);
        final Decision decision = kernel.place(c.request, c.timeNanos += TIME_STEP_NANOS, c.decision);
        final long taskId = decision.taskId();
        if (!decision.isPlaced())
        {
            c.notPlaced++;
        }
        c.running[cursor] = taskId;
        c.runningCursor = cursor + 1 == c.running.length ? 0 : cursor + 1;
        return taskId;
    }

    /** The same ring and request bookkeeping as {@link #placeAndFinish}, without the kernel: the harness's share. */
    @State(Scope.Thread)
    public static class Harness
    {
        TaskRequest request;
        long[] cpuRing;
        long[] memRing;
        int sizeCursor;
        long[] running;
        int runningCursor;
        long timeNanos;

        /** Builds rings of the sizes a 1000-agent cluster would use. */
        @Setup(Level.Trial)
        public void setUp()
        {
            request = new TaskRequest(schema()).reset(0);
            final SplittableRandom random = new SplittableRandom(SEED);
            cpuRing = new long[SIZE_RING_LENGTH];
            memRing = new long[SIZE_RING_LENGTH];
            for (int i = 0; i < SIZE_RING_LENGTH; i++)
            {
                cpuRing[i] = drawTaskCpuMillis(random);
                memRing[i] = taskMemMillis(cpuRing[i]);
            }
            running = new long[14_000];
            for (int i = 0; i < running.length; i++)
            {
                running[i] = i;
            }
        }
    }

    /**
     * Baseline: the ring and request bookkeeping of {@link #placeAndFinish} with no kernel call.
     *
     * @param h the rings.
     * @return a value derived from the bookkeeping, so that it is not eliminated.
     */
    @Benchmark
    public long harnessBaseline(final Harness h)
    {
        final int cursor = h.runningCursor;
        final long oldest = h.running[cursor];
        final int size = h.sizeCursor;
        h.sizeCursor = (size + 1) & SIZE_RING_MASK;
        h.request.resource(CPUS, h.cpuRing[size]).resource(MEM, h.memRing[size]);
        final long next = oldest + (h.timeNanos += TIME_STEP_NANOS);
        h.running[cursor] = next;
        h.runningCursor = cursor + 1 == h.running.length ? 0 : cursor + 1;
        return next;
    }
}
