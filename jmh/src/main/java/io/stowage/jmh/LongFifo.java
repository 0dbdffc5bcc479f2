package io.stowage.jmh;

/**
 * A first-in first-out queue of {@code long} values in a ring that doubles when full: the running task ids of an
 * engine, oldest first. It grows only while a cluster is being filled; in steady state it allocates nothing.
 */
final class LongFifo
{
    private long[] ring;
    private int mask;
    private int head;
    private int size;

    /**
     * @param initialCapacity rounded up to a power of two.
     */
    LongFifo(final int initialCapacity)
    {
        final int capacity = Integer.highestOneBit(Math.max(2, initialCapacity - 1)) << 1;
        ring = new long[capacity];
        mask = capacity - 1;
    }

    /** @return values held. */
    int size()
    {
        return size;
    }

    /**
     * @param value appended as the youngest.
     */
    void add(final long value)
    {
        if (size == ring.length)
        {
            grow();
        }
        ring[(head + size) & mask] = value;
        size++;
    }

    /**
     * @return the oldest value, removed.
     * @throws IllegalStateException if empty.
     */
    long poll()
    {
        if (size == 0)
        {
            throw new IllegalStateException("empty");
        }
        final long value = ring[head];
        head = (head + 1) & mask;
        size--;
        return value;
    }

    /**
     * @param index 0 for the oldest.
     * @return the value at that position, left in place.
     */
    long get(final int index)
    {
        if (index < 0 || index >= size)
        {
            throw new IndexOutOfBoundsException("index " + index + " of " + size);
        }
        return ring[(head + index) & mask];
    }

    private void grow()
    {
        final long[] bigger = new long[ring.length * 2];
        for (int i = 0; i < size; i++)
        {
            bigger[i] = ring[(head + i) & mask];
        }
        ring = bigger;
        mask = bigger.length - 1;
        head = 0;
    }
}
