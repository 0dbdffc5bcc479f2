package io.stowage.sim.demo;

import io.stowage.core.AgentState;
import io.stowage.core.AllocatorKernel;
import io.stowage.core.Decision;
import io.stowage.core.DecisionKind;
import io.stowage.core.InvariantChecker;
import io.stowage.core.Reason;
import io.stowage.core.TaskRequest;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A small built-in demo of the allocator kernel, until the full simulator exists: registers simulated agents, then
 * runs a loop of simulated time in which one task request arrives each millisecond, a quarter as many running tasks
 * finish, agents heartbeat, an operator drains some agents, removes some (their tasks are lost) and one host
 * shrinks. The invariant checker runs every {@link DemoSettings#checkEvery()} kernel operations and at the end.
 * <p>
 * Everything random comes from the seed, so the same settings give the same decisions and state hash.
 */
public final class KernelDemo
{
    /** Simulated time between two task requests. */
    static final long STEP_NANOS = 1_000_000L;
    private static final int FINISH_PERCENT = 25;
    private static final int STALE_HEARTBEAT_EVERY = 1_000;

    private final DemoSettings settings;
    private final SplittableRandom random;
    private final DemoCluster cluster;
    private final AllocatorKernel kernel;
    private final DemoWorkload workload;
    private final DemoReport report;
    private final TaskRequest request = new TaskRequest(DemoCluster.SCHEMA);
    private final Decision decision = new Decision();
    private final int drainsPlanned;
    private final int removalsPlanned;
    private final int drainEvery;
    private final int removeEvery;
    private int drains;
    private int removals;
    private CapacityShrink shrink;
    private long operations;
    private long checkNanos;
    private int step = -1;

    private KernelDemo(final DemoSettings settings)
    {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
        this.cluster = new DemoCluster(settings, random.split());
        this.kernel = cluster.kernel();
        this.workload = new DemoWorkload(kernel, random.split());
        this.report = new DemoReport(settings);
        this.drainsPlanned = Math.max(1, settings.agents() / 100);
        this.removalsPlanned = Math.max(1, settings.agents() / 200);
        this.drainEvery = Math.max(1, settings.tasks() / (drainsPlanned + 1));
        this.removeEvery = Math.max(1, settings.tasks() / (removalsPlanned + 1));
    }

    /**
     * Runs the demo.
     *
     * @param settings what to run.
     * @return what happened.
     */
    public static DemoReport run(final DemoSettings settings)
    {
        return new KernelDemo(settings).run();
    }

    private DemoReport run()
    {
        for (int i = 0; i < settings.agents(); i++)
        {
            cluster.registerAgent(0);
            afterOperation(Operation.REGISTER);
        }
        check(Operation.REGISTER);

        long timeNanos = 0;
        final long checkNanosBefore = checkNanos;
        final long start = System.nanoTime();
        for (step = 0; step < settings.tasks() && !report.hasViolations(); step++)
        {
            timeNanos += STEP_NANOS;
            operatorActions(timeNanos);
            heartbeat(timeNanos);
            arrive(timeNanos);
            if (random.nextInt(100) < FINISH_PERCENT && workload.finishRandom())
            {
                report.finished++;
                afterOperation(Operation.FINISH);
            }
            watchShrunkAgent();
        }
        report.loopNanos = System.nanoTime() - start - (checkNanos - checkNanosBefore);
        report.simulatedNanos = timeNanos;

        if (!report.hasViolations())
        {
            check(Operation.END);
        }
        crossCheck();
        report.finish(cluster, shrink);
        return report;
    }

    /**
     * Spreads over the run: one drain per hundred agents, one removal (with a replacement) per two hundred, and one
     * capacity shrink half way.
     */
    private void operatorActions(final long timeNanos)
    {
        if (drains < drainsPlanned && step % drainEvery == drainEvery - 1)
        {
            if (cluster.drainRandom(shrinkSlot()) >= 0)
            {
                afterOperation(Operation.DRAIN);
            }
            drains++;
        }
        if (removals < removalsPlanned && step % removeEvery == removeEvery / 2)
        {
            if (cluster.removeAndReplace(timeNanos, shrinkSlot()))
            {
                afterOperation(Operation.REMOVE);
                afterOperation(Operation.REGISTER);
            }
            removals++;
        }
        if (step == settings.tasks() / 2)
        {
            shrink = cluster.shrinkMostLoaded();
            if (shrink != null)
            {
                afterOperation(Operation.SHRINK);
            }
        }
    }

    private void heartbeat(final long timeNanos)
    {
        final boolean stale = step % STALE_HEARTBEAT_EVERY == STALE_HEARTBEAT_EVERY - 1;
        final Reason reason = cluster.heartbeat(stale, timeNanos);
        afterOperation(Operation.HEARTBEAT);
        if (reason == (stale ? Reason.STALE_UPDATE : Reason.OK))
        {
            if (stale)
            {
                report.staleHeartbeats++;
            }
            else
            {
                report.heartbeats++;
            }
        }
        else
        {
            report.violation(where(Operation.HEARTBEAT) + ": a " + (stale ? "stale" : "fresh") +
                " heartbeat was answered " + reason);
        }
    }

    private void arrive(final long timeNanos)
    {
        final TaskShape shape = workload.next(request);
        final boolean shrunkOvercommitted = shrink != null && kernel.agentState(shrink.slot()) == AgentState.OVERCOMMITTED;
        kernel.place(request, timeNanos, decision);
        afterOperation(Operation.PLACE);
        report.decided(shape, decision);
        if (decision.isPlaced())
        {
            workload.started(decision.taskId());
            if (shrunkOvercommitted && decision.agentSlot() == shrink.slot())
            {
                report.violation(where(Operation.PLACE) + ": task " + decision.taskId() +
                    " was placed on overcommitted agent " + shrink.agentId());
            }
        }
        final String unexpected = unexpected(shape, decision);
        if (unexpected != null)
        {
            report.violation(where(Operation.PLACE) + ": a " + shape + " request was answered " + decision +
                ", expected " + unexpected);
        }
    }

    /** @return what the kernel should have answered to a request of this shape, if it answered something else. */
    private static String unexpected(final TaskShape shape, final Decision decision)
    {
        switch (shape)
        {
            case ALL_ZERO:
                return decision.reason() == Reason.INVALID_REQUEST ? null : "REJECTED(INVALID_REQUEST)";
            case UNKNOWN_FRAMEWORK:
                return decision.reason() == Reason.UNKNOWN_FRAMEWORK ? null : "REJECTED(UNKNOWN_FRAMEWORK)";
            case REVOCABLE:
                return decision.reason() == Reason.REVOCABLE_DISABLED ? null : "REJECTED(REVOCABLE_DISABLED)";
            case OVERSIZED:
                return decision.kind() == DecisionKind.NOT_PLACEABLE ? null : "NOT_PLACEABLE";
            default:
                return decision.kind() == DecisionKind.REJECTED ? "PLACED or NOT_PLACEABLE" : null;
        }
    }

    private void watchShrunkAgent()
    {
        if (shrink != null && report.shrinkRecoveredAtStep < 0 && shrink.state() == AgentState.OVERCOMMITTED &&
            kernel.agentState(shrink.slot()) != AgentState.OVERCOMMITTED)
        {
            report.shrinkRecoveredAtStep = step;
        }
    }

    private int shrinkSlot()
    {
        return shrink == null ? -1 : shrink.slot();
    }

    private void afterOperation(final Operation operation)
    {
        operations++;
        if (operations % settings.checkEvery() == 0)
        {
            check(operation);
        }
    }

    private void check(final Operation operation)
    {
        final long start = System.nanoTime();
        final List<String> violations = InvariantChecker.check(kernel);
        report.checks++;
        for (final String violation : violations)
        {
            report.violation(where(operation) + ": " + violation);
        }
        checkNanos += System.nanoTime() - start;
    }

    /** Compares the demo's own counts with the kernel's counters. */
    private void crossCheck()
    {
        compare("placements", report.placed, kernel.placements());
        compare("finishes", report.finished, kernel.finishes());
        compare("tasks lost (listener)", cluster.lostTasks(), kernel.lostTasks());
        compare("running tasks", report.placed - report.finished - cluster.lostTasks(), kernel.runningTaskCount());
        compare("heartbeats applied", report.heartbeats, kernel.heartbeats());
        compare("stale updates", report.staleHeartbeats, kernel.staleUpdates());
    }

    private void compare(final String what, final long demo, final long kernelCount)
    {
        if (demo != kernelCount)
        {
            report.violation("accounting: the demo counts " + demo + " " + what + ", the kernel " + kernelCount);
        }
    }

    private String where(final Operation operation)
    {
        return "after kernel operation #" + operations + " (" + operation + (step >= 0 ? ", step " + step : "") +
            ", seed " + settings.seed() + ")";
    }

    /** The kinds of kernel operation the demo performs, to say where a check failed. */
    private enum Operation
    {
        REGISTER, HEARTBEAT, PLACE, FINISH, DRAIN, REMOVE, SHRINK, END
    }
}
