package io.stowage.engine;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.ErrorConsumer;
import org.agrona.concurrent.errors.ErrorLogReader;
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
 * other-version file is refused with a {@link CountersFileException} that says why.
 */
public final class EngineCountersReader implements AutoCloseable
{
    private final Path file;
    private final MappedByteBuffer mapping;
    private final UnsafeBuffer header;
    private final CountersReader counters;
    private final UnsafeBuffer errorLog;

    /** One counter as read. */
    public record Entry(int id, CounterFamily family, String labelValue, String label, long value)
    {
    }

    private EngineCountersReader(final Path file, final MappedByteBuffer mapping)
    {
        this.file = file;
        this.mapping = mapping;
        final UnsafeBuffer whole = new UnsafeBuffer(mapping);
        this.header = new UnsafeBuffer(whole, 0, HEADER_LENGTH);
        final String problem = checkHeader(whole, mapping.capacity());
        if (problem != null)
        {
            IoUtil.unmap(mapping);
            throw new CountersFileException(file + ": " + problem);
        }
        final int metadataLength = header.getInt(METADATA_LENGTH_OFFSET);
        final int valuesLength = header.getInt(VALUES_LENGTH_OFFSET);
        this.counters = new CountersReader(
            new UnsafeBuffer(whole, HEADER_LENGTH, metadataLength),
            new UnsafeBuffer(whole, valuesOffset(header), valuesLength));
        this.errorLog = new UnsafeBuffer(whole, errorLogOffset(header), header.getInt(ERROR_LOG_LENGTH_OFFSET));
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
            return new EngineCountersReader(file, channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
        }
        catch (final IOException ex)
        {
            throw new CountersFileException(file + ": cannot map: " + ex.getMessage());
        }
    }

    /** @return the mapped file. */
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

    /** @return every allocated counter, in id order, with its value now. */
    public List<Entry> entries()
    {
        final List<Entry> entries = new ArrayList<>();
        counters.forEach((counterId, typeId, key, label) -> entries.add(new Entry(
            counterId, CounterFamily.ofTypeId(typeId), key.getStringAscii(0), label,
            counters.getCounterValue(counterId))));
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
     * @param consumer receives each distinct error: observations, first and last time, the encoded exception.
     * @return the number of distinct errors.
     */
    public int readErrors(final ErrorConsumer consumer)
    {
        return ErrorLogReader.read(errorLog, consumer);
    }

    /** Unmaps the file; the reader must not be used afterwards. */
    @Override
    public void close()
    {
        IoUtil.unmap(mapping);
    }
}
