package io.stowage.core;

/**
 * The kernel's clock: the latest event time it was given, in nanoseconds of the caller's event clock. It never goes
 * back, so orders kept by time (heartbeats, token buckets) hold whatever order the caller's times arrive in.
 */
final class KernelClock
{
    private long now = Long.MIN_VALUE;

    /** @return the latest event time given, {@link Long#MIN_VALUE} before the first. */
    long now()
    {
        return now;
    }

    /** @return true once any event time has been given. */
    boolean hasStarted()
    {
        return now != Long.MIN_VALUE;
    }

    /**
     * Moves the clock to the event time if it is later.
     *
     * @return the clock after the move.
     */
    long advance(final long timeNanos)
    {
        if (timeNanos > now)
        {
            now = timeNanos;
        }
        return now;
    }

    void writeTo(final SnapshotWriter out)
    {
        out.putLong(now);
    }

    void readFrom(final SnapshotReader in)
    {
        now = in.getLong("clock");
    }
}
