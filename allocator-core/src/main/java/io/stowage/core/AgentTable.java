package io.stowage.core;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import static io.stowage.core.AgentTableDescriptor.*;

/**
 * Per-agent records packed in off-heap memory, one per slot, laid out by {@link AgentTableDescriptor}. Slots of
 * removed agents are reused last-freed first; the epoch survives removal and grows on each registration.
 */
final class AgentTable
{
    private final UnsafeBuffer buffer;
    private final int dimensions;
    private final int recordLength;
    private final int maxAgents;
    private final int[] freeSlots;
    private int freeCount;
    private int registeredCount;

    AgentTable(final int maxAgents, final int dimensions)
    {
        checkCapacity(maxAgents, dimensions);
        this.dimensions = dimensions;
        this.maxAgents = maxAgents;
        this.recordLength = recordLength(dimensions);
        this.buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(maxAgents * recordLength, 64));
        this.freeSlots = new int[maxAgents];
        for (int i = 0; i < maxAgents; i++)
        {
            freeSlots[i] = maxAgents - 1 - i;
        }
        this.freeCount = maxAgents;
    }

    int maxAgents()
    {
        return maxAgents;
    }

    int registeredCount()
    {
        return registeredCount;
    }

    boolean isFull()
    {
        return freeCount == 0;
    }

    /**
     * Takes a free slot, clears its record but for the epoch, which is incremented.
     *
     * @return the slot.
     */
    int allocateSlot()
    {
        final int slot = freeSlots[--freeCount];
        final int offset = slot * recordLength;
        final int epoch = buffer.getInt(offset + EPOCH_OFFSET) + 1;
        buffer.setMemory(offset, recordLength, (byte)0);
        buffer.putInt(offset + EPOCH_OFFSET, epoch);
        buffer.putInt(offset + FLAGS_OFFSET, FLAG_REGISTERED);
        registeredCount++;
        return slot;
    }

    void freeSlot(final int slot)
    {
        final int offset = slot * recordLength;
        buffer.putInt(offset + FLAGS_OFFSET, 0);
        freeSlots[freeCount++] = slot;
        registeredCount--;
    }

    boolean isRegistered(final int slot)
    {
        return slot >= 0 && slot < maxAgents && (flags(slot) & FLAG_REGISTERED) != 0;
    }

    int flags(final int slot)
    {
        return buffer.getInt(slot * recordLength + FLAGS_OFFSET);
    }

    void flags(final int slot, final int flags)
    {
        buffer.putInt(slot * recordLength + FLAGS_OFFSET, flags);
    }

    int epoch(final int slot)
    {
        return buffer.getInt(slot * recordLength + EPOCH_OFFSET);
    }

    int taskCount(final int slot)
    {
        return buffer.getInt(slot * recordLength + TASK_COUNT_OFFSET);
    }

    void taskCount(final int slot, final int count)
    {
        buffer.putInt(slot * recordLength + TASK_COUNT_OFFSET, count);
    }

    int attributeSet(final int slot)
    {
        return buffer.getInt(slot * recordLength + ATTRIBUTE_SET_OFFSET);
    }

    void attributeSet(final int slot, final int attributeSet)
    {
        buffer.putInt(slot * recordLength + ATTRIBUTE_SET_OFFSET, attributeSet);
    }

    long lastSequence(final int slot)
    {
        return buffer.getLong(slot * recordLength + LAST_SEQUENCE_OFFSET);
    }

    void lastSequence(final int slot, final long sequence)
    {
        buffer.putLong(slot * recordLength + LAST_SEQUENCE_OFFSET, sequence);
    }

    long lastHeartbeat(final int slot)
    {
        return buffer.getLong(slot * recordLength + LAST_HEARTBEAT_OFFSET);
    }

    void lastHeartbeat(final int slot, final long timeNanos)
    {
        buffer.putLong(slot * recordLength + LAST_HEARTBEAT_OFFSET, timeNanos);
    }

    long get(final int slot, final int vector, final int dimension)
    {
        return buffer.getLong(slot * recordLength + vectorOffset(dimensions, vector, dimension));
    }

    void set(final int slot, final int vector, final int dimension, final long value)
    {
        buffer.putLong(slot * recordLength + vectorOffset(dimensions, vector, dimension), value);
    }

    void add(final int slot, final int vector, final int dimension, final long delta)
    {
        final int offset = slot * recordLength + vectorOffset(dimensions, vector, dimension);
        buffer.putLong(offset, buffer.getLong(offset) + delta);
    }

    /**
     * Dominant utilisation bucket: floor(64 × max over dimensions of allocated / capacity), capped at 64. A
     * dimension of zero capacity counts as empty when nothing is allocated in it, and full otherwise.
     */
    int utilisationBucket(final int slot)
    {
        final int base = slot * recordLength;
        int bucket = 0;
        for (int d = 0; d < dimensions; d++)
        {
            final long capacity = buffer.getLong(base + vectorOffset(dimensions, CAPACITY, d));
            final long allocated = buffer.getLong(base + vectorOffset(dimensions, ALLOCATED, d));
            final int b;
            if (allocated >= capacity)
            {
                b = allocated == 0 ? 0 : PlacementIndex.FULL_BUCKET;
            }
            else
            {
                b = (int)((allocated << PlacementIndex.BUCKET_SHIFT) / capacity);
            }
            if (b > bucket)
            {
                bucket = b;
            }
        }
        return bucket;
    }

    /** Copies the record bytes of a slot into a hash. */
    long hashRecord(final int slot, final long seed)
    {
        long hash = seed;
        final int base = slot * recordLength;
        for (int i = 0; i < recordLength; i += 8)
        {
            hash = StateHash.mix(hash, buffer.getLong(base + i));
        }
        return hash;
    }

    void writeTo(final SnapshotWriter out)
    {
        out.putInt(registeredCount);
        out.putInts(freeSlots, freeCount);
        out.putRaw(buffer, 0, maxAgents * recordLength);
    }

    void readFrom(final SnapshotReader in)
    {
        registeredCount = in.getInt("registered agents", 0, maxAgents);
        freeCount = in.getInts("free agent slots", freeSlots);
        Snapshots.slots(in, "free agent slots", freeSlots, freeCount, maxAgents, -1);
        if (freeCount + registeredCount != maxAgents)
        {
            throw in.fail(freeCount + " free slots and " + registeredCount + " registered agents do not make the " +
                maxAgents + " slots of this configuration");
        }
        final int at = in.getRaw("agent records", maxAgents * recordLength);
        buffer.putBytes(0, in.buffer(), at, maxAgents * recordLength);
    }
}
