package io.stowage.ipc;

import io.stowage.core.TaskEndCause;
import org.agrona.DirectBuffer;

import static io.stowage.ipc.BodyChecks.uint16;
import static io.stowage.ipc.FrameDescriptor.BYTE_ORDER;
import static io.stowage.ipc.KillDescriptor.*;

/**
 * Flyweight that checks and reads the body of a {@link MessageType#KILL} frame (layout in {@link KillDescriptor})
 * whose header {@link FrameHeader} already accepted. Reusable; allocates nothing.
 */
public final class KillDecoder
{
    private DirectBuffer buffer;
    private int offset;
    private int agentIdLength;
    private TaskEndCause cause;

    /**
     * @param buffer holding the frame.
     * @param offset where the frame starts.
     * @param length the frame's length.
     * @return {@link FrameError#NONE} if the body is well formed, else the first problem found.
     */
    public FrameError wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        if (length < AGENT_ID_OFFSET)
        {
            return FrameError.TRUNCATED;
        }
        cause = WireCodes.cause(uint16(buffer, offset + CAUSE_OFFSET));
        if (cause == null)
        {
            return FrameError.BAD_FIELD;
        }
        agentIdLength = uint16(buffer, offset + AGENT_ID_LENGTH_OFFSET);
        return BodyChecks.trailingAgentId(buffer, offset + AGENT_ID_OFFSET, agentIdLength, offset + length);
    }

    /** @return the decision sequence number. */
    public long decision()
    {
        return buffer.getLong(offset + DECISION_OFFSET, BYTE_ORDER);
    }

    /** @return the ended task. */
    public long taskId()
    {
        return buffer.getLong(offset + TASK_ID_OFFSET, BYTE_ORDER);
    }

    /** @return the caller's key of the task, or -1 for none. */
    public long taskKey()
    {
        return buffer.getLong(offset + TASK_KEY_OFFSET, BYTE_ORDER);
    }

    /** @return its framework id. */
    public int framework()
    {
        return buffer.getInt(offset + FRAMEWORK_OFFSET, BYTE_ORDER);
    }

    /** @return why the kernel ended it. */
    public TaskEndCause cause()
    {
        return cause;
    }

    /** @return the buffer the agent id is in. */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /** @return offset of the agent id's UTF-8 bytes in {@link #buffer()}. */
    public int agentIdOffset()
    {
        return offset + AGENT_ID_OFFSET;
    }

    /** @return length of the agent id in UTF-8 bytes. */
    public int agentIdLength()
    {
        return agentIdLength;
    }

    /** @return the agent id as a new string. */
    public String agentId()
    {
        return buffer.getStringWithoutLengthUtf8(agentIdOffset(), agentIdLength);
    }
}
