package io.stowage.core;

import org.agrona.collections.Object2IntHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Registered frameworks: names, and per framework its running allocation and task counts. */
final class FrameworkBook
{
    private final int dimensions;
    private final Object2IntHashMap<String> idByName = new Object2IntHashMap<>(-1);
    private final List<String> names = new ArrayList<>();
    private long[] allocated = new long[0];
    private long[] revocable = new long[0];
    private int[] running = new int[0];
    private long[] placed = new long[0];

    FrameworkBook(final int dimensions)
    {
        this.dimensions = dimensions;
    }

    int register(final String name)
    {
        final int existing = idByName.getValue(name);
        if (existing >= 0)
        {
            return existing;
        }
        final int id = names.size();
        names.add(name);
        idByName.put(name, id);
        if (running.length <= id)
        {
            final int size = Math.max(8, running.length * 2);
            allocated = Arrays.copyOf(allocated, size * dimensions);
            revocable = Arrays.copyOf(revocable, size * dimensions);
            running = Arrays.copyOf(running, size);
            placed = Arrays.copyOf(placed, size);
        }
        return id;
    }

    int count()
    {
        return names.size();
    }

    boolean isKnown(final int id)
    {
        return id >= 0 && id < names.size();
    }

    int idOf(final String name)
    {
        return idByName.getValue(name);
    }

    String name(final int id)
    {
        return names.get(id);
    }

    long allocated(final int id, final int dimension)
    {
        return allocated[id * dimensions + dimension];
    }

    long revocable(final int id, final int dimension)
    {
        return revocable[id * dimensions + dimension];
    }

    int running(final int id)
    {
        return running[id];
    }

    long placed(final int id)
    {
        return placed[id];
    }

    void onPlaced(final int id, final long[] request, final boolean isRevocable)
    {
        final long[] vector = isRevocable ? revocable : allocated;
        final int base = id * dimensions;
        for (int d = 0; d < dimensions; d++)
        {
            vector[base + d] += request[d];
        }
        running[id]++;
        placed[id]++;
    }

    void onReleased(final int id, final int dimension, final long amount, final boolean isRevocable)
    {
        (isRevocable ? revocable : allocated)[id * dimensions + dimension] -= amount;
    }

    void onEnded(final int id)
    {
        running[id]--;
    }
}
