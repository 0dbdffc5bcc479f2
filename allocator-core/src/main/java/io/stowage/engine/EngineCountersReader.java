package io.stowage.engine;

import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.ErrorConsumer;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.stowage.engine.CountersFileDescriptor.*;

/**
 * Maps an engine's counters file read-only, typically from another process (the {@code stat} command), and reads
 * the counters as they change. The header is checked before anything is read: a missing, truncated, foreign or
 * other-version file is refused with a {@link CountersFileException} that says why. The latency counters are read
 * as one publication ({@link LatencySnapshot}).
 */
public final class EngineCountersReader implements AutoCloseable
{
    private final Path file;
    private final MappedByteBuffer mapping;
    private final UnsafeBuffer header;
    private final CountersReader counters;
    private final UnsafeBuffer errorLog;
    private final LatencySnapshot latency;

    /**
     * One counter as read.
     *
     * @param id         the counter's id in the counters file.
     * @param family     the family the counter's type id names.
     * @param labelValue the value of the family's label (such as an event type or a reason), empty for a family
     *                   without a label.
     * @param label      the counter's human-readable label, the family's name and its label value.
     * @param value      the counter's value when read.
     */
    public record Entry(int id, CounterFamily family, String labelValue, String label, long value)
    {
    }

    private EngineCountersReader(final Path file, final MappedByteBuffer mapping, final AtomicBuffer whole)
    {
        this.file = file;
        this.mapping = mapping;
        this.header = new UnsafeBuffer(whole, 0, HEADER_LENGTH);
        final String problem = checkHeader(whole, whole.capacity());
        if (problem != null)
        {
            if (mapping != null)
            {
                IoUtil.unmap(mapping);
            }
            throw new CountersFileException((file == null ? "counters buffer" : file) + ": " + problem);
        }
        final int metadataLength = header.getInt(METADATA_LENGTH_OFFSET);
        final int valuesLength = header.getInt(VALUES_LENGTH_OFFSET);
        this.counters = new CountersReader(
            new UnsafeBuffer(whole, HEADER_LENGTH, metadataLength),
            new UnsafeBuffer(whole, valuesOffset(header), valuesLength));
        this.errorLog = new UnsafeBuffer(whole, errorLogOffset(header), header.getInt(ERROR_LOG_LENGTH_OFFSET));
        this.latency = new LatencySnapshot(counters);
    }

    /**
     * @param path the counters directory, or the counters file itself.
     * @return a reader over a read-only mapping.
     * @throws CountersFileException if the file is missing or malformed.
     */
    public static EngineCountersReader map(final Path path)
    {
        final Path file = Files.isDirectory(path) ? path.resolve(FILE_NAME) : path;
        if (!Files.isRegularFile(file))
        {
            throw new CountersFileException(file + ": no such counters file");
        }
        try (FileChannel channel = FileChannel.open(file))
        {
            final long size = channel.size();
            if (size < HEADER_LENGTH || size > Integer.MAX_VALUE)
            {
                throw new CountersFileException(file + ": " + size + " bytes is not a counters file");
            }
            final MappedByteBuffer mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return new EngineCountersReader(file, mapping, new UnsafeBuffer(mapping));
        }
        catch (final IOException ex)
        {
            throw new CountersFileException(file + ": cannot map: " + ex.getMessage());
        }
    }

    /**
     * Reads counters laid out in a buffer of this process, with the checks a mapped file gets: the jcstress tests
     * read {@link EngineCounters#wrap(AtomicBuffer)} this way while another thread writes them.
     *
     * @param buffer the counters' buffer, as long as the file would be.
     * @return a reader of the buffer; closing it releases nothing.
     * @throws CountersFileException if the header is not (yet) well formed.
     */
    static EngineCountersReader wrap(final AtomicBuffer buffer)
    {
        return new EngineCountersReader(null, null, buffer);
    }

    /** @return the mapped file, or null for a wrapped buffer. */
    public Path file()
    {
        return file;
    }

    /** @return the process id of the engine that wrote the file. */
    public long pid()
    {
        return header.getLong(PID_OFFSET);
    }

    /** @return when that engine created the file, in epoch milliseconds. */
    public long startTimeMillis()
    {
        return header.getLong(START_TIME_OFFSET);
    }

    /** @return an Agrona reader of the counters, for {@link PrometheusExporter#format(CountersReader)}. */
    public CountersReader counters()
    {
        return counters;
    }

    /**
     * @return the reader's latency snapshot; call {@link LatencySnapshot#read()} on it for the figures now. Not
     * thread-safe, like the reader.
     */
    public LatencySnapshot latency()
    {
        return latency;
    }

    /**
     * @return every counter of a {@link CounterFamily}, in id order, with its value now; the latency counters as
     * one publication (unless the writer died in the middle of one, the only case they may be mixed).
     */
    public List<Entry> entries()
    {
        latency.read();
        final List<Entry> entries = new ArrayList<>();
        counters.forEach((counterId, typeId, key, label) ->
        {
            final CounterFamily family = CounterFamily.ofTypeId(typeId);
            if (family != null)
            {
                entries.add(new Entry(counterId, family, key.getStringAscii(0), label, latency.value(counterId)));
            }
        });
        return entries;
    }

    /**
     * @param family     a counter family.
     * @param labelValue the label value, empty for a family without a label.
     * @return the counter's value, or -1 if there is no such counter.
     */
    public long value(final CounterFamily family, final String labelValue)
    {
        return EngineCounters.value(counters, family, labelValue);
    }

    /**
     * @param consumer receives each distinct error: observations, first and last time, the encoded exception. An
     *                 error the engine is still recording is left for the next read.
     * @return the number of distinct errors given to the consumer.
     */
    public int readErrors(final ErrorConsumer consumer)
    {
        return EngineCounters.readRecordedErrors(errorLog, consumer);
    }

    /** Unmaps the file; the reader must not be used afterwards. */
    @Override
    public void close()
    {
        if (mapping != null)
        {
            IoUtil.unmap(mapping);
        }
    }
}
