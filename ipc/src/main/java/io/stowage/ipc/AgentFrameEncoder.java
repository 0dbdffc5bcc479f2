package io.stowage.ipc;

import io.stowage.core.Reason;
import org.agrona.MutableDirectBuffer;

import java.util.Map;

import static io.stowage.ipc.FrameDescriptor.*;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Encodes agent to allocator frames ({@link RegisterDescriptor}, {@link HeartbeatDescriptor},
 * {@link TaskFinishedDescriptor}, {@link LaunchRefusedDescriptor}) into a buffer. Agent ids are passed as their
 * UTF-8 bytes, encoded once by the caller, so that heartbeats allocate nothing. Each method writes one whole frame at
 * the wrapped offset and returns its length.
 */
public final class AgentFrameEncoder
{
    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * @param buffer to write frames into.
     * @param offset where the frame starts.
     * @return this.
     */
    public AgentFrameEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * @param sourceId      the publisher's id.
     * @param sendTimeNanos the publisher's clock.
     * @param agentId       the agent id in UTF-8.
     * @param capacity      milli-units per dimension, 1 to 8 of them.
     * @param attributes    attribute name to value, at most {@link RegisterDescriptor#MAX_ATTRIBUTES}.
     * @return the frame length.
     * @throws IllegalArgumentException naming the field that does not fit the format.
     */
    public int register(
        final int sourceId,
        final long sendTimeNanos,
        final byte[] agentId,
        final long[] capacity,
        final Map<String, String> attributes)
    {
        checkAgentIdLength(agentId.length);
        checkDimensions(capacity.length);
        if (capacity.length == 0)
        {
            throw new IllegalArgumentException("a registration needs at least one capacity dimension");
        }
        if (attributes.size() > RegisterDescriptor.MAX_ATTRIBUTES)
        {
            throw new IllegalArgumentException(attributes.size() + " attributes, at most " +
                RegisterDescriptor.MAX_ATTRIBUTES + " allowed");
        }
        final byte[][] strings = new byte[attributes.size() * 2][];
        int length = RegisterDescriptor.agentIdOffset(capacity.length) + agentId.length;
        int i = 0;
        for (final Map.Entry<String, String> e : attributes.entrySet())
        {
            strings[i] = attributeBytes(e.getKey(), 1, "attribute name");
            strings[i + 1] = attributeBytes(e.getValue(), 0, "value of attribute " + e.getKey());
            length += 2 * RegisterDescriptor.STRING_LENGTH_PREFIX + strings[i].length + strings[i + 1].length;
            i += 2;
        }
        checkCapacity(buffer.capacity() - offset, length, "registration of an agent");
        FrameHeader.write(buffer, offset, MessageType.REGISTER, length, sourceId, sendTimeNanos);
        buffer.putByte(offset + RegisterDescriptor.DIMENSIONS_OFFSET, (byte)capacity.length);
        buffer.putByte(offset + RegisterDescriptor.ATTRIBUTE_COUNT_OFFSET, (byte)attributes.size());
        buffer.putShort(offset + RegisterDescriptor.AGENT_ID_LENGTH_OFFSET, (short)agentId.length, BYTE_ORDER);
        putVector(offset + RegisterDescriptor.CAPACITY_OFFSET, capacity);
        int position = offset + RegisterDescriptor.agentIdOffset(capacity.length);
        buffer.putBytes(position, agentId);
        position += agentId.length;
        for (final byte[] string : strings)
        {
            buffer.putShort(position, (short)string.length, BYTE_ORDER);
            buffer.putBytes(position + RegisterDescriptor.STRING_LENGTH_PREFIX, string);
            position += RegisterDescriptor.STRING_LENGTH_PREFIX + string.length;
        }
        return length;
    }

    /**
     * @param sourceId      the publisher's id.
     * @param sendTimeNanos the publisher's clock.
     * @param agentId       the agent id in UTF-8.
     * @param epoch         the registration epoch the agent holds.
     * @param sequence      the agent's update sequence number.
     * @param usage         measured milli-units per dimension, or null for liveness only.
     * @param pressure      explicit pressure flag.
     * @return the frame length.
     */
    public int heartbeat(
        final int sourceId,
        final long sendTimeNanos,
        final byte[] agentId,
        final int epoch,
        final long sequence,
        final long[] usage,
        final boolean pressure)
    {
        checkAgentIdLength(agentId.length);
        final int dimensions = usage == null ? 0 : usage.length;
        checkDimensions(dimensions);
        final int length = HeartbeatDescriptor.frameLength(dimensions, agentId.length);
        checkCapacity(buffer.capacity() - offset, length, "heartbeat");
        FrameHeader.write(buffer, offset, MessageType.HEARTBEAT, length, sourceId, sendTimeNanos);
        buffer.putLong(offset + HeartbeatDescriptor.SEQUENCE_OFFSET, sequence, BYTE_ORDER);
        buffer.putInt(offset + HeartbeatDescriptor.EPOCH_OFFSET, epoch, BYTE_ORDER);
        final int flags = (pressure ? HeartbeatDescriptor.FLAG_PRESSURE : 0) |
            (usage != null ? HeartbeatDescriptor.FLAG_USAGE : 0);
        buffer.putByte(offset + HeartbeatDescriptor.FLAGS_OFFSET, (byte)flags);
        buffer.putByte(offset + HeartbeatDescriptor.DIMENSIONS_OFFSET, (byte)dimensions);
        buffer.putShort(offset + HeartbeatDescriptor.AGENT_ID_LENGTH_OFFSET, (short)agentId.length, BYTE_ORDER);
        if (usage != null)
        {
            putVector(offset + HeartbeatDescriptor.USAGE_OFFSET, usage);
        }
        buffer.putBytes(offset + HeartbeatDescriptor.agentIdOffset(dimensions), agentId);
        return length;
    }

    /**
     * @param sourceId      the publisher's id.
     * @param sendTimeNanos the publisher's clock.
     * @param agentId       the agent id in UTF-8.
     * @param epoch         the registration epoch the agent holds.
     * @param taskId        the task that ended.
     * @return the frame length.
     */
    public int taskFinished(
        final int sourceId, final long sendTimeNanos, final byte[] agentId, final int epoch, final long taskId)
    {
        checkAgentIdLength(agentId.length);
        final int length = TaskFinishedDescriptor.frameLength(agentId.length);
        checkCapacity(buffer.capacity() - offset, length, "task finished");
        FrameHeader.write(buffer, offset, MessageType.TASK_FINISHED, length, sourceId, sendTimeNanos);
        buffer.putLong(offset + TaskFinishedDescriptor.TASK_ID_OFFSET, taskId, BYTE_ORDER);
        buffer.putInt(offset + TaskFinishedDescriptor.EPOCH_OFFSET, epoch, BYTE_ORDER);
        buffer.putShort(offset + TaskFinishedDescriptor.AGENT_ID_LENGTH_OFFSET, (short)agentId.length, BYTE_ORDER);
        buffer.putBytes(offset + TaskFinishedDescriptor.AGENT_ID_OFFSET, agentId);
        return length;
    }

    /**
     * @param sourceId      the publisher's id.
     * @param sendTimeNanos the publisher's clock.
     * @param agentId       the agent id in UTF-8.
     * @param epoch         the registration epoch the agent holds.
     * @param taskId        the refused task.
     * @param reason        why the guard refused it.
     * @return the frame length.
     */
    public int launchRefused(
        final int sourceId,
        final long sendTimeNanos,
        final byte[] agentId,
        final int epoch,
        final long taskId,
        final Reason reason)
    {
        checkAgentIdLength(agentId.length);
        final int length = LaunchRefusedDescriptor.frameLength(agentId.length);
        checkCapacity(buffer.capacity() - offset, length, "launch refused");
        FrameHeader.write(buffer, offset, MessageType.LAUNCH_REFUSED, length, sourceId, sendTimeNanos);
        buffer.putLong(offset + LaunchRefusedDescriptor.TASK_ID_OFFSET, taskId, BYTE_ORDER);
        buffer.putInt(offset + LaunchRefusedDescriptor.EPOCH_OFFSET, epoch, BYTE_ORDER);
        buffer.putShort(offset + LaunchRefusedDescriptor.REASON_OFFSET, (short)WireCodes.code(reason), BYTE_ORDER);
        buffer.putShort(offset + LaunchRefusedDescriptor.AGENT_ID_LENGTH_OFFSET, (short)agentId.length, BYTE_ORDER);
        buffer.putBytes(offset + LaunchRefusedDescriptor.AGENT_ID_OFFSET, agentId);
        return length;
    }

    private void putVector(final int position, final long[] vector)
    {
        for (int d = 0; d < vector.length; d++)
        {
            buffer.putLong(position + d * SIZE_OF_LONG, vector[d], BYTE_ORDER);
        }
    }

    private static byte[] attributeBytes(final String value, final int minLength, final String what)
    {
        if (value == null)
        {
            throw new IllegalArgumentException(what + " is null");
        }
        final byte[] bytes = Utf8.encode(value, what);
        if (bytes.length < minLength || bytes.length > MAX_ATTRIBUTE_LENGTH)
        {
            throw new IllegalArgumentException(what + " has " + bytes.length + " UTF-8 bytes, must be " + minLength +
                " to " + MAX_ATTRIBUTE_LENGTH);
        }
        return bytes;
    }
}
