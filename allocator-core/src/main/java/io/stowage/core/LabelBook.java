package io.stowage.core;

import org.agrona.collections.Object2IntHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * Task labels interned to small ids, so that tasks carry an {@code int} and maxPerAgent and spread constraints count
 * by id. Id 0 is the empty label.
 */
final class LabelBook
{
    private final Object2IntHashMap<String> ids = new Object2IntHashMap<>(-1);
    private final List<String> names = new ArrayList<>();

    LabelBook()
    {
        intern("");
    }

    int intern(final String label)
    {
        int id = ids.getValue(label);
        if (id < 0)
        {
            id = names.size();
            names.add(label);
            ids.put(label, id);
        }
        return id;
    }

    String name(final int label)
    {
        return names.get(label);
    }

    boolean isValid(final int label)
    {
        return label >= 0 && label < names.size();
    }

    long hash(final long seed)
    {
        long hash = seed;
        for (final String label : names)
        {
            hash = StateHash.mix(hash, label);
        }
        return hash;
    }
}
