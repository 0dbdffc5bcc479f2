package io.stowage.core;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of one agent record in the off-heap {@link AgentTable}. Records are packed back to back, one per slot;
 * the four vectors hold one {@code long} of milli-units per resource dimension (D of them):
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                             Flags                             |
 *  +---------------------------------------------------------------+
 *  |                             Epoch                             |
 *  +---------------------------------------------------------------+
 *  |                          Task Count                           |
 *  +---------------------------------------------------------------+
 *  |                        Attribute Set Id                       |
 *  +---------------------------------------------------------------+
 *  |                     Last Update Sequence                      |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                   Last Heartbeat Time (ns)                    |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Capacity[0 .. D)  (8 bytes each)            ...
 *  +---------------------------------------------------------------+
 *  |         Non-revocable Allocated[0 .. D)  (8 bytes each)      ...
 *  +---------------------------------------------------------------+
 *  |           Revocable Allocated[0 .. D)  (8 bytes each)        ...
 *  +---------------------------------------------------------------+
 *  |          Last Reported Usage[0 .. D)  (8 bytes each)         ...
 *  +---------------------------------------------------------------+
 * </pre>
 * A record is {@code HEADER_LENGTH + 4 * 8 * D} bytes: 96 for two dimensions, 160 for four, 256 for seven and
 * 288 for the maximum of eight.
 */
final class AgentTableDescriptor
{
    /** Offset of the state flags, see the {@code FLAG_*} bits. */
    static final int FLAGS_OFFSET = 0;
    /** Offset of the epoch: incremented each time the slot is registered, so decisions for a past tenant are stale. */
    static final int EPOCH_OFFSET = FLAGS_OFFSET + SIZE_OF_INT;
    /** Offset of the number of running tasks. */
    static final int TASK_COUNT_OFFSET = EPOCH_OFFSET + SIZE_OF_INT;
    /** Offset of the interned attribute set id. */
    static final int ATTRIBUTE_SET_OFFSET = TASK_COUNT_OFFSET + SIZE_OF_INT;
    /** Offset of the sequence number of the last applied agent update. */
    static final int LAST_SEQUENCE_OFFSET = ATTRIBUTE_SET_OFFSET + SIZE_OF_INT;
    /** Offset of the time of the last heartbeat, in the kernel's event-time nanoseconds. */
    static final int LAST_HEARTBEAT_OFFSET = LAST_SEQUENCE_OFFSET + SIZE_OF_LONG;
    /** Length of the fixed header that precedes the vectors. */
    static final int HEADER_LENGTH = LAST_HEARTBEAT_OFFSET + SIZE_OF_LONG;

    /** Vector index of capacity. */
    static final int CAPACITY = 0;
    /** Vector index of non-revocable allocated. */
    static final int ALLOCATED = 1;
    /** Vector index of revocable allocated. */
    static final int REVOCABLE = 2;
    /** Vector index of last reported usage. */
    static final int USAGE = 3;
    /** Number of vectors in a record. */
    static final int VECTOR_COUNT = 4;

    /** The slot holds a registered agent. */
    static final int FLAG_REGISTERED = 1;
    /** The agent is draining. */
    static final int FLAG_DRAINING = 1 << 1;
    /** The agent reported pressure. */
    static final int FLAG_PRESSURED = 1 << 2;
    /** The agent's capacity is below what runs on it. */
    static final int FLAG_OVERCOMMITTED = 1 << 3;
    /** The agent missed its heartbeat timeout. */
    static final int FLAG_UNREACHABLE = 1 << 4;
    /** The agent has reported usage at least once, so its slack is known. */
    static final int FLAG_USAGE_REPORTED = 1 << 5;
    /** The agent's usage trend projects it into pressure: placed on only when nothing else fits. */
    static final int FLAG_AVOIDED = 1 << 6;

    private AgentTableDescriptor()
    {
    }

    /**
     * @param dimensions number of resource dimensions.
     * @return the length of one record in bytes.
     */
    static int recordLength(final int dimensions)
    {
        return HEADER_LENGTH + VECTOR_COUNT * SIZE_OF_LONG * dimensions;
    }

    /**
     * @param dimensions number of resource dimensions.
     * @param vector     one of {@link #CAPACITY}, {@link #ALLOCATED}, {@link #REVOCABLE}, {@link #USAGE}.
     * @param dimension  index of the dimension.
     * @return the offset of that quantity within a record.
     */
    static int vectorOffset(final int dimensions, final int vector, final int dimension)
    {
        return HEADER_LENGTH + (vector * dimensions + dimension) * SIZE_OF_LONG;
    }

    /**
     * Checks that a table of the given size can be addressed with an {@code int} offset.
     *
     * @param maxAgents  number of records.
     * @param dimensions number of resource dimensions.
     * @throws IllegalStateException naming the sizes if the table would be too large.
     */
    static void checkCapacity(final int maxAgents, final int dimensions)
    {
        final long length = (long)maxAgents * recordLength(dimensions);
        if (length > Integer.MAX_VALUE - 64)
        {
            throw new IllegalStateException(
                "agent table of " + maxAgents + " records of " + recordLength(dimensions) + " bytes is too large: " +
                length);
        }
    }
}
