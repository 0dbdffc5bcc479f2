package io.stowage.ipc;

import io.stowage.core.TaskEndCause;
import org.agrona.MutableDirectBuffer;

import static io.stowage.ipc.FrameDescriptor.*;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Encodes allocator to agent frames ({@link LaunchDescriptor}, {@link KillDescriptor}) into a buffer. Each method
 * writes one whole frame at the wrapped offset and returns its length; nothing is allocated.
 */
public final class DecisionFrameEncoder
{
    private MutableDirectBuffer buffer;
    private int offset;

    /**
     * @param buffer to write frames into.
     * @param offset where the frame starts.
     * @return this.
     */
    public DecisionFrameEncoder wrap(final MutableDirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /**
     * @param sourceId      the allocator's id.
     * @param sendTimeNanos the allocator's clock.
     * @param decision      the decision sequence number.
     * @param taskId        the placed task.
     * @param taskKey       the caller's key of the task, or -1.
     * @param framework     its framework id.
     * @param agentId       the agent id in UTF-8.
     * @param epoch         the agent registration epoch the placement was made for.
     * @param resources     milli-units per dimension the task holds, 1 to 8 of them.
     * @return the frame length.
     */
    public int launch(
        final int sourceId,
        final long sendTimeNanos,
        final long decision,
        final long taskId,
        final long taskKey,
        final int framework,
        final byte[] agentId,
        final int epoch,
        final long[] resources)
    {
        checkAgentIdLength(agentId.length);
        checkDimensions(resources.length);
        final int length = LaunchDescriptor.frameLength(resources.length, agentId.length);
        checkCapacity(buffer.capacity() - offset, length, "launch");
        FrameHeader.write(buffer, offset, MessageType.LAUNCH, length, sourceId, sendTimeNanos);
        buffer.putLong(offset + LaunchDescriptor.DECISION_OFFSET, decision, BYTE_ORDER);
        buffer.putLong(offset + LaunchDescriptor.TASK_ID_OFFSET, taskId, BYTE_ORDER);
        buffer.putLong(offset + LaunchDescriptor.TASK_KEY_OFFSET, taskKey, BYTE_ORDER);
        buffer.putInt(offset + LaunchDescriptor.FRAMEWORK_OFFSET, framework, BYTE_ORDER);
        buffer.putInt(offset + LaunchDescriptor.EPOCH_OFFSET, epoch, BYTE_ORDER);
        buffer.putShort(offset + LaunchDescriptor.DIMENSIONS_OFFSET, (short)resources.length, BYTE_ORDER);
        buffer.putShort(offset + LaunchDescriptor.AGENT_ID_LENGTH_OFFSET, (short)agentId.length, BYTE_ORDER);
        for (int d = 0; d < resources.length; d++)
        {
            buffer.putLong(offset + LaunchDescriptor.RESOURCES_OFFSET + d * SIZE_OF_LONG, resources[d], BYTE_ORDER);
        }
        buffer.putBytes(offset + LaunchDescriptor.agentIdOffset(resources.length), agentId);
        return length;
    }

    /**
     * @param sourceId      the allocator's id.
     * @param sendTimeNanos the allocator's clock.
     * @param decision      the decision sequence number.
     * @param taskId        the ended task.
     * @param taskKey       the caller's key of the task, or -1.
     * @param framework     its framework id.
     * @param agentId       the agent id in UTF-8.
     * @param cause         why the kernel ended it.
     * @return the frame length.
     */
    public int kill(
        final int sourceId,
        final long sendTimeNanos,
        final long decision,
        final long taskId,
        final long taskKey,
        final int framework,
        final byte[] agentId,
        final TaskEndCause cause)
    {
        checkAgentIdLength(agentId.length);
        final int length = KillDescriptor.frameLength(agentId.length);
        checkCapacity(buffer.capacity() - offset, length, "kill");
        FrameHeader.write(buffer, offset, MessageType.KILL, length, sourceId, sendTimeNanos);
        buffer.putLong(offset + KillDescriptor.DECISION_OFFSET, decision, BYTE_ORDER);
        buffer.putLong(offset + KillDescriptor.TASK_ID_OFFSET, taskId, BYTE_ORDER);
        buffer.putLong(offset + KillDescriptor.TASK_KEY_OFFSET, taskKey, BYTE_ORDER);
        buffer.putInt(offset + KillDescriptor.FRAMEWORK_OFFSET, framework, BYTE_ORDER);
        buffer.putShort(offset + KillDescriptor.CAUSE_OFFSET, (short)WireCodes.code(cause), BYTE_ORDER);
        buffer.putShort(offset + KillDescriptor.AGENT_ID_LENGTH_OFFSET, (short)agentId.length, BYTE_ORDER);
        buffer.putBytes(offset + KillDescriptor.AGENT_ID_OFFSET, agentId);
        return length;
    }
}
