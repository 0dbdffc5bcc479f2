package io.stowage.ipc;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static io.stowage.ipc.FrameDescriptor.*;

/**
 * Flyweight over the {@link FrameDescriptor} header of a frame: writes it when encoding and checks it first when
 * decoding. Wrap it over a frame and reuse it; it allocates nothing.
 */
public final class FrameHeader
{
    private DirectBuffer buffer;
    private int offset;
    private MessageType type;

    /**
     * @param buffer holding the frame.
     * @param offset where the frame starts.
     * @return this.
     */
    public FrameHeader wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.type = null;
        return this;
    }

    /**
     * Checks the header of a frame of the given size: magic, version, a known type and a length field equal to the
     * size. The body is not looked at.
     *
     * @param length the size of the frame as stored (the queue document's length).
     * @return {@link FrameError#NONE} or why the header is not acceptable.
     */
    public FrameError check(final int length)
    {
        type = null;
        if (length < HEADER_LENGTH)
        {
            return FrameError.TRUNCATED;
        }
        if (buffer.getInt(offset + MAGIC_OFFSET, BYTE_ORDER) != MAGIC)
        {
            return FrameError.BAD_MAGIC;
        }
        if ((buffer.getShort(offset + VERSION_OFFSET, BYTE_ORDER) & 0xFFFF) != VERSION)
        {
            return FrameError.UNSUPPORTED_VERSION;
        }
        final MessageType found = MessageType.ofCode(buffer.getShort(offset + TYPE_OFFSET, BYTE_ORDER) & 0xFFFF);
        if (found == null)
        {
            return FrameError.UNKNOWN_TYPE;
        }
        final int declared = buffer.getInt(offset + FRAME_LENGTH_OFFSET, BYTE_ORDER);
        if (declared != length || declared > MAX_FRAME_LENGTH)
        {
            return FrameError.BAD_LENGTH;
        }
        type = found;
        return FrameError.NONE;
    }

    /** @return the message type once {@link #check(int)} accepted the header, else null. */
    public MessageType type()
    {
        return type;
    }

    /** @return the frame length field. */
    public int frameLength()
    {
        return buffer.getInt(offset + FRAME_LENGTH_OFFSET, BYTE_ORDER);
    }

    /** @return the id of the publisher that wrote the frame. */
    public int sourceId()
    {
        return buffer.getInt(offset + SOURCE_ID_OFFSET, BYTE_ORDER);
    }

    /** @return the publisher's clock when it wrote the frame, in nanoseconds since the epoch. */
    public long sendTimeNanos()
    {
        return buffer.getLong(offset + SEND_TIME_OFFSET, BYTE_ORDER);
    }

    /**
     * Writes a header.
     *
     * @param buffer        the frame's buffer.
     * @param offset        where the frame starts.
     * @param type          the message type.
     * @param frameLength   header and body length.
     * @param sourceId      the publisher's id.
     * @param sendTimeNanos the publisher's clock.
     */
    static void write(
        final MutableDirectBuffer buffer,
        final int offset,
        final MessageType type,
        final int frameLength,
        final int sourceId,
        final long sendTimeNanos)
    {
        buffer.putInt(offset + MAGIC_OFFSET, MAGIC, BYTE_ORDER);
        buffer.putShort(offset + VERSION_OFFSET, (short)VERSION, BYTE_ORDER);
        buffer.putShort(offset + TYPE_OFFSET, (short)type.code(), BYTE_ORDER);
        buffer.putInt(offset + FRAME_LENGTH_OFFSET, frameLength, BYTE_ORDER);
        buffer.putInt(offset + SOURCE_ID_OFFSET, sourceId, BYTE_ORDER);
        buffer.putLong(offset + SEND_TIME_OFFSET, sendTimeNanos, BYTE_ORDER);
    }
}
