package io.stowage.ipc;

import io.aeron.Publication;
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
 * <p>
 * Over Aeron ({@link #open}) each frame is followed by its HMAC-SHA256 under the key of the agent it names, so an
 * agent host accepts only decisions the allocator signed for its own agents. The stream cannot be read back: the
 * caller passes the last decision already published, and a recovering allocator that passes 0 publishes the replayed
 * decisions again, which each {@link DecisionTailer} drops as duplicates. A decision the publication does not take
 * after the transport's retries is counted by its {@link OfferFailure} ({@link #offerFailures}) and in
 * {@link #failures()}; the kernel thread never waits longer than the retry bound.
 */
public final class DecisionPublisher implements EngineListener, AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final AeronFrameOutput aeron;
    private final AgentKeys keys;
    private final int sourceId;
    private final EpochNanoClock clock;
    private final ErrorHandler errorHandler;
    private final long[] resources;
    private final Map<String, AgentWire> agentIds = new HashMap<>();
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
        this.aeron = null;
        this.keys = null;
        this.sourceId = sourceId;
        this.clock = clock;
        this.errorHandler = errorHandler;
        this.resources = new long[dimensions];
        this.lastDecision = findLastDecision();
    }

    private DecisionPublisher(
        final Publication publication,
        final AeronTransport transport,
        final AgentKeys keys,
        final int sourceId,
        final int dimensions,
        final long lastDecision,
        final ErrorHandler errorHandler)
    {
        this.queue = null;
        this.aeron = new AeronFrameOutput(publication, transport);
        this.keys = keys;
        this.sourceId = sourceId;
        this.clock = new OffsetEpochNanoClock();
        this.errorHandler = errorHandler;
        this.resources = new long[dimensions];
        this.lastDecision = lastDecision;
    }

    /**
     * Opens the publisher on the transport a URI names.
     *
     * @param uri          a Chronicle queue directory, or an Aeron channel: {@code aeron:ipc}, {@code
     *                     aeron:udp?endpoint=agenthost:port} for one agent host, or a multi-destination-cast channel
     *                     ({@code aeron:udp?control=allocator:port|control-mode=dynamic}) for several.
     * @param sourceId     the allocator's source id in the frames.
     * @param dimensions   the kernel's resource dimensions.
     * @param keys         over Aeron, the key of every agent decisions may name; ignored for a queue.
     * @param transport    over Aeron, the client and the decision stream id; ignored for a queue.
     * @param lastDecision over Aeron, the last decision already published (0 for none); decisions up to it are
     *                     suppressed. A queue finds it itself.
     * @param errorHandler receives failures to publish other than offer results.
     * @return the publisher.
     * @throws IllegalArgumentException naming the URI if it is malformed, or if Aeron needs keys or a transport.
     */
    public static DecisionPublisher open(
        final String uri,
        final int sourceId,
        final int dimensions,
        final AgentKeys keys,
        final AeronTransport transport,
        final long lastDecision,
        final ErrorHandler errorHandler)
    {
        final TransportUri transportUri = TransportUri.parse(uri);
        if (!transportUri.isAeron())
        {
            return new DecisionPublisher(transportUri.queueDir(), sourceId, dimensions, new OffsetEpochNanoClock(),
                errorHandler);
        }
        if (keys == null || transport == null)
        {
            throw new IllegalArgumentException("decision publisher on " + uri +
                " needs agent keys and an Aeron transport");
        }
        final Publication publication =
            transport.aeron().addExclusivePublication(transportUri.channel(), transport.decisionStreamId());
        return new DecisionPublisher(publication, transport, keys, sourceId, dimensions, lastDecision, errorHandler);
    }

    /** An agent id's UTF-8 bytes and, over Aeron, its key. */
    private static final class AgentWire
    {
        final byte[] id;
        final byte[] pads;

        AgentWire(final byte[] id, final byte[] pads)
        {
            this.id = id;
            this.pads = pads;
        }
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
            final AgentWire agent = agentWire(agentId);
            write(decision, encoder.launch(sourceId, clock.nanoTime(), decision, task.taskId(), task.key(),
                task.framework(), agent.id, agentEpoch, task.copyResources(resources)), agent);
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
            final AgentWire agent = agentWire(agentId);
            write(decision, encoder.kill(sourceId, clock.nanoTime(), decision, task.taskId(), task.key(),
                task.framework(), agent.id, cause), agent);
        }
        catch (final RuntimeException ex)
        {
            failures++;
            errorHandler.onError(ex);
        }
    }

    private AgentWire agentWire(final String agentId)
    {
        AgentWire agent = agentIds.get(agentId);
        if (agent == null)
        {
            byte[] pads = null;
            if (aeron != null)
            {
                pads = keys.padsOf(agentId);
                if (pads == null)
                {
                    throw new IllegalStateException("no key for agent " + agentId + ": its decisions cannot be signed");
                }
            }
            agent = new AgentWire(Utf8.encode(agentId, "agent id"), pads);
            agentIds.put(agentId, agent);
        }
        return agent;
    }

    private void write(final long decision, final int length, final AgentWire agent)
    {
        if (aeron != null)
        {
            if (aeron.offer(frame, buffer, length, agent.pads) != null)
            {
                failures++;
                return;
            }
            lastDecision = decision;
            published++;
            return;
        }
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

    /** @return decisions that could not be published (offer failures included). */
    public long failures()
    {
        return failures;
    }

    /**
     * @param failure a kind of failed offer.
     * @return decisions not sent for it (always 0 on a queue).
     */
    public long offerFailures(final OfferFailure failure)
    {
        return aeron == null ? 0 : aeron.failures(failure);
    }

    /** @return over Aeron, true while an agent host's subscription is connected; always true on a queue. */
    public boolean isConnected()
    {
        return aeron == null || aeron.isConnected();
    }

    @Override
    public void close()
    {
        if (aeron != null)
        {
            aeron.close();
            return;
        }
        if (appender != null)
        {
            appender.singleThreadedCheckReset();
            appender.close();
        }
        queue.close();
    }
}
