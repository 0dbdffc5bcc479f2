package io.stowage.ipc;

import java.nio.ByteOrder;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;
import static org.agrona.BitUtil.SIZE_OF_SHORT;

/**
 * The header every frame of the agent protocol starts with; one frame is one Chronicle queue document, or one Aeron
 * message (followed there by its MAC). All fields are little-endian; the body of each {@link MessageType} follows at
 * {@link #HEADER_LENGTH}:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Magic ("STOW", 0x574F5453)                |
 *  +-------------------------------+-------------------------------+
 *  |        Format Version         |         Message Type          |
 *  +-------------------------------+-------------------------------+
 *  |                 Frame Length (header and body)                |
 *  +---------------------------------------------------------------+
 *  |                           Source Id                           |
 *  +---------------------------------------------------------------+
 *  |                 Send Time (ns since the epoch)                |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                          Body                                ...
 *  +---------------------------------------------------------------+
 * </pre>
 * A reader accepts exactly {@link #VERSION}: a frame of any other version is rejected as
 * {@link FrameError#UNSUPPORTED_VERSION}, so a change of layout always comes with a new version. The frame length
 * must equal the size of the queue document and be at most {@link #MAX_FRAME_LENGTH}.
 */
public final class FrameDescriptor
{
    /** Byte order of every field. */
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;
    /** "STOW" read as a little-endian int. */
    public static final int MAGIC = 0x574F5453;
    /** The format version this code writes and reads (2: launch and kill frames carry the caller's task key). */
    public static final int VERSION = 2;

    /** Offset of the magic number. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the format version (unsigned 16 bits). */
    public static final int VERSION_OFFSET = MAGIC_OFFSET + SIZE_OF_INT;
    /** Offset of the message type code (unsigned 16 bits, see {@link MessageType#code()}). */
    public static final int TYPE_OFFSET = VERSION_OFFSET + SIZE_OF_SHORT;
    /** Offset of the frame length in bytes, header included. */
    public static final int FRAME_LENGTH_OFFSET = TYPE_OFFSET + SIZE_OF_SHORT;
    /** Offset of the id of the publisher that wrote the frame. */
    public static final int SOURCE_ID_OFFSET = FRAME_LENGTH_OFFSET + SIZE_OF_INT;
    /** Offset of the publisher's clock when it wrote the frame: informational, never an input of the kernel. */
    public static final int SEND_TIME_OFFSET = SOURCE_ID_OFFSET + SIZE_OF_INT;
    /** Length of the header; bodies start here. */
    public static final int HEADER_LENGTH = SEND_TIME_OFFSET + SIZE_OF_LONG;

    /** The longest frame: a registration with the most attributes fits with room to spare. */
    public static final int MAX_FRAME_LENGTH = 1 << 16;
    /** The longest agent id, in UTF-8 bytes. */
    public static final int MAX_AGENT_ID_LENGTH = 255;
    /** The longest attribute name or value, in UTF-8 bytes. */
    public static final int MAX_ATTRIBUTE_LENGTH = 1024;
    /** The most resource dimensions a vector may carry. */
    public static final int MAX_DIMENSIONS = 8;

    private FrameDescriptor()
    {
    }

    /**
     * @param capacity  bytes available in a buffer for a frame.
     * @param required  bytes the frame needs.
     * @param what      what is being encoded, for the message.
     * @throws IllegalArgumentException naming the lengths if the frame does not fit or exceeds the limit.
     */
    public static void checkCapacity(final int capacity, final int required, final String what)
    {
        if (required > MAX_FRAME_LENGTH)
        {
            throw new IllegalArgumentException(what + " needs " + required + " bytes, more than the frame limit " +
                MAX_FRAME_LENGTH);
        }
        if (required > capacity)
        {
            throw new IllegalArgumentException(what + " needs " + required + " bytes, the buffer has " + capacity);
        }
    }

    /**
     * @param dimensions a vector length.
     * @throws IllegalArgumentException if it is outside 0 to {@link #MAX_DIMENSIONS}.
     */
    public static void checkDimensions(final int dimensions)
    {
        if (dimensions < 0 || dimensions > MAX_DIMENSIONS)
        {
            throw new IllegalArgumentException("vector of " + dimensions + " dimensions, at most " +
                MAX_DIMENSIONS + " allowed");
        }
    }

    /**
     * @param agentIdLength length of an agent id in UTF-8 bytes.
     * @throws IllegalArgumentException if it is 0 or above {@link #MAX_AGENT_ID_LENGTH}.
     */
    public static void checkAgentIdLength(final int agentIdLength)
    {
        if (agentIdLength < 1 || agentIdLength > MAX_AGENT_ID_LENGTH)
        {
            throw new IllegalArgumentException("agent id of " + agentIdLength + " UTF-8 bytes, must be 1 to " +
                MAX_AGENT_ID_LENGTH);
        }
    }
}
