package io.stowage.engine;

/**
 * Where an agent input came from: which agent queue (its position in the queue tailer's list), which source wrote it,
 * and its Chronicle index in that queue. The tailer fills one before each call into the {@link AgentInputSink}; the
 * engine carries it in the {@link EngineEvent} and the journal records it with the input, so that recovery knows
 * exactly which frames were journaled and resumes each queue just after its last one. Mutable and reused.
 */
public final class InputOrigin
{
    /** The queue number of an input that did not come from an agent queue. */
    public static final int NO_QUEUE = -1;

    private int queue = NO_QUEUE;
    private int sourceId;
    private long index = -1;

    /**
     * @param queue    the queue's position in the tailer's list, or {@link #NO_QUEUE}.
     * @param sourceId the source id in the frame header.
     * @param index    the frame's Chronicle index.
     * @return this.
     */
    public InputOrigin set(final int queue, final int sourceId, final long index)
    {
        this.queue = queue;
        this.sourceId = sourceId;
        this.index = index;
        return this;
    }

    /**
     * @param other the origin to copy, or null for an input that came from no agent queue.
     * @return this.
     */
    public InputOrigin copy(final InputOrigin other)
    {
        return other == null ? clear() : set(other.queue, other.sourceId, other.index);
    }

    /**
     * Marks an input that came from no agent queue.
     *
     * @return this.
     */
    public InputOrigin clear()
    {
        return set(NO_QUEUE, 0, -1);
    }

    /** @return the queue's position in the tailer's list, or {@link #NO_QUEUE}. */
    public int queue()
    {
        return queue;
    }

    /** @return the source id in the frame header. */
    public int sourceId()
    {
        return sourceId;
    }

    /** @return the frame's Chronicle index, or -1. */
    public long index()
    {
        return index;
    }

    /** @return true if the input came from an agent queue. */
    public boolean isFromQueue()
    {
        return queue != NO_QUEUE;
    }

    @Override
    public String toString()
    {
        return isFromQueue() ? "queue " + queue + " source " + sourceId + " index " + Long.toHexString(index) :
            "no queue";
    }
}
