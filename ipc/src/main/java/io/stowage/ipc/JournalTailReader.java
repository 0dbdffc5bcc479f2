package io.stowage.ipc;

import org.agrona.DirectBuffer;

import static io.stowage.ipc.JournalRecordDescriptor.BYTE_ORDER;
import static io.stowage.ipc.JournalRecordDescriptor.COUNT_LENGTH;
import static io.stowage.ipc.JournalRecordDescriptor.NULL_COUNT;
import static org.agrona.BitUtil.SIZE_OF_CHAR;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Reads the variable part of a journal record (counted vectors, strings and attributes) with bounds checks: once a
 * field would run past the record, every later read returns null or 0 and {@link #end()} reports
 * {@link FrameError#TRUNCATED}.
 */
final class JournalTailReader
{
    private final DirectBuffer buffer;
    private final int end;
    private int position;
    private boolean truncated;

    JournalTailReader(final DirectBuffer buffer, final int position, final int end)
    {
        this.buffer = buffer;
        this.position = position;
        this.end = end;
        this.truncated = position > end;
    }

    int count()
    {
        if (truncated || position + COUNT_LENGTH > end)
        {
            truncated = true;
            return 0;
        }
        final int count = buffer.getShort(position, BYTE_ORDER) & 0xFFFF;
        position += COUNT_LENGTH;
        return count;
    }

    long[] vector()
    {
        final int count = count();
        if (truncated || count == NULL_COUNT)
        {
            return null;
        }
        if (position + count * SIZE_OF_LONG > end)
        {
            truncated = true;
            return null;
        }
        final long[] vector = new long[count];
        for (int i = 0; i < count; i++)
        {
            vector[i] = buffer.getLong(position, BYTE_ORDER);
            position += SIZE_OF_LONG;
        }
        return vector;
    }

    String string()
    {
        final int count = count();
        if (truncated || count == NULL_COUNT)
        {
            return null;
        }
        if (position + count * SIZE_OF_CHAR > end)
        {
            truncated = true;
            return null;
        }
        final char[] chars = new char[count];
        for (int i = 0; i < count; i++)
        {
            chars[i] = buffer.getChar(position, BYTE_ORDER);
            position += SIZE_OF_CHAR;
        }
        return new String(chars);
    }

    FrameError end()
    {
        if (truncated)
        {
            return FrameError.TRUNCATED;
        }
        return position == end ? FrameError.NONE : FrameError.BAD_LENGTH;
    }
}
