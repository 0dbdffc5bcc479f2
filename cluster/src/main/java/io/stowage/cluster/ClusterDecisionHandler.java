package io.stowage.cluster;

/**
 * Receives what the cluster tells a {@link ClusterAllocatorClient}, on the thread that calls
 * {@link ClusterAllocatorClient#poll()}. Decisions arrive in number order, each exactly once, across leader changes
 * and reconnections.
 */
@FunctionalInterface
public interface ClusterDecisionHandler
{
    /**
     * The next decision.
     *
     * @param decision the decision, valid only during the call.
     */
    void onDecision(ClusterDecision decision);

    /**
     * The answer to {@link ClusterAllocatorClient#askState(long)}.
     *
     * @param correlationId the question's correlation id.
     * @param lastDecision  the last decision made when the question was applied.
     * @param stateHash     the kernel's state hash then.
     * @param logPosition   the log position of the question.
     */
    default void onState(final long correlationId, final long lastDecision, final long stateHash,
        final long logPosition)
    {
    }

    /**
     * The cluster refused a message as malformed; nothing changed.
     *
     * @param correlationId the input sequence or correlation id of the refused message, 0 if unreadable.
     * @param code          {@link ClusterMessageError#code()}.
     */
    default void onRefused(final long correlationId, final int code)
    {
    }
}
