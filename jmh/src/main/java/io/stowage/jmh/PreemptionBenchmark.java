package io.stowage.jmh;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.TaskRecord;
import io.stowage.core.Decision;
import io.stowage.core.DecisionKind;
import io.stowage.core.DecisionListener;
import io.stowage.core.KernelConfig;
import io.stowage.core.Reason;
import io.stowage.core.TaskEndCause;
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

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static io.stowage.jmh.ClusterShape.*;

/**
 * Preemption on a full cluster, through the kernel's public API: {@code agents} agents of 32 CPUs / 128 GiB each run
 * 32 tasks of 1 CPU and 4 GiB, of priorities 0 to 3 drawn at random, so that no agent has room for anything. Each
 * operation submits a task of priority 10 and 2 or 4 CPUs (70/30 %, from a ring precomputed in setup) and runs one
 * allocation round, which must preempt: the task fits nowhere, and the rule takes the youngest tasks of the lowest
 * priority on the agent whose highest victim priority is lowest, then with the fewest victims, then the earliest
 * registered. Then the operation restores the churn: it finishes the preempting task and places one task of 1 CPU for
 * each victim (priorities from a second ring), which can only go where the victims were, so the cluster is full
 * again.
 * <p>
 * <b>One operation is one preempting placement</b> (submit, a round with its preemption, the finish and the
 * replacements): the score in ops/s is preempting placements per second. Two victims or more per decision keep the
 * old scan from stopping at the first agent (it stops only at one victim of the lowest priority ever started), as
 * in the simulator, where a large task displaces several small ones.
 * <p>
 * At the end of each trial every operation must have placed its task by preempting at least one victim, every
 * replacement must have been placed, the running count must be what it was after the fill and the kernel must pass
 * the invariant checker; otherwise the trial throws (run with {@code -foe true} to fail the run).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PreemptionBenchmark extends JvmFlags
{
    /** Priority of the preempting tasks, above every running task's. */
    static final int PREEMPTOR_PRIORITY = 10;
    /** Running priorities are 0 to this minus one. */
    static final int RUNNING_PRIORITIES = 4;
    /** Length of the rings of precomputed sizes and priorities; a power of two. */
    static final int RING_LENGTH = 1 << 16;
    /** Ring mask, for wrapping the cursors. */
    static final int RING_MASK = RING_LENGTH - 1;
    /** Event-time step between operations; the kernel only records it. */
    static final long TIME_STEP_NANOS = 1_000;
    /** The most victims one operation may see (4 CPUs of 1-CPU tasks). */
    static final int MAX_VICTIMS = 4;

    /** A full cluster, the rings of what comes next, and what the last operation saw. */
    @State(Scope.Thread)
    public static class Cluster implements DecisionListener
    {
        /** Registered agents. */
        @Param({"1000", "10000", "100000"})
        public int agents;

        AllocatorKernel kernel;
        TaskRequest request;
        final Decision decision = new Decision();
        long[] preemptorCpuRing;
        int[] priorityRing;
        int preemptorCursor;
        int priorityCursor;
        long timeNanos;
        int runningAfterFill;
        /** Milli-CPUs of each running task by ledger slot (the low 32 bits of its id). */
        long[] cpuOfTask;
        final long[] victimCpu = new long[MAX_VICTIMS + 1];
        int victims;
        long placedTaskId;
        int placedAgent;
        long operations;
        long failures;
        long victimsTotal;

        /** Registers the agents, fills every one of them and precomputes the rings. */
        @Setup(Level.Trial)
        public void fill()
        {
            final int perAgent = (int)(AGENT_CPU_MILLIS / MILLIS);
            kernel = new AllocatorKernel(KernelConfig.builder(schema())
                .preemption(true)
                .maxAgents(agents)
                .maxTasks(agents * perAgent + 16)
                .build(), this);
            final int framework = kernel.registerFramework("bench");
            request = new TaskRequest(kernel.schema()).reset(framework);
            cpuOfTask = new long[agents * perAgent + 16];
            final long[] capacity = agentCapacity();
            final Map<String, String> attributes = Map.of("zone", "z0");
            for (int i = 0; i < agents; i++)
            {
                KernelInvariants.requireOk(kernel.registerAgent(i, capacity, attributes, 0), "register agent " + i);
            }
            final SplittableRandom random = new SplittableRandom(SEED);
            for (int i = 0; i < agents * perAgent; i++)
            {
                place(MILLIS, random.nextInt(RUNNING_PRIORITIES));
                if (!decision.isPlaced())
                {
                    throw new IllegalStateException("fill: task " + i + " not placed: " + decision);
                }
            }
            runningAfterFill = kernel.view().runningTaskCount();
            preemptorCpuRing = new long[RING_LENGTH];
            priorityRing = new int[RING_LENGTH];
            for (int i = 0; i < RING_LENGTH; i++)
            {
                preemptorCpuRing[i] = random.nextInt(10) < 7 ? 2 * MILLIS : 4 * MILLIS;
                priorityRing[i] = random.nextInt(RUNNING_PRIORITIES);
            }
            KernelInvariants.check(kernel, "after the fill at " + agents + " agents");
        }

        /** Fails the trial if an operation did not preempt or the kernel's accounting does not hold. */
        @TearDown(Level.Trial)
        public void verify()
        {
            if (failures != 0)
            {
                throw new IllegalStateException(failures + " of " + operations + " operations did not place their " +
                    "task by preemption or could not restore the cluster, at " + agents + " agents");
            }
            if (kernel.view().runningTaskCount() != runningAfterFill)
            {
                throw new IllegalStateException(
                    "running " + kernel.view().runningTaskCount() + " tasks, expected " + runningAfterFill);
            }
            if (kernel.view().endedTasks(TaskEndCause.PREEMPTED) != victimsTotal || victimsTotal < operations)
            {
                throw new IllegalStateException(victimsTotal + " victims seen, " +
                    kernel.view().endedTasks(TaskEndCause.PREEMPTED) + " preempted, " + operations + " operations");
            }
            KernelInvariants.check(kernel, "after the trial at " + agents + " agents");
        }

        /** Places one task of the given CPUs (and 4 GiB per CPU) and records its size. */
        void place(final long cpu, final int priority)
        {
            request.resource(CPUS, cpu).resource(MEM, taskMemMillis(cpu)).priority(priority);
            if (kernel.place(request, timeNanos += TIME_STEP_NANOS, decision).isPlaced())
            {
                cpuOfTask[(int)decision.taskId()] = cpu;
            }
        }

        @Override
        public void onPlaced(final TaskRecord task, final int epoch)
        {
            final long taskId = task.taskId();
            final int framework = task.framework();
            final int agentSlot = task.agentSlot();
            placedTaskId = taskId;
            placedAgent = agentSlot;
        }

        @Override
        public void onTaskEnded(final TaskRecord task, final TaskEndCause cause)
        {
            final long taskId = task.taskId();
            final int framework = task.framework();
            final int agentSlot = task.agentSlot();
            if (cause == TaskEndCause.PREEMPTED && victims < victimCpu.length)
            {
                victimCpu[victims++] = cpuOfTask[(int)taskId];
            }
            else
            {
                failures++;
            }
        }
    }

    /**
     * Submits a task that fits nowhere, places it by preemption in one allocation round, then finishes it and
     * replaces its victims.
     *
     * @param c the cluster.
     * @return the agent the task went to.
     */
    @Benchmark
    public int preemptAndPlace(final Cluster c)
    {
        final AllocatorKernel kernel = c.kernel;
        final int cursor = c.preemptorCursor;
        c.preemptorCursor = (cursor + 1) & RING_MASK;
        final long cpu = c.preemptorCpuRing[cursor];
        c.request.resource(CPUS, cpu).resource(MEM, taskMemMillis(cpu)).priority(PREEMPTOR_PRIORITY);
        c.operations++;
        if (kernel.submit(c.request, c.timeNanos += TIME_STEP_NANOS, c.decision).kind() != DecisionKind.QUEUED)
        {
            c.failures++;
            return -1;
        }
        c.victims = 0;
        c.placedTaskId = -1;
        if (kernel.allocate(c.timeNanos += TIME_STEP_NANOS) != 1 || c.victims == 0 ||
            kernel.finish(c.placedTaskId) != Reason.OK)
        {
            c.failures++;
            return -1;
        }
        c.victimsTotal += c.victims;
        for (int i = 0; i < c.victims; i++)
        {
            final int p = c.priorityCursor;
            c.priorityCursor = (p + 1) & RING_MASK;
            c.place(c.victimCpu[i], c.priorityRing[p]);
            if (!c.decision.isPlaced())
            {
                c.failures++;
            }
        }
        return c.placedAgent;
    }
}
