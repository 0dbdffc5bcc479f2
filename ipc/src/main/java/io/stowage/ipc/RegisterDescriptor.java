package io.stowage.ipc;

import static io.stowage.ipc.FrameDescriptor.HEADER_LENGTH;
import static org.agrona.BitUtil.SIZE_OF_BYTE;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.agrona.BitUtil.SIZE_OF_SHORT;

/**
 * Body of a {@link MessageType#REGISTER} frame (agent to allocator), after the {@link FrameDescriptor} header.
 * Offsets are from the start of the frame; D is the number of capacity dimensions (1 to 8), A the attribute count:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                   Frame Header (24 bytes)                    ...
 *  +---------------+---------------+-------------------------------+
 *  |  Dimensions   |Attribute Count|        Agent Id Length        |
 *  +---------------+---------------+-------------------------------+
 *  |               Capacity[0 .. D)  (8 bytes each)               ...
 *  +---------------------------------------------------------------+
 *  |                     Agent Id (UTF-8)                         ...
 *  +-------------------------------+-------------------------------+
 *  |     Attribute Name Length     |   Attribute Name (UTF-8)     ...
 *  +-------------------------------+-------------------------------+
 *  |     Attribute Value Length    |   Attribute Value (UTF-8)    ...
 *  +-------------------------------+-------------------------------+
 *  |            ... name and value repeated A times               ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Attribute names are 1 to {@link FrameDescriptor#MAX_ATTRIBUTE_LENGTH} bytes, values 0 to that many; at most
 * {@link #MAX_ATTRIBUTES} attributes, names distinct. The frame ends exactly after the last value.
 */
public final class RegisterDescriptor
{
    /** The most attributes one registration carries (the kernel's limit per agent). */
    public static final int MAX_ATTRIBUTES = io.stowage.core.KernelConfig.MAX_ATTRIBUTES_PER_AGENT;

    /** Offset of the number of capacity dimensions (unsigned byte). */
    public static final int DIMENSIONS_OFFSET = HEADER_LENGTH;
    /** Offset of the attribute count (unsigned byte). */
    public static final int ATTRIBUTE_COUNT_OFFSET = DIMENSIONS_OFFSET + SIZE_OF_BYTE;
    /** Offset of the agent id length (unsigned 16 bits). */
    public static final int AGENT_ID_LENGTH_OFFSET = ATTRIBUTE_COUNT_OFFSET + SIZE_OF_BYTE;
    /** Offset of the capacity vector. */
    public static final int CAPACITY_OFFSET = AGENT_ID_LENGTH_OFFSET + SIZE_OF_SHORT;
    /** Length of the prefix of each attribute name and value. */
    public static final int STRING_LENGTH_PREFIX = SIZE_OF_SHORT;

    private RegisterDescriptor()
    {
    }

    /**
     * @param dimensions capacity dimensions.
     * @return offset of the agent id.
     */
    public static int agentIdOffset(final int dimensions)
    {
        return CAPACITY_OFFSET + dimensions * SIZE_OF_LONG;
    }
}
