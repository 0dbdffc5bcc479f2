package io.stowage.ipc;

import java.nio.ByteOrder;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_SHORT;

/**
 * Layout of one record of the owner log, the Chronicle queue in the tailer's state directory that remembers which
 * source registered each agent id first (see {@link AgentOwnership}). Little-endian:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Magic ("STOO", 0x4F4F5453)                |
 *  +-------------------------------+-------------------------------+
 *  |        Format Version         |        Agent Id Length        |
 *  +-------------------------------+-------------------------------+
 *  |                 Queue (position in the tailer's list)         |
 *  +---------------------------------------------------------------+
 *  |                           Source Id                           |
 *  +---------------------------------------------------------------+
 *  |                     Agent Id (UTF-8)                         ...
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class OwnerRecordDescriptor
{
    /** Byte order of every field. */
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;
    /** "STOO" read as a little-endian int. */
    public static final int MAGIC = 0x4F4F5453;
    /** The format version this code writes and reads. */
    public static final int VERSION = 1;

    /** Offset of the magic number. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the format version (unsigned 16 bits). */
    public static final int VERSION_OFFSET = MAGIC_OFFSET + SIZE_OF_INT;
    /** Offset of the agent id length (unsigned 16 bits). */
    public static final int AGENT_ID_LENGTH_OFFSET = VERSION_OFFSET + SIZE_OF_SHORT;
    /** Offset of the queue the owning source writes to. */
    public static final int QUEUE_OFFSET = AGENT_ID_LENGTH_OFFSET + SIZE_OF_SHORT;
    /** Offset of the owning source id. */
    public static final int SOURCE_ID_OFFSET = QUEUE_OFFSET + SIZE_OF_INT;
    /** Offset of the agent id. */
    public static final int AGENT_ID_OFFSET = SOURCE_ID_OFFSET + SIZE_OF_INT;

    private OwnerRecordDescriptor()
    {
    }

    /**
     * @param agentIdLength agent id length in UTF-8 bytes.
     * @return the record length.
     */
    public static int recordLength(final int agentIdLength)
    {
        return AGENT_ID_OFFSET + agentIdLength;
    }
}
