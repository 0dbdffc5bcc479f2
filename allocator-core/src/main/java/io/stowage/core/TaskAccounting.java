package io.stowage.core;

import static io.stowage.core.AgentTableDescriptor.ALLOCATED;
import static io.stowage.core.AgentTableDescriptor.REVOCABLE;

/**
 * The task lifecycle's books: starting a task adds exactly its resources to its agent, framework, role and the
 * cluster totals; ending it (finished, refused by the agent's guard, lost, preempted, revoked) takes exactly the same
 * amounts back. Every start and end tells the constraint views and the allocation round, and refreshes the agent's
 * index leaves, so no other class adjusts an allocation.
 */
final class TaskAccounting
{
    /** Told when a framework's allocation changes, so a running round can re-key it. */
    interface AllocationObserver
    {
        void onAllocationChanged(int framework);
    }

    private final AgentTable agents;
    private final TaskLedger ledger;
    private final FrameworkBook frameworks;
    private final RoleBook roles;
    private final ConstraintViews views;
    private final IndexUpkeep upkeep;
    private final ClusterTotals totals;
    private final KernelCounters counters;
    private final KernelClock clock;
    private final DecisionListener listener;
    private final int dimensions;
    private final long[] scratchRequest;
    private final TaskRecord record;
    private AllocationObserver observer;

    TaskAccounting(
        final AgentTable agents,
        final TaskLedger ledger,
        final FrameworkBook frameworks,
        final RoleBook roles,
        final ConstraintViews views,
        final IndexUpkeep upkeep,
        final ClusterTotals totals,
        final KernelCounters counters,
        final KernelClock clock,
        final DecisionListener listener,
        final int dimensions)
    {
        this.agents = agents;
        this.ledger = ledger;
        this.frameworks = frameworks;
        this.roles = roles;
        this.views = views;
        this.upkeep = upkeep;
        this.totals = totals;
        this.counters = counters;
        this.clock = clock;
        this.listener = listener;
        this.dimensions = dimensions;
        this.scratchRequest = new long[dimensions];
        this.record = new TaskRecord(dimensions);
    }

    /** Sets the round to tell of allocation changes; the kernel does so once, before any task starts. */
    void observer(final AllocationObserver observer)
    {
        this.observer = observer;
    }

    /** Starts a pending task on an agent at the kernel's clock and refreshes the agent. */
    void start(final int task, final int slot)
    {
        start(task, slot, true);
    }

    /**
     * Starts a task the agent was already running when it registered: accounted like a placement, but not counted as
     * one (the kernel did not place it); refreshes the agent, which is {@link AgentState#OVERCOMMITTED} if its
     * adopted tasks do not fit.
     */
    void adopt(final int task, final int slot)
    {
        start(task, slot, false);
        counters.onAdopted();
    }

    private void start(final int task, final int slot, final boolean placement)
    {
        final boolean revocable = ledger.isRevocable(task);
        final int vector = revocable ? REVOCABLE : ALLOCATED;
        final int framework = ledger.framework(task);
        final int role = frameworks.role(framework);
        for (int d = 0; d < dimensions; d++)
        {
            final long amount = ledger.resource(task, d);
            agents.add(slot, vector, d, amount);
            scratchRequest[d] = amount;
            if (!revocable)
            {
                roles.add(role, d, amount);
                totals.addAllocated(d, amount);
            }
        }
        agents.taskCount(slot, agents.taskCount(slot) + 1);
        ledger.start(task, slot, clock.now());
        views.onTaskStarted(framework, ledger.label(task), slot);
        frameworks.onStarted(framework, scratchRequest, revocable, placement);
        observer.onAllocationChanged(framework);
        if (placement)
        {
            counters.onPlaced();
        }
        upkeep.refreshAgent(slot);
    }

    /** Starts a pending task on an agent chosen for it by a round and reports the placement to the listener. */
    void startPending(final int task, final int slot)
    {
        start(task, slot);
        record.fill(ledger, task);
        listener.onPlaced(record, agents.epoch(slot));
    }

    /**
     * Ends a running task and releases exactly what it held.
     *
     * @return {@link Reason#OK} or {@link Reason#UNKNOWN_TASK}.
     */
    Reason finish(final long taskId)
    {
        final int task = ledger.slotOf(taskId);
        if (task == TaskLedger.NONE)
        {
            return counters.refuse(Reason.UNKNOWN_TASK);
        }
        final int slot = ledger.agent(task);
        release(task);
        views.onTaskEnded(ledger.framework(task), ledger.label(task), slot);
        ledger.remove(task);
        counters.onFinished();
        upkeep.refreshAgent(slot);
        return Reason.OK;
    }

    /**
     * The agent's guard refused a placed task: release it and report it as {@link TaskEndCause#LAUNCH_REFUSED}.
     *
     * @return {@link Reason#OK}, {@link Reason#UNKNOWN_TASK}, or {@link Reason#UNKNOWN_AGENT} if the task is not on
     * that agent.
     */
    Reason launchRefused(final long taskId, final int slot)
    {
        final int task = ledger.slotOf(taskId);
        if (task == TaskLedger.NONE)
        {
            return counters.refuse(Reason.UNKNOWN_TASK);
        }
        if (ledger.agent(task) != slot)
        {
            return counters.refuse(Reason.UNKNOWN_AGENT);
        }
        end(task, TaskEndCause.LAUNCH_REFUSED);
        upkeep.refreshAgent(slot);
        return Reason.OK;
    }

    /** Ends a running task on the kernel's initiative and reports it; refreshes nothing (callers do). */
    void end(final int task, final TaskEndCause cause)
    {
        final int framework = ledger.framework(task);
        final int slot = ledger.agent(task);
        record.fill(ledger, task);
        release(task);
        views.onTaskEnded(framework, ledger.label(task), slot);
        ledger.remove(task);
        counters.onEnded(cause);
        frameworks.countEnded(framework, cause);
        observer.onAllocationChanged(framework);
        listener.onTaskEnded(record, cause);
    }

    /**
     * Withdraws a pending task: out of its framework's queue and the ledger, counted and reported as
     * {@link TaskEndCause#CANCELLED}. It held nothing, so nothing is released.
     */
    void cancelPending(final int task)
    {
        final int framework = ledger.framework(task);
        frameworks.queue(framework).remove(task, ledger.priority(task));
        record.fill(ledger, task);
        ledger.remove(task);
        counters.onEnded(TaskEndCause.CANCELLED);
        frameworks.countEnded(framework, TaskEndCause.CANCELLED);
        listener.onTaskEnded(record, TaskEndCause.CANCELLED);
    }

    /**
     * Cancels a pending task by id.
     *
     * @return {@link Reason#OK}, {@link Reason#UNKNOWN_TASK}, or {@link Reason#TASK_RUNNING} if it was placed.
     */
    Reason cancel(final long taskId)
    {
        final int task = ledger.liveSlotOf(taskId);
        if (task == TaskLedger.NONE)
        {
            return counters.refuse(Reason.UNKNOWN_TASK);
        }
        if (ledger.isRunning(task))
        {
            counters.countRefusal(ledger.framework(task), Reason.TASK_RUNNING);
            return Reason.TASK_RUNNING;
        }
        cancelPending(task);
        return Reason.OK;
    }

    private void release(final int task)
    {
        final int slot = ledger.agent(task);
        final int framework = ledger.framework(task);
        final int role = frameworks.role(framework);
        final boolean revocable = ledger.isRevocable(task);
        final int vector = revocable ? REVOCABLE : ALLOCATED;
        for (int d = 0; d < dimensions; d++)
        {
            final long amount = ledger.resource(task, d);
            agents.add(slot, vector, d, -amount);
            frameworks.onReleased(framework, d, amount, revocable);
            if (!revocable)
            {
                roles.add(role, d, -amount);
                totals.addAllocated(d, -amount);
            }
        }
        agents.taskCount(slot, agents.taskCount(slot) - 1);
        frameworks.onEnded(framework);
    }
}
