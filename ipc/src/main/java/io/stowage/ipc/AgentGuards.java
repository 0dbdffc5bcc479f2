package io.stowage.ipc;

import io.stowage.core.Reason;
import io.stowage.core.TaskEndCause;

import java.util.HashMap;
import java.util.Map;

/**
 * The guards of the agents one {@link AgentPublisher} speaks for, as the {@link DecisionHandler} of their
 * {@link DecisionTailer}: each launch goes through the agent's {@link AgentGuard}, a refusal is reported back with
 * {@link AgentPublisher#launchRefused} (the kernel then releases the task), and a kill releases what the task held.
 * Single-threaded, on the publisher's thread.
 */
public final class AgentGuards implements DecisionHandler
{
    private final AgentPublisher publisher;
    private final Map<String, AgentGuard> guards = new HashMap<>();
    private long launched;
    private long refused;
    private long unknownAgent;

    /**
     * @param publisher reports refusals for the agents.
     */
    public AgentGuards(final AgentPublisher publisher)
    {
        this.publisher = publisher;
    }

    /**
     * @param guard the guard of an agent the publisher registered.
     * @return the guard.
     */
    public AgentGuard add(final AgentGuard guard)
    {
        guards.put(guard.agentId(), guard);
        return guard;
    }

    /**
     * @param agentId an agent.
     * @return its guard, or null.
     */
    public AgentGuard guard(final String agentId)
    {
        return guards.get(agentId);
    }

    @Override
    public void onLaunch(
        final long decision,
        final long taskId, final long taskKey,
        final int framework,
        final String agentId,
        final int epoch,
        final long[] resources)
    {
        final AgentGuard guard = guards.get(agentId);
        if (guard == null)
        {
            unknownAgent++;
            return;
        }
        final Reason reason = guard.admit(taskId, epoch, resources);
        if (reason == Reason.OK)
        {
            launched++;
            return;
        }
        refused++;
        publisher.launchRefused(agentId, guard.epoch(), taskId, reason);
    }

    @Override
    public void onKill(
        final long decision,
        final long taskId,
        final long taskKey,
        final int framework,
        final String agentId,
        final TaskEndCause cause)
    {
        final AgentGuard guard = guards.get(agentId);
        if (guard != null)
        {
            guard.release(taskId);
        }
    }

    /** @return launches admitted. */
    public long launched()
    {
        return launched;
    }

    /** @return launches refused and reported. */
    public long refused()
    {
        return refused;
    }

    /** @return decisions for agents without a guard here. */
    public long unknownAgent()
    {
        return unknownAgent;
    }
}
