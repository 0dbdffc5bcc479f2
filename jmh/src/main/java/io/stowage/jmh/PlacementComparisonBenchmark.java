package io.stowage.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static io.stowage.jmh.ClusterShape.*;

/**
 * Stowage against Netflix Fenzo 1.0.1 and a naive allocator on the same workload, in tasks placed per second.
 * <p>
 * {@code agents} agents of 32 CPUs / 128 GiB are filled to {@value #FILL_PERCENT} % of their CPUs with tasks of 1, 2
 * and 4 CPUs (60/30/10 %, 4 GiB per CPU). <b>One operation finishes the {@value #BATCH} oldest running tasks and
 * places a batch of {@value #BATCH} new ones</b>, so the cluster churns at a constant load; the score counts each
 * placed task as one operation ({@code @OperationsPerInvocation}), so it reads in tasks per second. The task sizes
 * come from a seeded ring drawn in the set-up, the same for every engine.
 * <p>
 * Engines ({@code engine}): {@code stowage} (the kernel, {@code BINPACK}, see {@link StowageAllocator}),
 * {@code naive} (a locked list scanned in full for the best fit, see {@link NaiveAllocator}), and Fenzo with its
 * {@code cpuMemBinPacker} (see {@link FenzoAllocator}) in a full scan ({@code fenzoFull}) or accepting the first
 * feasible agent ({@code fenzoFirstFit}), with leases that expire after a second as Mesos offers held too long do,
 * or, with the {@code NeverExpire} suffix, leases held until used.
 * <p>
 * Quality beside speed: at the end of the last measurement iteration the {@link Quality} counters hold the agents
 * running at least one task and the lower bound of that number (the running demand over one agent's size, rounded
 * up), so a faster engine cannot win by packing worse. Every placement must succeed and each engine's accounting
 * must hold at the end of the trial, or the trial throws and (run with {@code -foe true}) gives no number.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class PlacementComparisonBenchmark extends JvmFlags
{
    /** Tasks placed, and tasks finished, per operation. */
    static final int BATCH = 100;
    /** Fraction of the cluster's CPUs, in percent, that runs before and during measurement. */
    static final int FILL_PERCENT = 50;
    /** Length of the ring of precomputed task sizes; a power of two. */
    static final int SIZE_RING_LENGTH = 1 << 16;

    /**
     * @param engine the engine's parameter value.
     * @param agents agents in the cluster.
     * @return a new, empty engine.
     * @throws IllegalArgumentException for an unknown engine.
     */
    static ComparedAllocator allocator(final String engine, final int agents)
    {
        return switch (engine)
        {
            case "stowage" -> new StowageAllocator(agents);
            case "naive" -> new NaiveAllocator(agents);
            case "fenzoFull" -> new FenzoAllocator(
                agents, FenzoAllocator.Scan.FULL, FenzoAllocator.OFFER_EXPIRY_SECS);
            case "fenzoFirstFit" -> new FenzoAllocator(
                agents, FenzoAllocator.Scan.FIRST_FIT, FenzoAllocator.OFFER_EXPIRY_SECS);
            case "fenzoFullNeverExpire" -> new FenzoAllocator(
                agents, FenzoAllocator.Scan.FULL, FenzoAllocator.NEVER_EXPIRE);
            case "fenzoFirstFitNeverExpire" -> new FenzoAllocator(
                agents, FenzoAllocator.Scan.FIRST_FIT, FenzoAllocator.NEVER_EXPIRE);
            default -> throw new IllegalArgumentException("unknown engine: " + engine);
        };
    }

    /** An engine with its cluster filled, and the ring of task sizes to come. */
    @State(Scope.Thread)
    public static class Cluster
    {
        /** The engine and, for Fenzo, its scan and offer regime. */
        @Param({"stowage", "naive", "fenzoFull", "fenzoFirstFit", "fenzoFullNeverExpire", "fenzoFirstFitNeverExpire"})
        public String engine;

        /** Agents in the cluster. */
        @Param({"1000", "10000", "50000"})
        public int agents;

        ComparedAllocator allocator;
        final long[] batchCpu = new long[BATCH];
        final long[] batchMem = new long[BATCH];
        long[] cpuRing;
        long[] memRing;
        int sizeCursor;
        int runningAfterFill;
        long notPlaced;

        /** Builds the engine, fills the cluster and draws the sizes of the tasks to come. */
        @Setup(Level.Trial)
        public void fill()
        {
            final SplittableRandom random = new SplittableRandom(SEED);
            final long target = AGENT_CPU_MILLIS * agents * FILL_PERCENT / 100;
            final int most = (int)(target / MILLIS) + 1;
            final long[] cpu = new long[most];
            final long[] mem = new long[most];
            int count = 0;
            for (long sum = 0; sum < target; count++)
            {
                cpu[count] = drawTaskCpuMillis(random);
                mem[count] = taskMemMillis(cpu[count]);
                sum += cpu[count];
            }
            cpuRing = new long[SIZE_RING_LENGTH];
            memRing = new long[SIZE_RING_LENGTH];
            for (int i = 0; i < SIZE_RING_LENGTH; i++)
            {
                cpuRing[i] = drawTaskCpuMillis(random);
                memRing[i] = taskMemMillis(cpuRing[i]);
            }
            final long start = System.nanoTime();
            allocator = allocator(engine, agents);
            runningAfterFill = allocator.prefill(cpu, mem, count);
            System.out.printf("%n%s filled %,d agents with %,d tasks in %.1f s%n",
                engine, agents, count, (System.nanoTime() - start) / 1e9);
            if (runningAfterFill != count)
            {
                throw new IllegalStateException(
                    engine + " filled " + runningAfterFill + " of " + count + " tasks at " + agents + " agents");
            }
        }

        /**
         * Finishes the oldest batch and places a new one.
         *
         * @return tasks placed.
         */
        int churn()
        {
            allocator.finishOldest(BATCH);
            int cursor = sizeCursor;
            for (int i = 0; i < BATCH; i++)
            {
                batchCpu[i] = cpuRing[cursor];
                batchMem[i] = memRing[cursor];
                cursor = (cursor + 1) & (SIZE_RING_LENGTH - 1);
            }
            sizeCursor = cursor;
            final int placed = allocator.place(batchCpu, batchMem, BATCH);
            notPlaced += BATCH - placed;
            return placed;
        }

        /** Fails the trial if a placement failed or the engine's accounting does not hold; stops its threads. */
        @TearDown(Level.Trial)
        public void verify()
        {
            try
            {
                if (notPlaced != 0 || allocator.runningTasks() != runningAfterFill)
                {
                    throw new IllegalStateException(engine + " at " + agents + " agents left " + notPlaced +
                        " tasks unplaced; running " + allocator.runningTasks() + ", " + runningAfterFill +
                        " after the fill");
                }
                allocator.verify();
            }
            finally
            {
                allocator.close();
            }
        }
    }

    /**
     * Packing quality, as JMH auxiliary counters. JMH sums event counters over iterations, so they are set in the
     * last measurement iteration only: the figures are the state of the cluster at the end of the trial.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Quality
    {
        /** Agents running at least one task. */
        public long agentsInUse;
        /** Running demand over one agent's capacity, rounded up, in the tighter dimension. */
        public long agentsLowerBound;
        /** Batches placed in the iteration; summed over the iterations, the operations measured. */
        public long batches;

        ComparedAllocator observed;
        private int measurementIterationsLeft = -1;
        private boolean last;

        /**
         * Notes whether the coming iteration is the last measurement iteration.
         *
         * @param iteration JMH's parameters of the iteration.
         */
        @Setup(Level.Iteration)
        public void beforeIteration(final IterationParams iteration)
        {
            if (iteration.getType() != IterationType.MEASUREMENT)
            {
                last = false;
                return;
            }
            if (measurementIterationsLeft < 0)
            {
                measurementIterationsLeft = iteration.getCount();
            }
            last = --measurementIterationsLeft == 0;
        }

        /**
         * Records the cluster's state in the last measurement iteration, after its last operation. (The engine comes
         * from the benchmark method, not as a parameter: JMH would give a tear-down parameter its own instance of a
         * thread-scoped state, a second cluster that never churns.)
         */
        @TearDown(Level.Iteration)
        public void afterIteration()
        {
            if (last && observed != null)
            {
                agentsInUse = observed.agentsInUse();
                agentsLowerBound = Math.max(
                    ceilDiv(observed.runningCpuMillis(), AGENT_CPU_MILLIS),
                    ceilDiv(observed.runningMemMillis(), AGENT_MEM_MILLIS));
            }
        }

        private static long ceilDiv(final long x, final long y)
        {
            return (x + y - 1) / y;
        }
    }

    /**
     * Finishes the {@value #BATCH} oldest tasks and places {@value #BATCH} new ones.
     *
     * @param cluster the engine and its cluster.
     * @param quality the packing counters.
     * @return tasks placed.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int placeBatch(final Cluster cluster, final Quality quality)
    {
        quality.observed = cluster.allocator;
        quality.batches++;
        return cluster.churn();
    }
}
