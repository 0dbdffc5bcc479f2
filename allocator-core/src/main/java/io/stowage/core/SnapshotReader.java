package io.stowage.core;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.charset.StandardCharsets;

/**
 * Reads what a {@link SnapshotWriter} wrote, checking every length against the bytes that remain and against what the
 * reader expects, so that a truncated or corrupt snapshot is a {@link SnapshotException} naming the section and the
 * field, never an array index error or a kernel in a half-read state.
 */
public final class SnapshotReader
{
    private final DirectBuffer buffer;
    private final int limit;
    private int position;
    private int sectionEnd = -1;
    private String section = "header";

    /**
     * @param buffer the bytes.
     * @param offset the first byte to read.
     * @param length how many bytes may be read.
     */
    public SnapshotReader(final DirectBuffer buffer, final int offset, final int length)
    {
        if (offset < 0 || length < 0 || (long)offset + length > buffer.capacity())
        {
            throw new SnapshotException("snapshot range " + offset + "+" + length + " is outside the buffer of " +
                buffer.capacity() + " bytes");
        }
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
    }

    /** @return the offset of the next byte to be read. */
    public int position()
    {
        return position;
    }

    /** @return how many bytes remain to be read. */
    public int remaining()
    {
        return limit - position;
    }

    /**
     * Starts reading a section, which must be the one expected.
     *
     * @param id   the id expected.
     * @param name its name, for errors.
     */
    public void beginSection(final int id, final String name)
    {
        section = name;
        final int found = getInt("section id");
        if (found != id)
        {
            throw new SnapshotException("expected section " + name + " (id " + id + ") but found id " + found);
        }
        final int length = getInt("section length");
        if (length < 0 || length > limit - position)
        {
            throw new SnapshotException("section " + name + " claims " + length + " bytes but " + (limit - position) +
                " remain");
        }
        sectionEnd = position + length;
    }

    /** Ends the current section, which must have been read exactly. */
    public void endSection()
    {
        if (position != sectionEnd)
        {
            throw new SnapshotException("section " + section + " has " + (sectionEnd - position) +
                " bytes left unread: its layout does not match this version");
        }
        sectionEnd = -1;
    }

    /**
     * @param what the field, for errors.
     * @return the boolean.
     */
    public boolean getBoolean(final String what)
    {
        final byte b = getByte(what);
        if (b != 0 && b != 1)
        {
            throw fail(what + " is " + b + ", not a boolean");
        }
        return b == 1;
    }

    /**
     * @param what the field, for errors.
     * @return the byte.
     */
    public byte getByte(final String what)
    {
        need(Byte.BYTES, what);
        final byte value = buffer.getByte(position);
        position += Byte.BYTES;
        return value;
    }

    /**
     * @param what the field, for errors.
     * @return the int.
     */
    public int getInt(final String what)
    {
        need(Integer.BYTES, what);
        final int value = buffer.getInt(position);
        position += Integer.BYTES;
        return value;
    }

    /**
     * @param what the field, for errors.
     * @param min  the least value allowed.
     * @param max  the greatest value allowed.
     * @return the int.
     */
    public int getInt(final String what, final int min, final int max)
    {
        final int value = getInt(what);
        if (value < min || value > max)
        {
            throw fail(what + " is " + value + ", outside [" + min + ", " + max + "]");
        }
        return value;
    }

    /**
     * @param what the field, for errors.
     * @return the long.
     */
    public long getLong(final String what)
    {
        need(Long.BYTES, what);
        final long value = buffer.getLong(position);
        position += Long.BYTES;
        return value;
    }

    /**
     * @param what the field, for errors.
     * @return the double.
     */
    public double getDouble(final String what)
    {
        need(Double.BYTES, what);
        final double value = buffer.getDouble(position);
        position += Double.BYTES;
        return value;
    }

    /**
     * @param what the field, for errors.
     * @return the string, or null if null was written.
     */
    public String getString(final String what)
    {
        final int length = getInt(what + " length");
        if (length == -1)
        {
            return null;
        }
        if (length < 0)
        {
            throw fail(what + " has length " + length);
        }
        need(length, what);
        final byte[] bytes = new byte[length];
        buffer.getBytes(position, bytes);
        position += length;
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Reads an int array into an existing one.
     *
     * @param what   the field, for errors.
     * @param target where the elements go; the written count must not exceed its length.
     * @return the number of elements read.
     */
    public int getInts(final String what, final int[] target)
    {
        final int count = count(what, target.length, Integer.BYTES);
        if (SnapshotWriter.BULK)
        {
            UnsafeApi.copyMemory(buffer.byteArray(), buffer.addressOffset() + position, target,
                SnapshotWriter.INT_BASE, (long)count * Integer.BYTES);
            position += count * Integer.BYTES;
            return count;
        }
        int at = position;
        for (int i = 0; i < count; i++)
        {
            target[i] = buffer.getInt(at);
            at += Integer.BYTES;
        }
        position = at;
        return count;
    }

    /**
     * Reads an int array into a new one of the written length.
     *
     * @param what the field, for errors.
     * @param max  the greatest length allowed.
     * @return the array.
     */
    public int[] getInts(final String what, final int max)
    {
        final int count = peekCount(what, max, Integer.BYTES);
        final int[] values = new int[count];
        getInts(what, values);
        return values;
    }

    /**
     * @param what   the field, for errors.
     * @param target where the elements go; the written count must not exceed its length.
     * @return the number of elements read.
     */
    public int getLongs(final String what, final long[] target)
    {
        final int count = count(what, target.length, Long.BYTES);
        if (SnapshotWriter.BULK)
        {
            UnsafeApi.copyMemory(buffer.byteArray(), buffer.addressOffset() + position, target,
                SnapshotWriter.LONG_BASE, (long)count * Long.BYTES);
            position += count * Long.BYTES;
            return count;
        }
        int at = position;
        for (int i = 0; i < count; i++)
        {
            target[i] = buffer.getLong(at);
            at += Long.BYTES;
        }
        position = at;
        return count;
    }

    /**
     * @param what the field, for errors.
     * @param max  the greatest length allowed.
     * @return a new array of the written length.
     */
    public long[] getLongs(final String what, final int max)
    {
        final long[] values = new long[peekCount(what, max, Long.BYTES)];
        getLongs(what, values);
        return values;
    }

    /**
     * @param what   the field, for errors.
     * @param target where the elements go; the written count must not exceed its length.
     * @return the number of elements read.
     */
    public int getDoubles(final String what, final double[] target)
    {
        final int count = count(what, target.length, Double.BYTES);
        if (SnapshotWriter.BULK)
        {
            UnsafeApi.copyMemory(buffer.byteArray(), buffer.addressOffset() + position, target,
                SnapshotWriter.DOUBLE_BASE, (long)count * Double.BYTES);
            position += count * Double.BYTES;
            return count;
        }
        int at = position;
        for (int i = 0; i < count; i++)
        {
            target[i] = buffer.getDouble(at);
            at += Double.BYTES;
        }
        position = at;
        return count;
    }

    /**
     * @param what the field, for errors.
     * @param max  the greatest length allowed.
     * @return a new array of the written length.
     */
    public double[] getDoubles(final String what, final int max)
    {
        final double[] values = new double[peekCount(what, max, Double.BYTES)];
        getDoubles(what, values);
        return values;
    }

    /**
     * @param what   the field, for errors.
     * @param target where the elements go; the written count must not exceed its length.
     * @return the number of elements read.
     */
    public int getBytes(final String what, final byte[] target)
    {
        final int count = count(what, target.length, Byte.BYTES);
        buffer.getBytes(position, target, 0, count);
        position += count;
        return count;
    }

    /**
     * @param what   the field, for errors.
     * @param target where the elements go; the written count must not exceed its length.
     * @return the number of elements read.
     */
    public int getBooleans(final String what, final boolean[] target)
    {
        final int count = count(what, target.length, Byte.BYTES);
        for (int i = 0; i < count; i++)
        {
            final byte b = buffer.getByte(position + i);
            if (b != 0 && b != 1)
            {
                throw fail(what + "[" + i + "] is " + b + ", not a boolean");
            }
            target[i] = b == 1;
        }
        position += count;
        return count;
    }

    /**
     * Reads a length-prefixed run of raw bytes, returning the offset of its first byte in {@link #buffer()}.
     *
     * @param what     the field, for errors.
     * @param expected the exact length required.
     * @return the offset of the bytes.
     */
    public int getRaw(final String what, final int expected)
    {
        final int length = getInt(what + " length");
        if (length != expected)
        {
            throw fail(what + " holds " + length + " bytes where " + expected + " are expected");
        }
        need(length, what);
        final int at = position;
        position += length;
        return at;
    }

    /** @return the buffer read from. */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @param message what is wrong.
     * @return an exception naming the current section.
     */
    public SnapshotException fail(final String message)
    {
        return new SnapshotException("section " + section + ": " + message);
    }

    private int peekCount(final String what, final int max, final int elementBytes)
    {
        need(Integer.BYTES, what + " count");
        final int count = buffer.getInt(position);
        checkCount(what, count, max, elementBytes, Integer.BYTES);
        return count;
    }

    private int count(final String what, final int max, final int elementBytes)
    {
        final int count = getInt(what + " count");
        checkCount(what, count, max, elementBytes, 0);
        return count;
    }

    private void checkCount(
        final String what, final int count, final int max, final int elementBytes, final int countBytesAhead)
    {
        if (count < 0 || count > max)
        {
            throw fail(what + " has " + count + " elements, outside [0, " + max + "]");
        }
        final int end = sectionEnd >= 0 ? sectionEnd : limit;
        final int remaining = end - position - countBytesAhead;
        if ((long)count * elementBytes > remaining)
        {
            throw fail(what + " claims " + count + " elements but only " + remaining + " bytes remain");
        }
    }

    private void need(final int bytes, final String what)
    {
        final int end = sectionEnd >= 0 ? sectionEnd : limit;
        if (bytes > end - position)
        {
            throw fail("truncated at " + what + ": " + bytes + " bytes needed, " + (end - position) + " remain");
        }
    }
}
