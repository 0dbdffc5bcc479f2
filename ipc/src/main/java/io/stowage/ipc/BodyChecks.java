package io.stowage.ipc;

import org.agrona.DirectBuffer;

import static io.stowage.ipc.FrameDescriptor.BYTE_ORDER;
import static io.stowage.ipc.FrameDescriptor.MAX_AGENT_ID_LENGTH;

/** Checks shared by the body decoders, in the order that names the first problem of a frame. */
final class BodyChecks
{
    private BodyChecks()
    {
    }

    /**
     * Checks an agent id that ends the frame.
     *
     * @param buffer   holding the frame.
     * @param idOffset where the id starts.
     * @param idLength the declared id length.
     * @param frameEnd where the frame ends.
     * @return {@link FrameError#NONE} or the problem.
     */
    static FrameError trailingAgentId(
        final DirectBuffer buffer, final int idOffset, final int idLength, final int frameEnd)
    {
        final FrameError error = agentId(buffer, idOffset, idLength, frameEnd);
        if (error != FrameError.NONE)
        {
            return error;
        }
        return idOffset + idLength == frameEnd ? FrameError.NONE : FrameError.BAD_LENGTH;
    }

    /**
     * Checks an agent id that may be followed by more fields.
     *
     * @param buffer   holding the frame.
     * @param idOffset where the id starts.
     * @param idLength the declared id length.
     * @param frameEnd where the frame ends.
     * @return {@link FrameError#NONE} or the problem.
     */
    static FrameError agentId(final DirectBuffer buffer, final int idOffset, final int idLength, final int frameEnd)
    {
        if (idLength < 1 || idLength > MAX_AGENT_ID_LENGTH)
        {
            return FrameError.BAD_AGENT_ID;
        }
        if (idOffset + idLength > frameEnd)
        {
            return FrameError.TRUNCATED;
        }
        return Utf8.isValid(buffer, idOffset, idLength) ? FrameError.NONE : FrameError.BAD_UTF8;
    }

    /**
     * @param buffer holding the frame.
     * @param index  of an unsigned 16-bit field.
     * @return its value.
     */
    static int uint16(final DirectBuffer buffer, final int index)
    {
        return buffer.getShort(index, BYTE_ORDER) & 0xFFFF;
    }

    /**
     * @param buffer holding the frame.
     * @param index  of an unsigned byte.
     * @return its value.
     */
    static int uint8(final DirectBuffer buffer, final int index)
    {
        return buffer.getByte(index) & 0xFF;
    }
}
