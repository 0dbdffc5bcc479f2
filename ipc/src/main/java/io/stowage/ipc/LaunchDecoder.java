package io.stowage.ipc;

import org.agrona.DirectBuffer;

import static io.stowage.ipc.BodyChecks.uint16;
import static io.stowage.ipc.FrameDescriptor.BYTE_ORDER;
import static io.stowage.ipc.FrameDescriptor.MAX_DIMENSIONS;
import static io.stowage.ipc.LaunchDescriptor.*;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Flyweight that checks and reads the body of a {@link MessageType#LAUNCH} frame (layout in
 * {@link LaunchDescriptor}) whose header {@link FrameHeader} already accepted. Reusable; allocates nothing.
 */
public final class LaunchDecoder
{
    private DirectBuffer buffer;
    private int offset;
    private int dimensions;
    private int agentIdLength;

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
        if (length < RESOURCES_OFFSET)
        {
            return FrameError.TRUNCATED;
        }
        dimensions = uint16(buffer, offset + DIMENSIONS_OFFSET);
        if (dimensions == 0 || dimensions > MAX_DIMENSIONS)
        {
            return FrameError.DIMENSION_MISMATCH;
        }
        agentIdLength = uint16(buffer, offset + AGENT_ID_LENGTH_OFFSET);
        return BodyChecks.trailingAgentId(buffer, agentIdOffset(), agentIdLength, offset + length);
    }

    /** @return the decision sequence number. */
    public long decision()
    {
        return buffer.getLong(offset + DECISION_OFFSET, BYTE_ORDER);
    }

    /** @return the placed task. */
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

    /** @return the agent registration epoch the placement was made for. */
    public int epoch()
    {
        return buffer.getInt(offset + EPOCH_OFFSET, BYTE_ORDER);
    }

    /** @return resource dimensions. */
    public int dimensions()
    {
        return dimensions;
    }

    /**
     * @param dimension a dimension index.
     * @return the task's milli-units in it.
     */
    public long resource(final int dimension)
    {
        return buffer.getLong(offset + RESOURCES_OFFSET + dimension * SIZE_OF_LONG, BYTE_ORDER);
    }

    /**
     * @param into filled with the first {@link #dimensions()} resource values.
     */
    public void resources(final long[] into)
    {
        for (int d = 0; d < dimensions; d++)
        {
            into[d] = resource(d);
        }
    }

    /** @return the buffer the agent id is in. */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /** @return offset of the agent id's UTF-8 bytes in {@link #buffer()}. */
    public int agentIdOffset()
    {
        return offset + LaunchDescriptor.agentIdOffset(dimensions);
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
