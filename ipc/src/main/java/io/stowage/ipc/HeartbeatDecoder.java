package io.stowage.ipc;

import org.agrona.DirectBuffer;

import static io.stowage.ipc.BodyChecks.uint16;
import static io.stowage.ipc.BodyChecks.uint8;
import static io.stowage.ipc.FrameDescriptor.BYTE_ORDER;
import static io.stowage.ipc.FrameDescriptor.MAX_DIMENSIONS;
import static io.stowage.ipc.HeartbeatDescriptor.*;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Flyweight that checks and reads the body of a {@link MessageType#HEARTBEAT} frame (layout in
 * {@link HeartbeatDescriptor}) whose header {@link FrameHeader} already accepted. Reusable; allocates nothing.
 */
public final class HeartbeatDecoder
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
        if (length < USAGE_OFFSET)
        {
            return FrameError.TRUNCATED;
        }
        final int flags = uint8(buffer, offset + FLAGS_OFFSET);
        if ((flags & ~KNOWN_FLAGS) != 0)
        {
            return FrameError.BAD_FIELD;
        }
        dimensions = uint8(buffer, offset + DIMENSIONS_OFFSET);
        if ((flags & FLAG_USAGE) == 0 ? dimensions != 0 : dimensions == 0 || dimensions > MAX_DIMENSIONS)
        {
            return FrameError.DIMENSION_MISMATCH;
        }
        agentIdLength = uint16(buffer, offset + AGENT_ID_LENGTH_OFFSET);
        return BodyChecks.trailingAgentId(buffer, agentIdOffset(), agentIdLength, offset + length);
    }

    /** @return the agent's update sequence number. */
    public long sequence()
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET, BYTE_ORDER);
    }

    /** @return the registration epoch the agent holds. */
    public int epoch()
    {
        return buffer.getInt(offset + EPOCH_OFFSET, BYTE_ORDER);
    }

    /** @return true if the agent reports pressure explicitly. */
    public boolean pressure()
    {
        return (buffer.getByte(offset + FLAGS_OFFSET) & FLAG_PRESSURE) != 0;
    }

    /** @return true if the heartbeat carries usage. */
    public boolean hasUsage()
    {
        return (buffer.getByte(offset + FLAGS_OFFSET) & FLAG_USAGE) != 0;
    }

    /** @return usage dimensions, 0 without usage. */
    public int dimensions()
    {
        return dimensions;
    }

    /**
     * @param dimension a dimension index.
     * @return the usage in milli-units.
     */
    public long usage(final int dimension)
    {
        return buffer.getLong(offset + USAGE_OFFSET + dimension * SIZE_OF_LONG, BYTE_ORDER);
    }

    /**
     * @param into filled with the first {@link #dimensions()} usage values.
     */
    public void usage(final long[] into)
    {
        for (int d = 0; d < dimensions; d++)
        {
            into[d] = usage(d);
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
        return offset + HeartbeatDescriptor.agentIdOffset(dimensions);
    }

    /** @return length of the agent id in UTF-8 bytes. */
    public int agentIdLength()
    {
        return agentIdLength;
    }

    /** @return the agent id as a new string (allocates; for tests and diagnostics). */
    public String agentId()
    {
        return buffer.getStringWithoutLengthUtf8(agentIdOffset(), agentIdLength);
    }
}
