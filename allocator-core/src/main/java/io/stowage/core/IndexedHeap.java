package io.stowage.core;

import java.util.Arrays;

/**
 * A binary heap of small int ids (frameworks, roles) ordered by an {@link Order} that reads the ids' current keys
 * from elsewhere, with each id's heap position tracked so that a changed key is restored in O(log n) by
 * {@link #update(int)}. Allocates only when the id space grows.
 */
final class IndexedHeap
{
    /** Which of two ids comes first. */
    interface Order
    {
        /**
         * @param a an id.
         * @param b another id.
         * @return true if a must be served before b.
         */
        boolean before(int a, int b);
    }

    private final Order order;
    private int[] heap = new int[8];
    private int[] position = new int[8];
    private int size;

    IndexedHeap(final Order order)
    {
        this.order = order;
        Arrays.fill(position, -1);
    }

    int size()
    {
        return size;
    }

    boolean isEmpty()
    {
        return size == 0;
    }

    boolean contains(final int id)
    {
        return id < position.length && position[id] >= 0;
    }

    int peek()
    {
        return heap[0];
    }

    void clear()
    {
        for (int i = 0; i < size; i++)
        {
            position[heap[i]] = -1;
        }
        size = 0;
    }

    void add(final int id)
    {
        if (id >= position.length)
        {
            final int old = position.length;
            position = Arrays.copyOf(position, Math.max(id + 1, old * 2));
            Arrays.fill(position, old, position.length, -1);
        }
        if (size == heap.length)
        {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = id;
        position[id] = size;
        siftUp(size++);
    }

    void remove(final int id)
    {
        final int i = position[id];
        position[id] = -1;
        final int last = --size;
        if (i != last)
        {
            heap[i] = heap[last];
            position[heap[i]] = i;
            siftDown(siftUp(i));
        }
    }

    /** Restores heap order after the key of an id in the heap changed. */
    void update(final int id)
    {
        siftDown(siftUp(position[id]));
    }

    private int siftUp(final int start)
    {
        int i = start;
        final int id = heap[i];
        while (i > 0)
        {
            final int parent = (i - 1) >> 1;
            if (!order.before(id, heap[parent]))
            {
                break;
            }
            heap[i] = heap[parent];
            position[heap[i]] = i;
            i = parent;
        }
        heap[i] = id;
        position[id] = i;
        return i;
    }

    private void siftDown(final int start)
    {
        int i = start;
        final int id = heap[i];
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= size)
            {
                break;
            }
            if (child + 1 < size && order.before(heap[child + 1], heap[child]))
            {
                child++;
            }
            if (!order.before(heap[child], id))
            {
                break;
            }
            heap[i] = heap[child];
            position[heap[i]] = i;
            i = child;
        }
        heap[i] = id;
        position[id] = i;
    }
}
