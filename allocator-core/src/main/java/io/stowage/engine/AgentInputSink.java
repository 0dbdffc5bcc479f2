package io.stowage.engine;

import io.stowage.core.Reason;

import java.util.Map;

/**
 * The agent-facing inputs of the engine, as the queue tailer (ipc) delivers them after decoding a frame. Each call
 * publishes one event into the ring; time is the ingress time the tailer took, and the origin the queue frame the
 * input was read from (copied into the event and journaled with it; null for an input from no queue). Thread-safe.
 */
public interface AgentInputSink
{
    /**
     * @param agentId      the agent's external id.
     * @param capacity     milli-units per dimension (copied).
     * @param attributes   name to value (not copied; must not change afterwards).
     * @param ingressNanos ingress time.
     * @param origin       the queue frame it was read from, or null.
     */
    void register(
        String agentId, long[] capacity, Map<String, String> attributes, long ingressNanos, InputOrigin origin);

    /**
     * @param agentId      the agent's external id.
     * @param epoch        the registration epoch the agent holds.
     * @param sequence     the agent's update sequence number.
     * @param usage        measured milli-units per dimension (copied), or null for liveness only.
     * @param pressure     explicit pressure flag.
     * @param ingressNanos ingress time.
     * @param origin       the queue frame it was read from, or null.
     */
    void heartbeat(
        String agentId,
        int epoch,
        long sequence,
        long[] usage,
        boolean pressure,
        long ingressNanos,
        InputOrigin origin);

    /**
     * @param agentId      the agent's external id.
     * @param epoch        the registration epoch the agent holds.
     * @param taskId       the task that ended on the agent.
     * @param ingressNanos ingress time.
     * @param origin       the queue frame it was read from, or null.
     */
    void taskFinished(String agentId, int epoch, long taskId, long ingressNanos, InputOrigin origin);

    /**
     * @param agentId      the agent's external id.
     * @param epoch        the registration epoch the agent holds.
     * @param taskId       the task the agent's guard refused to launch.
     * @param reason       why (e.g. {@link Reason#INSUFFICIENT_CAPACITY} or {@link Reason#STALE_EPOCH}).
     * @param ingressNanos ingress time.
     * @param origin       the queue frame it was read from, or null.
     */
    void launchRefused(
        String agentId, int epoch, long taskId, Reason reason, long ingressNanos, InputOrigin origin);
}
