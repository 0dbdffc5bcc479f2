package io.stowage.ipc;

import static io.stowage.ipc.FrameDescriptor.HEADER_LENGTH;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.agrona.BitUtil.SIZE_OF_SHORT;

/**
 * Body of a {@link MessageType#LAUNCH} frame (allocator to agent): a placement the agent's guard checks before it
 * launches the task. Offsets are from the start of the frame; D is the number of resource dimensions (1 to 8):
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                   Frame Header (24 bytes)                    ...
 *  +---------------------------------------------------------------+
 *  |                   Decision Sequence Number                    |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                           Task Id                             |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Task Key (the caller's; -1 for none)          |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                         Framework Id                          |
 *  +---------------------------------------------------------------+
 *  |                          Agent Epoch                          |
 *  +-------------------------------+-------------------------------+
 *  |          Dimensions           |        Agent Id Length        |
 *  +-------------------------------+-------------------------------+
 *  |               Resources[0 .. D)  (8 bytes each)              ...
 *  +---------------------------------------------------------------+
 *  |                     Agent Id (UTF-8)                         ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The frame ends exactly after the agent id.
 */
public final class LaunchDescriptor
{
    /** Offset of the decision sequence number. */
    public static final int DECISION_OFFSET = HEADER_LENGTH;
    /** Offset of the task id. */
    public static final int TASK_ID_OFFSET = DECISION_OFFSET + SIZE_OF_LONG;
    /** Offset of the caller's task key (-1 for none). */
    public static final int TASK_KEY_OFFSET = TASK_ID_OFFSET + SIZE_OF_LONG;
    /** Offset of the framework id. */
    public static final int FRAMEWORK_OFFSET = TASK_KEY_OFFSET + SIZE_OF_LONG;
    /** Offset of the agent registration epoch the placement was made for. */
    public static final int EPOCH_OFFSET = FRAMEWORK_OFFSET + SIZE_OF_INT;
    /** Offset of the number of resource dimensions (unsigned 16 bits). */
    public static final int DIMENSIONS_OFFSET = EPOCH_OFFSET + SIZE_OF_INT;
    /** Offset of the agent id length (unsigned 16 bits). */
    public static final int AGENT_ID_LENGTH_OFFSET = DIMENSIONS_OFFSET + SIZE_OF_SHORT;
    /** Offset of the resource vector. */
    public static final int RESOURCES_OFFSET = AGENT_ID_LENGTH_OFFSET + SIZE_OF_SHORT;

    private LaunchDescriptor()
    {
    }

    /**
     * @param dimensions    resource dimensions.
     * @param agentIdLength agent id length in UTF-8 bytes.
     * @return the frame length.
     */
    public static int frameLength(final int dimensions, final int agentIdLength)
    {
        return RESOURCES_OFFSET + dimensions * SIZE_OF_LONG + agentIdLength;
    }

    /**
     * @param dimensions resource dimensions.
     * @return offset of the agent id.
     */
    public static int agentIdOffset(final int dimensions)
    {
        return RESOURCES_OFFSET + dimensions * SIZE_OF_LONG;
    }
}
