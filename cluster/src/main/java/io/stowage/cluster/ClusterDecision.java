package io.stowage.cluster;

import io.stowage.core.Reason;
import io.stowage.core.TaskEndCause;
import io.stowage.engine.EventType;
import io.stowage.ipc.WireCodes;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static io.stowage.cluster.ClusterMessageDescriptor.*;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * A DECISION message read in place ({@link ClusterMessageDescriptor}): what {@link io.stowage.engine.EngineListener}
 * would have been told, with the same decision number on every node and after every failover. A flyweight: valid
 * only during the handler call it is given to; copy what you keep.
 */
public final class ClusterDecision
{
    private DirectBuffer buffer;
    private int offset;
    private int length;

    /**
     * @param buffer holding the message.
     * @param offset its first byte.
     * @param length its length.
     * @return this.
     */
    public ClusterDecision wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        return this;
    }

    /** @return the decision number: one more than the previous decision's. */
    public long decision()
    {
        return buffer.getLong(offset + DECISION_NUMBER_OFFSET, BYTE_ORDER);
    }

    /** @return the kind, one of the {@code KIND_*} codes of {@link ClusterMessageDescriptor}. */
    public int kind()
    {
        return buffer.getShort(offset + DECISION_KIND_OFFSET, BYTE_ORDER);
    }

    /** @return the correlation id of the input answered, 0 for placements and endings. */
    public long correlationId()
    {
        return buffer.getLong(offset + DECISION_CORRELATION_OFFSET, BYTE_ORDER);
    }

    /** @return the task id, or -1. */
    public long taskId()
    {
        return buffer.getLong(offset + DECISION_TASK_OFFSET, BYTE_ORDER);
    }

    /** @return the caller's task key, or -1. */
    public long key()
    {
        return buffer.getLong(offset + DECISION_KEY_OFFSET, BYTE_ORDER);
    }

    /** @return the framework of a placed or ended task, or -1. */
    public int framework()
    {
        return buffer.getInt(offset + DECISION_FRAMEWORK_OFFSET, BYTE_ORDER);
    }

    /** @return the agent epoch (placed, agent registered) or the id handed out (accepted), or -1. */
    public int value()
    {
        return buffer.getInt(offset + DECISION_VALUE_OFFSET, BYTE_ORDER);
    }

    /** @return the ingress time of the input whose round placed a task, 0 for other kinds. */
    public long ingressNanos()
    {
        return buffer.getLong(offset + DECISION_INGRESS_OFFSET, BYTE_ORDER);
    }

    /** @return the type of the input answered, or null for placements and endings. */
    public EventType eventType()
    {
        final int code = buffer.getShort(offset + DECISION_EVENT_TYPE_OFFSET, BYTE_ORDER) & 0xFFFF;
        return code == 0 ? null : WireCodes.eventType(code);
    }

    /** @return why an input was rejected, or null for other kinds. */
    public Reason reason()
    {
        return kind() == KIND_REJECTED ? WireCodes.reason(code()) : null;
    }

    /** @return why a task ended, or null for other kinds. */
    public TaskEndCause cause()
    {
        return kind() == KIND_ENDED ? WireCodes.cause(code()) : null;
    }

    /** @return the number of resource dimensions carried (placed and ended tasks), else 0. */
    public int dimensions()
    {
        return buffer.getShort(offset + DECISION_DIMENSIONS_OFFSET, BYTE_ORDER) & 0xFFFF;
    }

    /**
     * @param dimension a dimension below {@link #dimensions()}.
     * @return the task's resources in that dimension.
     */
    public long resource(final int dimension)
    {
        return buffer.getLong(offset + DECISION_RESOURCES_OFFSET + dimension * SIZE_OF_LONG, BYTE_ORDER);
    }

    /** @return the agent's external id, or null; allocates a string. */
    public String agentId()
    {
        final int idLength = buffer.getInt(offset + DECISION_AGENT_LENGTH_OFFSET, BYTE_ORDER);
        if (idLength < 0)
        {
            return null;
        }
        return buffer.getStringWithoutLengthUtf8(offset + DECISION_RESOURCES_OFFSET + dimensions() * SIZE_OF_LONG,
            idLength);
    }

    /**
     * Copies the whole message, for a consumer that keeps it beyond the handler call.
     *
     * @param dst       where it goes.
     * @param dstOffset where its first byte goes.
     */
    public void copyTo(final MutableDirectBuffer dst, final int dstOffset)
    {
        dst.putBytes(dstOffset, buffer, offset, length);
    }

    /** @return the message's length in bytes. */
    public int length()
    {
        return length;
    }

    private int code()
    {
        return buffer.getShort(offset + DECISION_CODE_OFFSET, BYTE_ORDER) & 0xFFFF;
    }

    @Override
    public String toString()
    {
        return "ClusterDecision{" + decision() + ", kind=" + kind() + ", task=" + taskId() + ", key=" + key() +
            ", agent=" + agentId() + "}";
    }
}
