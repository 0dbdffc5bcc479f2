package io.stowage.engine;

import io.stowage.core.Reason;
import io.stowage.core.TaskEndCause;
import org.agrona.IoUtil;
import org.agrona.SystemUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.errors.DistinctErrorLog;
import org.agrona.concurrent.errors.ErrorConsumer;
import org.agrona.concurrent.errors.ErrorLogReader;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

import static io.stowage.engine.CountersFileDescriptor.*;

/**
 * The engine's counters, in Agrona counters laid out as {@link CountersFileDescriptor} describes: in a memory-mapped
 * file that another process can read ({@link EngineCountersReader}, {@code ./stowage stat}), or in memory. The
 * kernel stage is the single writer of all counters but {@link #malformedFrame()} and the error counts, which any
 * thread may increment. The latency counters are written under a seqlock (see {@link CountersFileDescriptor}) so
 * that a {@link LatencySnapshot} never mixes two publications. The mapping is released when the counters become
 * unreachable, never while a thread may still write them.
 */
public final class EngineCounters
{
    /** Quantiles of the latency counters, as they appear in the Prometheus exposition. */
    static final String[] QUANTILES = {"0.5", "0.99", "0.999"};
    /** Errors last observed before this time (epoch milliseconds) are still being recorded. */
    static final long RECORDED_SINCE_EPOCH_MS = 1;

    private final AtomicBuffer header;
    private final CountersManager manager;
    private final DistinctErrorLog errorLog;
    private final Path file;
    private final AtomicCounter[] events = new AtomicCounter[EventType.values().length];
    private final AtomicCounter[] rejections = new AtomicCounter[Reason.values().length];
    private final AtomicCounter[] ended = new AtomicCounter[TaskEndCause.values().length];
    private final AtomicCounter[] latency = new AtomicCounter[QUANTILES.length];
    private final AtomicCounter[] latencyBuckets = new AtomicCounter[LatencyMeter.BUCKET_BOUNDS_NANOS.length];
    private final AtomicCounter queued;
    private final AtomicCounter placed;
    private final AtomicCounter rejected;
    private final AtomicCounter accepted;
    private final AtomicCounter agentsRegistered;
    private final AtomicCounter taskEnds;
    private final AtomicCounter staleUpdates;
    private final AtomicCounter malformedFrames;
    private final AtomicCounter journalErrors;
    private final AtomicCounter kernelErrors;
    private final AtomicCounter ringOccupancy;
    private final AtomicCounter ringCapacity;
    private final AtomicCounter agents;
    private final AtomicCounter runningTasks;
    private final AtomicCounter pendingTasks;
    private final AtomicCounter latencyCount;
    private final AtomicCounter latencySum;
    private final AtomicCounter latencyMax;
    private final AtomicCounter latencyVersion;

    private EngineCounters(final AtomicBuffer whole, final Path file)
    {
        this.file = file;
        this.header = new UnsafeBuffer(whole, 0, HEADER_LENGTH);
        final int valuesOffset = HEADER_LENGTH + METADATA_BUFFER_LENGTH;
        this.manager = new CountersManager(
            new UnsafeBuffer(whole, HEADER_LENGTH, METADATA_BUFFER_LENGTH),
            new UnsafeBuffer(whole, valuesOffset, VALUES_BUFFER_LENGTH));
        this.errorLog = new DistinctErrorLog(
            new UnsafeBuffer(whole, valuesOffset + VALUES_BUFFER_LENGTH, ERROR_LOG_BUFFER_LENGTH),
            SystemEpochClock.INSTANCE);

        for (final EventType type : EventType.values())
        {
            events[type.ordinal()] = counter(CounterFamily.EVENTS, type.name().toLowerCase(Locale.ROOT));
        }
        queued = counter(CounterFamily.DECISIONS, "queued");
        placed = counter(CounterFamily.DECISIONS, "placed");
        rejected = counter(CounterFamily.DECISIONS, "rejected");
        accepted = counter(CounterFamily.DECISIONS, "accepted");
        agentsRegistered = counter(CounterFamily.DECISIONS, "agent_registered");
        taskEnds = counter(CounterFamily.DECISIONS, "ended");
        for (final Reason reason : Reason.values())
        {
            if (reason != Reason.OK)
            {
                rejections[reason.ordinal()] = counter(CounterFamily.REJECTIONS, reason.name());
            }
        }
        for (final TaskEndCause cause : TaskEndCause.values())
        {
            ended[cause.ordinal()] = counter(CounterFamily.TASKS_ENDED, cause.name());
        }
        staleUpdates = counter(CounterFamily.STALE_UPDATES, "");
        malformedFrames = counter(CounterFamily.MALFORMED_FRAMES, "");
        journalErrors = counter(CounterFamily.ERRORS, "journal");
        kernelErrors = counter(CounterFamily.ERRORS, "kernel");
        ringOccupancy = counter(CounterFamily.RING_OCCUPANCY, "");
        ringCapacity = counter(CounterFamily.RING_CAPACITY, "");
        agents = counter(CounterFamily.AGENTS, "");
        runningTasks = counter(CounterFamily.RUNNING_TASKS, "");
        pendingTasks = counter(CounterFamily.PENDING_TASKS, "");
        for (int i = 0; i < QUANTILES.length; i++)
        {
            latency[i] = counter(CounterFamily.LATENCY, QUANTILES[i]);
        }
        latencyMax = counter(CounterFamily.LATENCY_MAX, "");
        latencyCount = counter(CounterFamily.LATENCY_COUNT, "");
        latencySum = counter(CounterFamily.LATENCY_SUM, "");
        latencyVersion = manager.newCounter("latency version", LATENCY_VERSION_TYPE_ID);
        for (int i = 0; i < latencyBuckets.length; i++)
        {
            final long bound = LatencyMeter.BUCKET_BOUNDS_NANOS[i];
            latencyBuckets[i] = counter(CounterFamily.LATENCY_BUCKET, Long.toString(bound));
        }

        header.putInt(MAGIC_OFFSET, MAGIC);
        header.putInt(METADATA_LENGTH_OFFSET, METADATA_BUFFER_LENGTH);
        header.putInt(VALUES_LENGTH_OFFSET, VALUES_BUFFER_LENGTH);
        header.putInt(ERROR_LOG_LENGTH_OFFSET, ERROR_LOG_BUFFER_LENGTH);
        header.putLong(PID_OFFSET, SystemUtil.getPid());
        header.putLong(START_TIME_OFFSET, System.currentTimeMillis());
        header.putIntRelease(VERSION_OFFSET, VERSION);
    }

    /**
     * Creates (or replaces) {@code directory/stowage-counters.dat} and maps it. The directory is created owner-only
     * if it does not exist.
     *
     * @param directory where the file goes.
     * @return counters backed by the file.
     */
    public static EngineCounters create(final Path directory)
    {
        try
        {
            if (!Files.isDirectory(directory))
            {
                Files.createDirectories(directory);
                if (directory.getFileSystem().supportedFileAttributeViews().contains("posix"))
                {
                    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create counters directory " + directory, ex);
        }
        final Path file = directory.resolve(FILE_NAME);
        final long length = fileLength(METADATA_BUFFER_LENGTH, VALUES_BUFFER_LENGTH, ERROR_LOG_BUFFER_LENGTH);
        IoUtil.deleteIfExists(file.toFile());
        return new EngineCounters(new UnsafeBuffer(IoUtil.mapNewFile(file.toFile(), length, true)), file);
    }

    /** @return counters in memory only, for engines that need no reader in another process. */
    public static EngineCounters inMemory()
    {
        return new EngineCounters(new UnsafeBuffer(ByteBuffer.allocateDirect(length())), null);
    }

    /**
     * Lays the counters out in a zeroed buffer the caller owns, for a reader in the same process
     * ({@link EngineCountersReader#wrap(AtomicBuffer)}): the jcstress tests.
     *
     * @param buffer zeroed, direct, at least {@link #length()} bytes.
     * @return counters backed by the buffer.
     */
    static EngineCounters wrap(final AtomicBuffer buffer)
    {
        return new EngineCounters(buffer, null);
    }

    /** @return the length of the counters file, and of the buffer {@link #wrap(AtomicBuffer)} needs. */
    static int length()
    {
        return (int)fileLength(METADATA_BUFFER_LENGTH, VALUES_BUFFER_LENGTH, ERROR_LOG_BUFFER_LENGTH);
    }

    /** @return the counters file, or null for counters in memory. */
    public Path file()
    {
        return file;
    }

    /** @return a reader of these counters, safe to use from any thread. */
    public CountersReader reader()
    {
        return manager;
    }

    /** @return the error log the stages record into. */
    public DistinctErrorLog errorLog()
    {
        return errorLog;
    }

    /**
     * @param family     a counter family.
     * @param labelValue the label value, empty for a family without a label.
     * @return the counter's value now, or -1 if there is no such counter.
     */
    public long value(final CounterFamily family, final String labelValue)
    {
        return value(manager, family, labelValue);
    }

    /**
     * @param consumer receives each distinct error recorded: observations, first and last time, the exception. An
     *                 error still being recorded is left for the next read.
     * @return the number of distinct errors given to the consumer.
     */
    public int readErrors(final ErrorConsumer consumer)
    {
        return readRecordedErrors(errorLog.buffer(), consumer);
    }

    /**
     * Reads the errors whose first observation is fully recorded. Agrona's {@link DistinctErrorLog} makes a new
     * record visible (its length, with release) before it counts the first observation and stamps the last
     * observation time, so a reader could see an error observed 0 times, last at the epoch. Reading only records
     * last observed since {@link #RECORDED_SINCE_EPOCH_MS} skips such a record until its writer has finished it;
     * the count is taken before that time is stamped (with release), so every error read was observed at least
     * once.
     *
     * @param errorLog the error log buffer.
     * @param consumer receives each distinct error.
     * @return the number of distinct errors given to the consumer.
     */
    static int readRecordedErrors(final AtomicBuffer errorLog, final ErrorConsumer consumer)
    {
        return ErrorLogReader.read(errorLog, consumer, RECORDED_SINCE_EPOCH_MS);
    }

    static long value(final CountersReader counters, final CounterFamily family, final String labelValue)
    {
        final long[] value = {-1};
        counters.forEach((counterId, typeId, key, label) ->
        {
            if (typeId == family.typeId() && key.getStringAscii(0).equals(labelValue))
            {
                value[0] = counters.getCounterValue(counterId);
            }
        });
        return value[0];
    }

    /** Counts an agent frame that could not be decoded (called by the queue tailer; any thread). */
    public void malformedFrame()
    {
        malformedFrames.increment();
    }

    /** @return frames counted malformed so far. */
    public long malformedFrames()
    {
        return malformedFrames.get();
    }

    /** @return errors recorded so far, all stages. */
    public long errors()
    {
        return journalErrors.get() + kernelErrors.get();
    }

    void journalError()
    {
        journalErrors.increment();
    }

    void kernelError()
    {
        kernelErrors.increment();
    }

    void event(final EventType type)
    {
        events[type.ordinal()].incrementRelease();
    }

    void queued()
    {
        queued.incrementRelease();
    }

    void placed()
    {
        placed.incrementRelease();
    }

    void accepted()
    {
        accepted.incrementRelease();
    }

    void agentRegistered()
    {
        agentsRegistered.incrementRelease();
    }

    void rejected(final Reason reason)
    {
        rejected.incrementRelease();
        final AtomicCounter counter = rejections[reason.ordinal()];
        if (counter != null)
        {
            counter.incrementRelease();
        }
        if (reason == Reason.STALE_UPDATE)
        {
            staleUpdates.incrementRelease();
        }
    }

    void ended(final TaskEndCause cause)
    {
        taskEnds.incrementRelease();
        ended[cause.ordinal()].incrementRelease();
    }

    void ring(final long occupancy, final long capacity)
    {
        ringOccupancy.setRelease(occupancy);
        ringCapacity.setRelease(capacity);
    }

    void kernelGauges(final long agentCount, final long running, final long pending)
    {
        agents.setRelease(agentCount);
        runningTasks.setRelease(running);
        pendingTasks.setRelease(pending);
    }

    /**
     * Publishes the figures of a period with samples. Each store is a release, so the odd version is visible before
     * any figure and every figure before the even version: a reader that sees the same even version before and
     * after its copy copied one publication.
     */
    void latency(
        final long p50,
        final long p99,
        final long p999,
        final long max,
        final long count,
        final long sumMicros,
        final long[] cumulativeBuckets)
    {
        final long version = latencyVersion.getPlain();
        latencyVersion.setRelease(version + 1);
        latency[0].setRelease(p50);
        latency[1].setRelease(p99);
        latency[2].setRelease(p999);
        latencyMax.setRelease(max);
        latencyCount.setRelease(count);
        latencySum.setRelease(sumMicros);
        for (int i = 0; i < latencyBuckets.length; i++)
        {
            latencyBuckets[i].setRelease(cumulativeBuckets[i]);
        }
        latencyVersion.setRelease(version + 2);
    }

    /** Publishes the totals of a period without samples; the percentiles of the last one stay. */
    void latencyTotals(final long count, final long sumMicros)
    {
        final long version = latencyVersion.getPlain();
        latencyVersion.setRelease(version + 1);
        latencyCount.setRelease(count);
        latencySum.setRelease(sumMicros);
        latencyVersion.setRelease(version + 2);
    }

    private AtomicCounter counter(final CounterFamily family, final String labelValue)
    {
        final String label = family.name().toLowerCase(Locale.ROOT).replace('_', ' ') +
            (labelValue.isEmpty() ? "" : ": " + labelValue);
        return manager.newCounter(label, family.typeId(), key -> key.putStringAscii(0, labelValue));
    }
}
