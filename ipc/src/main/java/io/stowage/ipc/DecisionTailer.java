package io.stowage.ipc;

import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.logbuffer.Header;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.stowage.ipc.FrameDescriptor.MAX_FRAME_LENGTH;

/**
 * The agent side of the decision stream: reads {@link MessageType#LAUNCH} and {@link MessageType#KILL} frames,
 * keeps those for the agents it was given, and hands each to a {@link DecisionHandler} once. Decision numbers only
 * grow, so a frame whose number is not above the highest seen is a duplicate (a decision made again during the
 * allocator's recovery, or read again after the agent's restart) and is skipped and counted. Malformed frames are
 * counted by their {@link FrameError} and skipped. Driven by {@link #doWork()}; single-threaded; allocates nothing
 * per decision.
 * <p>
 * Over Aeron ({@link #open}) a frame for one of its agents counts only if the MAC after it is the one the agent's key
 * gives; otherwise it is rejected as {@link FrameError#BAD_CREDENTIAL} and moves nothing. Frames for other agents are
 * skipped unread (the tailer cannot check them), so over Aeron only this tailer's agents' decisions move the highest
 * number seen. Aeron does not keep the stream: a restarted agent host passes the last decision it persisted.
 */
public final class DecisionTailer implements Agent, AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final Subscription subscription;
    private final FragmentAssembler assembler;
    private final AgentKeys keys;
    private final FrameMac mac;
    private final List<byte[]> agentPads = new ArrayList<>();
    private final DecisionHandler handler;
    private final MalformedFrameListener listener;
    private final AgentIdTable agents = new AgentIdTable(64);
    private final long[][] resourcesByDimensions = new long[FrameDescriptor.MAX_DIMENSIONS + 1][];
    private final byte[] frame = new byte[MAX_FRAME_LENGTH + FrameMac.MAC_LENGTH];
    private final UnsafeBuffer buffer = new UnsafeBuffer(frame);
    private final FrameHeader header = new FrameHeader();
    private final LaunchDecoder launch = new LaunchDecoder();
    private final KillDecoder kill = new KillDecoder();
    private final long[] rejected = new long[FrameError.values().length];
    private long lastDecision;
    private long duplicates;
    private long delivered;
    private Thread worker;

    /**
     * @param dir          the decision queue's directory.
     * @param name         a named tailer id, so that the position survives a restart; null to read from the start.
     * @param handler      receives the decisions for the agents.
     * @param listener     told of each malformed frame.
     * @param lastDecision the highest decision number already handled (persisted by the agent host), 0 for none.
     */
    public DecisionTailer(
        final Path dir,
        final String name,
        final DecisionHandler handler,
        final MalformedFrameListener listener,
        final long lastDecision)
    {
        this.queue = QueueDirectories.open(dir);
        this.tailer = name == null ? queue.createTailer() : queue.createTailer(name);
        this.subscription = null;
        this.assembler = null;
        this.keys = null;
        this.mac = null;
        this.handler = handler;
        this.listener = listener;
        this.lastDecision = lastDecision;
        for (int d = 1; d <= FrameDescriptor.MAX_DIMENSIONS; d++)
        {
            resourcesByDimensions[d] = new long[d];
        }
        this.worker = Thread.currentThread();
    }

    private DecisionTailer(
        final Subscription subscription,
        final AgentKeys keys,
        final DecisionHandler handler,
        final MalformedFrameListener listener,
        final long lastDecision)
    {
        this.queue = null;
        this.tailer = null;
        this.subscription = subscription;
        this.assembler = new FragmentAssembler(this::onFragment);
        this.keys = keys;
        this.mac = new FrameMac();
        this.handler = handler;
        this.listener = listener;
        this.lastDecision = lastDecision;
        for (int d = 1; d <= FrameDescriptor.MAX_DIMENSIONS; d++)
        {
            resourcesByDimensions[d] = new long[d];
        }
        this.worker = Thread.currentThread();
    }

    /**
     * Opens a tailer on the transport a URI names.
     *
     * @param uri          a Chronicle queue directory, {@code aeron:ipc} or {@code aeron:udp?endpoint=host:port} (the
     *                     address this agent host receives on; with a {@code control=} address for
     *                     multi-destination cast).
     * @param name         for a queue, a named tailer id so that the position survives a restart, or null; ignored
     *                     over Aeron.
     * @param handler      receives the decisions for the agents.
     * @param listener     told of each rejected frame.
     * @param lastDecision the highest decision number already handled, 0 for none.
     * @param keys         over Aeron, the keys of the agents added; ignored for a queue.
     * @param transport    over Aeron, the client and the decision stream id; ignored for a queue.
     * @return the tailer.
     * @throws IllegalArgumentException naming the URI if it is malformed, or if Aeron needs keys or a transport.
     */
    public static DecisionTailer open(
        final String uri,
        final String name,
        final DecisionHandler handler,
        final MalformedFrameListener listener,
        final long lastDecision,
        final AgentKeys keys,
        final AeronTransport transport)
    {
        final TransportUri transportUri = TransportUri.parse(uri);
        if (!transportUri.isAeron())
        {
            return new DecisionTailer(transportUri.queueDir(), name, handler, listener, lastDecision);
        }
        if (keys == null || transport == null)
        {
            throw new IllegalArgumentException("decision tailer on " + uri +
                " needs agent keys and an Aeron transport");
        }
        final Subscription subscription =
            transport.aeron().addSubscription(transportUri.channel(), transport.decisionStreamId());
        return new DecisionTailer(subscription, keys, handler, listener, lastDecision);
    }

    /**
     * @param agentId an agent whose decisions this tailer hands on.
     * @throws IllegalArgumentException over Aeron, if the tailer's keys have none for the agent.
     */
    public void addAgent(final String agentId)
    {
        final UnsafeBuffer id = new UnsafeBuffer(Utf8.encode(agentId, "agent id"));
        if (agents.find(id, 0, id.capacity()) == AgentIdTable.MISSING)
        {
            byte[] pads = null;
            if (keys != null)
            {
                pads = keys.padsOf(id, 0, id.capacity());
                if (pads == null)
                {
                    throw new IllegalArgumentException("no key for agent " + agentId +
                        ": its decisions cannot be checked");
                }
            }
            agents.add(id, 0, id.capacity(), agentPads.size());
            agentPads.add(pads);
        }
    }

    @Override
    public int doWork()
    {
        if (subscription != null)
        {
            return subscription.poll(assembler, 256);
        }
        if (worker != Thread.currentThread())
        {
            tailer.singleThreadedCheckReset();
            worker = Thread.currentThread();
        }
        int frames = 0;
        while (frames < 256)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    break;
                }
                frames++;
                final Bytes<?> bytes = dc.wire().bytes();
                final long length = bytes.readRemaining();
                if (length > MAX_FRAME_LENGTH)
                {
                    reject(FrameError.BAD_LENGTH, dc.index());
                    continue;
                }
                bytes.read(frame, 0, (int)length);
                dispatch((int)length, dc.index());
            }
        }
        return frames;
    }

    private void onFragment(final DirectBuffer message, final int offset, final int length, final Header header)
    {
        if (length > frame.length)
        {
            reject(FrameError.BAD_LENGTH, header.position());
            return;
        }
        if (length < FrameDescriptor.HEADER_LENGTH + FrameMac.MAC_LENGTH)
        {
            reject(FrameError.TRUNCATED, header.position());
            return;
        }
        message.getBytes(offset, frame, 0, length);
        dispatch(length - FrameMac.MAC_LENGTH, header.position());
    }

    private void dispatch(final int length, final long index)
    {
        FrameError error = header.wrap(buffer, 0).check(length);
        if (error == FrameError.NONE && header.type().isFromAgent())
        {
            error = FrameError.UNEXPECTED_TYPE;
        }
        if (error == FrameError.NONE)
        {
            error = header.type() == MessageType.LAUNCH ? launch.wrap(buffer, 0, length) :
                kill.wrap(buffer, 0, length);
        }
        if (error != FrameError.NONE)
        {
            reject(error, index);
            return;
        }
        final boolean isLaunch = header.type() == MessageType.LAUNCH;
        final long decision = isLaunch ? launch.decision() : kill.decision();
        final int entry = isLaunch ? agents.find(buffer, launch.agentIdOffset(), launch.agentIdLength()) :
            agents.find(buffer, kill.agentIdOffset(), kill.agentIdLength());
        if (mac != null)
        {
            if (entry == AgentIdTable.MISSING)
            {
                return;
            }
            if (!mac.verify(agentPads.get((int)agents.owner(entry)), frame, 0, length, length))
            {
                reject(FrameError.BAD_CREDENTIAL, index);
                return;
            }
        }
        if (decision <= lastDecision)
        {
            duplicates++;
            return;
        }
        lastDecision = decision;
        if (entry == AgentIdTable.MISSING)
        {
            return;
        }
        delivered++;
        if (isLaunch)
        {
            final long[] vector = resourcesByDimensions[launch.dimensions()];
            launch.resources(vector);
            handler.onLaunch(decision, launch.taskId(), launch.taskKey(), launch.framework(), agents.id(entry),
                launch.epoch(), vector);
        }
        else
        {
            handler.onKill(decision, kill.taskId(), kill.taskKey(), kill.framework(), agents.id(entry), kill.cause());
        }
    }

    private void reject(final FrameError error, final long index)
    {
        rejected[error.ordinal()]++;
        listener.onMalformedFrame(error, 0, index);
    }

    /** @return the highest decision number seen. */
    public long lastDecision()
    {
        return lastDecision;
    }

    /** @return decisions skipped because their number was not above the highest seen. */
    public long duplicates()
    {
        return duplicates;
    }

    /** @return decisions handed to the handler. */
    public long delivered()
    {
        return delivered;
    }

    /**
     * @param error a rejection reason.
     * @return frames rejected for it.
     */
    public long rejected(final FrameError error)
    {
        return rejected[error.ordinal()];
    }

    @Override
    public String roleName()
    {
        return "decision-tailer";
    }

    @Override
    public void onClose()
    {
        close();
    }

    @Override
    public void close()
    {
        if (subscription != null)
        {
            subscription.close();
            return;
        }
        if (!tailer.isClosed())
        {
            tailer.singleThreadedCheckReset();
            tailer.close();
        }
        queue.close();
    }
}
