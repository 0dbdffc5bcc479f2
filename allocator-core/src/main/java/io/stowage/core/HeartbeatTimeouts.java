package io.stowage.core;

import static io.stowage.core.AgentTableDescriptor.FLAG_UNREACHABLE;

/**
 * Heartbeat timeouts: an agent silent for more than the heartbeat timeout becomes unreachable (no placements);
 * silent for more than lostAfter, it is removed and its tasks are lost. The {@link HeartbeatOrder} keeps agents
 * oldest heartbeat first, so a pass looks only at the agents that missed the timeout.
 */
final class HeartbeatTimeouts
{
    private final KernelConfig config;
    private final AgentTable agents;
    private final HeartbeatOrder order;
    private final AgentEligibility eligibility;
    private final IndexUpkeep upkeep;
    private final AgentRegistry registry;
    private final KernelClock clock;

    HeartbeatTimeouts(
        final KernelConfig config,
        final AgentTable agents,
        final HeartbeatOrder order,
        final AgentEligibility eligibility,
        final IndexUpkeep upkeep,
        final AgentRegistry registry,
        final KernelClock clock)
    {
        this.config = config;
        this.agents = agents;
        this.order = order;
        this.eligibility = eligibility;
        this.upkeep = upkeep;
        this.registry = registry;
        this.clock = clock;
    }

    /** See {@link AllocatorKernel#advanceTime(long)}. */
    void advanceTime(final long timeNanos)
    {
        final long now = clock.advance(timeNanos);
        int slot = order.oldest();
        while (slot >= 0)
        {
            final long silence = now - agents.lastHeartbeat(slot);
            if (silence <= config.heartbeatTimeoutNanos())
            {
                return;
            }
            final int newer = order.newer(slot);
            if (silence > config.lostAfterNanos())
            {
                registry.remove(slot);
            }
            else if ((agents.flags(slot) & FLAG_UNREACHABLE) == 0)
            {
                eligibility.setFlags(slot, agents.flags(slot) | FLAG_UNREACHABLE);
                upkeep.refreshAgent(slot);
            }
            slot = newer;
        }
    }
}
