package io.stowage.engine;

import io.stowage.core.Reason;
import io.stowage.core.TaskEndCause;
import io.stowage.core.TaskRecord;

/**
 * Receives the engine's decisions, on the kernel thread, in decision order. Each decision carries a sequence number
 * that grows by one per decision and is the same on replay, so a consumer that persisted the last number it saw can
 * drop duplicates after recovery. Implementations must not block and must not throw (a throw is counted and
 * swallowed).
 */
public interface EngineListener
{
    /**
     * A submitted task was accepted and waits for a round.
     *
     * @param decision      decision sequence number.
     * @param correlationId the caller's id.
     * @param taskId        the task id.
     * @param key           the caller's key of the task, or {@link io.stowage.core.TaskRequest#NO_KEY}.
     */
    default void onQueued(final long decision, final long correlationId, final long taskId, final long key)
    {
    }

    /**
     * An input was refused; nothing changed.
     *
     * @param decision      decision sequence number.
     * @param correlationId the caller's id.
     * @param type          what the input was.
     * @param reason        why it was refused.
     */
    default void onRejected(final long decision, final long correlationId, final EventType type, final Reason reason)
    {
    }

    /**
     * A task was placed: the agent should launch it. The record carries everything a launch needs: the task id, the
     * caller's key, the framework and the resources.
     *
     * @param decision     decision sequence number.
     * @param task         the task; refilled for the next decision, so copy what you keep.
     * @param agentId      the agent's external id.
     * @param agentEpoch   the agent's registration epoch, which its guard checks.
     * @param ingressNanos the ingress time of the input whose processing led to the placement.
     */
    default void onPlaced(
        final long decision, final TaskRecord task, final String agentId, final int agentEpoch,
        final long ingressNanos)
    {
    }

    /**
     * A task ended other than by finishing: a running task ended by the kernel (lost, preempted, revoked, refused by
     * its agent's guard, ended with its framework), which its agent should kill if it still runs; or a pending task
     * withdrawn ({@link TaskEndCause#CANCELLED}), which never ran.
     *
     * @param decision decision sequence number.
     * @param task     the task; refilled for the next decision, so copy what you keep.
     * @param agentId  the agent's external id, or null for a task that never ran.
     * @param cause    why.
     */
    default void onTaskEnded(
        final long decision, final TaskRecord task, final String agentId, final TaskEndCause cause)
    {
    }

    /**
     * An input other than a submit, a heartbeat or a tick was applied. For inputs that hand out an id the id is in
     * {@code id}: the framework id ({@link EventType#REGISTER_FRAMEWORK}), the label id
     * ({@link EventType#INTERN_LABEL}) or the constraint set id ({@link EventType#INTERN_CONSTRAINTS}); otherwise -1.
     *
     * @param decision      decision sequence number.
     * @param correlationId the caller's id.
     * @param type          what the input was.
     * @param id            the id handed out, or -1.
     */
    default void onAccepted(final long decision, final long correlationId, final EventType type, final int id)
    {
    }

    /**
     * An agent was registered: heartbeats and reports from it must carry this epoch.
     *
     * @param decision decision sequence number.
     * @param agentId  the agent's external id.
     * @param epoch    its registration epoch.
     */
    default void onAgentRegistered(final long decision, final String agentId, final int epoch)
    {
    }
}
