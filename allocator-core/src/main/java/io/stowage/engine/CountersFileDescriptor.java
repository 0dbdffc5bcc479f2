package io.stowage.engine;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.status.CountersReader;

import static org.agrona.BitUtil.CACHE_LINE_LENGTH;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of the engine's counters file, {@code stowage-counters.dat}: a header, then Agrona's counters metadata and
 * values buffers, then a distinct error log. Another process maps it read-only to show the counters.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                        Magic ("STWC")                         |
 *  +---------------------------------------------------------------+
 *  |              Version (written last, with release)             |
 *  +---------------------------------------------------------------+
 *  |                    Metadata buffer length                     |
 *  +---------------------------------------------------------------+
 *  |                     Values buffer length                      |
 *  +---------------------------------------------------------------+
 *  |                    Error log buffer length                    |
 *  +---------------------------------------------------------------+
 *  |                           Reserved                            |
 *  +---------------------------------------------------------------+
 *  |                      Process id of writer                     |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                Start time, epoch milliseconds                 |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                 Reserved up to HEADER_LENGTH                ...
 *  +---------------------------------------------------------------+
 *  |                       Metadata buffer                       ...
 *  +---------------------------------------------------------------+
 *  |                        Values buffer                        ...
 *  +---------------------------------------------------------------+
 *  |                       Error log buffer                      ...
 *  +---------------------------------------------------------------+
 * </pre>
 * Lengths are little-endian ints. A reader checks the version first (acquire): zero means the writer has not
 * finished the header, and every counter is allocated before the version is written.
 * <p>
 * Besides the counters of each {@link CounterFamily}, the values buffer holds one counter of type
 * {@link #LATENCY_VERSION_TYPE_ID}: the version of a seqlock over the latency counters. The kernel stage makes it
 * odd before it writes them and even again after, so that a reader ({@link LatencySnapshot}) takes the percentiles,
 * maximum, count and sum of one publication, never a mix of two.
 */
public final class CountersFileDescriptor
{
    /** The file name inside the counters directory. */
    public static final String FILE_NAME = "stowage-counters.dat";
    /** "STWC" as a little-endian int. */
    public static final int MAGIC = 0x43575453;
    /** Layout version; a file with another version is refused, never misread. Version 2 added the latency seqlock. */
    public static final int VERSION = 2;
    /** Type id of the latency seqlock's version counter (not a {@link CounterFamily}, never exported). */
    public static final int LATENCY_VERSION_TYPE_ID = 100;

    /** Offset of the magic. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the version. */
    public static final int VERSION_OFFSET = MAGIC_OFFSET + SIZE_OF_INT;
    /** Offset of the metadata buffer length. */
    public static final int METADATA_LENGTH_OFFSET = VERSION_OFFSET + SIZE_OF_INT;
    /** Offset of the values buffer length. */
    public static final int VALUES_LENGTH_OFFSET = METADATA_LENGTH_OFFSET + SIZE_OF_INT;
    /** Offset of the error log buffer length. */
    public static final int ERROR_LOG_LENGTH_OFFSET = VALUES_LENGTH_OFFSET + SIZE_OF_INT;
    /** Offset of the writer's process id. */
    public static final int PID_OFFSET = ERROR_LOG_LENGTH_OFFSET + 2 * SIZE_OF_INT;
    /** Offset of the writer's start time. */
    public static final int START_TIME_OFFSET = PID_OFFSET + SIZE_OF_LONG;
    /** Length of the header; the metadata buffer starts here. */
    public static final int HEADER_LENGTH = 2 * CACHE_LINE_LENGTH;

    /** Counters the engine's file has room for. */
    public static final int MAX_COUNTERS = 128;
    /** Length of the metadata buffer. */
    public static final int METADATA_BUFFER_LENGTH = MAX_COUNTERS * CountersReader.METADATA_LENGTH;
    /** Length of the values buffer. */
    public static final int VALUES_BUFFER_LENGTH = MAX_COUNTERS * CountersReader.COUNTER_LENGTH;
    /** Length of the error log buffer. */
    public static final int ERROR_LOG_BUFFER_LENGTH = 64 * 1024;

    private CountersFileDescriptor()
    {
    }

    /**
     * @param metadataLength metadata buffer length.
     * @param valuesLength   values buffer length.
     * @param errorLogLength error log buffer length.
     * @return the length of a file with these buffers.
     */
    public static long fileLength(final int metadataLength, final int valuesLength, final int errorLogLength)
    {
        return (long)HEADER_LENGTH + metadataLength + valuesLength + errorLogLength;
    }

    /**
     * Checks a header against the length of the file it came from.
     *
     * @param header     the mapped file, at least {@link #HEADER_LENGTH} long.
     * @param fileLength the file's length in bytes.
     * @return null if the header is well formed, else what is wrong with it.
     */
    public static String checkHeader(final AtomicBuffer header, final long fileLength)
    {
        if (fileLength < HEADER_LENGTH)
        {
            return "file is " + fileLength + " bytes, shorter than the " + HEADER_LENGTH + " byte header";
        }
        final int version = header.getIntAcquire(VERSION_OFFSET);
        final int magic = header.getInt(MAGIC_OFFSET);
        if (version == 0 && (magic == 0 || magic == MAGIC))
        {
            return "header not yet written by the engine";
        }
        if (magic != MAGIC)
        {
            return "not a Stowage counters file (magic 0x" + Integer.toHexString(magic) + ")";
        }
        if (version != VERSION)
        {
            return "counters file version " + version + ", this reader knows version " + VERSION;
        }
        final int metadataLength = header.getInt(METADATA_LENGTH_OFFSET);
        final int valuesLength = header.getInt(VALUES_LENGTH_OFFSET);
        final int errorLogLength = header.getInt(ERROR_LOG_LENGTH_OFFSET);
        if (valuesLength <= 0 || valuesLength % CountersReader.COUNTER_LENGTH != 0 ||
            metadataLength != (valuesLength / CountersReader.COUNTER_LENGTH) * CountersReader.METADATA_LENGTH ||
            errorLogLength < 0 || errorLogLength % SIZE_OF_LONG != 0)
        {
            return "bad buffer lengths: metadata " + metadataLength + ", values " + valuesLength + ", error log " +
                errorLogLength;
        }
        final long expected = fileLength(metadataLength, valuesLength, errorLogLength);
        if (fileLength < expected)
        {
            return "file is " + fileLength + " bytes, its header describes " + expected;
        }
        return null;
    }

    /**
     * @param header a well-formed header.
     * @return the offset of the values buffer.
     */
    public static int valuesOffset(final DirectBuffer header)
    {
        return HEADER_LENGTH + header.getInt(METADATA_LENGTH_OFFSET);
    }

    /**
     * @param header a well-formed header.
     * @return the offset of the error log buffer.
     */
    public static int errorLogOffset(final DirectBuffer header)
    {
        return valuesOffset(header) + header.getInt(VALUES_LENGTH_OFFSET);
    }
}
