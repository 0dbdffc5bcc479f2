package io.stowage.core;

import org.agrona.collections.Object2IntHashMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Interns agent attributes: names and values become ints, and a whole set of name=value pairs becomes one int, so
 * an agent record holds a single attribute set id and thousands of alike agents share one set.
 */
final class AttributeInterner
{
    /** The id of the empty attribute set. */
    static final int EMPTY_SET = 0;

    private final Object2IntHashMap<String> nameIds = new Object2IntHashMap<>(-1);
    private final List<String> names = new ArrayList<>();
    private final Object2IntHashMap<String> valueIds = new Object2IntHashMap<>(-1);
    private final List<String> values = new ArrayList<>();
    private final Object2IntHashMap<String> setIds = new Object2IntHashMap<>(-1);
    private final List<int[]> sets = new ArrayList<>();

    AttributeInterner()
    {
        setIds.put("", EMPTY_SET);
        sets.add(new int[0]);
    }

    /**
     * @param attributes name to value.
     * @return the id of the interned set.
     */
    int intern(final Map<String, String> attributes)
    {
        if (attributes.isEmpty())
        {
            return EMPTY_SET;
        }
        final TreeMap<String, String> sorted = new TreeMap<>(attributes);
        final StringBuilder key = new StringBuilder();
        for (final Map.Entry<String, String> e : sorted.entrySet())
        {
            key.append(e.getKey().length()).append(':').append(e.getKey())
                .append(e.getValue().length()).append(':').append(e.getValue());
        }
        final String canonical = key.toString();
        final int existing = setIds.getValue(canonical);
        if (existing >= 0)
        {
            return existing;
        }
        final int[] pairs = new int[sorted.size() * 2];
        int i = 0;
        for (final Map.Entry<String, String> e : sorted.entrySet())
        {
            pairs[i++] = internName(e.getKey());
            pairs[i++] = internValue(e.getValue());
        }
        final int id = sets.size();
        sets.add(pairs);
        setIds.put(canonical, id);
        return id;
    }

    private int internName(final String name)
    {
        int id = nameIds.getValue(name);
        if (id < 0)
        {
            id = names.size();
            names.add(name);
            nameIds.put(name, id);
        }
        return id;
    }

    private int internValue(final String value)
    {
        int id = valueIds.getValue(value);
        if (id < 0)
        {
            id = values.size();
            values.add(value);
            valueIds.put(value, id);
        }
        return id;
    }

    /** @return the name id, or -1 if no agent ever carried it. */
    int nameId(final String name)
    {
        return nameIds.getValue(name);
    }

    /** @return the value id, or -1 if no agent ever carried it. */
    int valueId(final String value)
    {
        return valueIds.getValue(value);
    }

    /** @return the value id of a name in a set, or -1 if the set lacks the name. */
    int valueOf(final int setId, final int nameId)
    {
        final int[] pairs = sets.get(setId);
        for (int i = 0; i < pairs.length; i += 2)
        {
            if (pairs[i] == nameId)
            {
                return pairs[i + 1];
            }
        }
        return -1;
    }

    /** @return the attributes of a set as a sorted map of name to value. */
    Map<String, String> toMap(final int setId)
    {
        final TreeMap<String, String> map = new TreeMap<>();
        final int[] pairs = sets.get(setId);
        for (int i = 0; i < pairs.length; i += 2)
        {
            map.put(names.get(pairs[i]), values.get(pairs[i + 1]));
        }
        return map;
    }

    long hash(final int setId, final long seed)
    {
        long hash = seed;
        final int[] pairs = sets.get(setId);
        for (int i = 0; i < pairs.length; i += 2)
        {
            hash = StateHash.mix(StateHash.mix(hash, names.get(pairs[i])), values.get(pairs[i + 1]));
        }
        return hash;
    }
}
