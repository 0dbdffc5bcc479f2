package io.stowage.core;

import java.util.Arrays;

/**
 * One framework's pending tasks, served highest priority first and, within a priority, in submission order. Tasks
 * of one priority wait in a FIFO ring; the rings are kept in a short array sorted by priority (frameworks use few
 * priorities), so submitting and serving cost O(1) for a framework with one priority and O(p) with p priorities.
 * <p>
 * A task may also leave from anywhere in its ring (a cancel): each entry has a position, an ever-growing sequence
 * number of its ring, recorded in the {@link TaskLedger}, so the entry is found in O(1) and replaced by a tombstone.
 * Tombstones are skipped as the head passes them (the head of a ring is never a tombstone), and a ring whose
 * tombstones outnumber its tasks is compacted, so cancelling costs O(1) amortised and a ring never holds more than
 * about twice its tasks. Rings grow by doubling; nothing is allocated once grown.
 */
final class PendingQueue
{
    private static final int TOMBSTONE = -1;

    private final TaskLedger ledger;
    private int[] priorities = new int[2];
    private int[][] rings = new int[2][];
    /** Position of each ring's head entry. */
    private long[] heads = new long[2];
    /** Position after each ring's last entry: tail - head entries, tasks and tombstones. */
    private long[] tails = new long[2];
    /** Tasks (not tombstones) in each ring. */
    private int[] counts = new int[2];
    private int levels;
    private int size;

    PendingQueue(final TaskLedger ledger)
    {
        this.ledger = ledger;
    }

    int size()
    {
        return size;
    }

    boolean isEmpty()
    {
        return size == 0;
    }

    /** @return the ledger slot of the next task to serve; the queue must not be empty. */
    int peek()
    {
        final int level = top();
        return entry(level, heads[level]);
    }

    /** @return the priority of the next task; the queue must not be empty. */
    int peekPriority()
    {
        return priorities[top()];
    }

    /** @return the highest level holding a task; levels are sorted by priority ascending. */
    private int top()
    {
        int level = levels - 1;
        while (counts[level] == 0)
        {
            level--;
        }
        return level;
    }

    private int entry(final int level, final long position)
    {
        final int[] ring = rings[level];
        return ring[(int)position & (ring.length - 1)];
    }

    void push(final int slot, final int priority)
    {
        final int level = levelOf(priority);
        int[] ring = rings[level];
        if (tails[level] - heads[level] == ring.length)
        {
            ring = grow(level);
        }
        final long position = tails[level]++;
        ring[(int)position & (ring.length - 1)] = slot;
        ledger.queuePosition(slot, position);
        counts[level]++;
        size++;
    }

    /** @return the ledger slot removed from the head. */
    int pop()
    {
        final int level = top();
        final int slot = entry(level, heads[level]);
        heads[level]++;
        counts[level]--;
        size--;
        skipTombstones(level);
        return slot;
    }

    /**
     * Takes a waiting task out of the queue, wherever it is.
     *
     * @param slot     the task's ledger slot; it must be pending in this queue.
     * @param priority its priority.
     */
    void remove(final int slot, final int priority)
    {
        final int level = find(priority);
        final long position = ledger.queuePosition(slot);
        if (level < 0 || position < heads[level] || position >= tails[level] || entry(level, position) != slot)
        {
            throw new IllegalStateException("task slot " + slot + " is not waiting at priority " + priority);
        }
        final int[] ring = rings[level];
        final int index = (int)position & (ring.length - 1);
        ring[index] = TOMBSTONE;
        counts[level]--;
        size--;
        if (position == heads[level])
        {
            skipTombstones(level);
        }
        else if (tails[level] - heads[level] > 2L * counts[level] + 8)
        {
            compact(level);
        }
    }

    /** Keeps the invariant that a ring's head is a task, or the ring is empty. */
    private void skipTombstones(final int level)
    {
        if (counts[level] == 0)
        {
            heads[level] = tails[level];
            return;
        }
        while (entry(level, heads[level]) == TOMBSTONE)
        {
            heads[level]++;
        }
    }

    /** Squeezes the tombstones out of a ring: its tasks keep their order and get new positions. */
    private void compact(final int level)
    {
        final int[] ring = rings[level];
        final int mask = ring.length - 1;
        long write = heads[level];
        for (long read = heads[level]; read < tails[level]; read++)
        {
            final int slot = ring[(int)read & mask];
            if (slot != TOMBSTONE)
            {
                ring[(int)write & mask] = slot;
                ledger.queuePosition(slot, write);
                write++;
            }
        }
        tails[level] = write;
    }

    private int find(final int priority)
    {
        for (int i = levels - 1; i >= 0; i--)
        {
            if (priorities[i] == priority)
            {
                return i;
            }
        }
        return -1;
    }

    private int levelOf(final int priority)
    {
        int i = levels - 1;
        while (i >= 0 && priorities[i] > priority)
        {
            i--;
        }
        if (i >= 0 && priorities[i] == priority)
        {
            return i;
        }
        final int level = i + 1;
        if (levels == priorities.length)
        {
            priorities = Arrays.copyOf(priorities, levels * 2);
            rings = Arrays.copyOf(rings, levels * 2);
            heads = Arrays.copyOf(heads, levels * 2);
            tails = Arrays.copyOf(tails, levels * 2);
            counts = Arrays.copyOf(counts, levels * 2);
        }
        System.arraycopy(priorities, level, priorities, level + 1, levels - level);
        System.arraycopy(rings, level, rings, level + 1, levels - level);
        System.arraycopy(heads, level, heads, level + 1, levels - level);
        System.arraycopy(tails, level, tails, level + 1, levels - level);
        System.arraycopy(counts, level, counts, level + 1, levels - level);
        priorities[level] = priority;
        rings[level] = new int[8];
        heads[level] = 0;
        tails[level] = 0;
        counts[level] = 0;
        levels++;
        return level;
    }

    /** Doubles a ring; positions are unchanged, each entry moves to its position's place in the larger ring. */
    private int[] grow(final int level)
    {
        final int[] old = rings[level];
        final int[] ring = new int[old.length * 2];
        for (long position = heads[level]; position < tails[level]; position++)
        {
            ring[(int)position & (ring.length - 1)] = old[(int)position & (old.length - 1)];
        }
        rings[level] = ring;
        return ring;
    }

    /**
     * @return the ledger slots of every waiting task, in serving order, in a new array: for queries and checks, not
     * the hot path.
     */
    int[] slots()
    {
        final int[] slots = new int[size];
        int next = 0;
        for (int level = levels - 1; level >= 0; level--)
        {
            for (long position = heads[level]; position < tails[level]; position++)
            {
                final int slot = entry(level, position);
                if (slot != TOMBSTONE)
                {
                    slots[next++] = slot;
                }
            }
        }
        return slots;
    }

    void writeTo(final SnapshotWriter out)
    {
        out.putInt(levels);
        out.putInt(size);
        for (int level = 0; level < levels; level++)
        {
            final int[] ring = rings[level];
            out.putInt(priorities[level]);
            out.putLong(heads[level]);
            out.putLong(tails[level]);
            out.putInt(counts[level]);
            out.putInt(ring.length);
            for (long position = heads[level]; position < tails[level]; position++)
            {
                out.putInt(ring[(int)position & (ring.length - 1)]);
            }
        }
    }

    /**
     * Reads into an empty queue. Entries keep their positions (and so the positions the ledger holds for them) and
     * tombstones stay where they were, so compaction happens when it would have.
     */
    void readFrom(final SnapshotReader in, final int slotBound)
    {
        final int levelCount = in.getInt("priority levels", 0, in.remaining());
        final int total = in.getInt("pending tasks", 0, Integer.MAX_VALUE);
        levels = 0;
        size = 0;
        int capacity = 2;
        while (capacity < levelCount)
        {
            capacity <<= 1;
        }
        priorities = new int[capacity];
        rings = new int[capacity][];
        heads = new long[capacity];
        tails = new long[capacity];
        counts = new int[capacity];
        for (int level = 0; level < levelCount; level++)
        {
            priorities[level] = in.getInt("priority");
            if (level > 0 && priorities[level] <= priorities[level - 1])
            {
                throw in.fail("priority levels are not ascending");
            }
            heads[level] = in.getLong("queue head");
            tails[level] = in.getLong("queue tail");
            counts[level] = in.getInt("queued at a level", 0, Integer.MAX_VALUE);
            final int length = in.getInt("ring length", 1, 1 << 30);
            if (Integer.bitCount(length) != 1 || heads[level] < 0 || tails[level] < heads[level] ||
                tails[level] - heads[level] > length || tails[level] - heads[level] < counts[level])
            {
                throw in.fail("a queue ring of " + length + " from " + heads[level] + " to " + tails[level] +
                    " cannot hold " + counts[level] + " tasks");
            }
            final int[] ring = new int[length];
            int live = 0;
            for (long position = heads[level]; position < tails[level]; position++)
            {
                final int slot = in.getInt("queued task slot", TOMBSTONE, slotBound - 1);
                ring[(int)position & (length - 1)] = slot;
                live += slot == TOMBSTONE ? 0 : 1;
            }
            if (live != counts[level] || (counts[level] > 0 && ring[(int)heads[level] & (length - 1)] == TOMBSTONE))
            {
                throw in.fail("a queue level counts " + counts[level] + " tasks but holds " + live);
            }
            rings[level] = ring;
            size += live;
            levels++;
        }
        if (size != total)
        {
            throw in.fail("a queue counts " + total + " tasks but holds " + size);
        }
    }
}
