package io.stowage.core;

import java.util.Arrays;

/**
 * Finds a feasible agent for a request without scanning agents.
 * <p>
 * Every slot of the agent table has a position in one array, and positions are kept sorted by the agent's dominant
 * utilisation bucket, floor(64 × max over dimensions of allocated / capacity): bucket 0 first, bucket 64 (full in
 * some dimension) last. A {@link FreeCapacityTree} over those positions holds each eligible agent's free capacity
 * (capacity − non-revocable allocated) and {@link FreeCapacityTree#NEVER} for any other slot. The right-most
 * position that fits a request is then an agent of the fullest bucket holding any feasible agent (binpack), and the
 * left-most one an agent of the emptiest (spread): both within 1/64 of the best dominant utilisation.
 * <p>
 * When an agent's bucket changes it moves one bucket at a time by swapping with the boundary element of each
 * bucket it crosses; each swap updates two leaves. A second tree over the same positions holds revocable headroom
 * when oversubscription is enabled.
 */
final class PlacementIndex
{
    /** log2 of the number of utilisation steps. */
    static final int BUCKET_SHIFT = 6;
    /** The bucket of an agent full (or overfull) in some dimension. */
    static final int FULL_BUCKET = 1 << BUCKET_SHIFT;
    /** Number of buckets, 0 to 64 inclusive. */
    static final int BUCKET_COUNT = FULL_BUCKET + 1;

    private final int[] slotAtPosition;
    private final int[] positionOfSlot;
    private final int[] bucketOfSlot;
    /** bucketStart[b] is the first position of bucket b; bucketStart[BUCKET_COUNT] is the number of positions. */
    private final int[] bucketStart = new int[BUCKET_COUNT + 1];
    private final FreeCapacityTree free;
    private final FreeCapacityTree revocableFree;
    private ConstraintViews views;

    PlacementIndex(final int maxAgents, final int dimensions, final int[] jointDimensions, final boolean revocable)
    {
        slotAtPosition = new int[maxAgents];
        positionOfSlot = new int[maxAgents];
        bucketOfSlot = new int[maxAgents];
        for (int i = 0; i < maxAgents; i++)
        {
            slotAtPosition[i] = i;
            positionOfSlot[i] = i;
        }
        for (int b = 1; b <= BUCKET_COUNT; b++)
        {
            bucketStart[b] = maxAgents;
        }
        free = new FreeCapacityTree(maxAgents, dimensions, jointDimensions);
        revocableFree = revocable ? new FreeCapacityTree(maxAgents, dimensions, jointDimensions) : null;
    }

    /**
     * @param request   the quantity per dimension.
     * @param policy    binpack or spread.
     * @param revocable search revocable headroom instead of non-revocable free capacity.
     * @param filter    a further test of a candidate's position, or null.
     * @return the slot of a feasible agent accepted by the filter and chosen by the policy, or -1.
     */
    int find(
        final long[] request,
        final PlacementPolicy policy,
        final boolean revocable,
        final FreeCapacityTree.LeafFilter filter)
    {
        final FreeCapacityTree tree = revocable ? revocableFree : free;
        final int position = policy == PlacementPolicy.BINPACK ?
            tree.findLast(request, filter) : tree.findFirst(request, filter);
        return position < 0 ? -1 : slotAtPosition[position];
    }

    /**
     * Searches one constraint's view of the index instead of the index itself.
     *
     * @param view    a view kept in line with this index.
     * @param request the quantity per dimension.
     * @param policy  binpack or spread.
     * @param filter  a further test of a candidate's position, or null.
     * @return the slot of a feasible agent the view allows, accepted by the filter and chosen by the policy, or -1.
     */
    int find(
        final ConstraintView view,
        final long[] request,
        final PlacementPolicy policy,
        final FreeCapacityTree.LeafFilter filter)
    {
        final int position = policy == PlacementPolicy.BINPACK ?
            view.tree.findLast(request, filter) : view.tree.findFirst(request, filter);
        return position < 0 ? -1 : slotAtPosition[position];
    }

    /** Connects the constraint views that mirror every leaf change and swap of this index. */
    void views(final ConstraintViews views)
    {
        this.views = views;
    }

    /**
     * @param slot      an agent slot.
     * @param request   the quantity per dimension.
     * @param revocable test revocable headroom instead of non-revocable free capacity.
     * @return true if the agent is eligible and the request fits it.
     */
    boolean fits(final int slot, final long[] request, final boolean revocable)
    {
        return (revocable ? revocableFree : free).leafCovers(positionOfSlot[slot], request);
    }

    /**
     * Fixes the scale of the joint bound; called once, with the first agent's capacity, before any leaf is set.
     *
     * @param reference a typical capacity vector.
     */
    void scaleTo(final long[] reference)
    {
        free.scaleTo(reference);
        if (revocableFree != null)
        {
            revocableFree.scaleTo(reference);
        }
    }

    int bucketOf(final int slot)
    {
        return bucketOfSlot[slot];
    }

    int positionOf(final int slot)
    {
        return positionOfSlot[slot];
    }

    int slotAt(final int position)
    {
        return slotAtPosition[position];
    }

    int bucketStart(final int bucket)
    {
        return bucketStart[bucket];
    }

    FreeCapacityTree freeTree()
    {
        return free;
    }

    FreeCapacityTree revocableTree()
    {
        return revocableFree;
    }

    /**
     * Sets the free capacity of a slot's leaf (and revocable headroom, if tracked) and updates ancestors.
     *
     * @param slot           the agent slot.
     * @param freeValues     free per dimension, or null to exclude the agent.
     * @param revocableValues revocable headroom per dimension, or null to exclude it.
     */
    void update(final int slot, final long[] freeValues, final long[] revocableValues)
    {
        final int position = positionOfSlot[slot];
        setLeaf(free, position, freeValues);
        if (revocableFree != null)
        {
            setLeaf(revocableFree, position, revocableValues);
        }
        if (views != null)
        {
            views.onLeafChanged(slot, position);
        }
    }

    private static void setLeaf(final FreeCapacityTree tree, final int position, final long[] values)
    {
        if (values == null)
        {
            tree.exclude(position);
            return;
        }
        for (int d = 0; d < values.length; d++)
        {
            tree.leaf(position, d, values[d]);
        }
        tree.update(position);
    }

    /**
     * Moves a slot to another utilisation bucket, keeping positions sorted by bucket.
     *
     * @param slot   the agent slot.
     * @param bucket the new bucket, 0 to {@link #FULL_BUCKET}.
     */
    void moveToBucket(final int slot, final int bucket)
    {
        int current = bucketOfSlot[slot];
        while (current < bucket)
        {
            final int last = bucketStart[current + 1] - 1;
            swapPositions(positionOfSlot[slot], last);
            bucketStart[current + 1]--;
            current++;
        }
        while (current > bucket)
        {
            final int first = bucketStart[current];
            swapPositions(positionOfSlot[slot], first);
            bucketStart[current]++;
            current--;
        }
        bucketOfSlot[slot] = bucket;
    }

    private void swapPositions(final int a, final int b)
    {
        if (a == b)
        {
            return;
        }
        final int slotA = slotAtPosition[a];
        final int slotB = slotAtPosition[b];
        slotAtPosition[a] = slotB;
        slotAtPosition[b] = slotA;
        positionOfSlot[slotA] = b;
        positionOfSlot[slotB] = a;
        free.swap(a, b);
        if (revocableFree != null)
        {
            revocableFree.swap(a, b);
        }
        if (views != null)
        {
            views.onSwap(a, b);
        }
    }

    void writeTo(final SnapshotWriter out)
    {
        out.putInts(slotAtPosition, slotAtPosition.length);
        out.putInts(bucketOfSlot, bucketOfSlot.length);
        out.putInts(bucketStart, bucketStart.length);
        free.writeTo(out);
        out.putBoolean(revocableFree != null);
        if (revocableFree != null)
        {
            revocableFree.writeTo(out);
        }
    }

    /** Reads the positions (the order of agents within a bucket is history, so it is kept, not rebuilt). */
    void readFrom(final SnapshotReader in)
    {
        final int n = slotAtPosition.length;
        Snapshots.exact(in, "slots by position", in.getInts("slots by position", slotAtPosition), n);
        Snapshots.exact(in, "buckets", in.getInts("buckets", bucketOfSlot), n);
        Snapshots.exact(in, "bucket starts", in.getInts("bucket starts", bucketStart), bucketStart.length);
        Arrays.fill(positionOfSlot, -1);
        for (int position = 0; position < n; position++)
        {
            final int slot = slotAtPosition[position];
            if (slot < 0 || slot >= n || positionOfSlot[slot] >= 0)
            {
                throw in.fail("position " + position + " holds slot " + slot + ", not a permutation of the slots");
            }
            positionOfSlot[slot] = position;
        }
        for (int b = 0; b < bucketStart.length; b++)
        {
            if (bucketStart[b] < 0 || bucketStart[b] > n || (b > 0 && bucketStart[b] < bucketStart[b - 1]))
            {
                throw in.fail("bucket start " + b + " is " + bucketStart[b]);
            }
        }
        free.readFrom(in);
        if (in.getBoolean("revocable tree kept") != (revocableFree != null))
        {
            throw in.fail("the revocable tree does not match this configuration's oversubscription");
        }
        if (revocableFree != null)
        {
            revocableFree.readFrom(in);
        }
    }
}
