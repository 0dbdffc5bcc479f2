package io.stowage.core;

import org.agrona.collections.Object2IntHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Roles: weight, guarantee and limit per role, and the running non-revocable allocation of each role's
 * frameworks. Keeps the sum over roles of unmet guarantees incrementally, so the headroom held back for them is
 * known without scanning roles.
 */
final class RoleBook
{
    /** A limit of this value means no limit. */
    static final long NO_LIMIT = Long.MAX_VALUE;
    /** The name of the role of frameworks that name none. */
    static final String DEFAULT_ROLE = "*";

    private final int dimensions;
    private final Object2IntHashMap<String> idByName = new Object2IntHashMap<>(-1);
    private final List<String> names = new ArrayList<>();
    private double[] weight = new double[0];
    private long[] guarantee = new long[0];
    private long[] limit = new long[0];
    private long[] allocated = new long[0];
    private boolean[] overLimitAllowed = new boolean[0];
    private int[] dimensionsBelowGuarantee = new int[0];
    private final long[] unmetTotal;
    private int dimensionsWithUnmet;

    RoleBook(final int dimensions)
    {
        this.dimensions = dimensions;
        this.unmetTotal = new long[dimensions];
    }

    /** @return the id of a role, creating it with weight 1 and no quota if new. */
    int idOf(final String name)
    {
        int id = idByName.getValue(name);
        if (id < 0)
        {
            id = names.size();
            names.add(name);
            idByName.put(name, id);
            final int size = id + 1;
            if (weight.length < size)
            {
                final int capacity = Math.max(8, weight.length * 2);
                weight = Arrays.copyOf(weight, capacity);
                guarantee = Arrays.copyOf(guarantee, capacity * dimensions);
                limit = Arrays.copyOf(limit, capacity * dimensions);
                allocated = Arrays.copyOf(allocated, capacity * dimensions);
                overLimitAllowed = Arrays.copyOf(overLimitAllowed, capacity);
                dimensionsBelowGuarantee = Arrays.copyOf(dimensionsBelowGuarantee, capacity);
            }
            weight[id] = 1.0;
            Arrays.fill(limit, id * dimensions, (id + 1) * dimensions, NO_LIMIT);
        }
        return id;
    }

    int find(final String name)
    {
        return idByName.getValue(name);
    }

    int count()
    {
        return names.size();
    }

    String name(final int role)
    {
        return names.get(role);
    }

    double weight(final int role)
    {
        return weight[role];
    }

    long guarantee(final int role, final int dimension)
    {
        return guarantee[role * dimensions + dimension];
    }

    long limit(final int role, final int dimension)
    {
        return limit[role * dimensions + dimension];
    }

    long allocated(final int role, final int dimension)
    {
        return allocated[role * dimensions + dimension];
    }

    /** Replaces a role's settings. */
    void configure(final int role, final double newWeight, final long[] newGuarantee, final long[] newLimit)
    {
        subtractUnmet(role);
        weight[role] = newWeight;
        for (int d = 0; d < dimensions; d++)
        {
            guarantee[role * dimensions + d] = newGuarantee == null ? 0 : newGuarantee[d];
            limit[role * dimensions + d] = newLimit == null ? NO_LIMIT : newLimit[d];
        }
        addUnmet(role);
        overLimitAllowed[role] = exceedsLimit(role);
    }

    /**
     * @return true if the role's limit was lowered below what already ran and allocations have not fit it since:
     * running tasks keep running, and the role gets nothing more until they fit.
     */
    boolean isOverLimitAllowed(final int role)
    {
        return overLimitAllowed[role];
    }

    private boolean exceedsLimit(final int role)
    {
        final int base = role * dimensions;
        for (int d = 0; d < dimensions; d++)
        {
            if (limit[base + d] != NO_LIMIT && allocated[base + d] > limit[base + d])
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Moves a role's allocation as if tasks started (positive) or ended (negative), for a check that is undone
     * right after: the flag that tolerates a lowered limit is left as it is.
     */
    void shift(final int role, final int dimension, final long delta)
    {
        final int i = role * dimensions + dimension;
        final long before = unmet(i);
        allocated[i] += delta;
        final long after = unmet(i);
        if (before != after)
        {
            setUnmetTotal(dimension, unmetTotal[dimension] - before + after);
            dimensionsBelowGuarantee[role] += (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0);
        }
    }

    void add(final int role, final int dimension, final long delta)
    {
        shift(role, dimension, delta);
        if (delta < 0 && overLimitAllowed[role])
        {
            overLimitAllowed[role] = exceedsLimit(role);
        }
    }

    private long unmet(final int i)
    {
        return Math.max(0, guarantee[i] - allocated[i]);
    }

    private void subtractUnmet(final int role)
    {
        for (int d = 0; d < dimensions; d++)
        {
            final long unmet = unmet(role * dimensions + d);
            setUnmetTotal(d, unmetTotal[d] - unmet);
            dimensionsBelowGuarantee[role] -= unmet > 0 ? 1 : 0;
        }
    }

    private void addUnmet(final int role)
    {
        for (int d = 0; d < dimensions; d++)
        {
            final long unmet = unmet(role * dimensions + d);
            setUnmetTotal(d, unmetTotal[d] + unmet);
            dimensionsBelowGuarantee[role] += unmet > 0 ? 1 : 0;
        }
    }

    private void setUnmetTotal(final int dimension, final long total)
    {
        dimensionsWithUnmet += (total > 0 ? 1 : 0) - (unmetTotal[dimension] > 0 ? 1 : 0);
        unmetTotal[dimension] = total;
    }

    /** @return true if some role has an unmet guarantee, so headroom must be held back. */
    boolean anyUnmetGuarantee()
    {
        return dimensionsWithUnmet > 0;
    }

    /** @return true if the role's allocation is below its guarantee in some dimension. */
    boolean isBelowGuarantee(final int role)
    {
        return dimensionsBelowGuarantee[role] > 0;
    }

    /** @return the unmet guarantee of a role in a dimension. */
    long unmet(final int role, final int dimension)
    {
        return unmet(role * dimensions + dimension);
    }

    /** @return the sum over all roles of unmet guarantees in a dimension. */
    long unmetTotal(final int dimension)
    {
        return unmetTotal[dimension];
    }

    /** @return true if adding the request would take the role beyond its limit in some dimension. */
    int dimensions()
    {
        return dimensions;
    }

    boolean wouldExceedLimit(final int role, final long[] request)
    {
        return limitExceededIn(role, request) >= 0;
    }

    /** @return the first dimension in which adding the request would take the role beyond its limit, or -1. */
    int limitExceededIn(final int role, final long[] request)
    {
        final int base = role * dimensions;
        for (int d = 0; d < dimensions; d++)
        {
            final long cap = limit[base + d];
            if (cap != NO_LIMIT && allocated[base + d] + request[d] > cap)
            {
                return d;
            }
        }
        return -1;
    }

    long hash(final long seed)
    {
        long hash = seed;
        for (int r = 0; r < names.size(); r++)
        {
            hash = StateHash.mix(hash, names.get(r));
            hash = StateHash.mix(hash, Double.doubleToLongBits(weight[r]));
            for (int d = 0; d < dimensions; d++)
            {
                final int i = r * dimensions + d;
                hash = StateHash.mix(StateHash.mix(StateHash.mix(hash, guarantee[i]), limit[i]), allocated[i]);
            }
        }
        return hash;
    }

    void writeTo(final SnapshotWriter out)
    {
        final int count = names.size();
        out.putInt(count);
        for (final String name : names)
        {
            out.putString(name);
        }
        out.putDoubles(weight, count);
        out.putLongs(guarantee, count * dimensions);
        out.putLongs(limit, count * dimensions);
        out.putLongs(allocated, count * dimensions);
        out.putBooleans(overLimitAllowed, count);
        out.putInts(dimensionsBelowGuarantee, count);
        out.putLongs(unmetTotal, dimensions);
        out.putInt(dimensionsWithUnmet);
    }

    void readFrom(final SnapshotReader in)
    {
        if (!names.isEmpty())
        {
            throw new IllegalStateException("a snapshot is read into a new role book only");
        }
        final int count = in.getInt("roles", 0, Integer.MAX_VALUE);
        for (int id = 0; id < count; id++)
        {
            final String name = in.getString("role name");
            if (name == null || idOf(name) != id)
            {
                throw in.fail("role " + id + " is null or a duplicate");
            }
        }
        Snapshots.exact(in, "role weights", in.getDoubles("role weights", weight), count);
        Snapshots.exact(in, "role guarantees", in.getLongs("role guarantees", guarantee), count * dimensions);
        Snapshots.exact(in, "role limits", in.getLongs("role limits", limit), count * dimensions);
        Snapshots.exact(in, "role allocations", in.getLongs("role allocations", allocated), count * dimensions);
        Snapshots.exact(in, "roles over limit", in.getBooleans("roles over limit", overLimitAllowed), count);
        Snapshots.exact(in, "dimensions below guarantee",
            in.getInts("dimensions below guarantee", dimensionsBelowGuarantee), count);
        Snapshots.exact(in, "unmet guarantees", in.getLongs("unmet guarantees", unmetTotal), dimensions);
        dimensionsWithUnmet = in.getInt("dimensions with unmet guarantees", 0, dimensions);
    }
}
