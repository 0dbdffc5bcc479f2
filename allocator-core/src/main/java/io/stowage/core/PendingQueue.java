package io.stowage.core;

import java.util.Arrays;

/**
 * One framework's pending tasks, served highest priority first and, within a priority, in submission order: a
 * binary heap of task ledger slots keyed by (priority descending, submission sequence ascending). Grows by
 * doubling; push and pop allocate nothing once grown.
 */
final class PendingQueue
{
    private int[] slots = new int[8];
    private int[] priorities = new int[8];
    private long[] sequences = new long[8];
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
        return slots[0];
    }

    /** @return the priority of the next task; the queue must not be empty. */
    int peekPriority()
    {
        return priorities[0];
    }

    void push(final int slot, final int priority, final long sequence)
    {
        if (size == slots.length)
        {
            slots = Arrays.copyOf(slots, size * 2);
            priorities = Arrays.copyOf(priorities, size * 2);
            sequences = Arrays.copyOf(sequences, size * 2);
        }
        int i = size++;
        while (i > 0)
        {
            final int parent = (i - 1) >> 1;
            if (!before(priority, sequence, priorities[parent], sequences[parent]))
            {
                break;
            }
            move(parent, i);
            i = parent;
        }
        set(i, slot, priority, sequence);
    }

    /** @return the ledger slot removed from the head. */
    int pop()
    {
        final int head = slots[0];
        final int last = --size;
        if (last > 0)
        {
            final int slot = slots[last];
            final int priority = priorities[last];
            final long sequence = sequences[last];
            int i = 0;
            while (true)
            {
                int child = 2 * i + 1;
                if (child >= last)
                {
                    break;
                }
                if (child + 1 < last &&
                    before(priorities[child + 1], sequences[child + 1], priorities[child], sequences[child]))
                {
                    child++;
                }
                if (!before(priorities[child], sequences[child], priority, sequence))
                {
                    break;
                }
                move(child, i);
                i = child;
            }
            set(i, slot, priority, sequence);
        }
        return head;
    }

    private static boolean before(final int priorityA, final long sequenceA, final int priorityB, final long sequenceB)
    {
        return priorityA > priorityB || (priorityA == priorityB && sequenceA < sequenceB);
    }

    private void move(final int from, final int to)
    {
        slots[to] = slots[from];
        priorities[to] = priorities[from];
        sequences[to] = sequences[from];
    }

    private void set(final int i, final int slot, final int priority, final long sequence)
    {
        slots[i] = slot;
        priorities[i] = priority;
        sequences[i] = sequence;
    }

    /** @return the ledger slot at heap index i, for iteration in no particular order. */
    int slotAt(final int i)
    {
        return slots[i];
    }
}
