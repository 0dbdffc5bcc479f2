package io.stowage.ipc;

import io.stowage.core.TaskEndCause;
import io.stowage.core.TaskRecord;
import io.stowage.engine.EngineListener;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static io.stowage.ipc.FrameDescriptor.MAX_FRAME_LENGTH;

/**
 * The allocator side of the decision stream: an {@link EngineListener} that writes a {@link MessageType#LAUNCH}
 * frame for each placement and a {@link MessageType#KILL} frame for each running task the kernel ends, each with its
 * decision sequence number, to a Chronicle queue that agents read with a {@link DecisionTailer}. Both frames carry the
 * task's id and the caller's key, and a launch its resources, all from the decision itself, so the stream needs
 * nothing from the embedder's books. A pending task withdrawn (cancelled) never reached an agent and gets no frame.
 * <p>
 * Recovery replays the journal, and the kernel makes its decisions again with the same numbers. On opening, the
 * publisher finds the last decision number already in its queue and drops every decision up to it, so the stream
 * holds each decision exactly once. Called on the kernel thread; never throws (failures go to the error handler and
 * are counted).
 */
public final class DecisionPublisher implements EngineListener, AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final int sourceId;
    private final EpochNanoClock clock;
    private final ErrorHandler errorHandler;
    private final long[] resources;
    private final Map<String, byte[]> agentIds = new HashMap<>();
    private final byte[] frame = new byte[MAX_FRAME_LENGTH];
    private final UnsafeBuffer buffer = new UnsafeBuffer(frame);
    private final DecisionFrameEncoder encoder = new DecisionFrameEncoder().wrap(buffer, 0);
    private ExcerptAppender appender;
    private Thread writer;
    private long lastDecision;
    private long published;
    private long suppressed;
    private long failures;

    /**
     * Frames are stamped by an {@link OffsetEpochNanoClock} (the monotonic clock plus a sampled epoch offset): the
     * system clock builds an {@code Instant} on every read, once per decision.
     *
     * @param dir        the decision queue's directory, created owner-only.
     * @param sourceId   the allocator's source id in the frames.
     * @param dimensions the kernel's resource dimensions.
     */
    public DecisionPublisher(final Path dir, final int sourceId, final int dimensions)
    {
        this(dir, sourceId, dimensions, new OffsetEpochNanoClock(), Throwable::printStackTrace);
    }

    /**
     * @param dir           the decision queue's directory, created owner-only.
     * @param sourceId      the allocator's source id in the frames.
     * @param dimensions    the kernel's resource dimensions.
     * @param clock         stamps the send time of each frame.
     * @param errorHandler  receives failures to publish.
     */
    public DecisionPublisher(
        final Path dir,
        final int sourceId,
        final int dimensions,
        final EpochNanoClock clock,
        final ErrorHandler errorHandler)
    {
        this.queue = QueueDirectories.open(dir);
        this.sourceId = sourceId;
        this.clock = clock;
        this.errorHandler = errorHandler;
        this.resources = new long[dimensions];
        this.lastDecision = findLastDecision();
    }

    private long findLastDecision()
    {
        final FrameHeader header = new FrameHeader();
        final LaunchDecoder launch = new LaunchDecoder();
        final KillDecoder kill = new KillDecoder();
        try (ExcerptTailer tailer = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return 0;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    final long length = bytes.readRemaining();
                    if (length > MAX_FRAME_LENGTH)
                    {
                        continue;
                    }
                    bytes.read(frame, 0, (int)length);
                    if (header.wrap(buffer, 0).check((int)length) != FrameError.NONE)
                    {
                        continue;
                    }
                    if (header.type() == MessageType.LAUNCH && launch.wrap(buffer, 0, (int)length) == FrameError.NONE)
                    {
                        return launch.decision();
                    }
                    if (header.type() == MessageType.KILL && kill.wrap(buffer, 0, (int)length) == FrameError.NONE)
                    {
                        return kill.decision();
                    }
                }
            }
        }
    }

    @Override
    public void onPlaced(
        final long decision, final TaskRecord task, final String agentId, final int agentEpoch,
        final long ingressNanos)
    {
        if (decision <= lastDecision)
        {
            suppressed++;
            return;
        }
        try
        {
            write(decision, encoder.launch(sourceId, clock.nanoTime(), decision, task.taskId(), task.key(),
                task.framework(), agentIdBytes(agentId), agentEpoch, task.copyResources(resources)));
        }
        catch (final RuntimeException ex)
        {
            failures++;
            errorHandler.onError(ex);
        }
    }

    @Override
    public void onTaskEnded(
        final long decision, final TaskRecord task, final String agentId, final TaskEndCause cause)
    {
        if (agentId == null)
        {
            return;
        }
        if (decision <= lastDecision)
        {
            suppressed++;
            return;
        }
        try
        {
            write(decision, encoder.kill(sourceId, clock.nanoTime(), decision, task.taskId(), task.key(),
                task.framework(), agentIdBytes(agentId), cause));
        }
        catch (final RuntimeException ex)
        {
            failures++;
            errorHandler.onError(ex);
        }
    }

    private byte[] agentIdBytes(final String agentId)
    {
        byte[] bytes = agentIds.get(agentId);
        if (bytes == null)
        {
            bytes = Utf8.encode(agentId, "agent id");
            agentIds.put(agentId, bytes);
        }
        return bytes;
    }

    private void write(final long decision, final int length)
    {
        if (writer != Thread.currentThread())
        {
            if (appender == null)
            {
                appender = queue.createAppender();
            }
            appender.singleThreadedCheckReset();
            writer = Thread.currentThread();
        }
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().write(frame, 0, length);
        }
        lastDecision = decision;
        published++;
    }

    /** @return the number of the last decision in the stream. */
    public long lastDecision()
    {
        return lastDecision;
    }

    /** @return frames written by this instance. */
    public long published()
    {
        return published;
    }

    /** @return decisions dropped because the stream already held them (made again during recovery). */
    public long suppressed()
    {
        return suppressed;
    }

    /** @return decisions that could not be published. */
    public long failures()
    {
        return failures;
    }

    @Override
    public void close()
    {
        if (appender != null)
        {
            appender.singleThreadedCheckReset();
            appender.close();
        }
        queue.close();
    }
}
