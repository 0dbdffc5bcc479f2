package io.stowage.examples;

import io.stowage.core.Reason;
import io.stowage.core.ResourceSchema;
import io.stowage.core.TaskEndCause;
import io.stowage.ipc.AgentGuard;
import io.stowage.ipc.AgentPublisher;
import io.stowage.ipc.DecisionHandler;

/**
 * The agent side of the decision stream in {@link AgentProcess}: each launch must pass the agent's guard, which
 * refuses what would not fit what the agent really holds; a refusal is reported back so that the allocator releases
 * the task. A task that passes runs, here for no time at all, and is reported finished.
 */
final class GuardedLauncher implements DecisionHandler
{
    private final AgentPublisher publisher;
    private final AgentGuard guard;
    private final ResourceSchema schema;
    boolean finished;

    GuardedLauncher(final AgentPublisher publisher, final AgentGuard guard, final ResourceSchema schema)
    {
        this.publisher = publisher;
        this.guard = guard;
        this.schema = schema;
    }

    @Override
    public void onLaunch(final long decision, final long taskId, final long taskKey, final int framework,
        final String agentId, final int epoch, final long[] resources)
    {
        final Reason reason = guard.admit(taskId, epoch, resources);
        System.out.println(agentId + ": launch of a task of " + schema.formatWithUnits(resources) + ": " + reason);
        if (reason != Reason.OK)
        {
            publisher.launchRefused(agentId, guard.epoch(), taskId, reason);
            return;
        }
        guard.release(taskId);   // the task ran and ended
        publisher.taskFinished(agentId, epoch, taskId);
        finished = true;
    }

    @Override
    public void onKill(final long decision, final long taskId, final long taskKey, final int framework,
        final String agentId, final TaskEndCause cause)
    {
        guard.release(taskId);
    }
}
