package io.stowage.core;

import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Appends little-endian values to an expandable buffer: the writing half of a kernel snapshot
 * ({@link KernelSnapshot}). Arrays are written as their length followed by their elements, strings as UTF-8 with a
 * length; {@link #beginSection} and {@link #endSection} frame a section with its id and length, so that a reader can
 * check it consumed exactly what was written. Not thread-safe: the kernel's own thread writes.
 */
public final class SnapshotWriter
{
    /** Arrays are copied in bulk where the native order is the format's (little-endian), element by element if not. */
    static final boolean BULK = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    static final long INT_BASE = UnsafeApi.arrayBaseOffset(int[].class);
    static final long LONG_BASE = UnsafeApi.arrayBaseOffset(long[].class);
    static final long DOUBLE_BASE = UnsafeApi.arrayBaseOffset(double[].class);

    private final ExpandableDirectByteBuffer buffer;
    private int position;
    private int sectionStart = -1;

    /**
     * @param buffer where the bytes go; grown as needed.
     * @param offset where the first byte goes.
     */
    public SnapshotWriter(final ExpandableDirectByteBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.position = offset;
    }

    /** @return the offset of the next byte to be written. */
    public int position()
    {
        return position;
    }

    /** @return the buffer written to (it may have been reallocated while growing). */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * Starts a section: its id, then a length filled in by {@link #endSection}.
     *
     * @param id the section's id.
     */
    public void beginSection(final int id)
    {
        if (sectionStart >= 0)
        {
            throw new IllegalStateException("section not ended before section " + id);
        }
        putInt(id);
        sectionStart = position;
        putInt(0);
    }

    /** Ends the current section, writing its body length after its id. */
    public void endSection()
    {
        buffer.putInt(sectionStart, position - sectionStart - Integer.BYTES);
        sectionStart = -1;
    }

    /** @param value written as one byte, 1 or 0. */
    public void putBoolean(final boolean value)
    {
        putByte(value ? (byte)1 : (byte)0);
    }

    /** @param value the byte. */
    public void putByte(final byte value)
    {
        buffer.putByte(position, value);
        position += Byte.BYTES;
    }

    /** @param value the int. */
    public void putInt(final int value)
    {
        buffer.putInt(position, value);
        position += Integer.BYTES;
    }

    /** @param value the long. */
    public void putLong(final long value)
    {
        buffer.putLong(position, value);
        position += Long.BYTES;
    }

    /** @param value the double, by its bits. */
    public void putDouble(final double value)
    {
        buffer.putDouble(position, value);
        position += Double.BYTES;
    }

    /** @param value a string, or null (written as length -1). */
    public void putString(final String value)
    {
        if (value == null)
        {
            putInt(-1);
            return;
        }
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        putInt(bytes.length);
        buffer.putBytes(position, bytes);
        position += bytes.length;
    }

    /**
     * @param values the array.
     * @param count  how many of its first elements to write.
     */
    public void putInts(final int[] values, final int count)
    {
        putInt(count);
        ensure((long)count * Integer.BYTES);
        if (BULK)
        {
            UnsafeApi.copyMemory(values, SnapshotWriter.INT_BASE, buffer.byteArray(),
                buffer.addressOffset() + position, (long)count * Integer.BYTES);
            position += count * Integer.BYTES;
            return;
        }
        final MutableDirectBuffer b = buffer;
        int at = position;
        for (int i = 0; i < count; i++)
        {
            b.putInt(at, values[i]);
            at += Integer.BYTES;
        }
        position = at;
    }

    /**
     * @param values the array.
     * @param count  how many of its first elements to write.
     */
    public void putLongs(final long[] values, final int count)
    {
        putInt(count);
        ensure((long)count * Long.BYTES);
        if (BULK)
        {
            UnsafeApi.copyMemory(values, SnapshotWriter.LONG_BASE, buffer.byteArray(),
                buffer.addressOffset() + position, (long)count * Long.BYTES);
            position += count * Long.BYTES;
            return;
        }
        final MutableDirectBuffer b = buffer;
        int at = position;
        for (int i = 0; i < count; i++)
        {
            b.putLong(at, values[i]);
            at += Long.BYTES;
        }
        position = at;
    }

    /**
     * @param values the array.
     * @param count  how many of its first elements to write.
     */
    public void putDoubles(final double[] values, final int count)
    {
        putInt(count);
        ensure((long)count * Double.BYTES);
        if (BULK)
        {
            UnsafeApi.copyMemory(values, SnapshotWriter.DOUBLE_BASE, buffer.byteArray(),
                buffer.addressOffset() + position, (long)count * Double.BYTES);
            position += count * Double.BYTES;
            return;
        }
        final MutableDirectBuffer b = buffer;
        int at = position;
        for (int i = 0; i < count; i++)
        {
            b.putDouble(at, values[i]);
            at += Double.BYTES;
        }
        position = at;
    }

    /**
     * @param values the array.
     * @param count  how many of its first elements to write.
     */
    public void putBytes(final byte[] values, final int count)
    {
        putInt(count);
        buffer.putBytes(position, values, 0, count);
        position += count;
    }

    /**
     * @param values the array, one byte per element.
     * @param count  how many of its first elements to write.
     */
    public void putBooleans(final boolean[] values, final int count)
    {
        putInt(count);
        ensure(count);
        for (int i = 0; i < count; i++)
        {
            buffer.putByte(position + i, values[i] ? (byte)1 : (byte)0);
        }
        position += count;
    }

    /**
     * Copies bytes from another buffer.
     *
     * @param source the buffer.
     * @param offset its first byte.
     * @param length how many.
     */
    public void putRaw(final org.agrona.DirectBuffer source, final int offset, final int length)
    {
        putInt(length);
        buffer.putBytes(position, source, offset, length);
        position += length;
    }

    private void ensure(final long bytes)
    {
        final long end = position + bytes;
        if (end > Integer.MAX_VALUE - 8)
        {
            throw new IllegalStateException("a kernel snapshot cannot exceed 2 GiB");
        }
        if (end > buffer.capacity())
        {
            buffer.checkLimit((int)end);
        }
    }
}
