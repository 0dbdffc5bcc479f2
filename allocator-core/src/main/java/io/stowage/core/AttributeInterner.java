package io.stowage.core;

import org.agrona.collections.IntArrayList;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.Object2IntHashMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Interns agent attributes: names and values become ints, and a whole set of name=value pairs becomes one int, so
 * an agent record holds a single attribute set id and thousands of alike agents share one set. It also indexes
 * agents by attribute: the members of each set, the sets holding each name=value pair and each name, and how many
 * registered agents hold each pair, so a selective constraint looks only at the agents that can satisfy it.
 */
final class AttributeInterner
{
    /** The id of the empty attribute set. */
    static final int EMPTY_SET = 0;

    private final Object2IntHashMap<String> nameIds = new Object2IntHashMap<>(-1);
    private final List<String> names = new ArrayList<>();
    private final Object2IntHashMap<String> valueIds = new Object2IntHashMap<>(-1);
    private final List<String> values = new ArrayList<>();
    private final Object2IntHashMap<Map<String, String>> setIds = new Object2IntHashMap<>(-1);
    private final List<int[]> sets = new ArrayList<>();
    private final List<IntArrayList> members = new ArrayList<>();
    private final Long2ObjectHashMap<IntArrayList> setsByPair = new Long2ObjectHashMap<>();
    private final List<IntArrayList> setsByName = new ArrayList<>();
    private final List<IntArrayList> valuesByName = new ArrayList<>();
    private int[] positionInSet;

    AttributeInterner(final int maxAgents)
    {
        setIds.put(Map.of(), EMPTY_SET);
        sets.add(new int[0]);
        members.add(new IntArrayList());
        positionInSet = new int[maxAgents];
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
        final int existing = setIds.getValue(attributes);
        if (existing >= 0)
        {
            return existing;
        }
        final TreeMap<String, String> sorted = new TreeMap<>(attributes);
        final int[] pairs = new int[sorted.size() * 2];
        int i = 0;
        for (final Map.Entry<String, String> e : sorted.entrySet())
        {
            pairs[i++] = internName(e.getKey());
            pairs[i++] = internValue(e.getValue());
        }
        return addSet(pairs, Map.copyOf(attributes));
    }

    private int addSet(final int[] pairs, final Map<String, String> key)
    {
        final int id = sets.size();
        sets.add(pairs);
        members.add(new IntArrayList());
        setIds.put(key, id);
        for (int p = 0; p < pairs.length; p += 2)
        {
            final long pair = pairKey(pairs[p], pairs[p + 1]);
            IntArrayList holders = setsByPair.get(pair);
            if (holders == null)
            {
                holders = new IntArrayList();
                setsByPair.put(pair, holders);
                valuesByName.get(pairs[p]).addInt(pairs[p + 1]);
            }
            holders.addInt(id);
            setsByName.get(pairs[p]).addInt(id);
        }
        return id;
    }

    private static long pairKey(final int nameId, final int valueId)
    {
        return ((long)nameId << 32) | (valueId & 0xFFFF_FFFFL);
    }

    /** Adds a registered agent to the members of its attribute set. */
    void join(final int setId, final int slot)
    {
        final IntArrayList list = members.get(setId);
        positionInSet[slot] = list.size();
        list.addInt(slot);
    }

    /** Removes an agent from the members of its attribute set. */
    void leave(final int setId, final int slot)
    {
        final IntArrayList list = members.get(setId);
        final int position = positionInSet[slot];
        final int last = list.getInt(list.size() - 1);
        list.setInt(position, last);
        positionInSet[last] = position;
        list.removeAt(list.size() - 1);
    }

    /** @return where an agent sits in the members of its set (for the invariant checker). */
    int memberPosition(final int slot)
    {
        return positionInSet[slot];
    }

    /** @return the registered agents of a set. */
    IntArrayList members(final int setId)
    {
        return members.get(setId);
    }

    /** @return the ids of the sets that hold a name=value pair, or null if none does. */
    IntArrayList setsWith(final int nameId, final int valueId)
    {
        return setsByPair.get(pairKey(nameId, valueId));
    }

    /** @return the ids of the sets that hold a name. */
    IntArrayList setsWithName(final int nameId)
    {
        return setsByName.get(nameId);
    }

    /** @return the value ids seen with a name, in the order first seen. */
    IntArrayList valuesOf(final int nameId)
    {
        return valuesByName.get(nameId);
    }

    /** @return how many attribute sets are interned; set ids run from 0 to this minus one. */
    int setCount()
    {
        return sets.size();
    }

    /** @return how many distinct values (of agents and of constraints) are interned. */
    int valueCount()
    {
        return values.size();
    }

    /** @return the text of a value id. */
    String value(final int valueId)
    {
        return values.get(valueId);
    }

    /**
     * Interns a name that a constraint refers to, whether or not an agent carries it.
     *
     * @return the name id.
     */
    int internConstraintName(final String name)
    {
        return internName(name);
    }

    /**
     * Interns a value that a constraint refers to, whether or not an agent carries it.
     *
     * @return the value id.
     */
    int internConstraintValue(final String value)
    {
        return internValue(value);
    }

    private int internName(final String name)
    {
        int id = nameIds.getValue(name);
        if (id < 0)
        {
            id = names.size();
            names.add(name);
            nameIds.put(name, id);
            setsByName.add(new IntArrayList());
            valuesByName.add(new IntArrayList());
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

    void writeTo(final SnapshotWriter out)
    {
        out.putInt(names.size());
        for (final String name : names)
        {
            out.putString(name);
        }
        out.putInt(values.size());
        for (final String value : values)
        {
            out.putString(value);
        }
        out.putInt(sets.size());
        for (int set = 1; set < sets.size(); set++)
        {
            final int[] pairs = sets.get(set);
            out.putInts(pairs, pairs.length);
        }
        for (final IntArrayList list : members)
        {
            out.putInt(list.size());
            for (int i = 0; i < list.size(); i++)
            {
                out.putInt(list.getInt(i));
            }
        }
        out.putInts(positionInSet, positionInSet.length);
    }

    /** Reads into an interner that holds only the empty set, re-interning in the order of the ids. */
    void readFrom(final SnapshotReader in)
    {
        if (sets.size() != 1 || !names.isEmpty() || !values.isEmpty())
        {
            throw new IllegalStateException("a snapshot is read into a new interner only");
        }
        final int nameCount = in.getInt("attribute names", 0, Integer.MAX_VALUE);
        for (int i = 0; i < nameCount; i++)
        {
            if (internName(notNull(in, in.getString("attribute name"))) != i)
            {
                throw in.fail("attribute name " + i + " is a duplicate");
            }
        }
        final int valueCount = in.getInt("attribute values", 0, Integer.MAX_VALUE);
        for (int i = 0; i < valueCount; i++)
        {
            if (internValue(notNull(in, in.getString("attribute value"))) != i)
            {
                throw in.fail("attribute value " + i + " is a duplicate");
            }
        }
        final int setCount = in.getInt("attribute sets", 1, Integer.MAX_VALUE);
        for (int set = 1; set < setCount; set++)
        {
            final int[] pairs = in.getInts("attribute set pairs", 2 * nameCount);
            final TreeMap<String, String> map = new TreeMap<>();
            for (int p = 0; p + 1 < pairs.length; p += 2)
            {
                if (pairs[p] < 0 || pairs[p] >= nameCount || pairs[p + 1] < 0 || pairs[p + 1] >= valueCount)
                {
                    throw in.fail("attribute set " + set + " names an unknown name or value");
                }
                map.put(names.get(pairs[p]), values.get(pairs[p + 1]));
            }
            if ((pairs.length & 1) != 0 || map.size() * 2 != pairs.length || setIds.containsKey(map))
            {
                throw in.fail("attribute set " + set + " is malformed or a duplicate");
            }
            addSet(pairs, Map.copyOf(map));
        }
        for (int set = 0; set < setCount; set++)
        {
            final IntArrayList list = members.get(set);
            final int size = in.getInt("attribute set members", 0, positionInSet.length);
            for (int i = 0; i < size; i++)
            {
                list.addInt(in.getInt("attribute set member", 0, positionInSet.length - 1));
            }
        }
        Snapshots.exact(in, "member positions", in.getInts("member positions", positionInSet), positionInSet.length);
    }

    private static String notNull(final SnapshotReader in, final String value)
    {
        if (value == null)
        {
            throw in.fail("an attribute name or value is null");
        }
        return value;
    }
}
