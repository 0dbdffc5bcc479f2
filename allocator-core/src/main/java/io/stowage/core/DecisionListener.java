package io.stowage.core;

/**
 * Told of the decisions the kernel makes on its own initiative or that end a task other than by finishing: placements
 * made by an allocation round, running tasks it ends (lost with their agent, preempted, revoked, refused by their
 * agent's guard, ended with their framework) and pending tasks withdrawn (cancelled). Called on the kernel's thread,
 * inside the operation that decided; it must not call back into the kernel. Each call carries a {@link TaskRecord}
 * with the task's key and resources; the record is refilled for the next call, so copy what you keep.
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
     * @param task       the task, its agent slot included; valid during the call only.
     * @param agentEpoch that agent's registration epoch, which the agent checks before launching.
     */
    default void onPlaced(final TaskRecord task, final int agentEpoch)
    {
    }

    /**
     * A task ended other than by finishing; its resources are already released. A task cancelled while pending has
     * agent slot -1.
     *
     * @param task  the task; valid during the call only.
     * @param cause why it ended.
     */
    default void onTaskEnded(final TaskRecord task, final TaskEndCause cause)
    {
    }
}
