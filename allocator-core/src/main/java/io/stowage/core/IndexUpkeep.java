package io.stowage.core;

import static io.stowage.core.AgentTableDescriptor.ALLOCATED;
import static io.stowage.core.AgentTableDescriptor.CAPACITY;
import static io.stowage.core.AgentTableDescriptor.FLAG_OVERCOMMITTED;
import static io.stowage.core.AgentTableDescriptor.REVOCABLE;

/**
 * Keeps the indexes in step with an agent's record: after anything changes an agent's capacity, allocation, usage or
 * flags, {@link #refreshAgent} re-derives its overcommitted flag, its utilisation bucket and its leaves in the
 * placement index (free and revocable headroom; none while it is not eligible), and marks it for the preemption
 * index. {@link #refreshCapacity} does the same for the capacity tree that answers "fits an empty agent".
 */
final class IndexUpkeep
{
    private final AgentTable agents;
    private final PlacementIndex index;
    private final FreeCapacityTree capacities;
    private final PreemptionIndex preemptionIndex;
    private final AgentEligibility eligibility;
    private final int dimensions;
    /** Whether revocable headroom exists, read once: every refresh asks. */
    private final boolean revocable;
    private final long ratioMillis;
    private final long[] scratchFree;
    private final long[] scratchRevocable;

    IndexUpkeep(
        final AgentTable agents,
        final PlacementIndex index,
        final FreeCapacityTree capacities,
        final PreemptionIndex preemptionIndex,
        final AgentEligibility eligibility,
        final Oversubscription oversubscription,
        final int dimensions)
    {
        this.agents = agents;
        this.index = index;
        this.capacities = capacities;
        this.preemptionIndex = preemptionIndex;
        this.eligibility = eligibility;
        this.dimensions = dimensions;
        this.revocable = oversubscription.isEnabled();
        this.ratioMillis = oversubscription.ratioMillis();
        this.scratchFree = new long[dimensions];
        this.scratchRevocable = new long[dimensions];
    }

    /** Scales the trees' fixed-point keys to the first agent's capacity. */
    void scaleTo(final long[] capacity)
    {
        index.scaleTo(capacity);
        capacities.scaleTo(capacity);
    }

    /**
     * Re-derives the overcommitted flag, the utilisation bucket and the index leaves of an agent, reading each
     * capacity and allocation once (this runs twice per placement: on the task's start and on its end).
     */
    void refreshAgent(final int slot)
    {
        preemptionIndex.touch(slot);
        int flags = agents.flags(slot);
        boolean overcommitted = false;
        int bucket = 0;
        for (int d = 0; d < dimensions; d++)
        {
            final long capacity = agents.get(slot, CAPACITY, d);
            final long allocated = agents.get(slot, ALLOCATED, d);
            // Without oversubscription no revocable task is ever accepted, so the revocable vector stays 0.
            overcommitted |= allocated > capacity ||
                (revocable && agents.get(slot, REVOCABLE, d) > Oversubscription.bound(capacity, ratioMillis));
            // The same buckets as AgentTable.utilisationBucket, which the invariant checker compares with the index.
            final int b = allocated >= capacity ? (allocated == 0 ? 0 : PlacementIndex.FULL_BUCKET) :
                (int)((allocated << PlacementIndex.BUCKET_SHIFT) / capacity);
            bucket = Math.max(bucket, b);
            scratchFree[d] = capacity - allocated;
            if (revocable)
            {
                scratchRevocable[d] = Oversubscription.headroom(agents, ratioMillis, slot, d);
            }
        }
        if (overcommitted != ((flags & FLAG_OVERCOMMITTED) != 0))
        {
            flags = overcommitted ? flags | FLAG_OVERCOMMITTED : flags & ~FLAG_OVERCOMMITTED;
            eligibility.setFlags(slot, flags);
        }
        index.moveToBucket(slot, bucket);
        if (!AgentEligibility.isEligible(flags))
        {
            index.update(slot, null, null);
            return;
        }
        index.update(slot, scratchFree, revocable ? scratchRevocable : null);
    }

    /** Copies an agent's capacity into the capacity tree. */
    void refreshCapacity(final int slot)
    {
        for (int d = 0; d < dimensions; d++)
        {
            capacities.leaf(slot, d, agents.get(slot, CAPACITY, d));
        }
        capacities.update(slot);
    }

    /** Takes a removed agent out of every index. */
    void exclude(final int slot)
    {
        index.update(slot, null, null);
        index.moveToBucket(slot, 0);
        capacities.exclude(slot);
        preemptionIndex.remove(slot);
    }
}
