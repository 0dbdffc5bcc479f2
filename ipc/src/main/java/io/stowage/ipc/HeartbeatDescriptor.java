package io.stowage.ipc;

import static io.stowage.ipc.FrameDescriptor.HEADER_LENGTH;
import static org.agrona.BitUtil.SIZE_OF_BYTE;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Body of a {@link MessageType#HEARTBEAT} frame (agent to allocator), after the {@link FrameDescriptor} header.
 * Offsets below are from the start of the frame; D is the number of usage dimensions, 0 when the heartbeat reports
 * liveness only:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                   Frame Header (24 bytes)                    ...
 *  +---------------------------------------------------------------+
 *  |                     Update Sequence                           |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                          Epoch                                |
 *  +---------------+---------------+-------------------------------+
 *  |     Flags     |  Dimensions   |        Agent Id Length        |
 *  +---------------+---------------+-------------------------------+
 *  |                 Usage[0 .. D)  (8 bytes each)                ...
 *  +---------------------------------------------------------------+
 *  |                     Agent Id (UTF-8)                         ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Flags: bit 0 {@link #FLAG_PRESSURE}, bit 1 {@link #FLAG_USAGE}; other bits must be 0. Without the usage flag, D
 * is 0. The frame ends exactly after the agent id.
 */
public final class HeartbeatDescriptor
{
    /** The agent reports pressure explicitly. */
    public static final int FLAG_PRESSURE = 1;
    /** The frame carries a usage vector. */
    public static final int FLAG_USAGE = 1 << 1;
    /** Every defined flag bit. */
    public static final int KNOWN_FLAGS = FLAG_PRESSURE | FLAG_USAGE;

    /** Offset of the agent's update sequence number. */
    public static final int SEQUENCE_OFFSET = HEADER_LENGTH;
    /** Offset of the registration epoch the agent holds. */
    public static final int EPOCH_OFFSET = SEQUENCE_OFFSET + SIZE_OF_LONG;
    /** Offset of the flags byte. */
    public static final int FLAGS_OFFSET = EPOCH_OFFSET + SIZE_OF_INT;
    /** Offset of the number of usage dimensions (unsigned byte). */
    public static final int DIMENSIONS_OFFSET = FLAGS_OFFSET + SIZE_OF_BYTE;
    /** Offset of the agent id length (unsigned 16 bits). */
    public static final int AGENT_ID_LENGTH_OFFSET = DIMENSIONS_OFFSET + SIZE_OF_BYTE;
    /** Offset of the usage vector. */
    public static final int USAGE_OFFSET = AGENT_ID_LENGTH_OFFSET + Short.BYTES;

    private HeartbeatDescriptor()
    {
    }

    /**
     * @param dimensions    usage dimensions, 0 for none.
     * @param agentIdLength agent id length in UTF-8 bytes.
     * @return the frame length.
     */
    public static int frameLength(final int dimensions, final int agentIdLength)
    {
        return USAGE_OFFSET + dimensions * SIZE_OF_LONG + agentIdLength;
    }

    /**
     * @param dimensions usage dimensions.
     * @return offset of the agent id.
     */
    public static int agentIdOffset(final int dimensions)
    {
        return USAGE_OFFSET + dimensions * SIZE_OF_LONG;
    }
}
