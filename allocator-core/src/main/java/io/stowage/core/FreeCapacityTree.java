package io.stowage.core;

import java.util.Arrays;

/**
 * A complete binary tree over leaf positions in which each node holds, per dimension, the maximum free quantity
 * of the leaves below it, and a joint bound: the maximum over its leaves of min over the joint dimensions of
 * free × scale. A leaf that must never be chosen holds {@link #NEVER}, below any request.
 * <p>
 * The per-dimension maxima of a subtree can come from different leaves: when agents are full in one dimension
 * and not another (as binpack leaves them) every subtree would look feasible. A leaf that fits a request has
 * free ≥ request in every joint dimension, so its joint value is at least min over those dimensions of
 * request × scale; a subtree whose joint bound is below that holds no fitting leaf and is skipped. The joint test
 * applies to requests that ask for every joint dimension.
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

    /** A further test of a leaf that covers the request, such as placement constraints. */
    interface LeafFilter
    {
        /**
         * @param position a leaf position.
         * @return true if the leaf may be chosen.
         */
        boolean accept(int position);
    }

    private final int dimensions;
    private final int leafCount;
    private final long[] nodes;
    private final double[] joint;
    private final int[] jointDimensions;
    private final double[] scale;
    private double requestJoint;
    private long nodesVisited;

    /**
     * @param positions       number of leaves used.
     * @param dimensions      resource dimensions per leaf.
     * @param jointDimensions dimensions combined in the joint bound.
     */
    FreeCapacityTree(final int positions, final int dimensions, final int[] jointDimensions)
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
        this.joint = new double[2 * leaves];
        Arrays.fill(joint, NEVER);
        this.jointDimensions = jointDimensions.clone();
        this.scale = new double[dimensions];
        Arrays.fill(scale, 1.0);
    }

    /**
     * Sets the scale of each dimension in the joint bound; only while every leaf is {@link #NEVER}.
     *
     * @param reference a capacity vector typical of the agents, e.g. the first one registered.
     */
    void scaleTo(final long[] reference)
    {
        for (int d = 0; d < dimensions; d++)
        {
            scale[d] = reference[d] > 0 ? 1.0 / reference[d] : 1.0;
        }
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

    /** Sets one dimension of a leaf without updating ancestors; call {@link #update(int)} after the last one. */
    void leaf(final int position, final int dimension, final long free)
    {
        nodes[(leafCount + position) * dimensions + dimension] = free;
    }

    /** Sets every dimension of a leaf to {@link #NEVER} and updates ancestors. */
    void exclude(final int position)
    {
        Arrays.fill(nodes, (leafCount + position) * dimensions, (leafCount + position + 1) * dimensions, NEVER);
        joint[leafCount + position] = NEVER;
        refresh(position);
    }

    /** Recomputes a leaf's joint value after its dimensions were set. */
    private void updateLeafJoint(final int position)
    {
        final int base = (leafCount + position) * dimensions;
        double min = Double.MAX_VALUE;
        for (final int d : jointDimensions)
        {
            min = Math.min(min, nodes[base + d] * scale[d]);
        }
        joint[leafCount + position] = min;
    }

    /**
     * Makes an empty tree of the same shape and joint scale as another, so that its leaves can be copied from it.
     *
     * @param shape the tree whose leaf count, dimensions, joint dimensions and scale are taken.
     */
    FreeCapacityTree(final FreeCapacityTree shape)
    {
        this.dimensions = shape.dimensions;
        this.leafCount = shape.leafCount;
        this.nodes = new long[2 * leafCount * dimensions];
        Arrays.fill(nodes, NEVER);
        this.joint = new double[2 * leafCount];
        Arrays.fill(joint, NEVER);
        this.jointDimensions = shape.jointDimensions;
        this.scale = shape.scale.clone();
    }

    /** @return true if every dimension of the leaf is {@link #NEVER}: it was excluded. */
    boolean isExcluded(final int position)
    {
        final int base = (leafCount + position) * dimensions;
        for (int d = 0; d < dimensions; d++)
        {
            if (nodes[base + d] != NEVER)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Copies one leaf (every dimension and its joint value) from a tree of the same shape and updates ancestors.
     *
     * @param source   a tree made with {@link #FreeCapacityTree(FreeCapacityTree)} from this one's shape, or the shape.
     * @param position the leaf.
     */
    void copyLeaf(final FreeCapacityTree source, final int position)
    {
        final int base = (leafCount + position) * dimensions;
        System.arraycopy(source.nodes, base, nodes, base, dimensions);
        joint[leafCount + position] = source.joint[leafCount + position];
        refresh(position);
    }

    /**
     * Sets a leaf from a source tree without updating ancestors: for bulk loads followed by {@link #rebuild()}.
     *
     * @param source   a tree of the same shape.
     * @param position the leaf.
     */
    void loadLeaf(final FreeCapacityTree source, final int position)
    {
        final int base = (leafCount + position) * dimensions;
        System.arraycopy(source.nodes, base, nodes, base, dimensions);
        joint[leafCount + position] = source.joint[leafCount + position];
    }

    /** Recomputes every inner node from the leaves: O(n × D), after bulk {@link #loadLeaf} calls. */
    void rebuild()
    {
        for (int node = leafCount - 1; node >= 1; node--)
        {
            final int self = node * dimensions;
            final int left = (node << 1) * dimensions;
            final int right = left + dimensions;
            for (int d = 0; d < dimensions; d++)
            {
                nodes[self + d] = Math.max(nodes[left + d], nodes[right + d]);
            }
            joint[node] = Math.max(joint[node << 1], joint[(node << 1) + 1]);
        }
    }

    /** Exchanges two leaves and updates the ancestors of both. */
    void swap(final int positionA, final int positionB)
    {
        final int a = (leafCount + positionA) * dimensions;
        final int b = (leafCount + positionB) * dimensions;
        if (sameLeaf(a, b) && joint[leafCount + positionA] == joint[leafCount + positionB])
        {
            return; // equal leaves, e.g. two excluded ones (most leaves of a selective constraint's view): no change
        }
        for (int d = 0; d < dimensions; d++)
        {
            final long t = nodes[a + d];
            nodes[a + d] = nodes[b + d];
            nodes[b + d] = t;
        }
        final double j = joint[leafCount + positionA];
        joint[leafCount + positionA] = joint[leafCount + positionB];
        joint[leafCount + positionB] = j;
        refresh(positionA);
        refresh(positionB);
    }

    private boolean sameLeaf(final int a, final int b)
    {
        for (int d = 0; d < dimensions; d++)
        {
            if (nodes[a + d] != nodes[b + d])
            {
                return false;
            }
        }
        return true;
    }

    /** Recomputes the leaf's joint value and the maxima above it (after {@link #leaf(int, int, long)} calls). */
    void update(final int position)
    {
        updateLeafJoint(position);
        refresh(position);
    }

    /** Recomputes the maxima above a leaf, stopping at the first ancestor that does not change. */
    private void refresh(final int position)
    {
        final int dims = dimensions;
        final long[] nodes = this.nodes;
        int node = (leafCount + position) >> 1;
        while (node > 0)
        {
            final int self = node * dims;
            final int left = (node << 1) * dims;
            final int right = left + dims;
            final double jl = joint[node << 1];
            final double jr = joint[(node << 1) + 1];
            final double jointMax = jl >= jr ? jl : jr;
            boolean changed = joint[node] != jointMax;
            joint[node] = jointMax;
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
        if (joint[node] < requestJoint)
        {
            return false;
        }
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
     * @param filter  a further test of covering leaves, or null.
     * @return the right-most leaf position covering the request and accepted by the filter, or -1.
     */
    int findLast(final long[] request, final LeafFilter filter)
    {
        requestJoint = requestJoint(request);
        if (!covers(1, request))
        {
            return -1;
        }
        int node = 1;
        while (true)
        {
            if (node >= leafCount)
            {
                if (filter == null || filter.accept(node - leafCount))
                {
                    return node - leafCount;
                }
                node = previousCandidate(node, request);
                if (node == 0)
                {
                    return -1;
                }
                continue;
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

    /** @return the least joint value a fitting leaf can have, or -infinity if the request skips a joint dimension. */
    private double requestJoint(final long[] request)
    {
        double min = Double.MAX_VALUE;
        for (final int d : jointDimensions)
        {
            if (request[d] <= 0)
            {
                return Double.NEGATIVE_INFINITY;
            }
            min = Math.min(min, request[d] * scale[d]);
        }
        return min;
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
     * @param filter  a further test of covering leaves, or null.
     * @return the left-most leaf position covering the request and accepted by the filter, or -1.
     */
    int findFirst(final long[] request, final LeafFilter filter)
    {
        requestJoint = requestJoint(request);
        if (!covers(1, request))
        {
            return -1;
        }
        int node = 1;
        while (true)
        {
            if (node >= leafCount)
            {
                if (filter == null || filter.accept(node - leafCount))
                {
                    return node - leafCount;
                }
                node = nextCandidate(node, request);
                if (node == 0)
                {
                    return -1;
                }
                continue;
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

    /**
     * @param position a leaf.
     * @param request  quantity per dimension.
     * @return true if the leaf's free quantities cover the request in every dimension.
     */
    boolean leafCovers(final int position, final long[] request)
    {
        final int base = (leafCount + position) * dimensions;
        for (int d = 0; d < dimensions; d++)
        {
            if (nodes[base + d] < request[d])
            {
                return false;
            }
        }
        return true;
    }

    /** @return the joint value of a leaf. */
    double leafJoint(final int position)
    {
        return joint[leafCount + position];
    }

    /** @return the joint value a leaf with these free quantities must hold. */
    double jointOf(final long[] free)
    {
        double min = Double.MAX_VALUE;
        for (final int d : jointDimensions)
        {
            min = Math.min(min, free[d] * scale[d]);
        }
        return min;
    }

    /** @return a description of the first inconsistency between a node and its children, or null. */
    String checkConsistency()
    {
        for (int node = leafCount - 1; node >= 1; node--)
        {
            if (joint[node] != Math.max(joint[node << 1], joint[(node << 1) + 1]))
            {
                return "index node " + node + " holds joint bound " + joint[node] + ", its children's maximum is " +
                    Math.max(joint[node << 1], joint[(node << 1) + 1]);
            }
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

    void writeTo(final SnapshotWriter out)
    {
        out.putLongs(nodes, nodes.length);
        out.putDoubles(joint, joint.length);
        out.putDoubles(scale, scale.length);
    }

    void readFrom(final SnapshotReader in)
    {
        Snapshots.exact(in, "tree nodes", in.getLongs("tree nodes", nodes), nodes.length);
        Snapshots.exact(in, "tree joint values", in.getDoubles("tree joint values", joint), joint.length);
        Snapshots.exact(in, "tree scale", in.getDoubles("tree scale", scale), scale.length);
    }
}
