package io.stowage.ipc;

import io.stowage.engine.InputOrigin;
import io.stowage.core.AdoptedTask;
import io.stowage.core.Constraint;
import io.stowage.engine.EngineEvent;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.stowage.ipc.JournalRecordDescriptor.*;
import static org.agrona.BitUtil.SIZE_OF_CHAR;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Encodes an {@link EngineEvent} with its {@link InputOrigin} into a journal record (layout in
 * {@link JournalRecordDescriptor}) and decodes it back. Encoding allocates nothing given a buffer large enough
 * (an expandable buffer grows on the first long record); decoding creates the strings, maps and vectors of the event.
 */
public final class JournalRecordCodec
{
    private final int dimensions;
    private MutableDirectBuffer out;
    private int position;

    /**
     * @param dimensions the kernel's resource dimensions: the length of {@link EngineEvent#vector}.
     */
    public JournalRecordCodec(final int dimensions)
    {
        this.dimensions = dimensions;
    }

    /**
     * @param event  the input.
     * @param origin where it came from.
     * @param buffer receives the record at offset 0; an expandable buffer grows as needed.
     * @return the record length.
     */
    public int encode(final EngineEvent event, final InputOrigin origin, final MutableDirectBuffer buffer)
    {
        out = buffer;
        final int flags = (event.roundAfter ? FLAG_ROUND_AFTER : 0) | (event.revocable ? FLAG_REVOCABLE : 0) |
            (event.hasVector ? FLAG_HAS_VECTOR : 0) | (event.pressure ? FLAG_PRESSURE : 0);
        buffer.putInt(MAGIC_OFFSET, MAGIC, BYTE_ORDER);
        buffer.putShort(VERSION_OFFSET, (short)VERSION, BYTE_ORDER);
        buffer.putShort(TYPE_OFFSET, (short)WireCodes.code(event.type), BYTE_ORDER);
        buffer.putShort(FLAGS_OFFSET, (short)flags, BYTE_ORDER);
        buffer.putShort(DIMENSIONS_OFFSET, (short)dimensions, BYTE_ORDER);
        buffer.putLong(ORIGIN_INDEX_OFFSET, origin.index(), BYTE_ORDER);
        buffer.putInt(ORIGIN_QUEUE_OFFSET, origin.queue(), BYTE_ORDER);
        buffer.putInt(ORIGIN_SOURCE_OFFSET, origin.sourceId(), BYTE_ORDER);
        buffer.putLong(INGRESS_OFFSET, event.ingressNanos, BYTE_ORDER);
        buffer.putLong(CORRELATION_OFFSET, event.correlationId, BYTE_ORDER);
        buffer.putLong(TASK_ID_OFFSET, event.taskId, BYTE_ORDER);
        buffer.putLong(SEQUENCE_OFFSET, event.sequence, BYTE_ORDER);
        buffer.putLong(RATE_OFFSET, event.rateMillisPerSecond, BYTE_ORDER);
        buffer.putLong(BURST_OFFSET, event.burst, BYTE_ORDER);
        buffer.putLong(WEIGHT_OFFSET, Double.doubleToRawLongBits(event.weight), BYTE_ORDER);
        buffer.putLong(KEY_OFFSET, event.key, BYTE_ORDER);
        buffer.putInt(FRAMEWORK_OFFSET, event.framework, BYTE_ORDER);
        buffer.putInt(PRIORITY_OFFSET, event.priority, BYTE_ORDER);
        buffer.putInt(LABEL_OFFSET, event.label, BYTE_ORDER);
        buffer.putInt(CONSTRAINTS_OFFSET, event.constraints, BYTE_ORDER);
        buffer.putInt(EPOCH_OFFSET, event.epoch, BYTE_ORDER);
        buffer.putInt(MAX_PENDING_OFFSET, event.maxPending, BYTE_ORDER);
        position = VECTOR_OFFSET;
        for (int d = 0; d < dimensions; d++)
        {
            putLong(event.vector[d]);
        }
        putVector(event.guarantee);
        putVector(event.limit);
        putString(event.agentId);
        putString(event.name);
        putString(event.role);
        putAttributes(event.attributes);
        putConstraints(event.constraintList);
        putAdopted(event.adopted);
        buffer.putInt(RECORD_LENGTH_OFFSET, position, BYTE_ORDER);
        out = null;
        return position;
    }

    private void putLong(final long value)
    {
        out.putLong(position, value, BYTE_ORDER);
        position += SIZE_OF_LONG;
    }

    private void putCount(final int count, final String what)
    {
        if (count >= NULL_COUNT)
        {
            throw new IllegalArgumentException(what + " of " + count + " entries does not fit a journal record");
        }
        out.putShort(position, (short)count, BYTE_ORDER);
        position += COUNT_LENGTH;
    }

    private void putNull()
    {
        out.putShort(position, (short)NULL_COUNT, BYTE_ORDER);
        position += COUNT_LENGTH;
    }

    private void putVector(final long[] vector)
    {
        if (vector == null)
        {
            putNull();
            return;
        }
        putCount(vector.length, "vector");
        for (final long value : vector)
        {
            putLong(value);
        }
    }

    private void putString(final String value)
    {
        if (value == null)
        {
            putNull();
            return;
        }
        putCount(value.length(), "string");
        for (int i = 0; i < value.length(); i++)
        {
            out.putChar(position, value.charAt(i), BYTE_ORDER);
            position += SIZE_OF_CHAR;
        }
    }

    private void putAttributes(final Map<String, String> attributes)
    {
        if (attributes == null)
        {
            putNull();
            return;
        }
        putCount(attributes.size(), "attribute map");
        for (final Map.Entry<String, String> e : attributes.entrySet())
        {
            putString(e.getKey());
            putString(e.getValue());
        }
    }

    /** Constraints, for {@code INTERN_CONSTRAINTS} only: op name, attribute, values, limit (as a one-long vector). */
    private void putConstraints(final List<Constraint> constraints)
    {
        if (constraints == null)
        {
            putNull();
            return;
        }
        putCount(constraints.size(), "constraint list");
        for (final Constraint c : constraints)
        {
            putString(c.op() == null ? null : c.op().name());
            putString(c.attribute());
            if (c.values() == null)
            {
                putNull();
            }
            else
            {
                putCount(c.values().size(), "constraint values");
                for (final String value : c.values())
                {
                    putString(value);
                }
            }
            putVector(new long[]{c.limit()});
        }
    }

    /** Adopted tasks, for {@code REGISTER_AGENT} only: each a vector of the task's fields and resources. */
    private void putAdopted(final List<AdoptedTask> adopted)
    {
        if (adopted == null)
        {
            putNull();
            return;
        }
        putCount(adopted.size(), "adopted task list");
        for (final AdoptedTask task : adopted)
        {
            final long[] resources = task.resources();
            final int length = resources == null ? 0 : resources.length;
            putCount(ADOPTED_FIELDS + length, "adopted task");
            putLong(task.framework());
            putLong(task.key());
            putLong(task.priority());
            putLong(task.revocable() ? 1 : 0);
            putLong(task.label());
            putLong(0);
            for (int d = 0; d < length; d++)
            {
                putLong(resources[d]);
            }
        }
    }

    /**
     * @param buffer holding the record at offset 0.
     * @param length the record's stored length.
     * @param event  cleared and filled with the input.
     * @param origin filled with where it came from.
     * @return {@link FrameError#NONE}, or why the record cannot be decoded.
     */
    public FrameError decode(
        final DirectBuffer buffer, final int length, final EngineEvent event, final InputOrigin origin)
    {
        final FrameError error = checkHeader(buffer, length);
        if (error != FrameError.NONE)
        {
            return error;
        }
        event.clear();
        final int flags = buffer.getShort(FLAGS_OFFSET, BYTE_ORDER) & 0xFFFF;
        event.type = WireCodes.eventType(buffer.getShort(TYPE_OFFSET, BYTE_ORDER) & 0xFFFF);
        event.roundAfter = (flags & FLAG_ROUND_AFTER) != 0;
        event.revocable = (flags & FLAG_REVOCABLE) != 0;
        event.hasVector = (flags & FLAG_HAS_VECTOR) != 0;
        event.pressure = (flags & FLAG_PRESSURE) != 0;
        origin.set(buffer.getInt(ORIGIN_QUEUE_OFFSET, BYTE_ORDER), buffer.getInt(ORIGIN_SOURCE_OFFSET, BYTE_ORDER),
            buffer.getLong(ORIGIN_INDEX_OFFSET, BYTE_ORDER));
        event.ingressNanos = buffer.getLong(INGRESS_OFFSET, BYTE_ORDER);
        event.correlationId = buffer.getLong(CORRELATION_OFFSET, BYTE_ORDER);
        event.taskId = buffer.getLong(TASK_ID_OFFSET, BYTE_ORDER);
        event.sequence = buffer.getLong(SEQUENCE_OFFSET, BYTE_ORDER);
        event.rateMillisPerSecond = buffer.getLong(RATE_OFFSET, BYTE_ORDER);
        event.burst = buffer.getLong(BURST_OFFSET, BYTE_ORDER);
        event.weight = Double.longBitsToDouble(buffer.getLong(WEIGHT_OFFSET, BYTE_ORDER));
        event.key = buffer.getLong(KEY_OFFSET, BYTE_ORDER);
        event.framework = buffer.getInt(FRAMEWORK_OFFSET, BYTE_ORDER);
        event.priority = buffer.getInt(PRIORITY_OFFSET, BYTE_ORDER);
        event.label = buffer.getInt(LABEL_OFFSET, BYTE_ORDER);
        event.constraints = buffer.getInt(CONSTRAINTS_OFFSET, BYTE_ORDER);
        event.epoch = buffer.getInt(EPOCH_OFFSET, BYTE_ORDER);
        event.maxPending = buffer.getInt(MAX_PENDING_OFFSET, BYTE_ORDER);
        for (int d = 0; d < dimensions; d++)
        {
            event.vector[d] = buffer.getLong(VECTOR_OFFSET + d * SIZE_OF_LONG, BYTE_ORDER);
        }
        final JournalTailReader tail = new JournalTailReader(buffer, VECTOR_OFFSET + dimensions * SIZE_OF_LONG, length);
        event.guarantee = tail.vector();
        event.limit = tail.vector();
        event.agentId = tail.string();
        event.name = tail.string();
        event.role = tail.string();
        final int count = tail.count();
        if (count != NULL_COUNT)
        {
            final Map<String, String> attributes = new HashMap<>();
            for (int i = 0; i < count; i++)
            {
                attributes.put(tail.string(), tail.string());
            }
            event.attributes = attributes;
        }
        final int constraintCount = tail.count();
        if (constraintCount != NULL_COUNT)
        {
            final List<Constraint> constraints = new ArrayList<>(constraintCount);
            for (int i = 0; i < constraintCount; i++)
            {
                final String op = tail.string();
                final String attribute = tail.string();
                final int valueCount = tail.count();
                List<String> values = null;
                if (valueCount != NULL_COUNT)
                {
                    values = new ArrayList<>(valueCount);
                    for (int v = 0; v < valueCount; v++)
                    {
                        values.add(tail.string());
                    }
                }
                final long[] limit = tail.vector();
                final Constraint.Op parsed = parseOp(op);
                if (limit == null || limit.length != 1 || (op != null && parsed == null))
                {
                    return FrameError.BAD_FIELD;
                }
                constraints.add(new Constraint(parsed, attribute, values, (int)limit[0]));
            }
            event.constraintList = constraints;
        }
        final int adoptedCount = tail.count();
        if (adoptedCount != NULL_COUNT)
        {
            final List<AdoptedTask> adopted = new ArrayList<>(adoptedCount);
            for (int i = 0; i < adoptedCount; i++)
            {
                final long[] fields = tail.vector();
                if (fields == null || fields.length < ADOPTED_FIELDS || fields[3] < 0 || fields[3] > 1 ||
                    fields[0] != (int)fields[0] || fields[2] != (int)fields[2] || fields[4] != (int)fields[4])
                {
                    return FrameError.BAD_FIELD;
                }
                adopted.add(new AdoptedTask((int)fields[0], fields[1],
                    Arrays.copyOfRange(fields, ADOPTED_FIELDS, fields.length), (int)fields[2], fields[3] == 1,
                    (int)fields[4]));
            }
            event.adopted = adopted;
        }
        return tail.end();
    }

    private static Constraint.Op parseOp(final String name)
    {
        if (name == null)
        {
            return null;
        }
        for (final Constraint.Op op : Constraint.Op.values())
        {
            if (op.name().equals(name))
            {
                return op;
            }
        }
        return null;
    }

    private FrameError checkHeader(final DirectBuffer buffer, final int length)
    {
        if (length < VECTOR_OFFSET)
        {
            return FrameError.TRUNCATED;
        }
        if (buffer.getInt(MAGIC_OFFSET, BYTE_ORDER) != MAGIC)
        {
            return FrameError.BAD_MAGIC;
        }
        if ((buffer.getShort(VERSION_OFFSET, BYTE_ORDER) & 0xFFFF) != VERSION)
        {
            return FrameError.UNSUPPORTED_VERSION;
        }
        if (WireCodes.eventType(buffer.getShort(TYPE_OFFSET, BYTE_ORDER) & 0xFFFF) == null)
        {
            return FrameError.UNKNOWN_TYPE;
        }
        if (buffer.getInt(RECORD_LENGTH_OFFSET, BYTE_ORDER) != length)
        {
            return FrameError.BAD_LENGTH;
        }
        if ((buffer.getShort(FLAGS_OFFSET, BYTE_ORDER) & ~KNOWN_FLAGS & 0xFFFF) != 0)
        {
            return FrameError.BAD_FIELD;
        }
        if ((buffer.getShort(DIMENSIONS_OFFSET, BYTE_ORDER) & 0xFFFF) != dimensions)
        {
            return FrameError.DIMENSION_MISMATCH;
        }
        return FrameError.NONE;
    }
}
