package io.stowage.ipc;

import io.aeron.Publication;
import io.stowage.core.Reason;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static io.stowage.ipc.FrameDescriptor.MAX_FRAME_LENGTH;

/**
 * The agent side of the agent queue: writes register, heartbeat, task finished and launch refused frames for the
 * agents it registered into a Chronicle queue that the allocator's {@link AgentQueueTailer} reads, or offers them to
 * an Aeron publication that an {@link AeronAgentReader} reads ({@link #open}). One publisher may
 * speak for many agents (a simulator steps many agents on one thread); all its frames carry its source id, and the
 * allocator accepts updates for an agent only from the source that registered it.
 * <p>
 * Heartbeats carry a per-agent sequence number that the publisher increments itself. Opening a publisher on a queue
 * it wrote before reads that queue once to recover its agents and their last sequence numbers, so a restarted agent
 * host continues its sequences instead of being ignored as stale. Single-threaded: use a publisher from one thread
 * at a time (it may move to another thread between uses). Heartbeats allocate nothing.
 * <p>
 * Over Aeron each frame is followed by its HMAC-SHA256 under the key of the agent it names ({@link AgentKeys}), and
 * the publisher cannot read back what it sent before: the sequences of its agents start at a base the caller gives,
 * by default the epoch time in microseconds when it opened, so a restarted agent host continues above the sequences
 * of its previous run. A frame the publication does not take after the transport's retries is counted by its
 * {@link OfferFailure} and reported: the frame methods return false (a heartbeat {@link #NOT_SENT}).
 */
public final class AgentPublisher implements AutoCloseable
{
    /** What {@link #heartbeat} returns for a heartbeat the Aeron publication did not take. */
    public static final long NOT_SENT = -1;

    private final SingleChronicleQueue queue;
    private final AeronFrameOutput aeron;
    private final AgentKeys keys;
    private final long firstSequence;
    private final int sourceId;
    private final EpochNanoClock clock;
    private final Map<String, Agent> agents = new HashMap<>();
    private final byte[] frame = new byte[MAX_FRAME_LENGTH];
    private final UnsafeBuffer buffer = new UnsafeBuffer(frame);
    private final AgentFrameEncoder encoder = new AgentFrameEncoder().wrap(buffer, 0);
    private ExcerptAppender appender;
    private Thread writer;

    private static final class Agent
    {
        final byte[] id;
        final byte[] pads;
        long sequence;

        Agent(final byte[] id, final byte[] pads, final long sequence)
        {
            this.id = id;
            this.pads = pads;
            this.sequence = sequence;
        }
    }

    /**
     * Frames are stamped by an {@link OffsetEpochNanoClock} (the monotonic clock plus a sampled epoch offset): the
     * system clock builds an {@code Instant} on every read, once per heartbeat.
     *
     * @param queueDir the agent queue's directory, created owner-only.
     * @param sourceId this publisher's id, unique among the publishers the allocator reads.
     */
    public AgentPublisher(final Path queueDir, final int sourceId)
    {
        this(queueDir, sourceId, new OffsetEpochNanoClock());
    }

    /**
     * @param queueDir the agent queue's directory, created owner-only.
     * @param sourceId this publisher's id, unique among the publishers the allocator reads.
     * @param clock    stamps the send time of each frame.
     */
    public AgentPublisher(final Path queueDir, final int sourceId, final EpochNanoClock clock)
    {
        this.queue = QueueDirectories.open(queueDir);
        this.aeron = null;
        this.keys = null;
        this.firstSequence = 0;
        this.sourceId = sourceId;
        this.clock = clock;
        recover();
    }

    private AgentPublisher(
        final Publication publication,
        final AeronTransport transport,
        final AgentKeys keys,
        final int sourceId,
        final EpochNanoClock clock,
        final long firstSequence)
    {
        this.queue = null;
        this.aeron = new AeronFrameOutput(publication, transport);
        this.keys = keys;
        this.firstSequence = firstSequence;
        this.sourceId = sourceId;
        this.clock = clock;
    }

    /**
     * Opens a publisher on the transport a URI names. Over Aeron the sequences of its agents start above the epoch
     * time in microseconds now.
     *
     * @param uri       a Chronicle queue directory, {@code aeron:udp?endpoint=host:port} or {@code aeron:ipc}.
     * @param sourceId  this publisher's id, unique among the publishers the allocator reads.
     * @param keys      over Aeron, the keys of the agents it will register; ignored for a queue.
     * @param transport over Aeron, the client and settings; ignored for a queue.
     * @return the publisher.
     * @throws IllegalArgumentException naming the URI if it is malformed, or if Aeron needs keys or a transport.
     */
    public static AgentPublisher open(
        final String uri, final int sourceId, final AgentKeys keys, final AeronTransport transport)
    {
        final OffsetEpochNanoClock clock = new OffsetEpochNanoClock();
        return open(uri, sourceId, keys, transport, clock, clock.nanoTime() / 1_000);
    }

    /**
     * @param uri           a Chronicle queue directory, {@code aeron:udp?endpoint=host:port} or {@code aeron:ipc}.
     * @param sourceId      this publisher's id, unique among the publishers the allocator reads.
     * @param keys          over Aeron, the keys of the agents it will register; ignored for a queue.
     * @param transport     over Aeron, the client and settings; ignored for a queue.
     * @param clock         stamps the send time of each frame.
     * @param firstSequence over Aeron, the sequence before the first heartbeat of each agent; it must exceed every
     *                      sequence an earlier run of this agent host sent. Ignored for a queue, which is read back.
     * @return the publisher.
     * @throws IllegalArgumentException naming the URI if it is malformed, or if Aeron needs keys or a transport.
     */
    public static AgentPublisher open(
        final String uri,
        final int sourceId,
        final AgentKeys keys,
        final AeronTransport transport,
        final EpochNanoClock clock,
        final long firstSequence)
    {
        final TransportUri transportUri = TransportUri.parse(uri);
        if (!transportUri.isAeron())
        {
            return new AgentPublisher(transportUri.queueDir(), sourceId, clock);
        }
        if (keys == null || transport == null)
        {
            throw new IllegalArgumentException("agent publisher on " + uri +
                " needs agent keys and an Aeron transport");
        }
        final Publication publication =
            transport.aeron().addExclusivePublication(transportUri.channel(), transport.agentStreamId());
        return new AgentPublisher(publication, transport, keys, sourceId, clock, firstSequence);
    }

    private void recover()
    {
        final FrameHeader header = new FrameHeader();
        final RegisterDecoder register = new RegisterDecoder();
        final HeartbeatDecoder heartbeat = new HeartbeatDecoder();
        try (ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return;
                    }
                    final int length = copy(dc.wire().bytes());
                    if (header.wrap(buffer, 0).check(length) != FrameError.NONE || header.sourceId() != sourceId)
                    {
                        continue;
                    }
                    if (header.type() == MessageType.REGISTER && register.wrap(buffer, 0, length) == FrameError.NONE)
                    {
                        agents.computeIfAbsent(register.agentId(),
                            id -> new Agent(Utf8.encode(id, "agent id"), null, 0));
                    }
                    else if (header.type() == MessageType.HEARTBEAT &&
                        heartbeat.wrap(buffer, 0, length) == FrameError.NONE)
                    {
                        final Agent agent = agents.get(heartbeat.agentId());
                        if (agent != null)
                        {
                            agent.sequence = Math.max(agent.sequence, heartbeat.sequence());
                        }
                    }
                }
            }
        }
    }

    private int copy(final Bytes<?> bytes)
    {
        final long remaining = bytes.readRemaining();
        if (remaining > MAX_FRAME_LENGTH)
        {
            return -1;
        }
        bytes.read(frame, 0, (int)remaining);
        return (int)remaining;
    }

    /** @return this publisher's source id. */
    public int sourceId()
    {
        return sourceId;
    }

    /**
     * Registers an agent (again, after it was removed, keeps its sequence numbers running).
     *
     * @param agentId    the agent's id, 1 to 255 UTF-8 bytes.
     * @param capacity   milli-units per dimension.
     * @param attributes name to value, at most 16.
     * @return true if the frame was written, false if the Aeron publication did not take it (counted in
     *         {@link #offerFailures}); the agent counts as registered here either way, so register it again.
     * @throws IllegalArgumentException naming the field that does not fit the format, or over Aeron an agent without
     *                                  a key.
     */
    public boolean register(final String agentId, final long[] capacity, final Map<String, String> attributes)
    {
        Agent agent = agents.get(agentId);
        final byte[] id = agent != null ? agent.id : Utf8.encode(agentId, "agent id");
        final int length = encoder.register(sourceId, clock.nanoTime(), id, capacity, attributes);
        if (agent == null)
        {
            byte[] pads = null;
            if (aeron != null)
            {
                pads = keys.padsOf(agentId);
                if (pads == null)
                {
                    throw new IllegalArgumentException("no key for agent " + agentId + ": a publisher on Aeron " +
                        "speaks only for agents whose keys it holds");
                }
            }
            agent = new Agent(id, pads, firstSequence);
            agents.put(agentId, agent);
        }
        return write(length, agent);
    }

    /**
     * Reports an agent's liveness, measured usage and pressure with the agent's next sequence number.
     *
     * @param agentId  an agent this publisher registered.
     * @param epoch    the registration epoch the agent holds.
     * @param usage    measured milli-units per dimension, or null for liveness only.
     * @param pressure explicit pressure flag.
     * @return the sequence number the heartbeat carries, or {@link #NOT_SENT} if the Aeron publication did not take
     *         it (counted in {@link #offerFailures}; the next heartbeat carries the same sequence).
     */
    public long heartbeat(final String agentId, final int epoch, final long[] usage, final boolean pressure)
    {
        final Agent agent = registered(agentId);
        final long sequence = agent.sequence + 1;
        if (!write(encoder.heartbeat(sourceId, clock.nanoTime(), agent.id, epoch, sequence, usage, pressure), agent))
        {
            return NOT_SENT;
        }
        agent.sequence = sequence;
        return sequence;
    }

    /**
     * Writes a heartbeat with a sequence number of the caller's choice, without moving the agent's own sequence: fault
     * injection (a duplicated or reordered update, which the kernel must ignore and count) and tests.
     *
     * @param agentId  an agent this publisher registered.
     * @param epoch    the registration epoch the agent holds.
     * @param sequence the sequence number to carry.
     * @param usage    measured milli-units per dimension, or null for liveness only.
     * @param pressure explicit pressure flag.
     * @return true if the frame was written, false if the Aeron publication did not take it.
     */
    public boolean heartbeatWithSequence(
        final String agentId, final int epoch, final long sequence, final long[] usage, final boolean pressure)
    {
        final Agent agent = registered(agentId);
        return write(encoder.heartbeat(sourceId, clock.nanoTime(), agent.id, epoch, sequence, usage, pressure), agent);
    }

    /**
     * @param agentId an agent this publisher registered.
     * @param epoch   the registration epoch the agent holds.
     * @param taskId  the task that ended on the agent.
     * @return true if the frame was written, false if the Aeron publication did not take it.
     */
    public boolean taskFinished(final String agentId, final int epoch, final long taskId)
    {
        final Agent agent = registered(agentId);
        return write(encoder.taskFinished(sourceId, clock.nanoTime(), agent.id, epoch, taskId), agent);
    }

    /**
     * Reports that the agent's guard refused a launch; the allocator then releases the task.
     *
     * @param agentId an agent this publisher registered.
     * @param epoch   the registration epoch the agent holds.
     * @param taskId  the refused task.
     * @param reason  why it was refused.
     * @return true if the frame was written, false if the Aeron publication did not take it.
     */
    public boolean launchRefused(final String agentId, final int epoch, final long taskId, final Reason reason)
    {
        final Agent agent = registered(agentId);
        return write(encoder.launchRefused(sourceId, clock.nanoTime(), agent.id, epoch, taskId, reason), agent);
    }

    /**
     * @param agentId an agent id.
     * @return true if this publisher registered it.
     */
    public boolean isRegistered(final String agentId)
    {
        return agents.containsKey(agentId);
    }

    /**
     * @param agentId an agent this publisher registered.
     * @return the sequence number of its last heartbeat; before the first, 0 on a queue and the first sequence
     *         base over Aeron.
     */
    public long lastSequence(final String agentId)
    {
        return registered(agentId).sequence;
    }

    /** @return the Chronicle index of the last frame this publisher wrote, or over Aeron its stream position. */
    public long lastIndex()
    {
        if (aeron != null)
        {
            return aeron.lastPosition();
        }
        return appender == null ? -1 : appender.lastIndexAppended();
    }

    /** @return true on a queue, and over Aeron while a subscriber is connected to the publication. */
    public boolean isConnected()
    {
        return aeron == null || aeron.isConnected();
    }

    /**
     * @param failure a kind of failed offer.
     * @return frames not sent for it (always 0 on a queue).
     */
    public long offerFailures(final OfferFailure failure)
    {
        return aeron == null ? 0 : aeron.failures(failure);
    }

    /** @return frames not sent for any reason. */
    public long offerFailuresTotal()
    {
        return aeron == null ? 0 : aeron.failuresTotal();
    }

    /** @return offers repeated after a retryable result (also those of frames finally sent). */
    public long offerRetries()
    {
        return aeron == null ? 0 : aeron.retries();
    }

    /** @return over Aeron the publication's session id, which a new publisher (a restarted host) changes; else 0. */
    public int sessionId()
    {
        return aeron == null ? 0 : aeron.sessionId();
    }

    private Agent registered(final String agentId)
    {
        final Agent agent = agents.get(agentId);
        if (agent == null)
        {
            throw new IllegalArgumentException("agent " + agentId + " was not registered by source " + sourceId);
        }
        return agent;
    }

    private boolean write(final int length, final Agent agent)
    {
        if (aeron != null)
        {
            return aeron.offer(frame, buffer, length, agent.pads) == null;
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
        return true;
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
