package io.stowage.core;

/**
 * Shape checks on what callers hand the kernel: resource vectors (one non-negative quantity per dimension, at most
 * {@link AllocatorKernel#MAX_QUANTITY}), label ids and constraint set ids the kernel handed out. A request that fails
 * is refused before it touches any state.
 */
final class RequestChecks
{
    private final int dimensions;
    private final LabelBook labels;
    private final ConstraintBook constraints;

    RequestChecks(final int dimensions, final LabelBook labels, final ConstraintBook constraints)
    {
        this.dimensions = dimensions;
        this.labels = labels;
        this.constraints = constraints;
    }

    /**
     * @param zeroAllowed whether an all-zero vector is valid (capacities and usage) or not (task requests).
     * @return true if the vector has one quantity per dimension, each in range.
     */
    boolean isValidVector(final long[] vector, final boolean zeroAllowed)
    {
        return isValidVector(vector, dimensions, zeroAllowed);
    }

    /**
     * The same check for a caller on a hot path that already holds the dimension count (static, so the check
     * costs no load of this object).
     */
    static boolean isValidVector(final long[] vector, final int dimensions, final boolean zeroAllowed)
    {
        if (vector == null || vector.length != dimensions)
        {
            return false;
        }
        boolean anyPositive = false;
        for (int d = 0; d < dimensions; d++)
        {
            final long q = vector[d];
            if (q < 0 || q > AllocatorKernel.MAX_QUANTITY)
            {
                return false;
            }
            anyPositive |= q > 0;
        }
        return zeroAllowed || anyPositive;
    }

    /** @return true for {@link TaskRequest#NO_KEY} or a key of 0 or more. */
    static boolean isValidKey(final long key)
    {
        return key >= 0 || key == TaskRequest.NO_KEY;
    }

    /** @return true if a task's resources, constraint set and label are all well formed. */
    boolean isValidTask(final long[] resources, final int constraintSet, final int label)
    {
        return isValidVector(resources, false) && constraintSet >= 0 && constraintSet < constraints.count() &&
            labels.isValid(label);
    }
}
