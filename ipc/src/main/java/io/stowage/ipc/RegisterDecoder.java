package io.stowage.ipc;

import org.agrona.DirectBuffer;

import java.util.Map;

import static io.stowage.ipc.BodyChecks.uint16;
import static io.stowage.ipc.BodyChecks.uint8;
import static io.stowage.ipc.FrameDescriptor.BYTE_ORDER;
import static io.stowage.ipc.FrameDescriptor.MAX_ATTRIBUTE_LENGTH;
import static io.stowage.ipc.FrameDescriptor.MAX_DIMENSIONS;
import static io.stowage.ipc.RegisterDescriptor.*;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Flyweight that checks and reads the body of a {@link MessageType#REGISTER} frame (layout in
 * {@link RegisterDescriptor}) whose header {@link FrameHeader} already accepted. Checking allocates nothing;
 * {@link #attributes(Map)} decodes strings and does.
 */
public final class RegisterDecoder
{
    private DirectBuffer buffer;
    private int offset;
    private int dimensions;
    private int attributeCount;
    private int agentIdLength;

    /**
     * @param buffer holding the frame.
     * @param offset where the frame starts.
     * @param length the frame's length.
     * @return {@link FrameError#NONE} if the body is well formed, else the first problem found.
     */
    public FrameError wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        final int end = offset + length;
        if (length < CAPACITY_OFFSET)
        {
            return FrameError.TRUNCATED;
        }
        dimensions = uint8(buffer, offset + DIMENSIONS_OFFSET);
        if (dimensions == 0 || dimensions > MAX_DIMENSIONS)
        {
            return FrameError.DIMENSION_MISMATCH;
        }
        attributeCount = uint8(buffer, offset + ATTRIBUTE_COUNT_OFFSET);
        if (attributeCount > MAX_ATTRIBUTES)
        {
            return FrameError.BAD_FIELD;
        }
        agentIdLength = uint16(buffer, offset + AGENT_ID_LENGTH_OFFSET);
        final FrameError idError = BodyChecks.agentId(buffer, agentIdOffset(), agentIdLength, end);
        if (idError != FrameError.NONE)
        {
            return idError;
        }
        int position = agentIdOffset() + agentIdLength;
        for (int i = 0; i < attributeCount * 2; i++)
        {
            if (position + STRING_LENGTH_PREFIX > end)
            {
                return FrameError.TRUNCATED;
            }
            final int stringLength = uint16(buffer, position);
            if (stringLength > MAX_ATTRIBUTE_LENGTH || (stringLength == 0 && (i & 1) == 0))
            {
                return FrameError.BAD_FIELD;
            }
            position += STRING_LENGTH_PREFIX;
            if (position + stringLength > end)
            {
                return FrameError.TRUNCATED;
            }
            if (!Utf8.isValid(buffer, position, stringLength))
            {
                return FrameError.BAD_UTF8;
            }
            position += stringLength;
        }
        if (position != end)
        {
            return FrameError.BAD_LENGTH;
        }
        return hasDistinctNames() ? FrameError.NONE : FrameError.BAD_FIELD;
    }

    private boolean hasDistinctNames()
    {
        int a = agentIdOffset() + agentIdLength;
        for (int i = 0; i < attributeCount; i++)
        {
            final int aLength = uint16(buffer, a);
            int b = skipAttribute(a);
            for (int j = i + 1; j < attributeCount; j++)
            {
                final int bLength = uint16(buffer, b);
                if (aLength == bLength && equalBytes(a + STRING_LENGTH_PREFIX, b + STRING_LENGTH_PREFIX, aLength))
                {
                    return false;
                }
                b = skipAttribute(b);
            }
            a = skipAttribute(a);
        }
        return true;
    }

    private int skipAttribute(final int nameOffset)
    {
        final int valueOffset = nameOffset + STRING_LENGTH_PREFIX + uint16(buffer, nameOffset);
        return valueOffset + STRING_LENGTH_PREFIX + uint16(buffer, valueOffset);
    }

    private boolean equalBytes(final int a, final int b, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(a + i) != buffer.getByte(b + i))
            {
                return false;
            }
        }
        return true;
    }

    /** @return capacity dimensions. */
    public int dimensions()
    {
        return dimensions;
    }

    /**
     * @param dimension a dimension index.
     * @return the capacity in milli-units.
     */
    public long capacity(final int dimension)
    {
        return buffer.getLong(offset + CAPACITY_OFFSET + dimension * SIZE_OF_LONG, BYTE_ORDER);
    }

    /**
     * @param into filled with the first {@link #dimensions()} capacity values.
     */
    public void capacity(final long[] into)
    {
        for (int d = 0; d < dimensions; d++)
        {
            into[d] = capacity(d);
        }
    }

    /** @return the number of attributes. */
    public int attributeCount()
    {
        return attributeCount;
    }

    /**
     * Decodes the attributes.
     *
     * @param into receives name to value.
     * @return into.
     */
    public Map<String, String> attributes(final Map<String, String> into)
    {
        int position = agentIdOffset() + agentIdLength;
        for (int i = 0; i < attributeCount; i++)
        {
            final int nameLength = uint16(buffer, position);
            final String name = buffer.getStringWithoutLengthUtf8(position + STRING_LENGTH_PREFIX, nameLength);
            position += STRING_LENGTH_PREFIX + nameLength;
            final int valueLength = uint16(buffer, position);
            into.put(name, buffer.getStringWithoutLengthUtf8(position + STRING_LENGTH_PREFIX, valueLength));
            position += STRING_LENGTH_PREFIX + valueLength;
        }
        return into;
    }

    /** @return the buffer the agent id is in. */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /** @return offset of the agent id's UTF-8 bytes in {@link #buffer()}. */
    public int agentIdOffset()
    {
        return offset + RegisterDescriptor.agentIdOffset(dimensions);
    }

    /** @return length of the agent id in UTF-8 bytes. */
    public int agentIdLength()
    {
        return agentIdLength;
    }

    /** @return the agent id as a new string. */
    public String agentId()
    {
        return buffer.getStringWithoutLengthUtf8(agentIdOffset(), agentIdLength);
    }
}
