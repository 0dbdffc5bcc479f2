package io.stowage.cluster;

import java.nio.ByteOrder;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.agrona.BitUtil.SIZE_OF_SHORT;

/**
 * Layout of the messages between {@link ClusterAllocatorClient} and {@link AllocatorService}: the body of every
 * Aeron Cluster ingress message (client to cluster, in the replicated log) and egress message (cluster to client).
 * Little-endian. Every message starts with the same 8-byte header:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Magic ("STOC", 0x434F5453)                |
 *  +-------------------------------+-------------------------------+
 *  |        Format Version (1)     |         Message Type          |
 *  +-------------------------------+-------------------------------+
 * </pre>
 * Ingress bodies (offsets from the start of the message):
 * <pre>
 *  INPUT (1):  Client Id (8) | Input Sequence (8) | journal record of the EngineEvent (JournalRecordCodec) ...
 *  RESUME (2): Client Id (8) | Correlation (8) | After Decision (8, -1: from now on)
 *  STATE (3):  Correlation (8)
 * </pre>
 * Egress bodies:
 * <pre>
 *  DECISION (65):
 *  +---------------------------------------------------------------+
 *  |  Decision | Correlation | Task Id | Key | Ingress Time (ns)    |
 *  |              (five 8-byte fields, in this order)             ...
 *  +---------------------------------------------------------------+
 *  |                          Framework                            |
 *  +---------------------------------------------------------------+
 *  |        Value (placement or registration epoch, or the id)     |
 *  +-------------------------------+-------------------------------+
 *  |         Decision Kind         |        Event Type Code        |
 *  +-------------------------------+-------------------------------+
 *  |   Reason or Cause Code        |          Dimensions           |
 *  +-------------------------------+-------------------------------+
 *  |              Agent Id Length (-1: no agent)                   |
 *  +---------------------------------------------------------------+
 *  |                 Resources[0 .. Dimensions) (8 each)          ...
 *  +---------------------------------------------------------------+
 *  |                     Agent Id (UTF-8)                         ...
 *  +---------------------------------------------------------------+
 *  RESUMED (66): Correlation (8) | First Decision (8) | Last Decision (8) | Last Input (8)
 *  STATE_ANSWER (67): Correlation (8) | Last Decision (8) | State Hash (8) | Log Position (8)
 *  REFUSED (68): Correlation or Input Sequence (8) | Error Code (4)
 * </pre>
 * A RESUMED answer is followed, on the same session, by decisions First .. Last; decisions after Last follow as they
 * are made. Codes are explicit and never reused.
 */
public final class ClusterMessageDescriptor
{
    /** Byte order of every field. */
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;
    /** "STOC" read as a little-endian int. */
    public static final int MAGIC = 0x434F5453;
    /** The format version this code writes and reads. */
    public static final int VERSION = 1;

    /** Ingress: one engine input. */
    public static final int TYPE_INPUT = 1;
    /** Ingress: send me the decisions after this number, and from then on every decision. */
    public static final int TYPE_RESUME = 2;
    /** Ingress: what is your state hash and last decision at this point of the log. */
    public static final int TYPE_STATE = 3;
    /** Egress: one decision. */
    public static final int TYPE_DECISION = 65;
    /** Egress: the answer to a resume, followed by the decisions it promises. */
    public static final int TYPE_RESUMED = 66;
    /** Egress: the answer to a state question. */
    public static final int TYPE_STATE_ANSWER = 67;
    /** Egress: an ingress message that could not be read; nothing changed. */
    public static final int TYPE_REFUSED = 68;

    /** Decision kind: a submit was queued. */
    public static final int KIND_QUEUED = 1;
    /** Decision kind: an input was refused by the kernel. */
    public static final int KIND_REJECTED = 2;
    /** Decision kind: a task was placed on an agent. */
    public static final int KIND_PLACED = 3;
    /** Decision kind: a task ended other than by finishing. */
    public static final int KIND_ENDED = 4;
    /** Decision kind: an input was applied. */
    public static final int KIND_ACCEPTED = 5;
    /** Decision kind: an agent was registered. */
    public static final int KIND_AGENT_REGISTERED = 6;

    /** Offset of the magic number. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the format version. */
    public static final int VERSION_OFFSET = MAGIC_OFFSET + SIZE_OF_INT;
    /** Offset of the message type. */
    public static final int TYPE_OFFSET = VERSION_OFFSET + SIZE_OF_SHORT;
    /** Length of the header every message starts with. */
    public static final int HEADER_LENGTH = TYPE_OFFSET + SIZE_OF_SHORT;

    /** INPUT and RESUME: offset of the client id. */
    public static final int CLIENT_ID_OFFSET = HEADER_LENGTH;
    /** INPUT: offset of the client's input sequence number. */
    public static final int INPUT_SEQUENCE_OFFSET = CLIENT_ID_OFFSET + SIZE_OF_LONG;
    /** INPUT: offset of the journal record. */
    public static final int INPUT_RECORD_OFFSET = INPUT_SEQUENCE_OFFSET + SIZE_OF_LONG;
    /** RESUME: offset of the correlation id. */
    public static final int RESUME_CORRELATION_OFFSET = CLIENT_ID_OFFSET + SIZE_OF_LONG;
    /** RESUME: offset of the last decision the client has. */
    public static final int RESUME_AFTER_OFFSET = RESUME_CORRELATION_OFFSET + SIZE_OF_LONG;
    /** Length of a RESUME message. */
    public static final int RESUME_LENGTH = RESUME_AFTER_OFFSET + SIZE_OF_LONG;
    /** STATE: offset of the correlation id. */
    public static final int STATE_CORRELATION_OFFSET = HEADER_LENGTH;
    /** Length of a STATE message. */
    public static final int STATE_LENGTH = STATE_CORRELATION_OFFSET + SIZE_OF_LONG;

    /** DECISION: offset of the decision number. */
    public static final int DECISION_NUMBER_OFFSET = HEADER_LENGTH;
    /** DECISION: offset of the correlation id of the input answered (0 for placements and endings). */
    public static final int DECISION_CORRELATION_OFFSET = DECISION_NUMBER_OFFSET + SIZE_OF_LONG;
    /** DECISION: offset of the task id (-1 if none). */
    public static final int DECISION_TASK_OFFSET = DECISION_CORRELATION_OFFSET + SIZE_OF_LONG;
    /** DECISION: offset of the caller's task key. */
    public static final int DECISION_KEY_OFFSET = DECISION_TASK_OFFSET + SIZE_OF_LONG;
    /** DECISION: offset of the ingress time of the input that led to a placement. */
    public static final int DECISION_INGRESS_OFFSET = DECISION_KEY_OFFSET + SIZE_OF_LONG;
    /** DECISION: offset of the framework (-1 if none). */
    public static final int DECISION_FRAMEWORK_OFFSET = DECISION_INGRESS_OFFSET + SIZE_OF_LONG;
    /** DECISION: offset of the value: the agent epoch (placed, registered) or the id handed out (accepted). */
    public static final int DECISION_VALUE_OFFSET = DECISION_FRAMEWORK_OFFSET + SIZE_OF_INT;
    /** DECISION: offset of the decision kind. */
    public static final int DECISION_KIND_OFFSET = DECISION_VALUE_OFFSET + SIZE_OF_INT;
    /** DECISION: offset of the event type code of the input answered (0 if none). */
    public static final int DECISION_EVENT_TYPE_OFFSET = DECISION_KIND_OFFSET + SIZE_OF_SHORT;
    /** DECISION: offset of the reason code (rejected) or cause code (ended), 0 otherwise. */
    public static final int DECISION_CODE_OFFSET = DECISION_EVENT_TYPE_OFFSET + SIZE_OF_SHORT;
    /** DECISION: offset of the number of resource dimensions that follow. */
    public static final int DECISION_DIMENSIONS_OFFSET = DECISION_CODE_OFFSET + SIZE_OF_SHORT;
    /** DECISION: offset of the agent id length. */
    public static final int DECISION_AGENT_LENGTH_OFFSET = DECISION_DIMENSIONS_OFFSET + SIZE_OF_SHORT;
    /** DECISION: offset of the resources; the agent id follows them. */
    public static final int DECISION_RESOURCES_OFFSET = DECISION_AGENT_LENGTH_OFFSET + SIZE_OF_INT;

    /** RESUMED: offset of the correlation id of the RESUME answered. */
    public static final int RESUMED_CORRELATION_OFFSET = HEADER_LENGTH;
    /** RESUMED: offset of the first decision that follows. */
    public static final int RESUMED_FIRST_OFFSET = RESUMED_CORRELATION_OFFSET + SIZE_OF_LONG;
    /** RESUMED: offset of the last decision made when the RESUME was applied. */
    public static final int RESUMED_LAST_OFFSET = RESUMED_FIRST_OFFSET + SIZE_OF_LONG;
    /** RESUMED: offset of the client's last applied input sequence. */
    public static final int RESUMED_LAST_INPUT_OFFSET = RESUMED_LAST_OFFSET + SIZE_OF_LONG;
    /** Length of a RESUMED message. */
    public static final int RESUMED_LENGTH = RESUMED_LAST_INPUT_OFFSET + SIZE_OF_LONG;

    /** STATE_ANSWER: offset of the correlation id. */
    public static final int ANSWER_CORRELATION_OFFSET = HEADER_LENGTH;
    /** STATE_ANSWER: offset of the last decision. */
    public static final int ANSWER_LAST_DECISION_OFFSET = ANSWER_CORRELATION_OFFSET + SIZE_OF_LONG;
    /** STATE_ANSWER: offset of the kernel's state hash. */
    public static final int ANSWER_STATE_HASH_OFFSET = ANSWER_LAST_DECISION_OFFSET + SIZE_OF_LONG;
    /** STATE_ANSWER: offset of the log position of the question. */
    public static final int ANSWER_LOG_POSITION_OFFSET = ANSWER_STATE_HASH_OFFSET + SIZE_OF_LONG;
    /** Length of a STATE_ANSWER message. */
    public static final int ANSWER_LENGTH = ANSWER_LOG_POSITION_OFFSET + SIZE_OF_LONG;

    /** REFUSED: offset of the correlation id or input sequence of the refused message. */
    public static final int REFUSED_CORRELATION_OFFSET = HEADER_LENGTH;
    /** REFUSED: offset of the error code ({@link ClusterMessageError#code()}). */
    public static final int REFUSED_CODE_OFFSET = REFUSED_CORRELATION_OFFSET + SIZE_OF_LONG;
    /** Length of a REFUSED message. */
    public static final int REFUSED_LENGTH = REFUSED_CODE_OFFSET + SIZE_OF_INT;

    private ClusterMessageDescriptor()
    {
    }
}
