package io.stowage.core;

import org.agrona.collections.Long2LongHashMap;

/**
 * The callers' task keys: which live task holds each key. Open addressing over primitive longs, so binding and
 * releasing allocate nothing once the map has grown to the number of live keyed tasks.
 */
final class TaskKeys
{
    private final Long2LongHashMap slotByKey = new Long2LongHashMap(TaskLedger.NONE);

    /** @return true if a live task holds the key. */
    boolean isTaken(final long key)
    {
        return slotByKey.containsKey(key);
    }

    /** @return the ledger slot of the task holding the key, or {@link TaskLedger#NONE}. */
    int slotOf(final long key)
    {
        return (int)slotByKey.get(key);
    }

    void bind(final long key, final int slot)
    {
        slotByKey.put(key, slot);
    }

    void release(final long key)
    {
        slotByKey.remove(key);
    }

    int size()
    {
        return slotByKey.size();
    }
}
