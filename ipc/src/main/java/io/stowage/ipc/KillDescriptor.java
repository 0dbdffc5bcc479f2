package io.stowage.ipc;

import static io.stowage.ipc.FrameDescriptor.HEADER_LENGTH;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.agrona.BitUtil.SIZE_OF_SHORT;

/**
 * Body of a {@link MessageType#KILL} frame (allocator to agent): the kernel ended a running task (lost, preempted,
 * revoked, or released after the agent refused it). The cause is a
 * {@link WireCodes#code(io.stowage.core.TaskEndCause)} code. Offsets are from the start of the frame:
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
 *  +-------------------------------+-------------------------------+
 *  |          Cause Code           |        Agent Id Length        |
 *  +-------------------------------+-------------------------------+
 *  |                     Agent Id (UTF-8)                         ...
 *  +---------------------------------------------------------------+
 * </pre>
 * The frame ends exactly after the agent id.
 */
public final class KillDescriptor
{
    /** Offset of the decision sequence number. */
    public static final int DECISION_OFFSET = HEADER_LENGTH;
    /** Offset of the task id. */
    public static final int TASK_ID_OFFSET = DECISION_OFFSET + SIZE_OF_LONG;
    /** Offset of the caller's task key (-1 for none). */
    public static final int TASK_KEY_OFFSET = TASK_ID_OFFSET + SIZE_OF_LONG;
    /** Offset of the framework id. */
    public static final int FRAMEWORK_OFFSET = TASK_KEY_OFFSET + SIZE_OF_LONG;
    /** Offset of the cause code (unsigned 16 bits). */
    public static final int CAUSE_OFFSET = FRAMEWORK_OFFSET + SIZE_OF_INT;
    /** Offset of the agent id length (unsigned 16 bits). */
    public static final int AGENT_ID_LENGTH_OFFSET = CAUSE_OFFSET + SIZE_OF_SHORT;
    /** Offset of the agent id. */
    public static final int AGENT_ID_OFFSET = AGENT_ID_LENGTH_OFFSET + SIZE_OF_SHORT;

    private KillDescriptor()
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
