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

    void writeTo(final SnapshotWriter out)
    {
        out.putInt(names.size());
        for (int id = 1; id < names.size(); id++)
        {
            out.putString(names.get(id));
        }
    }

    void readFrom(final SnapshotReader in)
    {
        if (names.size() != 1)
        {
            throw new IllegalStateException("a snapshot is read into a new label book only");
        }
        final int count = in.getInt("labels", 1, Integer.MAX_VALUE);
        for (int id = 1; id < count; id++)
        {
            final String label = in.getString("label");
            if (label == null || intern(label) != id)
            {
                throw in.fail("label " + id + " is null or a duplicate");
            }
        }
    }
}
