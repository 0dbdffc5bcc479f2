package io.stowage.ipc;

import io.stowage.core.TaskEndCause;

/** Receives the decisions for an agent host's agents from a {@link DecisionTailer}, once each, in decision order. */
public interface DecisionHandler
{
    /**
     * The allocator placed a task on one of the agents: launch it if it fits.
     *
     * @param decision  the decision sequence number.
     * @param taskId    the task.
     * @param taskKey   the scheduler's key of the task, or -1 for none.
     * @param framework its framework id.
     * @param agentId   the agent.
     * @param epoch     the agent registration epoch the placement was made for.
     * @param resources milli-units per dimension; reused for the next decision, so copy what must be kept.
     */
    void onLaunch(
        long decision, long taskId, long taskKey, int framework, String agentId, int epoch, long[] resources);

    /**
     * The allocator ended a task on one of the agents: kill it if it runs.
     *
     * @param decision  the decision sequence number.
     * @param taskId    the task.
     * @param taskKey   the scheduler's key of the task, or -1 for none.
     * @param framework its framework id.
     * @param agentId   the agent.
     * @param cause     why.
     */
    void onKill(long decision, long taskId, long taskKey, int framework, String agentId, TaskEndCause cause);
}
