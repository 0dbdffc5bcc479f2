package io.stowage.cluster;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The most recent messages of a numbered stream, encoded, bounded both in count and in bytes: the service keeps the
 * decisions it made so that a client that reconnects can ask for those after the last one it has, and the client
 * keeps the inputs it sent so that it can send again those a failover lost. Numbers are consecutive: message n + 1
 * follows message n. The oldest messages are dropped first when either bound would be exceeded.
 * <p>
 * The bytes live in one ring of {@code byteCapacity}; a message never wraps (the tail is padded to the start when it
 * does not fit before the end), so each is one contiguous slice. Single-threaded; appending allocates nothing.
 */
final class MessageWindow
{
    private final UnsafeBuffer bytes;
    private final long[] positions;
    private final int[] lengths;
    private final int byteCapacity;
    private long first = 1;
    private long last;
    private long head;
    private long tail;

    /**
     * @param maxMessages  most messages kept.
     * @param byteCapacity most bytes kept; also the largest message that can be kept.
     */
    MessageWindow(final int maxMessages, final int byteCapacity)
    {
        if (maxMessages < 1 || byteCapacity < 64)
        {
            throw new IllegalArgumentException("a window needs room for a message: " + maxMessages + " messages, " +
                byteCapacity + " bytes");
        }
        this.bytes = new UnsafeBuffer(new byte[byteCapacity]);
        this.positions = new long[maxMessages];
        this.lengths = new int[maxMessages];
        this.byteCapacity = byteCapacity;
    }

    /** @return the number of the oldest message kept; {@link #last()} + 1 when empty. */
    long first()
    {
        return first;
    }

    /** @return the number of the newest message kept, or of the last appended before the window was emptied. */
    long last()
    {
        return last;
    }

    /** @return how many messages are kept. */
    int size()
    {
        return (int)(last - first + 1);
    }

    /** @return true if the window holds message {@code number}. */
    boolean contains(final long number)
    {
        return number >= first && number <= last;
    }

    /**
     * Starts the window empty after message {@code number}: the next message appended is {@code number + 1}.
     *
     * @param number the last message number before the window.
     */
    void resetAfter(final long number)
    {
        first = number + 1;
        last = number;
        head = 0;
        tail = 0;
    }

    /**
     * Keeps the next message, dropping the oldest ones as needed.
     *
     * @param number must be {@link #last()} + 1.
     * @param src    the message.
     * @param offset its first byte.
     * @param length its length, at most the window's byte capacity.
     */
    void append(final long number, final DirectBuffer src, final int offset, final int length)
    {
        if (number != last + 1)
        {
            throw new IllegalStateException("message " + number + " appended after " + last);
        }
        if (length > byteCapacity || length < 0)
        {
            throw new IllegalArgumentException("a message of " + length + " bytes does not fit a window of " +
                byteCapacity);
        }
        long start = tail;
        final int inRing = (int)(start % byteCapacity);
        if (inRing + length > byteCapacity)
        {
            start += byteCapacity - inRing;
        }
        while (size() > 0 && (size() == positions.length || start + length - head > byteCapacity))
        {
            first++;
            head = size() > 0 ? positions[slot(first)] : start;
        }
        if (size() == 0)
        {
            head = start;
        }
        bytes.putBytes((int)(start % byteCapacity), src, offset, length);
        last = number;
        positions[slot(number)] = start;
        lengths[slot(number)] = length;
        tail = start + length;
    }

    /**
     * @param number a message the window holds.
     * @return the buffer the message is in (read it at {@link #offset(long)} for {@link #length(long)} bytes).
     */
    DirectBuffer buffer(final long number)
    {
        check(number);
        return bytes;
    }

    /**
     * @param number a message the window holds.
     * @return its offset in {@link #buffer(long)}.
     */
    int offset(final long number)
    {
        check(number);
        return (int)(positions[slot(number)] % byteCapacity);
    }

    /**
     * @param number a message the window holds.
     * @return its length.
     */
    int length(final long number)
    {
        check(number);
        return lengths[slot(number)];
    }

    /**
     * Copies a message out.
     *
     * @param number a message the window holds.
     * @param dst    where it goes.
     * @param offset where its first byte goes.
     * @return its length.
     */
    int copy(final long number, final MutableDirectBuffer dst, final int offset)
    {
        final int length = length(number);
        dst.putBytes(offset, bytes, offset(number), length);
        return length;
    }

    private int slot(final long number)
    {
        return (int)(number % positions.length);
    }

    private void check(final long number)
    {
        if (!contains(number))
        {
            throw new IllegalArgumentException("message " + number + " is not in the window [" + first + ", " +
                last + "]");
        }
    }
}
