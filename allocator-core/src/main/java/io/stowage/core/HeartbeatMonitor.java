package io.stowage.core;

import static io.stowage.core.AgentTableDescriptor.FLAG_PRESSURED;
import static io.stowage.core.AgentTableDescriptor.FLAG_UNREACHABLE;

/**
 * Liveness: applies heartbeats (epoch and sequence checks, then usage through the {@link PressureMonitor}) and
 * heartbeat timeouts. An agent silent for more than the heartbeat timeout becomes unreachable (no placements);
 * silent for more than lostAfter, it is removed and its tasks are lost. The {@link HeartbeatOrder} keeps agents
 * oldest heartbeat first, so a timeout pass looks only at the agents that missed it.
 */
final class HeartbeatMonitor
{
    private final KernelConfig config;
    private final AgentTable agents;
    private final HeartbeatOrder order;
    private final PressureMonitor pressure;
    private final AgentEligibility eligibility;
    private final IndexUpkeep upkeep;
    private final Oversubscription oversubscription;
    private final RequestChecks checks;
    private final KernelCounters counters;
    private final KernelClock clock;
    private final AgentRegistry registry;

    HeartbeatMonitor(
        final KernelConfig config,
        final AgentTable agents,
        final HeartbeatOrder order,
        final PressureMonitor pressure,
        final AgentEligibility eligibility,
        final IndexUpkeep upkeep,
        final Oversubscription oversubscription,
        final RequestChecks checks,
        final KernelCounters counters,
        final KernelClock clock,
        final AgentRegistry registry)
    {
        this.config = config;
        this.agents = agents;
        this.order = order;
        this.pressure = pressure;
        this.eligibility = eligibility;
        this.upkeep = upkeep;
        this.oversubscription = oversubscription;
        this.checks = checks;
        this.counters = counters;
        this.clock = clock;
        this.registry = registry;
    }

    /** See {@link AllocatorKernel#heartbeat(int, int, long, long[], boolean, long)}. */
    Reason heartbeat(
        final int slot,
        final int epoch,
        final long sequence,
        final long[] usage,
        final boolean pressured,
        final long timeNanos)
    {
        if (!agents.isRegistered(slot))
        {
            return counters.refuse(Reason.UNKNOWN_AGENT);
        }
        if (agents.epoch(slot) != epoch)
        {
            return counters.refuse(Reason.STALE_EPOCH);
        }
        if (usage != null && !checks.isValidVector(usage, true))
        {
            return counters.refuse(Reason.INVALID_REQUEST);
        }
        if (sequence <= agents.lastSequence(slot))
        {
            return counters.refuse(Reason.STALE_UPDATE);
        }
        final long now = clock.advance(timeNanos);
        agents.lastSequence(slot, sequence);
        agents.lastHeartbeat(slot, now);
        order.touch(slot);
        counters.onHeartbeat();
        // Usage is recorded below, but nothing before setFlags writes the flags: read them once.
        final int before = agents.flags(slot);
        int flags = before & ~FLAG_UNREACHABLE;
        if (usage != null)
        {
            flags = pressure.recordUsage(slot, usage, pressured, flags);
        }
        else if (pressured)
        {
            flags |= FLAG_PRESSURED;
        }
        eligibility.setFlags(slot, before, flags);
        int revoked = 0;
        if ((flags & FLAG_PRESSURED) != 0 && (usage != null || pressured))
        {
            revoked = pressure.revokeUnderPressure(slot);
        }
        if (flags != before || revoked > 0 || (usage != null && oversubscription.isEnabled()))
        {
            upkeep.refreshAgent(slot);
        }
        return Reason.OK;
    }

    /** See {@link AllocatorKernel#advanceTime(long)}. */
    void advanceTime(final long timeNanos)
    {
        clock.advance(timeNanos);
        final long now = clock.now();
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
