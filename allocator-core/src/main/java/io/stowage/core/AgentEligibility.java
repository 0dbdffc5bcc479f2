package io.stowage.core;

import static io.stowage.core.AgentTableDescriptor.FLAG_AVOIDED;
import static io.stowage.core.AgentTableDescriptor.FLAG_DRAINING;
import static io.stowage.core.AgentTableDescriptor.FLAG_OVERCOMMITTED;
import static io.stowage.core.AgentTableDescriptor.FLAG_PRESSURED;
import static io.stowage.core.AgentTableDescriptor.FLAG_REGISTERED;
import static io.stowage.core.AgentTableDescriptor.FLAG_UNREACHABLE;

/**
 * The one place agent flags are written: it keeps the count of agents eligible for placement (registered and not
 * draining, pressured, overcommitted or unreachable) and of agents avoided for their usage trend, so that neither is
 * ever recounted by a scan.
 */
final class AgentEligibility
{
    private static final int INELIGIBLE = FLAG_DRAINING | FLAG_PRESSURED | FLAG_OVERCOMMITTED | FLAG_UNREACHABLE;

    private final AgentTable agents;
    private final PlacementSearch search;
    private int eligibleAgents;
    private int avoidedAgents;

    AgentEligibility(final AgentTable agents, final PlacementSearch search)
    {
        this.agents = agents;
        this.search = search;
    }

    /** @return true if the flags are those of a registered agent that nothing stops placements on. */
    static boolean isEligible(final int flags)
    {
        return (flags & FLAG_REGISTERED) != 0 && (flags & INELIGIBLE) == 0;
    }

    /** @return true if the agent is registered and nothing stops placements on it. */
    boolean isEligibleAgent(final int slot)
    {
        return isEligible(agents.flags(slot));
    }

    /** Counts an agent that has just been registered (eligible until its flags say otherwise). */
    void onRegistered()
    {
        eligibleAgents++;
    }

    /** Stops counting an agent being removed; its avoided flag must already be clear. */
    void onRemoved(final int slot)
    {
        if (isEligible(agents.flags(slot)))
        {
            eligibleAgents--;
        }
    }

    /** Writes an agent's flags and keeps the eligible and avoided counts. */
    void setFlags(final int slot, final int flags)
    {
        setFlags(slot, agents.flags(slot), flags);
    }

    /** Writes an agent's flags, given those it has now (read by the caller), and keeps the counts. */
    void setFlags(final int slot, final int old, final int flags)
    {
        final boolean was = isEligible(old);
        final boolean is = isEligible(flags);
        agents.flags(slot, flags);
        if (was != is)
        {
            eligibleAgents += is ? 1 : -1;
        }
        final boolean wasAvoided = (old & FLAG_AVOIDED) != 0;
        final boolean isAvoided = (flags & FLAG_AVOIDED) != 0;
        if (wasAvoided != isAvoided)
        {
            avoidedAgents += isAvoided ? 1 : -1;
            search.avoidedAgents(avoidedAgents);
        }
    }

    int eligibleAgents()
    {
        return eligibleAgents;
    }

    int avoidedAgents()
    {
        return avoidedAgents;
    }

    void writeTo(final SnapshotWriter out)
    {
        out.putInt(eligibleAgents);
        out.putInt(avoidedAgents);
    }

    void readFrom(final SnapshotReader in)
    {
        eligibleAgents = in.getInt("eligible agents", 0, agents.maxAgents());
        avoidedAgents = in.getInt("avoided agents", 0, agents.maxAgents());
        search.avoidedAgents(avoidedAgents);
    }
}
