package io.stowage.core;

import java.util.Arrays;

/**
 * A task already running on an agent when the agent is registered with it ({@code AllocatorKernel.registerAgent}
 * with a list of running tasks): the scheduler rebuilding the kernel from its own records
 * after a restart, or taking over an agent that was running work. The kernel accounts for it exactly as for a task it
 * placed itself: on the agent, its framework and role, the cluster totals and the constraint tallies of its label.
 *
 * @param framework the framework id it belongs to.
 * @param key       the caller's key, or {@link TaskRequest#NO_KEY}; unique among live tasks like any key.
 * @param resources what it holds, milli-units per dimension (not copied: do not change it after passing it).
 * @param priority  its priority (preemption may end it for a higher one).
 * @param revocable true if it runs on revocable (oversubscribed) resources.
 * @param label     its label id from {@link AllocatorKernel#internLabel}, 0 for none.
 */
public record AdoptedTask(int framework, long key, long[] resources, int priority, boolean revocable, int label)
{
    /**
     * A non-revocable task of priority 0 with no label.
     *
     * @param framework the framework id.
     * @param key       the caller's key, or {@link TaskRequest#NO_KEY}.
     * @param resources milli-units per dimension.
     * @return the task.
     */
    public static AdoptedTask of(final int framework, final long key, final long[] resources)
    {
        return new AdoptedTask(framework, key, resources, 0, false, 0);
    }

    @Override
    public String toString()
    {
        return "AdoptedTask{framework=" + framework + ", key=" + key + ", resources=" + Arrays.toString(resources) +
            ", priority=" + priority + (revocable ? ", revocable" : "") + ", label=" + label + "}";
    }
}
