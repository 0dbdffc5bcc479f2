package io.stowage.core;

import java.util.Arrays;

/**
 * A complete binary tree over leaf positions in which each node holds, per dimension, the maximum free quantity
 * of the leaves below it. A leaf that must never be chosen holds {@link #NEVER}, below any request.
 * <p>
 * {@link #findLast} and {@link #findFirst} return the right-most or left-most leaf whose free quantity covers a
 * request in every dimension. A subtree whose maxima do not cover the request is skipped whole, so full or too-small
 * agents cost nothing beyond the node that summarises them. Because the maxima of different dimensions may come from
 * different leaves, a subtree that passes can still hold no fitting leaf; the search then backs up to the next
 * candidate sibling (see docs/placement-index.md for the bound).
 */
final class FreeCapacityTree
{
    /** Free quantity of a leaf that must never be chosen. */
    static final long NEVER = -1L;

    private final int dimensions;
    private final int leafCount;
    private final long[] nodes;
    private long nodesVisited;

    FreeCapacityTree(final int positions, final int dimensions)
    {
        this.dimensions = dimensions;
        int leaves = 1;
        while (leaves < positions)
        {
            leaves <<= 1;
        }
        this.leafCount = leaves;
        this.nodes = new long[2 * leaves * dimensions];
        Arrays.fill(nodes, NEVER);
    }

    int leafCount()
    {
        return leafCount;
    }

    /** @return the number of tree nodes examined by searches so far, for tests and benchmarks of the bound. */
    long nodesVisited()
    {
        return nodesVisited;
    }

    long leaf(final int position, final int dimension)
    {
        return nodes[(leafCount + position) * dimensions + dimension];
    }

    long node(final int node, final int dimension)
    {
        return nodes[node * dimensions + dimension];
    }

    /** Sets one dimension of a leaf without updating ancestors; call {@link #refresh(int)} after the last one. */
    void leaf(final int position, final int dimension, final long free)
    {
        nodes[(leafCount + position) * dimensions + dimension] = free;
    }

    /** Sets every dimension of a leaf to {@link #NEVER} and updates ancestors. */
    void exclude(final int position)
    {
        Arrays.fill(nodes, (leafCount + position) * dimensions, (leafCount + position + 1) * dimensions, NEVER);
        refresh(position);
    }

    /** Exchanges two leaves and updates the ancestors of both. */
    void swap(final int positionA, final int positionB)
    {
        final int a = (leafCount + positionA) * dimensions;
        final int b = (leafCount + positionB) * dimensions;
        for (int d = 0; d < dimensions; d++)
        {
            final long t = nodes[a + d];
            nodes[a + d] = nodes[b + d];
            nodes[b + d] = t;
        }
        refresh(positionA);
        refresh(positionB);
    }

    /** Recomputes the maxima above a leaf, stopping at the first ancestor that does not change. */
    void refresh(final int position)
    {
        final int dims = dimensions;
        final long[] nodes = this.nodes;
        int node = (leafCount + position) >> 1;
        while (node > 0)
        {
            final int self = node * dims;
            final int left = (node << 1) * dims;
            final int right = left + dims;
            boolean changed = false;
            for (int d = 0; d < dims; d++)
            {
                final long l = nodes[left + d];
                final long r = nodes[right + d];
                final long max = l >= r ? l : r;
                if (nodes[self + d] != max)
                {
                    nodes[self + d] = max;
                    changed = true;
                }
            }
            if (!changed)
            {
                return;
            }
            node >>= 1;
        }
    }

    private boolean covers(final int node, final long[] request)
    {
        nodesVisited++;
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

    /**
     * @param request quantity per dimension, each at least 0.
     * @return the right-most leaf position covering the request, or -1.
     */
    int findLast(final long[] request)
    {
        if (!covers(1, request))
        {
            return -1;
        }
        int node = 1;
        while (true)
        {
            if (node >= leafCount)
            {
                return node - leafCount;
            }
            final int right = (node << 1) + 1;
            if (covers(right, request))
            {
                node = right;
                continue;
            }
            final int left = node << 1;
            if (covers(left, request))
            {
                node = left;
                continue;
            }
            node = previousCandidate(node, request);
            if (node == 0)
            {
                return -1;
            }
        }
    }

    /** Walks up from an exhausted subtree to the nearest unexplored left sibling that covers the request. */
    private int previousCandidate(final int exhausted, final long[] request)
    {
        int node = exhausted;
        while (node > 1)
        {
            if ((node & 1) == 1 && covers(node - 1, request))
            {
                return node - 1;
            }
            node >>= 1;
        }
        return 0;
    }

    /**
     * @param request quantity per dimension, each at least 0.
     * @return the left-most leaf position covering the request, or -1.
     */
    int findFirst(final long[] request)
    {
        if (!covers(1, request))
        {
            return -1;
        }
        int node = 1;
        while (true)
        {
            if (node >= leafCount)
            {
                return node - leafCount;
            }
            final int left = node << 1;
            if (covers(left, request))
            {
                node = left;
                continue;
            }
            final int right = left + 1;
            if (covers(right, request))
            {
                node = right;
                continue;
            }
            node = nextCandidate(node, request);
            if (node == 0)
            {
                return -1;
            }
        }
    }

    /** Walks up from an exhausted subtree to the nearest unexplored right sibling that covers the request. */
    private int nextCandidate(final int exhausted, final long[] request)
    {
        int node = exhausted;
        while (node > 1)
        {
            if ((node & 1) == 0 && covers(node + 1, request))
            {
                return node + 1;
            }
            node >>= 1;
        }
        return 0;
    }

    /** @return a description of the first inconsistency between a node and its children, or null. */
    String checkConsistency()
    {
        for (int node = leafCount - 1; node >= 1; node--)
        {
            for (int d = 0; d < dimensions; d++)
            {
                final long expected = Math.max(node(node << 1, d), node((node << 1) + 1, d));
                if (node(node, d) != expected)
                {
                    return "index node " + node + " dimension " + d + " holds " + node(node, d) +
                        ", its children's maximum is " + expected;
                }
            }
        }
        return null;
    }
}
