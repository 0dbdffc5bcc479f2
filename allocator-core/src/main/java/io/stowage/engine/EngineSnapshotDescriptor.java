package io.stowage.engine;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.agrona.BitUtil.SIZE_OF_SHORT;

/**
 * Layout of an engine snapshot file ({@link EngineSnapshotStore}): where in the journal the snapshot stands, then the
 * applier's snapshot (the last decision number and a {@code KernelSnapshot}). Little-endian:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                      Magic ("STES", 0x53455453)               |
 *  +-------------------------------+-------------------------------+
 *  |           Version (1)         |            Reserved           |
 *  +-------------------------------+-------------------------------+
 *  |                  Header Length (with origins)                 |
 *  +---------------------------------------------------------------+
 *  |            CRC-32C of the header after this field             |
 *  +---------------------------------------------------------------+
 *  |             Journal Index of the last input included          |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |              Inputs applied since the journal began           |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                Ingress time of that input (ns)                |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Length of the applier snapshot               |
 *  +---------------------------------------------------------------+
 *  |                      Agent queue count (Q)                    |
 *  +---------------------------------------------------------------+
 *  |   Index of the last journaled frame of each agent queue (Q)  ...
 *  +---------------------------------------------------------------+
 *  |   Applier snapshot: last decision, then the kernel snapshot  ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The kernel snapshot carries its own checksum; the header's covers the journal position and the queue positions,
 * from which recovery resumes the journal and the agent queues.
 */
public final class EngineSnapshotDescriptor
{
    /** "STES" read as a little-endian int. */
    public static final int MAGIC = 0x53455453;
    /** The version this code writes and reads. */
    public static final short VERSION = 1;

    /** Offset of the magic. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the version. */
    public static final int VERSION_OFFSET = MAGIC_OFFSET + SIZE_OF_INT;
    /** Offset of the header length. */
    public static final int HEADER_LENGTH_OFFSET = VERSION_OFFSET + 2 * SIZE_OF_SHORT;
    /** Offset of the header's checksum. */
    public static final int CHECKSUM_OFFSET = HEADER_LENGTH_OFFSET + SIZE_OF_INT;
    /** Offset of the journal index of the last input the snapshot includes. */
    public static final int JOURNAL_INDEX_OFFSET = CHECKSUM_OFFSET + SIZE_OF_INT;
    /** Offset of the number of inputs applied since the journal began. */
    public static final int INPUTS_OFFSET = JOURNAL_INDEX_OFFSET + SIZE_OF_LONG;
    /** Offset of the ingress time of the last input included. */
    public static final int INGRESS_OFFSET = INPUTS_OFFSET + SIZE_OF_LONG;
    /** Offset of the applier snapshot's length. */
    public static final int APPLIER_LENGTH_OFFSET = INGRESS_OFFSET + SIZE_OF_LONG;
    /** Offset of the agent queue count. */
    public static final int QUEUE_COUNT_OFFSET = APPLIER_LENGTH_OFFSET + SIZE_OF_INT;
    /** Offset of the first queue position. */
    public static final int QUEUES_OFFSET = QUEUE_COUNT_OFFSET + SIZE_OF_INT;
    /** The most agent queues a snapshot records. */
    public static final int MAX_QUEUES = 1024;

    private EngineSnapshotDescriptor()
    {
    }

    /**
     * @param queues the number of agent queues recorded.
     * @return the header length, where the applier snapshot starts.
     */
    public static int headerLength(final int queues)
    {
        return QUEUES_OFFSET + queues * SIZE_OF_LONG;
    }
}
