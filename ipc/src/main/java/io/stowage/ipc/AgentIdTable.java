package io.stowage.ipc;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Agent ids interned by their UTF-8 bytes, each with an owner key: finding the {@code String} for the id bytes of a
 * frame allocates nothing, so the steady state of the tailers is garbage free. Open addressing with linear probing;
 * entries are never removed (an agent id keeps its owner for the life of the table). Single-threaded.
 */
final class AgentIdTable
{
    /** Returned by {@link #find} when the id is not in the table. */
    static final int MISSING = -1;

    private byte[][] keys;
    private String[] ids;
    private long[] owners;
    private int[] hashes;
    private int size;

    /**
     * @param initialCapacity expected number of agents.
     */
    AgentIdTable(final int initialCapacity)
    {
        allocate(BitUtil.findNextPositivePowerOfTwo(Math.max(16, initialCapacity * 2)));
    }

    private void allocate(final int capacity)
    {
        keys = new byte[capacity][];
        ids = new String[capacity];
        owners = new long[capacity];
        hashes = new int[capacity];
    }

    /**
     * @param buffer holding the id bytes.
     * @param offset of the first byte.
     * @param length number of bytes.
     * @return the entry, or {@link #MISSING}.
     */
    int find(final DirectBuffer buffer, final int offset, final int length)
    {
        final int hash = hash(buffer, offset, length);
        final int mask = keys.length - 1;
        for (int i = hash & mask; keys[i] != null; i = (i + 1) & mask)
        {
            if (hashes[i] == hash && equal(keys[i], buffer, offset, length))
            {
                return i;
            }
        }
        return MISSING;
    }

    /**
     * Adds an id that {@link #find} did not find.
     *
     * @param buffer holding well-formed UTF-8 id bytes.
     * @param offset of the first byte.
     * @param length number of bytes.
     * @param owner  the owner key.
     * @return the new entry.
     */
    int add(final DirectBuffer buffer, final int offset, final int length, final long owner)
    {
        final byte[] key = new byte[length];
        buffer.getBytes(offset, key);
        return insert(key, new String(key, StandardCharsets.UTF_8), hash(buffer, offset, length), owner);
    }

    private int insert(final byte[] key, final String id, final int hash, final long owner)
    {
        if ((size + 1) * 2 > keys.length)
        {
            grow();
        }
        final int mask = keys.length - 1;
        int i = hash & mask;
        while (keys[i] != null)
        {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        ids[i] = id;
        owners[i] = owner;
        hashes[i] = hash;
        size++;
        return i;
    }

    private void grow()
    {
        final byte[][] oldKeys = keys;
        final String[] oldIds = ids;
        final long[] oldOwners = owners;
        final int[] oldHashes = hashes;
        allocate(oldKeys.length * 2);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++)
        {
            if (oldKeys[i] != null)
            {
                insert(oldKeys[i], oldIds[i], oldHashes[i], oldOwners[i]);
            }
        }
    }

    /**
     * @param entry an entry.
     * @return the interned id.
     */
    String id(final int entry)
    {
        return ids[entry];
    }

    /**
     * @param entry an entry.
     * @return its owner key.
     */
    long owner(final int entry)
    {
        return owners[entry];
    }

    /**
     * @param consumer receives each id with its owner key.
     */
    void forEach(final java.util.function.ObjLongConsumer<String> consumer)
    {
        for (int i = 0; i < keys.length; i++)
        {
            if (keys[i] != null)
            {
                consumer.accept(ids[i], owners[i]);
            }
        }
    }

    /** @return the number of ids. */
    int size()
    {
        return size;
    }

    private static boolean equal(final byte[] key, final DirectBuffer buffer, final int offset, final int length)
    {
        if (key.length != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (key[i] != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    private static int hash(final DirectBuffer buffer, final int offset, final int length)
    {
        int h = 0x811C9DC5;
        for (int i = 0; i < length; i++)
        {
            h = (h ^ (buffer.getByte(offset + i) & 0xFF)) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
