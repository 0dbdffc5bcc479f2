package io.stowage.engine;

/**
 * What the engine's snapshots cost, readable from any thread: how many were taken and failed, and the size and time
 * of the last one (encoding the state on the kernel thread, which waits for it, and the whole of it with the write to
 * disk, which the snapshotter's writer thread does).
 */
public final class SnapshotFigures
{
    private volatile long taken;
    private volatile long failed;
    private volatile long lastBytes;
    private volatile long lastEncodeNanos;
    private volatile long lastTotalNanos;
    private volatile long lastInputs;
    private volatile long lastJournalIndex = -1;

    void taken(final long bytes, final long encodeNanos, final long totalNanos, final long inputs,
        final long journalIndex)
    {
        lastBytes = bytes;
        lastEncodeNanos = encodeNanos;
        lastTotalNanos = totalNanos;
        lastInputs = inputs;
        lastJournalIndex = journalIndex;
        taken++;
    }

    synchronized void countFailure()
    {
        failed++; // the kernel thread (encoding) and the writer thread (disk) may both fail
    }

    /** @return snapshots written. */
    public long taken()
    {
        return taken;
    }

    /** @return snapshots that could not be written. */
    public long failed()
    {
        return failed;
    }

    /** @return the size of the last snapshot, bytes. */
    public long lastBytes()
    {
        return lastBytes;
    }

    /** @return how long the kernel thread took to encode the last snapshot, nanoseconds. */
    public long lastEncodeNanos()
    {
        return lastEncodeNanos;
    }

    /** @return how long the last snapshot took from the start of encoding to the end of its write to disk. */
    public long lastTotalNanos()
    {
        return lastTotalNanos;
    }

    /** @return inputs the last snapshot includes, counted from the journal's start. */
    public long lastInputs()
    {
        return lastInputs;
    }

    /** @return the journal index the last snapshot stands at, -1 before the first. */
    public long lastJournalIndex()
    {
        return lastJournalIndex;
    }
}
