package io.stowage.core;

/**
 * Told of the decisions the kernel makes on its own initiative: placements made by an allocation round, and
 * running tasks it ends (lost with their agent, preempted, revoked). Called on the kernel's thread, inside the
 * operation that decided; it must not call back into the kernel.
 */
public interface DecisionListener
{
    /** A listener that ignores everything. */
    DecisionListener NONE = new DecisionListener()
    {
    };

    /**
     * A pending task was placed by an allocation round.
     *
     * @param taskId     the task.
     * @param framework  its framework id.
     * @param agentSlot  the agent it goes to.
     * @param agentEpoch that agent's registration epoch, which the agent checks before launching.
     */
    default void onPlaced(final long taskId, final int framework, final int agentSlot, final int agentEpoch)
    {
    }

    /**
     * A running task was ended by the kernel; its resources are already released.
     *
     * @param taskId    the task.
     * @param framework its framework id.
     * @param agentSlot the agent it ran on.
     * @param cause     why it ended.
     */
    default void onTaskEnded(final long taskId, final int framework, final int agentSlot, final TaskEndCause cause)
    {
    }
}
