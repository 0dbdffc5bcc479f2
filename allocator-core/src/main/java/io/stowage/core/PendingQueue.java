package io.stowage.core;

import java.util.Arrays;

/**
 * One framework's pending tasks, served highest priority first and, within a priority, in submission order. Tasks
 * of one priority wait in a FIFO ring; the rings are kept in a short array sorted by priority (frameworks use few
 * priorities), so submitting and serving cost O(1) for a framework with one priority and O(p) with p priorities.
 * Rings grow by doubling; nothing is allocated once grown.
 */
final class PendingQueue
{
    private int[] priorities = new int[2];
    private int[][] rings = new int[2][];
    private int[] heads = new int[2];
    private int[] counts = new int[2];
    private int levels;
    private int size;

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
        return rings[level][heads[level]];
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

    void push(final int slot, final int priority)
    {
        final int level = levelOf(priority);
        int[] ring = rings[level];
        if (counts[level] == ring.length)
        {
            ring = grow(level);
        }
        ring[(heads[level] + counts[level]) & (ring.length - 1)] = slot;
        counts[level]++;
        size++;
    }

    /** @return the ledger slot removed from the head. */
    int pop()
    {
        final int level = top();
        final int[] ring = rings[level];
        final int slot = ring[heads[level]];
        heads[level] = (heads[level] + 1) & (ring.length - 1);
        counts[level]--;
        size--;
        return slot;
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
            counts = Arrays.copyOf(counts, levels * 2);
        }
        System.arraycopy(priorities, level, priorities, level + 1, levels - level);
        System.arraycopy(rings, level, rings, level + 1, levels - level);
        System.arraycopy(heads, level, heads, level + 1, levels - level);
        System.arraycopy(counts, level, counts, level + 1, levels - level);
        priorities[level] = priority;
        rings[level] = new int[8];
        heads[level] = 0;
        counts[level] = 0;
        levels++;
        return level;
    }

    private int[] grow(final int level)
    {
        final int[] old = rings[level];
        final int[] ring = new int[old.length * 2];
        for (int i = 0; i < counts[level]; i++)
        {
            ring[i] = old[(heads[level] + i) & (old.length - 1)];
        }
        rings[level] = ring;
        heads[level] = 0;
        return ring;
    }

    /**
     * @param index 0 to size - 1, in serving order.
     * @return the ledger slot at that place in the queue. Walks the levels: for queries, not the hot path.
     */
    int slotAt(final int index)
    {
        int remaining = index;
        for (int level = levels - 1; level >= 0; level--)
        {
            if (remaining < counts[level])
            {
                final int[] ring = rings[level];
                return ring[(heads[level] + remaining) & (ring.length - 1)];
            }
            remaining -= counts[level];
        }
        throw new IndexOutOfBoundsException("index " + index + " of " + size);
    }
}
