package io.stowage.cluster;

import java.nio.ByteOrder;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of an {@link AllocatorService} snapshot: the service's own section, then the applier's snapshot
 * ({@link io.stowage.engine.KernelEventApplier#writeSnapshot}: the last decision number and the kernel). Little-endian;
 * carried in chunks by {@link SnapshotChunks}.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                   Magic ("STSS", 0x53535453)                  |
 *  +---------------------------------------------------------------+
 *  |                          Version (1)                          |
 *  +---------------------------------------------------------------+
 *  |                  Flags (bit 0: round timer armed)             |
 *  +---------------------------------------------------------------+
 *  |                          Client Count                         |
 *  +---------------------------------------------------------------+
 *  |               First Decision in the Window                    |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                    Decisions in the Window                    |
 *  +---------------------------------------------------------------+
 *  |                     Applier Snapshot Length                   |
 *  +---------------------------------------------------------------+
 *  |  per client: Client Id (8), Last Input Sequence (8)          ...
 *  +---------------------------------------------------------------+
 *  |  per decision: Length (4), the DECISION message              ...
 *  +---------------------------------------------------------------+
 *  |  the applier snapshot                                        ...
 *  +---------------------------------------------------------------+
 * </pre>
 */
final class ServiceSnapshotDescriptor
{
    static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;
    static final int MAGIC = 0x53535453;
    static final int VERSION = 1;
    static final int FLAG_TIMER_ARMED = 1;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = MAGIC_OFFSET + SIZE_OF_INT;
    static final int FLAGS_OFFSET = VERSION_OFFSET + SIZE_OF_INT;
    static final int CLIENT_COUNT_OFFSET = FLAGS_OFFSET + SIZE_OF_INT;
    static final int WINDOW_FIRST_OFFSET = CLIENT_COUNT_OFFSET + SIZE_OF_INT;
    static final int WINDOW_COUNT_OFFSET = WINDOW_FIRST_OFFSET + SIZE_OF_LONG;
    static final int APPLIER_LENGTH_OFFSET = WINDOW_COUNT_OFFSET + SIZE_OF_INT;
    static final int HEADER_LENGTH = APPLIER_LENGTH_OFFSET + SIZE_OF_INT;
    static final int CLIENT_ENTRY_LENGTH = 2 * SIZE_OF_LONG;

    private ServiceSnapshotDescriptor()
    {
    }
}
