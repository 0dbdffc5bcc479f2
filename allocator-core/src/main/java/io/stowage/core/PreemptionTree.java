package io.stowage.core;

import java.util.Arrays;

/**
 * A complete binary max tree over leaf positions (heap layout, {@code dimensions} longs per node interleaved in one
 * array): each inner node holds, per dimension, the maximum of its children. A leaf that must never be chosen holds
 * {@link #NEVER} in every dimension, below any value a query asks for.
 * <p>
 * Unlike {@code FreeCapacityTree} a leaf value may be negative (revocable headroom can be, once usage rose), so the
 * sentinel is {@link Long#MIN_VALUE}, and there is no joint bound: the preemption index asks for the left-most leaf
 * that covers a vector, and a leaf's positions are in registration order.
 */
final class PreemptionTree
{
    /** The value of every dimension of a leaf that must never be chosen. */
    static final long NEVER = Long.MIN_VALUE;

    private final int dimensions;
    private final int leafCount;
    private final long[] nodes;

    /**
     * @param leafCount  leaves, a power of two.
     * @param dimensions values per leaf.
     */
    PreemptionTree(final int leafCount, final int dimensions)
    {
        this.dimensions = dimensions;
        this.leafCount = leafCount;
        this.nodes = new long[2 * leafCount * dimensions];
        Arrays.fill(nodes, NEVER);
    }

    /**
     * Writes a leaf without repairing its ancestors; {@link #rebuild} must follow before any query.
     *
     * @param position a leaf position.
     * @param values   {@code dimensions} values, or null for {@link #NEVER}.
     */
    void setLeafOnly(final int position, final long[] values)
    {
        final int base = (leafCount + position) * dimensions;
        if (values == null)
        {
            Arrays.fill(nodes, base, base + dimensions, NEVER);
        }
        else
        {
            System.arraycopy(values, 0, nodes, base, dimensions);
        }
    }

    /** Recomputes every inner node from the leaves, bottom up: O(leaves × dimensions). */
    void rebuild()
    {
        for (int node = leafCount - 1; node >= 1; node--)
        {
            recompute(node);
        }
    }

    /**
     * Writes a leaf and repairs its ancestors, stopping at the first one whose maxima do not change.
     *
     * @param position a leaf position.
     * @param values   {@code dimensions} values, or null for {@link #NEVER}.
     */
    void set(final int position, final long[] values)
    {
        final int leaf = leafCount + position;
        final int base = leaf * dimensions;
        boolean changed = false;
        for (int d = 0; d < dimensions; d++)
        {
            final long v = values == null ? NEVER : values[d];
            changed |= nodes[base + d] != v;
            nodes[base + d] = v;
        }
        if (!changed)
        {
            return;
        }
        for (int node = leaf >>> 1; node >= 1; node >>>= 1)
        {
            if (!recompute(node))
            {
                return;
            }
        }
    }

    /** @return true if the node's maxima changed. */
    private boolean recompute(final int node)
    {
        final int base = node * dimensions;
        final int left = 2 * node * dimensions;
        final int right = left + dimensions;
        boolean changed = false;
        for (int d = 0; d < dimensions; d++)
        {
            final long v = Math.max(nodes[left + d], nodes[right + d]);
            changed |= nodes[base + d] != v;
            nodes[base + d] = v;
        }
        return changed;
    }

    /** @return values per leaf. */
    int dimensions()
    {
        return dimensions;
    }

    /** @return true if every inner node is the maximum of its children (a test's check). */
    boolean isConsistent()
    {
        for (int node = 1; node < leafCount; node++)
        {
            for (int d = 0; d < dimensions; d++)
            {
                if (nodes[node * dimensions + d] !=
                    Math.max(nodes[2 * node * dimensions + d], nodes[(2 * node + 1) * dimensions + d]))
                {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * @param position a leaf position.
     * @param dimension a dimension index.
     * @return the leaf's value.
     */
    long leaf(final int position, final int dimension)
    {
        return nodes[(leafCount + position) * dimensions + dimension];
    }

    /**
     * @return the left-most leaf whose values are at least {@code request} in every dimension and that the filter
     * accepts, or -1. Subtrees whose maxima do not cover the request are skipped whole; a leaf the filter refuses
     * sends the search on to the next covering subtree to its right.
     */
    int findFirst(final long[] request, final PreemptionIndex.LeafFilter filter)
    {
        return search(covers(1, request) ? 1 : 0, request, filter);
    }

    /**
     * @return the left-most leaf at or after {@code fromPosition} whose values are at least {@code request} in every
     * dimension and that the filter accepts, or -1: {@link #findFirst} for a caller that knows no leaf to the left
     * qualifies. Costs O(1) when the leaf at {@code fromPosition} is the answer.
     */
    int findFirstFrom(final long[] request, final PreemptionIndex.LeafFilter filter, final int fromPosition)
    {
        final int leaf = leafCount + fromPosition;
        return search(covers(leaf, request) ? leaf : nextCandidate(leaf, request), request, filter);
    }

    private int search(final int start, final long[] request, final PreemptionIndex.LeafFilter filter)
    {
        int node = start;
        while (node > 0)
        {
            if (node >= leafCount)
            {
                if (filter.accept(node - leafCount))
                {
                    return node - leafCount;
                }
                node = nextCandidate(node, request);
            }
            else if (covers(2 * node, request))
            {
                node = 2 * node;
            }
            else if (covers(2 * node + 1, request))
            {
                node = 2 * node + 1;
            }
            else
            {
                node = nextCandidate(node, request);
            }
        }
        return -1;
    }

    /** @return the next subtree to the right of {@code node} (in leaf order) whose maxima cover the request, or 0. */
    private int nextCandidate(final int from, final long[] request)
    {
        int node = from;
        while (node > 1)
        {
            if ((node & 1) == 0 && covers(node + 1, request))
            {
                return node + 1;
            }
            node >>>= 1;
        }
        return 0;
    }

    private boolean covers(final int node, final long[] request)
    {
        final int base = node * dimensions;
        for (int d = 0; d < dimensions; d++)
        {
            if (nodes[base + d] < request[d])
            {
                return false;
            }
        }
        return true;
    }
}
