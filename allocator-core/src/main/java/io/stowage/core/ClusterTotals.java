package io.stowage.core;

import java.util.function.IntToLongFunction;

/**
 * Cluster-wide sums per dimension, kept as agents come and go and tasks start and end: total capacity of registered
 * agents and total running non-revocable allocation. Admission control and the fairness denominators read them
 * without summing agents.
 */
final class ClusterTotals
{
    private final long[] capacity;
    private final long[] allocated;

    ClusterTotals(final int dimensions)
    {
        capacity = new long[dimensions];
        allocated = new long[dimensions];
    }

    long capacity(final int dimension)
    {
        return capacity[dimension];
    }

    long allocated(final int dimension)
    {
        return allocated[dimension];
    }

    /** @return total capacity minus non-revocable allocation in a dimension. */
    long free(final int dimension)
    {
        return capacity[dimension] - allocated[dimension];
    }

    void addCapacity(final int dimension, final long amount)
    {
        capacity[dimension] += amount;
    }

    void addAllocated(final int dimension, final long amount)
    {
        allocated[dimension] += amount;
    }

    /**
     * @param maxUtilizationMillis the admission threshold in thousandths, or negative for none.
     * @return true if allocation is above the threshold of capacity in any dimension.
     */
    boolean isAbove(final long maxUtilizationMillis)
    {
        if (maxUtilizationMillis < 0)
        {
            return false;
        }
        for (int d = 0; d < capacity.length; d++)
        {
            if (allocated[d] * 1000.0 > maxUtilizationMillis * (double)capacity[d])
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param allocated an allocation per dimension (a framework's or a role's).
     * @return its dominant share: the maximum over dimensions not excluded from fairness of allocated / capacity.
     */
    double dominantShare(final KernelConfig config, final IntToLongFunction allocated)
    {
        double share = 0;
        for (int d = 0; d < capacity.length; d++)
        {
            if (!config.isFairnessExcluded(d) && capacity[d] > 0)
            {
                share = Math.max(share, allocated.applyAsLong(d) / (double)capacity[d]);
            }
        }
        return share;
    }

    void writeTo(final SnapshotWriter out)
    {
        out.putLongs(capacity, capacity.length);
        out.putLongs(allocated, allocated.length);
    }

    void readFrom(final SnapshotReader in)
    {
        Snapshots.exact(in, "cluster capacity", in.getLongs("cluster capacity", capacity), capacity.length);
        Snapshots.exact(in, "cluster allocated", in.getLongs("cluster allocated", allocated), allocated.length);
    }
}
