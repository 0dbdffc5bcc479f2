package io.stowage.core;

import org.agrona.collections.LongHashSet;

import java.util.List;

/**
 * Registers the tasks an agent was already running when it registered (see {@link AdoptedTask}): checks the whole
 * set first, so a refused registration changes nothing, then starts each task on the agent through
 * {@link TaskAccounting}, exactly as a placement is accounted. A set that does not fit makes the agent
 * {@link AgentState#OVERCOMMITTED} (it takes nothing until enough ends); it is never refused for that, since the
 * tasks run whatever the kernel says, and never silently accepted as if it fitted.
 */
final class Adoption
{
    private final FrameworkBook frameworks;
    private final TaskLedger ledger;
    private final TaskAccounting accounting;
    private final Oversubscription oversubscription;
    private final RequestChecks checks;
    private final KernelClock clock;
    private final int maxTasks;

    Adoption(
        final FrameworkBook frameworks,
        final TaskLedger ledger,
        final TaskAccounting accounting,
        final Oversubscription oversubscription,
        final RequestChecks checks,
        final KernelClock clock,
        final int maxTasks)
    {
        this.frameworks = frameworks;
        this.ledger = ledger;
        this.accounting = accounting;
        this.oversubscription = oversubscription;
        this.checks = checks;
        this.clock = clock;
        this.maxTasks = maxTasks;
    }

    /**
     * @param running the tasks to adopt.
     * @return {@link Reason#OK}, or why the set is refused: {@link Reason#INVALID_REQUEST} (a null list or task, a
     * malformed resource vector, an unknown label, a negative key), {@link Reason#UNKNOWN_FRAMEWORK},
     * {@link Reason#REVOCABLE_DISABLED}, {@link Reason#DUPLICATE_KEY} (held by a live task or twice in the set) or
     * {@link Reason#TASK_LIMIT}.
     */
    Reason check(final List<AdoptedTask> running)
    {
        if (running == null)
        {
            return Reason.INVALID_REQUEST;
        }
        if (running.isEmpty())
        {
            return Reason.OK;
        }
        final LongHashSet keys = new LongHashSet();
        for (final AdoptedTask task : running)
        {
            final Reason reason = check(task, keys);
            if (reason != Reason.OK)
            {
                return reason;
            }
        }
        return (long)ledger.liveCount() + running.size() > maxTasks ? Reason.TASK_LIMIT : Reason.OK;
    }

    private Reason check(final AdoptedTask task, final LongHashSet keys)
    {
        if (task == null || task.resources() == null || !checks.isValidTask(task.resources(), 0, task.label()) ||
            !RequestChecks.isValidKey(task.key()))
        {
            return Reason.INVALID_REQUEST;
        }
        if (!frameworks.isKnown(task.framework()))
        {
            return Reason.UNKNOWN_FRAMEWORK;
        }
        if (task.revocable() && !oversubscription.isEnabled())
        {
            return Reason.REVOCABLE_DISABLED;
        }
        if (task.key() != TaskRequest.NO_KEY && (ledger.isKeyTaken(task.key()) || !keys.add(task.key())))
        {
            return Reason.DUPLICATE_KEY;
        }
        return Reason.OK;
    }

    /** Starts every task of a checked set on a registered agent, in the set's order (the first is the oldest). */
    void apply(final int slot, final List<AdoptedTask> running)
    {
        for (int i = 0, size = running.size(); i < size; i++)
        {
            final AdoptedTask task = running.get(i);
            final long taskId = ledger.addPending(task.key(), task.framework(), task.priority(), task.label(),
                task.revocable(), 0, clock.now(), task.resources());
            accounting.adopt((int)taskId, slot);
        }
    }
}
