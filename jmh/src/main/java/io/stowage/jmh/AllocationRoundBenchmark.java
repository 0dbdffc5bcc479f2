package io.stowage.jmh;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.Decision;
import io.stowage.core.DecisionKind;
import io.stowage.core.KernelConfig;
import io.stowage.core.PlacementPolicy;
import io.stowage.core.TaskRequest;
import org.openjdk.jmh.annotations.AuxCounters;
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

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static io.stowage.jmh.ClusterShape.*;

/**
 * One allocation round that places 100,000 pending tasks from 100 frameworks (in 10 roles) onto 10,000 agents of
 * 32 CPUs / 128 GiB (tasks of 1, 2 or 4 CPUs, about half the cluster in all), against the same 100,000 tasks placed
 * one by one with {@link AllocatorKernel#place} in submission order: the round's DRF ordering, quota checks and
 * queue upkeep on top of plain placement. Each invocation starts from a fresh kernel with the tasks already
 * submitted; the score is the time of one round (or of the 100,000 plain placements), so per-decision cost is the
 * score divided by 100,000, and the ratio of the two is the round's overhead.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
public class AllocationRoundBenchmark extends JvmFlags
{
    /** Pending tasks per round. */
    static final int TASKS = 100_000;
    /** Frameworks submitting them. */
    static final int FRAMEWORKS = 100;
    /** Roles the frameworks are spread over. */
    static final int ROLES = 10;

    /** A fresh kernel with agents registered, and the tasks drawn. */
    @State(Scope.Thread)
    public abstract static class Cluster
    {
        /** Registered agents. */
        @Param({"10000"})
        public int agents;

        /** Placement policy. */
        @Param({"BINPACK", "SPREAD"})
        public PlacementPolicy policy;

        AllocatorKernel kernel;
        TaskRequest request;
        final Decision decision = new Decision();
        long[] cpus;
        int[] frameworkOfTask;

        @Setup(Level.Trial)
        public void drawTasks()
        {
            final SplittableRandom random = new SplittableRandom(SEED);
            cpus = new long[TASKS];
            frameworkOfTask = new int[TASKS];
            for (int i = 0; i < TASKS; i++)
            {
                cpus[i] = drawTaskCpuMillis(random);
                frameworkOfTask[i] = i % FRAMEWORKS;
            }
        }

        void buildCluster()
        {
            kernel = new AllocatorKernel(KernelConfig.builder(schema()).placement(policy).maxAgents(agents)
                .maxTasks(TASKS * 2).build());
            for (int r = 0; r < ROLES; r++)
            {
                kernel.setRole("role-" + r, 1 + r % 3, null, null);
            }
            for (int f = 0; f < FRAMEWORKS; f++)
            {
                kernel.registerFramework("framework-" + f, "role-" + (f % ROLES), -1, 0, -1);
            }
            final Map<String, String> attributes = Map.of("zone", "z1");
            for (int a = 0; a < agents; a++)
            {
                kernel.registerAgent(a, agentCapacity(), attributes, 0);
            }
            request = new TaskRequest(kernel.schema());
        }

        void submitAll()
        {
            for (int i = 0; i < TASKS; i++)
            {
                request.reset(frameworkOfTask[i]).resource(CPUS, cpus[i]).resource(MEM, taskMemMillis(cpus[i]));
                if (kernel.submit(request, 0, decision).kind() != DecisionKind.QUEUED)
                {
                    throw new IllegalStateException("submit " + i + " refused: " + decision);
                }
            }
        }

        @TearDown(Level.Invocation)
        public void check()
        {
            if (kernel.view().runningTaskCount() != TASKS)
            {
                throw new IllegalStateException("placed " + kernel.view().runningTaskCount() + " of " + TASKS);
            }
            KernelInvariants.check(kernel, "after the invocation");
        }
    }

    /** Placements made, for the record beside the time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Placed
    {
        /** Tasks placed in the invocation. */
        public long placements;
    }

    /** A fresh cluster whose tasks are all submitted and pending, outside the measurement. */
    @State(Scope.Thread)
    public static class PendingCluster extends Cluster
    {
        @Setup(Level.Invocation)
        public void prepare()
        {
            buildCluster();
            submitAll();
        }
    }

    /** A fresh cluster with nothing submitted: the tasks are placed directly. */
    @State(Scope.Thread)
    public static class EmptyCluster extends Cluster
    {
        @Setup(Level.Invocation)
        public void prepare()
        {
            buildCluster();
        }
    }

    /**
     * @return tasks placed by one allocation round over 100,000 pending tasks.
     */
    @Benchmark
    public int allocationRound(final PendingCluster cluster, final Placed placed)
    {
        final int count = cluster.kernel.allocate(1);
        placed.placements += count;
        return count;
    }

    /**
     * @return tasks placed one by one, with no queue and no fairness ordering: the baseline.
     */
    @Benchmark
    public int plainPlacement(final EmptyCluster cluster, final Placed placed)
    {
        int count = 0;
        final AllocatorKernel kernel = cluster.kernel;
        final TaskRequest request = cluster.request;
        for (int i = 0; i < TASKS; i++)
        {
            final long cpu = cluster.cpus[i];
            request.reset(cluster.frameworkOfTask[i]).resource(CPUS, cpu).resource(MEM, taskMemMillis(cpu));
            if (kernel.place(request, 1, cluster.decision).isPlaced())
            {
                count++;
            }
        }
        placed.placements += count;
        return count;
    }
}
