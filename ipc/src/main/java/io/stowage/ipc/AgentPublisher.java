package io.stowage.ipc;

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
 * agents it registered into a Chronicle queue that the allocator's {@link AgentQueueTailer} reads. One publisher may
 * speak for many agents (a simulator steps many agents on one thread); all its frames carry its source id, and the
 * allocator accepts updates for an agent only from the source that registered it.
 * <p>
 * Heartbeats carry a per-agent sequence number that the publisher increments itself. Opening a publisher on a queue
 * it wrote before reads that queue once to recover its agents and their last sequence numbers, so a restarted agent
 * host continues its sequences instead of being ignored as stale. Single-threaded: use a publisher from one thread
 * at a time (it may move to another thread between uses). Heartbeats allocate nothing.
 */
public final class AgentPublisher implements AutoCloseable
{
    private final SingleChronicleQueue queue;
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
        long sequence;

        Agent(final byte[] id)
        {
            this.id = id;
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
        this.sourceId = sourceId;
        this.clock = clock;
        recover();
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
                        agents.computeIfAbsent(register.agentId(), id -> new Agent(Utf8.encode(id, "agent id")));
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
     * @throws IllegalArgumentException naming the field that does not fit the format.
     */
    public void register(final String agentId, final long[] capacity, final Map<String, String> attributes)
    {
        Agent agent = agents.get(agentId);
        final byte[] id = agent != null ? agent.id : Utf8.encode(agentId, "agent id");
        final int length = encoder.register(sourceId, clock.nanoTime(), id, capacity, attributes);
        if (agent == null)
        {
            agent = new Agent(id);
            agents.put(agentId, agent);
        }
        write(length);
    }

    /**
     * Reports an agent's liveness, measured usage and pressure with the agent's next sequence number.
     *
     * @param agentId  an agent this publisher registered.
     * @param epoch    the registration epoch the agent holds.
     * @param usage    measured milli-units per dimension, or null for liveness only.
     * @param pressure explicit pressure flag.
     * @return the sequence number the heartbeat carries.
     */
    public long heartbeat(final String agentId, final int epoch, final long[] usage, final boolean pressure)
    {
        final Agent agent = registered(agentId);
        final long sequence = agent.sequence + 1;
        write(encoder.heartbeat(sourceId, clock.nanoTime(), agent.id, epoch, sequence, usage, pressure));
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
     */
    public void heartbeatWithSequence(
        final String agentId, final int epoch, final long sequence, final long[] usage, final boolean pressure)
    {
        final Agent agent = registered(agentId);
        write(encoder.heartbeat(sourceId, clock.nanoTime(), agent.id, epoch, sequence, usage, pressure));
    }

    /**
     * @param agentId an agent this publisher registered.
     * @param epoch   the registration epoch the agent holds.
     * @param taskId  the task that ended on the agent.
     */
    public void taskFinished(final String agentId, final int epoch, final long taskId)
    {
        write(encoder.taskFinished(sourceId, clock.nanoTime(), registered(agentId).id, epoch, taskId));
    }

    /**
     * Reports that the agent's guard refused a launch; the allocator then releases the task.
     *
     * @param agentId an agent this publisher registered.
     * @param epoch   the registration epoch the agent holds.
     * @param taskId  the refused task.
     * @param reason  why it was refused.
     */
    public void launchRefused(final String agentId, final int epoch, final long taskId, final Reason reason)
    {
        write(encoder.launchRefused(sourceId, clock.nanoTime(), registered(agentId).id, epoch, taskId, reason));
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
     * @return the sequence number of its last heartbeat, 0 before the first.
     */
    public long lastSequence(final String agentId)
    {
        return registered(agentId).sequence;
    }

    /** @return the Chronicle index of the last frame this publisher wrote. */
    public long lastIndex()
    {
        return appender == null ? -1 : appender.lastIndexAppended();
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

    private void write(final int length)
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
