package io.stowage.cluster;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import io.stowage.core.KernelConfig;
import io.stowage.core.SnapshotException;
import io.stowage.engine.CountingEngineListener;
import io.stowage.engine.EngineEvent;
import io.stowage.engine.EngineListener;
import io.stowage.engine.EventType;
import io.stowage.engine.InputOrigin;
import io.stowage.engine.KernelEventApplier;
import io.stowage.ipc.FrameError;
import io.stowage.ipc.JournalRecordCodec;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static io.stowage.cluster.ClusterMessageDescriptor.*;

/**
 * The allocator as an Aeron Cluster {@link ClusteredService}: every node runs one, applies the replicated log's inputs
 * to its own {@link KernelEventApplier} in log order, and so holds the same kernel and makes the same decisions with
 * the same numbers. The kernel stays free of I/O and threads; this class is the wrapper that owns both.
 * <ul>
 *     <li><b>Ingress is the log.</b> An INPUT message ({@link ClusterMessageDescriptor}) carries a client id, the
 *     client's input sequence and a journal record ({@link JournalRecordCodec}), decoded into one reused
 *     {@link EngineEvent} and applied. Per client, input n is applied only after input n - 1: a repeat (a client
 *     sending again what a failover may have lost) is ignored, an input after a hole is ignored until the client
 *     fills it. This replaces the Chronicle journal in this mode: the log is the journal.</li>
 *     <li><b>Time is the log's.</b> With {@link EventTime#CLUSTER_CLOCK} the kernel's time is the log entry's
 *     timestamp (the leader's clock, replicated), and a cluster timer every {@code roundPeriodNanos} applies a TICK;
 *     with {@link EventTime#RECORD} the record's own ingress time is used (the simulator's simulated time) and rounds
 *     run only where the records say ({@code roundAfter}, TICK records). No node ever reads its own clock.</li>
 *     <li><b>Egress is the leader's.</b> Every decision is encoded once ({@link DecisionEncoder}), kept in a bounded
 *     window of recent decisions, and offered to every client session. Aeron Cluster mocks the sessions of followers,
 *     so only the leader's offers reach a client; every node's window is the same.</li>
 *     <li><b>Resume by number.</b> A client that (re)connects sends RESUME with the last decision it has; the answer
 *     RESUMED names the first decision that follows and the client's last applied input, and the decisions from
 *     there to the current one follow at once, then the live ones: none lost, none repeated, as long as the window
 *     still holds them (otherwise RESUMED says where the window starts and the client counts a gap).</li>
 *     <li><b>Nothing escapes.</b> A malformed message is answered REFUSED and counted; it changes no kernel state and
 *     takes no decision number. Whatever throws is handed to the container's error handler.</li>
 *     <li><b>Snapshots</b> hold the service's section (client input sequences, the decision window, whether the round
 *     timer is armed) and the applier's snapshot (last decision number and the kernel), written in chunks by
 *     {@link SnapshotChunks}; {@link #onStart} loads one when the cluster recovers from it.</li>
 * </ul>
 * Single-threaded: Aeron calls it on the service container's thread only.
 */
public final class AllocatorService implements ClusteredService
{
    /** Correlation id of the round timer. */
    static final long ROUND_TIMER = 1;
    private static final int EGRESS_ATTEMPTS = 3;

    private final AllocatorServiceConfig config;
    private final KernelConfig kernelConfig;
    private final MessageWindow window;
    private final DecisionEncoder decisions;
    private final CountingEngineListener counting;
    private final EngineListener listener;
    private final JournalRecordCodec codec;
    private final EngineEvent event;
    private final InputOrigin origin = new InputOrigin();
    private final UnsafeBuffer record = new UnsafeBuffer(0, 0);
    private final ExpandableArrayBuffer reply = new ExpandableArrayBuffer(64);
    private final Long2LongHashMap lastInputs = new Long2LongHashMap(0);
    private final Consumer<ClientSession> broadcast = this::sendDecision;
    private ExpandableDirectByteBuffer snapshotBuffer;
    private Cluster cluster;
    private KernelEventApplier applier;
    private boolean timerArmed;
    private MutableDirectBuffer decisionBuffer;
    private int decisionLength;
    private long refused;
    private long repeatedInputs;
    private long inputsAfterHole;
    private long egressDrops;
    private long errors;

    /**
     * @param config the service's configuration, the same on every node.
     */
    public AllocatorService(final AllocatorServiceConfig config)
    {
        this.config = config;
        this.kernelConfig = config.kernel();
        final int dimensions = kernelConfig.schema().dimensions();
        this.window = new MessageWindow(config.windowDecisions(), config.windowBytes());
        this.decisions = new DecisionEncoder(window, this::broadcast);
        this.counting = config.counters() == null ? null : new CountingEngineListener(decisions, config.counters());
        this.listener = counting == null ? decisions : counting;
        this.codec = new JournalRecordCodec(dimensions);
        this.event = new EngineEvent(dimensions);
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        if (snapshotImage == null)
        {
            applier = new KernelEventApplier(kernelConfig, listener, this::onError);
            window.resetAfter(0);
        }
        else
        {
            loadSnapshot(snapshotImage);
        }
        config.observer().onStarted(cluster.memberId(), snapshotImage != null, applier.lastDecision(), stateHash());
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
        armRoundTimer(timestamp);
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
        // A client's input sequence outlives its session: it may reconnect with a new one and send again.
    }

    @Override
    public void onSessionMessage(final ClientSession session, final long timestamp, final DirectBuffer buffer,
        final int offset, final int length, final Header header)
    {
        try
        {
            dispatch(session, timestamp, buffer, offset, length);
            armRoundTimer(timestamp);
        }
        catch (final Throwable ex)
        {
            onError(ex);
        }
    }

    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        if (correlationId != ROUND_TIMER)
        {
            return;
        }
        timerArmed = false;
        try
        {
            event.clear();
            event.type = EventType.TICK;
            event.ingressNanos = cluster.timeUnit().toNanos(timestamp);
            applier.apply(event);
            counted(event.type);
        }
        catch (final Throwable ex)
        {
            onError(ex);
        }
        armRoundTimer(timestamp);
    }

    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        if (snapshotBuffer == null)
        {
            snapshotBuffer = new ExpandableDirectByteBuffer(1 << 16);
        }
        final int length = writeSnapshot(snapshotBuffer);
        SnapshotChunks.offer(snapshotPublication, snapshotBuffer, length, cluster.idleStrategy());
        config.observer().onSnapshotTaken(applier.lastDecision(), stateHash(), length);
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
        config.observer().onRoleChange(newRole);
    }

    @Override
    public void onTerminate(final Cluster cluster)
    {
        config.observer().onTerminate(applier == null ? 0 : applier.lastDecision(), stateHash());
    }

    /** @return the number of the last decision made (service thread only). */
    public long lastDecision()
    {
        return applier == null ? 0 : applier.lastDecision();
    }

    /** @return the kernel's state hash (service thread only). */
    public long stateHash()
    {
        return applier == null ? 0 : applier.kernel().view().stateHash();
    }

    /** @return ingress messages refused as malformed on this node. */
    public long refused()
    {
        return refused;
    }

    /** @return inputs ignored because the client had sent them before (after a failover). */
    public long repeatedInputs()
    {
        return repeatedInputs;
    }

    /** @return inputs ignored because an earlier input of their client was missing. */
    public long inputsAfterHole()
    {
        return inputsAfterHole;
    }

    /** @return decisions the leader could not offer to a session (the client resumes past them). */
    public long egressDrops()
    {
        return egressDrops;
    }

    /** @return errors handed to the container's error handler. */
    public long errors()
    {
        return errors;
    }

    private void dispatch(final ClientSession session, final long timestamp, final DirectBuffer buffer,
        final int offset, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            refuse(session, 0, ClusterMessageError.TRUNCATED);
            return;
        }
        if (buffer.getInt(offset + MAGIC_OFFSET, BYTE_ORDER) != MAGIC)
        {
            refuse(session, 0, ClusterMessageError.BAD_MAGIC);
            return;
        }
        if ((buffer.getShort(offset + VERSION_OFFSET, BYTE_ORDER) & 0xFFFF) != VERSION)
        {
            refuse(session, 0, ClusterMessageError.UNSUPPORTED_VERSION);
            return;
        }
        switch (buffer.getShort(offset + TYPE_OFFSET, BYTE_ORDER) & 0xFFFF)
        {
            case TYPE_INPUT -> input(session, timestamp, buffer, offset, length);
            case TYPE_RESUME -> resume(session, buffer, offset, length);
            case TYPE_STATE -> state(session, buffer, offset, length);
            default -> refuse(session, 0, ClusterMessageError.UNKNOWN_TYPE);
        }
    }

    private void input(final ClientSession session, final long timestamp, final DirectBuffer buffer,
        final int offset, final int length)
    {
        if (length < INPUT_RECORD_OFFSET)
        {
            refuse(session, 0, ClusterMessageError.TRUNCATED);
            return;
        }
        final long clientId = buffer.getLong(offset + CLIENT_ID_OFFSET, BYTE_ORDER);
        final long sequence = buffer.getLong(offset + INPUT_SEQUENCE_OFFSET, BYTE_ORDER);
        final long last = lastInputs.get(clientId);
        if (sequence <= last)
        {
            repeatedInputs++;
            return;
        }
        if (sequence != last + 1)
        {
            inputsAfterHole++;
            return;
        }
        lastInputs.put(clientId, sequence);
        final int recordLength = length - INPUT_RECORD_OFFSET;
        record.wrap(buffer, offset + INPUT_RECORD_OFFSET, recordLength);
        FrameError error;
        try
        {
            error = codec.decode(record, recordLength, event, origin);
        }
        catch (final RuntimeException ex)
        {
            error = FrameError.TRUNCATED;
        }
        if (error != FrameError.NONE)
        {
            refuse(session, sequence, ClusterMessageError.BAD_RECORD);
            return;
        }
        if (event.type == EventType.QUERY)
        {
            refuse(session, sequence, ClusterMessageError.NOT_AN_INPUT);
            return;
        }
        if (config.eventTime() == EventTime.CLUSTER_CLOCK)
        {
            event.ingressNanos = cluster.timeUnit().toNanos(timestamp);
        }
        applier.apply(event);
        counted(event.type);
    }

    private void counted(final EventType type)
    {
        if (counting != null)
        {
            counting.event(type);
            counting.gauges(applier.kernel().view());
        }
    }

    private void resume(final ClientSession session, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < RESUME_LENGTH)
        {
            refuse(session, 0, ClusterMessageError.TRUNCATED);
            return;
        }
        final long clientId = buffer.getLong(offset + CLIENT_ID_OFFSET, BYTE_ORDER);
        final long correlation = buffer.getLong(offset + RESUME_CORRELATION_OFFSET, BYTE_ORDER);
        final long after = buffer.getLong(offset + RESUME_AFTER_OFFSET, BYTE_ORDER);
        final long current = applier.lastDecision();
        long first = after < 0 || after > current ? current + 1 : after + 1;
        if (first <= current && !window.contains(first))
        {
            first = window.first();
        }
        header(TYPE_RESUMED);
        reply.putLong(RESUMED_CORRELATION_OFFSET, correlation, BYTE_ORDER);
        reply.putLong(RESUMED_FIRST_OFFSET, first, BYTE_ORDER);
        reply.putLong(RESUMED_LAST_OFFSET, current, BYTE_ORDER);
        reply.putLong(RESUMED_LAST_INPUT_OFFSET, lastInputs.get(clientId), BYTE_ORDER);
        if (!offer(session, reply, 0, RESUMED_LENGTH))
        {
            return;
        }
        for (long n = first; n <= current; n++)
        {
            if (!offer(session, window.buffer(n), window.offset(n), window.length(n)))
            {
                return;
            }
        }
    }

    private void state(final ClientSession session, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < STATE_LENGTH)
        {
            refuse(session, 0, ClusterMessageError.TRUNCATED);
            return;
        }
        final long correlation = buffer.getLong(offset + STATE_CORRELATION_OFFSET, BYTE_ORDER);
        final long logPosition = cluster.logPosition();
        header(TYPE_STATE_ANSWER);
        reply.putLong(ANSWER_CORRELATION_OFFSET, correlation, BYTE_ORDER);
        reply.putLong(ANSWER_LAST_DECISION_OFFSET, applier.lastDecision(), BYTE_ORDER);
        reply.putLong(ANSWER_STATE_HASH_OFFSET, stateHash(), BYTE_ORDER);
        reply.putLong(ANSWER_LOG_POSITION_OFFSET, logPosition, BYTE_ORDER);
        offer(session, reply, 0, ANSWER_LENGTH);
        config.observer().onState(correlation, logPosition, applier.lastDecision(), stateHash());
    }

    private void refuse(final ClientSession session, final long correlation, final ClusterMessageError error)
    {
        refused++;
        if (config.counters() != null)
        {
            config.counters().malformedFrame();
        }
        header(TYPE_REFUSED);
        reply.putLong(REFUSED_CORRELATION_OFFSET, correlation, BYTE_ORDER);
        reply.putInt(REFUSED_CODE_OFFSET, error.code(), BYTE_ORDER);
        offer(session, reply, 0, REFUSED_LENGTH);
    }

    private void header(final int type)
    {
        reply.putInt(MAGIC_OFFSET, MAGIC, BYTE_ORDER);
        reply.putShort(VERSION_OFFSET, (short)VERSION, BYTE_ORDER);
        reply.putShort(TYPE_OFFSET, (short)type, BYTE_ORDER);
    }

    private void broadcast(final MutableDirectBuffer buffer, final int length)
    {
        decisionBuffer = buffer;
        decisionLength = length;
        cluster.forEachClientSession(broadcast);
    }

    private void sendDecision(final ClientSession session)
    {
        offer(session, decisionBuffer, 0, decisionLength);
    }

    /**
     * Offers to one session, a few attempts at most: the service thread must not wait on one slow client, which
     * instead sees a hole in the decision numbers and resumes past it.
     */
    private boolean offer(final ClientSession session, final DirectBuffer buffer, final int offset, final int length)
    {
        for (int attempt = 0; attempt < EGRESS_ATTEMPTS; attempt++)
        {
            final long result = session.offer(buffer, offset, length);
            if (result > 0 || result == ClientSession.MOCKED_OFFER)
            {
                return true;
            }
            if (result == Publication.NOT_CONNECTED || result == Publication.CLOSED ||
                result == Publication.MAX_POSITION_EXCEEDED)
            {
                break;
            }
            Thread.onSpinWait();
        }
        egressDrops++;
        return false;
    }

    private void armRoundTimer(final long timestamp)
    {
        final long period = config.roundPeriodNanos();
        if (timerArmed || period <= 0)
        {
            return;
        }
        final long deadline = timestamp + Math.max(1, cluster.timeUnit().convert(period, TimeUnit.NANOSECONDS));
        cluster.idleStrategy().reset();
        while (!cluster.scheduleTimer(ROUND_TIMER, deadline))
        {
            cluster.idleStrategy().idle();
        }
        timerArmed = true;
    }

    private int writeSnapshot(final ExpandableDirectByteBuffer out)
    {
        int position = ServiceSnapshotDescriptor.HEADER_LENGTH;
        final Long2LongHashMap.EntryIterator clients = lastInputs.entrySet().iterator();
        int clientCount = 0;
        while (clients.hasNext())
        {
            clients.next();
            out.putLong(position, clients.getLongKey(), ServiceSnapshotDescriptor.BYTE_ORDER);
            out.putLong(position + Long.BYTES, clients.getLongValue(), ServiceSnapshotDescriptor.BYTE_ORDER);
            position += ServiceSnapshotDescriptor.CLIENT_ENTRY_LENGTH;
            clientCount++;
        }
        for (long n = window.first(); n <= window.last(); n++)
        {
            final int length = window.length(n);
            out.putInt(position, length, ServiceSnapshotDescriptor.BYTE_ORDER);
            out.putBytes(position + Integer.BYTES, window.buffer(n), window.offset(n), length);
            position += Integer.BYTES + length;
        }
        final int applierLength = applier.writeSnapshot(out, position);
        out.putInt(ServiceSnapshotDescriptor.MAGIC_OFFSET, ServiceSnapshotDescriptor.MAGIC,
            ServiceSnapshotDescriptor.BYTE_ORDER);
        out.putInt(ServiceSnapshotDescriptor.VERSION_OFFSET, ServiceSnapshotDescriptor.VERSION,
            ServiceSnapshotDescriptor.BYTE_ORDER);
        out.putInt(ServiceSnapshotDescriptor.FLAGS_OFFSET, timerArmed ? ServiceSnapshotDescriptor.FLAG_TIMER_ARMED : 0,
            ServiceSnapshotDescriptor.BYTE_ORDER);
        out.putInt(ServiceSnapshotDescriptor.CLIENT_COUNT_OFFSET, clientCount, ServiceSnapshotDescriptor.BYTE_ORDER);
        out.putLong(ServiceSnapshotDescriptor.WINDOW_FIRST_OFFSET, window.first(),
            ServiceSnapshotDescriptor.BYTE_ORDER);
        out.putInt(ServiceSnapshotDescriptor.WINDOW_COUNT_OFFSET, window.size(), ServiceSnapshotDescriptor.BYTE_ORDER);
        out.putInt(ServiceSnapshotDescriptor.APPLIER_LENGTH_OFFSET, applierLength,
            ServiceSnapshotDescriptor.BYTE_ORDER);
        return position + applierLength;
    }

    private void loadSnapshot(final Image image)
    {
        final ExpandableDirectByteBuffer in = new ExpandableDirectByteBuffer(1 << 16);
        final int length = SnapshotChunks.load(image, in, cluster.idleStrategy());
        loadSnapshot(in, length);
    }

    /**
     * Restores the service from the bytes {@link #writeSnapshot} wrote (package-private for the tests).
     *
     * @param in     the snapshot from offset 0.
     * @param length its length.
     */
    void loadSnapshot(final DirectBuffer in, final int length)
    {
        if (length < ServiceSnapshotDescriptor.HEADER_LENGTH ||
            in.getInt(ServiceSnapshotDescriptor.MAGIC_OFFSET, ServiceSnapshotDescriptor.BYTE_ORDER) !=
            ServiceSnapshotDescriptor.MAGIC)
        {
            throw new SnapshotException("not a Stowage cluster service snapshot");
        }
        final int version = in.getInt(ServiceSnapshotDescriptor.VERSION_OFFSET, ServiceSnapshotDescriptor.BYTE_ORDER);
        if (version != ServiceSnapshotDescriptor.VERSION)
        {
            throw new SnapshotException("service snapshot version " + version + ", this code reads " +
                ServiceSnapshotDescriptor.VERSION);
        }
        timerArmed = (in.getInt(ServiceSnapshotDescriptor.FLAGS_OFFSET, ServiceSnapshotDescriptor.BYTE_ORDER) &
            ServiceSnapshotDescriptor.FLAG_TIMER_ARMED) != 0;
        final int clientCount =
            in.getInt(ServiceSnapshotDescriptor.CLIENT_COUNT_OFFSET, ServiceSnapshotDescriptor.BYTE_ORDER);
        final long windowFirst =
            in.getLong(ServiceSnapshotDescriptor.WINDOW_FIRST_OFFSET, ServiceSnapshotDescriptor.BYTE_ORDER);
        final int windowCount =
            in.getInt(ServiceSnapshotDescriptor.WINDOW_COUNT_OFFSET, ServiceSnapshotDescriptor.BYTE_ORDER);
        final int applierLength =
            in.getInt(ServiceSnapshotDescriptor.APPLIER_LENGTH_OFFSET, ServiceSnapshotDescriptor.BYTE_ORDER);
        int position = ServiceSnapshotDescriptor.HEADER_LENGTH;
        lastInputs.clear();
        for (int i = 0; i < clientCount; i++)
        {
            lastInputs.put(in.getLong(position, ServiceSnapshotDescriptor.BYTE_ORDER),
                in.getLong(position + Long.BYTES, ServiceSnapshotDescriptor.BYTE_ORDER));
            position += ServiceSnapshotDescriptor.CLIENT_ENTRY_LENGTH;
        }
        window.resetAfter(windowFirst - 1);
        for (int i = 0; i < windowCount; i++)
        {
            final int decisionLength = in.getInt(position, ServiceSnapshotDescriptor.BYTE_ORDER);
            window.append(windowFirst + i, in, position + Integer.BYTES, decisionLength);
            position += Integer.BYTES + decisionLength;
        }
        if (position + (long)applierLength != length)
        {
            throw new SnapshotException("the service snapshot is " + length + " bytes, its sections " +
                (position + (long)applierLength));
        }
        applier = new KernelEventApplier(kernelConfig, listener, this::onError, in, position, applierLength);
        if (applier.lastDecision() != window.last())
        {
            throw new SnapshotException("the applier's last decision " + applier.lastDecision() +
                " is not the window's " + window.last());
        }
    }

    /**
     * Writes the service's snapshot (package-private for the tests, which check the round trip without Aeron).
     *
     * @param out receives it from offset 0.
     * @return its length.
     */
    int writeSnapshotForTest(final ExpandableDirectByteBuffer out)
    {
        return writeSnapshot(out);
    }

    private void onError(final Throwable ex)
    {
        errors++;
        if (counting != null)
        {
            counting.kernelError();
            config.counters().errorLog().record(ex);
        }
        if (cluster != null)
        {
            cluster.context().errorHandler().onError(ex);
        }
    }
}
