package io.stowage.core;

import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Object2IntHashMap;

/** Maps agents' external ids (strings or longs) to table slots and back. */
final class AgentDirectory
{
    private final Object2IntHashMap<String> slotByName;
    private final Long2LongHashMap slotByNumber;
    private final String[] nameOfSlot;
    private final long[] numberOfSlot;

    AgentDirectory(final int maxAgents)
    {
        final int initialCapacity = Math.min(maxAgents * 2, 1 << 21);
        slotByName = new Object2IntHashMap<>(initialCapacity, 0.65f, -1);
        slotByNumber = new Long2LongHashMap(initialCapacity, 0.65f, -1L);
        nameOfSlot = new String[maxAgents];
        numberOfSlot = new long[maxAgents];
    }

    int slotOf(final String name)
    {
        return slotByName.getValue(name);
    }

    int slotOf(final long number)
    {
        return (int)slotByNumber.get(number);
    }

    void bind(final String name, final int slot)
    {
        slotByName.put(name, slot);
        nameOfSlot[slot] = name;
    }

    void bind(final long number, final int slot)
    {
        slotByNumber.put(number, slot);
        nameOfSlot[slot] = null;
        numberOfSlot[slot] = number;
    }

    void unbind(final int slot)
    {
        final String name = nameOfSlot[slot];
        if (name != null)
        {
            slotByName.removeKey(name);
            nameOfSlot[slot] = null;
        }
        else
        {
            slotByNumber.remove(numberOfSlot[slot]);
        }
    }

    /** @return the external id of a registered slot, as given (a long id as its decimal text). */
    String idOf(final int slot)
    {
        final String name = nameOfSlot[slot];
        return name != null ? name : Long.toString(numberOfSlot[slot]);
    }

    long hash(final int slot, final long seed)
    {
        final String name = nameOfSlot[slot];
        return name != null ? StateHash.mix(seed, name) : StateHash.mix(seed, numberOfSlot[slot]);
    }

    void writeTo(final SnapshotWriter out, final AgentTable agents)
    {
        out.putLongs(numberOfSlot, numberOfSlot.length);
        for (int slot = 0; slot < nameOfSlot.length; slot++)
        {
            if (agents.isRegistered(slot))
            {
                out.putString(nameOfSlot[slot]);
            }
        }
    }

    /** Reads after the agent table: the registered slots say which ids are bound. */
    void readFrom(final SnapshotReader in, final AgentTable agents)
    {
        Snapshots.exact(in, "agent numbers", in.getLongs("agent numbers", numberOfSlot), numberOfSlot.length);
        for (int slot = 0; slot < nameOfSlot.length; slot++)
        {
            if (agents.isRegistered(slot))
            {
                final String name = in.getString("agent id");
                if (name != null)
                {
                    if (slotByName.containsKey(name))
                    {
                        throw in.fail("agent id " + name + " is bound to two slots");
                    }
                    bind(name, slot);
                }
                else
                {
                    bind(numberOfSlot[slot], slot);
                }
            }
        }
    }
}
