package io.stowage.sim.cluster;

import static io.stowage.sim.cluster.ClusterShape.DIMENSIONS;

/**
 * What the driver submitted under each correlation id (framework, resources, wall-clock send time), read back on the
 * kernel thread when the answer comes. A ring: every submission is answered before the driver's next tick, and a tick
 * never submits more than its capacity.
 */
final class SubmitLog
{
    static final int CAPACITY = 1 << 20;
    private static final int MASK = CAPACITY - 1;

    private final int[] framework = new int[CAPACITY];
    private final long[] resources = new long[CAPACITY * DIMENSIONS];
    private final long[] sentNanos = new long[CAPACITY];
    private long next = 1;

    /** @return the correlation id of the submission recorded. */
    long record(final int frameworkId, final long[] taskResources, final long wallNanos)
    {
        final long correlationId = next++;
        final int i = (int)(correlationId & MASK);
        framework[i] = frameworkId;
        System.arraycopy(taskResources, 0, resources, i * DIMENSIONS, DIMENSIONS);
        sentNanos[i] = wallNanos;
        return correlationId;
    }

    int framework(final long correlationId)
    {
        return framework[(int)(correlationId & MASK)];
    }

    long sentNanos(final long correlationId)
    {
        return sentNanos[(int)(correlationId & MASK)];
    }

    void resources(final long correlationId, final long[] into)
    {
        System.arraycopy(resources, (int)(correlationId & MASK) * DIMENSIONS, into, 0, DIMENSIONS);
    }
}
