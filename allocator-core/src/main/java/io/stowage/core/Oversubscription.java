package io.stowage.core;

import static io.stowage.core.AgentTableDescriptor.CAPACITY;
import static io.stowage.core.AgentTableDescriptor.FLAG_USAGE_REPORTED;
import static io.stowage.core.AgentTableDescriptor.REVOCABLE;
import static io.stowage.core.AgentTableDescriptor.USAGE;

/**
 * The rule for revocable resources: an agent may lend at most floor(ratio × capacity) per dimension, and never more
 * than its slack (capacity minus last reported usage). With a ratio of 0 nothing is lent.
 */
final class Oversubscription
{
    private final AgentTable agents;
    private final long ratioMillis;

    Oversubscription(final AgentTable agents, final long ratioMillis)
    {
        this.agents = agents;
        this.ratioMillis = ratioMillis;
    }

    /** @return true if revocable tasks are accepted at all. */
    boolean isEnabled()
    {
        return ratioMillis > 0;
    }

    long ratioMillis()
    {
        return ratioMillis;
    }

    /**
     * @return min(floor(ratio × capacity), slack) − revocable allocated, where slack is capacity − last reported
     * usage, or 0 before the agent reports any usage.
     */
    long headroom(final int slot, final int dimension)
    {
        return headroom(agents, ratioMillis, slot, dimension);
    }

    /** @return floor(ratio × capacity): the most revocable allocation a dimension may hold. */
    long bound(final long capacity)
    {
        return bound(capacity, ratioMillis);
    }

    /**
     * {@link #headroom(int, int)} for the index upkeep, which runs on every placement and usage report and holds
     * the table and the ratio itself (static, so the rule costs no load of this object there).
     */
    static long headroom(final AgentTable agents, final long ratioMillis, final int slot, final int dimension)
    {
        final long capacity = agents.get(slot, CAPACITY, dimension);
        final long slack = (agents.flags(slot) & FLAG_USAGE_REPORTED) != 0 ?
            capacity - agents.get(slot, USAGE, dimension) : 0;
        return Math.min(bound(capacity, ratioMillis), slack) - agents.get(slot, REVOCABLE, dimension);
    }

    /** {@link #bound(long)} for a caller that holds the ratio. */
    static long bound(final long capacity, final long ratioMillis)
    {
        return (capacity / 1000) * ratioMillis + (capacity % 1000) * ratioMillis / 1000;
    }
}
