package io.stowage.core;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.agrona.BitUtil.SIZE_OF_SHORT;

/**
 * Layout of a kernel snapshot ({@link KernelSnapshot}). All integers are little-endian. A fixed header is followed by
 * the sections, in the order of their ids:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                      Magic ("STSN", 0x4E535453)               |
 *  +-------------------------------+-------------------------------+
 *  |           Version (1)         |          Dimensions           |
 *  +-------------------------------+-------------------------------+
 *  |              Total Length (header and sections)               |
 *  +---------------------------------------------------------------+
 *  |               CRC-32C of everything after the header          |
 *  +---------------------------------------------------------------+
 *  |                          Max Agents                           |
 *  +---------------------------------------------------------------+
 *  |                           Max Tasks                           |
 *  +---------------------------------------------------------------+
 *  |                   Configuration Fingerprint                   |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Kernel State Hash when written                |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 * Each section is its id (i32), the length of its body (i32) and the body. A body is a run of fields: scalars as
 * they are, arrays as their element count (i32) and the elements, strings as a UTF-8 length (i32, -1 for none) and
 * the bytes. The sections and what each holds:
 * <pre>
 *   1 CLOCK          the kernel clock, the counters (refusals by reason, ends by cause, placements, ...)
 *   2 AGENT_TABLE    registered count, the free slot stack, then every off-heap agent record as it is
 *                    ({@link AgentTableDescriptor})
 *   3 DIRECTORY      the numeric id of every slot, the text id of every registered slot
 *   4 ATTRIBUTES     interned names, values and attribute sets in id order, each set's members in order, and
 *                    every slot's position among its set's members
 *   5 LABELS         interned task labels in id order
 *   6 CONSTRAINTS    interned constraint sets in id order, as the constraints a framework stated
 *   7 ROLES          roles in id order: weight, guarantee, limit, allocation, guarantee bookkeeping
 *   8 TASK_LEDGER    capacity, counts, every per-slot array up to the highest slot ever used, the free slot stack,
 *                    the agent and framework list heads (the key index is rebuilt from the keys)
 *   9 FRAMEWORKS     per framework: name, removed, suppressed, role, pending limit, token bucket, pending queue
 *                    (priority levels with their ring positions and tombstones); then allocations and tallies
 *  10 PLACEMENT      the position of every slot and the bucket bounds (order within a bucket is history), the free
 *                    capacity trees as they are
 *  11 CAPACITY_TREE  the tree of capacities used to tell unplaceable demand
 *  12 HEALTH         heartbeat order, registration order, last usage times and usage trends, eligibility counts,
 *                    cluster totals
 *  13 VIEWS          constraint view search counters and bounds (views, spread tallies and the preemption index are
 *                    caches: rebuilt on first use, with the same answers)
 * </pre>
 * The checksum covers every section, so a torn or altered file is refused before anything is read; the version
 * changes whenever a section's layout does, and a snapshot of another version is refused, not guessed at.
 */
public final class KernelSnapshotDescriptor
{
    /** "STSN" read as a little-endian int. */
    public static final int MAGIC = 0x4E535453;
    /** The layout version this code writes and reads. */
    public static final short VERSION = 1;

    /** Offset of the magic. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the version. */
    public static final int VERSION_OFFSET = MAGIC_OFFSET + SIZE_OF_INT;
    /** Offset of the number of resource dimensions. */
    public static final int DIMENSIONS_OFFSET = VERSION_OFFSET + SIZE_OF_SHORT;
    /** Offset of the total length, header included. */
    public static final int LENGTH_OFFSET = DIMENSIONS_OFFSET + SIZE_OF_SHORT;
    /** Offset of the CRC-32C of the sections. */
    public static final int CHECKSUM_OFFSET = LENGTH_OFFSET + SIZE_OF_INT;
    /** Offset of the configuration's agent bound. */
    public static final int MAX_AGENTS_OFFSET = CHECKSUM_OFFSET + SIZE_OF_INT;
    /** Offset of the configuration's task bound. */
    public static final int MAX_TASKS_OFFSET = MAX_AGENTS_OFFSET + SIZE_OF_INT;
    /** Offset of the fingerprint of the whole configuration. */
    public static final int FINGERPRINT_OFFSET = MAX_TASKS_OFFSET + SIZE_OF_INT;
    /** Offset of the state hash of the kernel written. */
    public static final int STATE_HASH_OFFSET = FINGERPRINT_OFFSET + SIZE_OF_LONG;
    /** Length of the header. */
    public static final int HEADER_LENGTH = STATE_HASH_OFFSET + SIZE_OF_LONG;

    static final int CLOCK = 1;
    static final int AGENT_TABLE = 2;
    static final int DIRECTORY = 3;
    static final int ATTRIBUTES = 4;
    static final int LABELS = 5;
    static final int CONSTRAINTS = 6;
    static final int ROLES = 7;
    static final int TASK_LEDGER = 8;
    static final int FRAMEWORKS = 9;
    static final int PLACEMENT = 10;
    static final int CAPACITY_TREE = 11;
    static final int HEALTH = 12;
    static final int VIEWS = 13;

    private KernelSnapshotDescriptor()
    {
    }
}
