package io.stowage.ipc;

import java.nio.ByteOrder;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.agrona.BitUtil.SIZE_OF_SHORT;

/**
 * Layout of one record of the input journal ({@link ChronicleJournal}): every field of an
 * {@link io.stowage.engine.EngineEvent}, whatever its type, plus the origin of the input, so that replay rebuilds
 * the event exactly. One record is one Chronicle queue document; little-endian; D is the kernel's number of
 * dimensions:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                    Magic ("STOJ", 0x4A4F5453)                 |
 *  +-------------------------------+-------------------------------+
 *  |        Format Version         |        Event Type Code        |
 *  +-------------------------------+-------------------------------+
 *  |                         Record Length                         |
 *  +-------------------------------+-------------------------------+
 *  |             Flags             |          Dimensions           |
 *  +-------------------------------+-------------------------------+
 *  |                  Origin Index (Chronicle index)               |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Origin Queue (-1: not from a queue)          |
 *  +---------------------------------------------------------------+
 *  |                        Origin Source Id                       |
 *  +---------------------------------------------------------------+
 *  |  Ingress Time (ns) | Correlation Id | Task Id | Sequence |     |
 *  |  Rate (thousandths/s) | Burst | Weight (IEEE 754 bits) | Key   |
 *  |              (eight 8-byte fields, in this order)            ...
 *  +---------------------------------------------------------------+
 *  |  Framework | Priority | Label | Constraint Set | Epoch |       |
 *  |  Max Pending         (six 4-byte fields, in this order)      ...
 *  +---------------------------------------------------------------+
 *  |                 Vector[0 .. D)  (8 bytes each)               ...
 *  +-------------------------------+-------------------------------+
 *  |  Guarantee Count (0xFFFF null)|  Guarantee (8 bytes each)    ...
 *  +-------------------------------+-------------------------------+
 *  |  Limit Count (0xFFFF null)    |  Limit (8 bytes each)        ...
 *  +-------------------------------+-------------------------------+
 *  |  Agent Id, Name, Role: each a String (below)                 ...
 *  +-------------------------------+-------------------------------+
 *  | Attribute Count (0xFFFF null) | name String, value String    ...
 *  +-------------------------------+-------------------------------+
 *  | Constraint Count (0xFFFF null)| per constraint: op String,    ...
 *  |  attribute String, value Count + Strings, limit as a 1-long vector
 *  +-------------------------------+-------------------------------+
 *  | Adopted Count (0xFFFF null)   | per task: a vector of 6 + D longs:
 *  |  framework, key, priority, revocable (0/1), label, 0, resources[0 .. D)
 *  +-------------------------------+-------------------------------+
 * </pre>
 * A String is a 16-bit count of UTF-16 code units ({@link #NULL_COUNT} for null) followed by the code units,
 * little-endian, so that every Java string round-trips exactly. Flags: {@link #FLAG_ROUND_AFTER},
 * {@link #FLAG_REVOCABLE}, {@link #FLAG_HAS_VECTOR}, {@link #FLAG_PRESSURE}; other bits must be 0. The record ends
 * exactly after the adopted tasks (version 3, which added the task key and the adopted tasks; records of versions 1
 * and 2 are refused as {@code UNSUPPORTED_VERSION}).
 */
public final class JournalRecordDescriptor
{
    /** Byte order of every field. */
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;
    /** "STOJ" read as a little-endian int. */
    public static final int MAGIC = 0x4A4F5453;
    /** The format version this code writes and reads. */
    public static final int VERSION = 3;
    /** The count that stands for a null vector, string or attribute map. */
    public static final int NULL_COUNT = 0xFFFF;

    /** The kernel runs an allocation round after this event. */
    public static final int FLAG_ROUND_AFTER = 1;
    /** A revocable task. */
    public static final int FLAG_REVOCABLE = 1 << 1;
    /** The vector holds resources, usage or capacity. */
    public static final int FLAG_HAS_VECTOR = 1 << 2;
    /** The agent reported pressure. */
    public static final int FLAG_PRESSURE = 1 << 3;
    /** Every defined flag bit. */
    public static final int KNOWN_FLAGS = FLAG_ROUND_AFTER | FLAG_REVOCABLE | FLAG_HAS_VECTOR | FLAG_PRESSURE;

    /** Offset of the magic number. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the format version (unsigned 16 bits). */
    public static final int VERSION_OFFSET = MAGIC_OFFSET + SIZE_OF_INT;
    /** Offset of the event type code (see {@link WireCodes#code(io.stowage.engine.EventType)}). */
    public static final int TYPE_OFFSET = VERSION_OFFSET + SIZE_OF_SHORT;
    /** Offset of the record length. */
    public static final int RECORD_LENGTH_OFFSET = TYPE_OFFSET + SIZE_OF_SHORT;
    /** Offset of the flags. */
    public static final int FLAGS_OFFSET = RECORD_LENGTH_OFFSET + SIZE_OF_INT;
    /** Offset of the number of dimensions of the vector. */
    public static final int DIMENSIONS_OFFSET = FLAGS_OFFSET + SIZE_OF_SHORT;
    /** Offset of the Chronicle index of the frame the input came from. */
    public static final int ORIGIN_INDEX_OFFSET = DIMENSIONS_OFFSET + SIZE_OF_SHORT;
    /** Offset of the queue the input came from. */
    public static final int ORIGIN_QUEUE_OFFSET = ORIGIN_INDEX_OFFSET + SIZE_OF_LONG;
    /** Offset of the source id of the frame the input came from. */
    public static final int ORIGIN_SOURCE_OFFSET = ORIGIN_QUEUE_OFFSET + SIZE_OF_INT;
    /** Offset of the ingress time. */
    public static final int INGRESS_OFFSET = ORIGIN_SOURCE_OFFSET + SIZE_OF_INT;
    /** Offset of the correlation id. */
    public static final int CORRELATION_OFFSET = INGRESS_OFFSET + SIZE_OF_LONG;
    /** Offset of the task id. */
    public static final int TASK_ID_OFFSET = CORRELATION_OFFSET + SIZE_OF_LONG;
    /** Offset of the agent update sequence. */
    public static final int SEQUENCE_OFFSET = TASK_ID_OFFSET + SIZE_OF_LONG;
    /** Offset of the framework rate. */
    public static final int RATE_OFFSET = SEQUENCE_OFFSET + SIZE_OF_LONG;
    /** Offset of the framework burst. */
    public static final int BURST_OFFSET = RATE_OFFSET + SIZE_OF_LONG;
    /** Offset of the role weight. */
    public static final int WEIGHT_OFFSET = BURST_OFFSET + SIZE_OF_LONG;
    /** Offset of the caller's task key. */
    public static final int KEY_OFFSET = WEIGHT_OFFSET + SIZE_OF_LONG;
    /** Offset of the framework id. */
    public static final int FRAMEWORK_OFFSET = KEY_OFFSET + SIZE_OF_LONG;
    /** Offset of the task priority. */
    public static final int PRIORITY_OFFSET = FRAMEWORK_OFFSET + SIZE_OF_INT;
    /** Offset of the label id. */
    public static final int LABEL_OFFSET = PRIORITY_OFFSET + SIZE_OF_INT;
    /** Offset of the constraint set id. */
    public static final int CONSTRAINTS_OFFSET = LABEL_OFFSET + SIZE_OF_INT;
    /** Offset of the agent epoch. */
    public static final int EPOCH_OFFSET = CONSTRAINTS_OFFSET + SIZE_OF_INT;
    /** Offset of the framework's most pending tasks. */
    public static final int MAX_PENDING_OFFSET = EPOCH_OFFSET + SIZE_OF_INT;
    /** Offset of the vector; the variable part follows it. */
    public static final int VECTOR_OFFSET = MAX_PENDING_OFFSET + SIZE_OF_INT;
    /** Longs that describe one adopted task before its resources. */
    public static final int ADOPTED_FIELDS = 6;
    /** Length of a count prefix. */
    public static final int COUNT_LENGTH = SIZE_OF_SHORT;

    private JournalRecordDescriptor()
    {
    }
}
