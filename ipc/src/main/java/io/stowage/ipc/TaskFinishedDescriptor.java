package io.stowage.ipc;

import static io.stowage.ipc.FrameDescriptor.HEADER_LENGTH;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.agrona.BitUtil.SIZE_OF_SHORT;

/**
 * Body of a {@link MessageType#TASK_FINISHED} frame (agent to allocator), after the {@link FrameDescriptor} header.
 * Offsets are from the start of the frame:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                   Frame Header (24 bytes)                    ...
 *  +---------------------------------------------------------------+
 *  |                           Task Id                             |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                           Epoch                               |
 *  +-------------------------------+-------------------------------+
 *  |        Agent Id Length        |       Agent Id (UTF-8)       ...
 *  +-------------------------------+-------------------------------+
 * </pre>
 * The frame ends exactly after the agent id.
 */
public final class TaskFinishedDescriptor
{
    /** Offset of the id of the task that ended. */
    public static final int TASK_ID_OFFSET = HEADER_LENGTH;
    /** Offset of the registration epoch the agent holds. */
    public static final int EPOCH_OFFSET = TASK_ID_OFFSET + SIZE_OF_LONG;
    /** Offset of the agent id length (unsigned 16 bits). */
    public static final int AGENT_ID_LENGTH_OFFSET = EPOCH_OFFSET + SIZE_OF_INT;
    /** Offset of the agent id. */
    public static final int AGENT_ID_OFFSET = AGENT_ID_LENGTH_OFFSET + SIZE_OF_SHORT;

    private TaskFinishedDescriptor()
    {
    }

    /**
     * @param agentIdLength agent id length in UTF-8 bytes.
     * @return the frame length.
     */
    public static int frameLength(final int agentIdLength)
    {
        return AGENT_ID_OFFSET + agentIdLength;
    }
}
