package io.stowage.cluster;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.exceptions.AeronException;
import io.aeron.logbuffer.Header;
import io.stowage.engine.EngineEvent;
import io.stowage.engine.InputOrigin;
import io.stowage.ipc.JournalRecordCodec;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static io.stowage.cluster.ClusterMessageDescriptor.*;

/**
 * A scheduler's or an agent host's connection to a replicated allocator ({@link AllocatorService}), over Aeron
 * Cluster's {@link AeronCluster} client. It sends inputs ({@link #send(EngineEvent)}) and hands the decision stream
 * to a {@link ClusterDecisionHandler}, in number order, each decision exactly once, across leader changes:
 * <ul>
 *     <li><b>Decisions by number.</b> On connecting, after a new leader is announced, and whenever a decision
 *     arrives with a number above the next expected, the client sends RESUME with the last decision it handed on
 *     and drops everything until the matching RESUMED, which the service follows with the missing decisions and then
 *     the live ones. A decision at or below the last one handed on is dropped ({@link #repeatsDropped()}); one the
 *     service's window no longer held is counted in {@link #gaps()}.</li>
 *     <li><b>Inputs exactly once.</b> Each input gets the next sequence number of this client id and is kept in a
 *     bounded window. RESUMED says which was the last applied; the client sends again every later one, and the
 *     service ignores any it already applied. Inputs wait (kept, not sent) while the client resynchronises. A new
 *     client object with the id of an earlier one (a restarted scheduler) continues that client's numbering from
 *     the first RESUMED: what the earlier one applied stays applied, what it never sent is gone with it.</li>
 *     <li><b>Reconnects on its own.</b> If the session is closed (a long election, a timeout) {@link #poll()}
 *     connects again, with the same client id, and resumes as above.</li>
 * </ul>
 * Not thread-safe: one thread sends and polls. It needs a running Aeron media driver on its host
 * ({@link Context#aeronDirectoryName(String)}).
 */
public final class ClusterAllocatorClient implements AutoCloseable
{
    /** How to reach the cluster and who this client is. */
    public static final class Context
    {
        private String ingressEndpoints;
        private String ingressChannel = "aeron:udp";
        private String egressChannel = "aeron:udp?endpoint=127.0.0.1:0";
        private String aeronDirectoryName;
        private long clientId = System.nanoTime() ^ ProcessHandle.current().pid() << 40;
        private int dimensions;
        private long resumeAfter = -1;
        private long messageTimeoutNs = TimeUnit.SECONDS.toNanos(5);
        private int inputWindowMessages = 1 << 16;
        private int inputWindowBytes = 16 << 20;
        private ClusterDecisionHandler handler;

        /**
         * @param ingressEndpoints the members' ingress endpoints, {@code 0=host:port,1=host:port,...}.
         * @return this.
         */
        public Context ingressEndpoints(final String ingressEndpoints)
        {
            this.ingressEndpoints = ingressEndpoints;
            return this;
        }

        /**
         * @param ingressChannel the ingress channel (default {@code aeron:udp}; the endpoints fill it in).
         * @return this.
         */
        public Context ingressChannel(final String ingressChannel)
        {
            this.ingressChannel = ingressChannel;
            return this;
        }

        /**
         * @param egressChannel where the cluster answers (default {@code aeron:udp?endpoint=127.0.0.1:0}; name an
         *                      address the members can reach when they run on other hosts).
         * @return this.
         */
        public Context egressChannel(final String egressChannel)
        {
            this.egressChannel = egressChannel;
            return this;
        }

        /**
         * @param aeronDirectoryName the directory of the media driver this client uses.
         * @return this.
         */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        /**
         * @param clientId this client's id, stable across its reconnections and unique among clients (default:
         *                 from the clock and the pid).
         * @return this.
         */
        public Context clientId(final long clientId)
        {
            this.clientId = clientId;
            return this;
        }

        /**
         * @param dimensions the kernel's number of resource dimensions.
         * @return this.
         */
        public Context dimensions(final int dimensions)
        {
            this.dimensions = dimensions;
            return this;
        }

        /**
         * @param resumeAfter the decision to start after on the first connection: -1 (default) for only decisions
         *                    made from now on, 0 for every decision the service still holds, or the last decision a
         *                    restarted consumer persisted.
         * @return this.
         */
        public Context resumeAfter(final long resumeAfter)
        {
            this.resumeAfter = resumeAfter;
            return this;
        }

        /**
         * @param messageTimeoutNs how long a connection attempt may take (default 5 s).
         * @return this.
         */
        public Context messageTimeoutNs(final long messageTimeoutNs)
        {
            this.messageTimeoutNs = messageTimeoutNs;
            return this;
        }

        /**
         * @param messages most inputs kept for sending again after a failover (default 65,536).
         * @param bytes    most bytes they may take (default 16 MiB).
         * @return this.
         */
        public Context inputWindow(final int messages, final int bytes)
        {
            this.inputWindowMessages = messages;
            this.inputWindowBytes = bytes;
            return this;
        }

        /**
         * @param handler receives decisions, state answers and refusals.
         * @return this.
         */
        public Context handler(final ClusterDecisionHandler handler)
        {
            this.handler = handler;
            return this;
        }
    }

    private static final long KEEP_ALIVE_NS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long RESUME_RETRY_NS = TimeUnit.SECONDS.toNanos(2);

    private final Context ctx;
    private final ClusterDecisionHandler handler;
    private final JournalRecordCodec codec;
    private final InputOrigin noOrigin = new InputOrigin();
    private final ExpandableArrayBuffer record = new ExpandableArrayBuffer(256);
    private final ExpandableArrayBuffer message = new ExpandableArrayBuffer(256);
    private final ExpandableArrayBuffer outgoing = new ExpandableArrayBuffer(256);
    private final MessageWindow inputs;
    private final ClusterDecision decision = new ClusterDecision();
    private final Listener listener = new Listener();
    private AeronCluster cluster;
    private long lastDecision;
    private long lastDelivered;
    private long nextToOffer = 1;
    private long inputBase;
    private long nextCorrelation = 1;
    private boolean synced;
    private boolean everSynced;
    private boolean resumeNeeded = true;
    private long pendingResume;
    private long resumeSentNs;
    private long lastIngressNs;
    private long duplicates;
    private long gaps;
    private long repeatsDropped;
    private long droppedWhileResuming;
    private long resumes;
    private long reconnects;
    private long leaderChanges;
    private long inputsResent;
    private long inputsLost;
    private long refused;
    private String lastDisconnect = "none";

    private ClusterAllocatorClient(final Context ctx)
    {
        this.ctx = ctx;
        this.handler = Objects.requireNonNull(ctx.handler, "handler");
        this.codec = new JournalRecordCodec(ctx.dimensions);
        this.inputs = new MessageWindow(ctx.inputWindowMessages, ctx.inputWindowBytes);
        this.lastDecision = Math.max(ctx.resumeAfter, 0);
        this.lastDelivered = lastDecision;
    }

    /**
     * Connects to the cluster (waiting for a leader up to the message timeout) and asks for the decision stream.
     *
     * @param ctx how to reach the cluster.
     * @return the client.
     */
    public static ClusterAllocatorClient connect(final Context ctx)
    {
        final ClusterAllocatorClient client = new ClusterAllocatorClient(ctx);
        client.cluster = client.newConnection();
        return client;
    }

    /**
     * Sends one input, or keeps it to send once the client is in step with the cluster again.
     *
     * @param event the input (its correlation id, time and {@code roundAfter} flag are sent as they are).
     * @return its number among this client object's inputs (on the wire it follows the client id's earlier inputs).
     */
    public long send(final EngineEvent event)
    {
        final int recordLength = codec.encode(event, noOrigin, record);
        message.putInt(MAGIC_OFFSET, MAGIC, BYTE_ORDER);
        message.putShort(VERSION_OFFSET, (short)VERSION, BYTE_ORDER);
        message.putShort(TYPE_OFFSET, (short)TYPE_INPUT, BYTE_ORDER);
        final long sequence = inputs.last() + 1;
        message.putLong(CLIENT_ID_OFFSET, ctx.clientId, BYTE_ORDER);
        message.putLong(INPUT_SEQUENCE_OFFSET, sequence, BYTE_ORDER);
        message.putBytes(INPUT_RECORD_OFFSET, record, 0, recordLength);
        inputs.append(sequence, message, 0, INPUT_RECORD_OFFSET + recordLength);
        flush();
        return sequence;
    }

    /**
     * Asks every node for its state hash and last decision at this point of the log (the leader answers through
     * {@link ClusterDecisionHandler#onState}; every node applies the question at the same log position).
     *
     * @param correlationId echoed in the answer.
     * @return true if the question was sent.
     */
    public boolean askState(final long correlationId)
    {
        if (!usable())
        {
            return false;
        }
        message.putInt(MAGIC_OFFSET, MAGIC, BYTE_ORDER);
        message.putShort(VERSION_OFFSET, (short)VERSION, BYTE_ORDER);
        message.putShort(TYPE_OFFSET, (short)TYPE_STATE, BYTE_ORDER);
        message.putLong(STATE_CORRELATION_OFFSET, correlationId, BYTE_ORDER);
        return offer(message, 0, STATE_LENGTH);
    }

    /**
     * Does the client's work: reads the egress, reconnects if the session was closed, resumes, sends the inputs
     * that wait, keeps the session alive.
     *
     * @return how much work was done (0 when idle).
     */
    public int poll()
    {
        int work = 0;
        if (cluster == null || cluster.isClosed())
        {
            if (cluster != null)
            {
                lastDisconnect = "session closed by the cluster";
            }
            CloseHelper.quietClose(cluster);
            cluster = null;
            try
            {
                cluster = newConnection();
                reconnects++;
                work++;
            }
            catch (final AeronException | IllegalStateException ex)
            {
                lastDisconnect = "connect failed: " + ex.getMessage();
                return 0;
            }
        }
        try
        {
            work += cluster.pollEgress();
        }
        catch (final AeronException ex)
        {
            lastDisconnect = "egress failed: " + ex.getMessage();
            CloseHelper.quietClose(cluster);
            cluster = null;
            return work;
        }
        if (cluster.isClosed())
        {
            return work;
        }
        final long now = System.nanoTime();
        if (resumeNeeded || (!synced && now - resumeSentNs > RESUME_RETRY_NS))
        {
            work += sendResume(now) ? 1 : 0;
        }
        work += flush();
        if (now - lastIngressNs > KEEP_ALIVE_NS && cluster.sendKeepAlive())
        {
            lastIngressNs = now;
        }
        return work;
    }

    /** @return the number of the last decision handed to the handler. */
    public long lastDecision()
    {
        return lastDecision;
    }

    /** @return the sequence number of the last input given to {@link #send}. */
    public long lastInput()
    {
        return inputs.last();
    }

    /** @return true if every input sent so far has been offered and the decision stream is in step. */
    public boolean isInStep()
    {
        return synced && nextToOffer > inputs.last();
    }

    /** @return decisions handed to the handler with a number not above the previous one: must stay 0. */
    public long duplicates()
    {
        return duplicates;
    }

    /** @return decisions never handed on because the service's window no longer held them. */
    public long gaps()
    {
        return gaps;
    }

    /** @return copies of decisions already handed on, received again and dropped (expected around failovers). */
    public long repeatsDropped()
    {
        return repeatsDropped;
    }

    /** @return decisions dropped while waiting for RESUMED (they come again after it). */
    public long droppedWhileResuming()
    {
        return droppedWhileResuming;
    }

    /** @return RESUME requests sent. */
    public long resumes()
    {
        return resumes;
    }

    /** @return new sessions opened after the first. */
    public long reconnects()
    {
        return reconnects;
    }

    /** @return new leaders announced to this client's session. */
    public long leaderChanges()
    {
        return leaderChanges;
    }

    /** @return inputs offered again after a RESUMED said they had not been applied. */
    public long inputsResent()
    {
        return inputsResent;
    }

    /** @return inputs that had to be sent again but had left the input window: never applied. */
    public long inputsLost()
    {
        return inputsLost;
    }

    /** @return messages the cluster refused as malformed. */
    public long refused()
    {
        return refused;
    }

    /** @return why the client last lost its session, for diagnosis ("none" if it never did). */
    public String lastDisconnect()
    {
        return lastDisconnect;
    }

    /** @return the member id of the leader as this client last heard, or -1 when not connected. */
    public int leaderMemberId()
    {
        return cluster == null || cluster.isClosed() ? -1 : cluster.leaderMemberId();
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(cluster);
        cluster = null;
    }

    private AeronCluster newConnection()
    {
        synced = false;
        resumeNeeded = true;
        final AeronCluster.Context context = new AeronCluster.Context()
            .ingressChannel(ctx.ingressChannel)
            .ingressEndpoints(ctx.ingressEndpoints)
            .egressChannel(ctx.egressChannel)
            .messageTimeoutNs(ctx.messageTimeoutNs)
            .egressListener(listener);
        if (ctx.aeronDirectoryName != null)
        {
            context.aeronDirectoryName(ctx.aeronDirectoryName);
        }
        return AeronCluster.connect(context);
    }

    private boolean usable()
    {
        return cluster != null && !cluster.isClosed();
    }

    private boolean sendResume(final long now)
    {
        if (!usable())
        {
            return false;
        }
        final long correlation = nextCorrelation++;
        message.putInt(MAGIC_OFFSET, MAGIC, BYTE_ORDER);
        message.putShort(VERSION_OFFSET, (short)VERSION, BYTE_ORDER);
        message.putShort(TYPE_OFFSET, (short)TYPE_RESUME, BYTE_ORDER);
        message.putLong(CLIENT_ID_OFFSET, ctx.clientId, BYTE_ORDER);
        message.putLong(RESUME_CORRELATION_OFFSET, correlation, BYTE_ORDER);
        final boolean fresh = !everSynced && ctx.resumeAfter < 0;
        message.putLong(RESUME_AFTER_OFFSET, fresh ? -1 : lastDecision, BYTE_ORDER);
        if (!offer(message, 0, RESUME_LENGTH))
        {
            return false;
        }
        synced = false;
        resumeNeeded = false;
        pendingResume = correlation;
        resumeSentNs = now;
        resumes++;
        return true;
    }

    private int flush()
    {
        int sent = 0;
        while (synced && usable() && nextToOffer <= inputs.last())
        {
            if (nextToOffer < inputs.first())
            {
                inputsLost += inputs.first() - nextToOffer;
                nextToOffer = inputs.first();
                continue;
            }
            final int length = inputs.copy(nextToOffer, outgoing, 0);
            outgoing.putLong(INPUT_SEQUENCE_OFFSET, nextToOffer + inputBase, BYTE_ORDER);
            if (!offer(outgoing, 0, length))
            {
                break;
            }
            nextToOffer++;
            sent++;
        }
        return sent;
    }

    private boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            final long result = cluster.offer(buffer, offset, length);
            if (result > 0)
            {
                lastIngressNs = System.nanoTime();
                return true;
            }
            if (cluster.isClosed())
            {
                return false;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    private void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH || buffer.getInt(offset + MAGIC_OFFSET, BYTE_ORDER) != MAGIC)
        {
            return;
        }
        switch (buffer.getShort(offset + TYPE_OFFSET, BYTE_ORDER) & 0xFFFF)
        {
            case TYPE_DECISION -> onDecision(buffer, offset, length);
            case TYPE_RESUMED -> onResumed(buffer, offset);
            case TYPE_STATE_ANSWER -> handler.onState(
                buffer.getLong(offset + ANSWER_CORRELATION_OFFSET, BYTE_ORDER),
                buffer.getLong(offset + ANSWER_LAST_DECISION_OFFSET, BYTE_ORDER),
                buffer.getLong(offset + ANSWER_STATE_HASH_OFFSET, BYTE_ORDER),
                buffer.getLong(offset + ANSWER_LOG_POSITION_OFFSET, BYTE_ORDER));
            case TYPE_REFUSED ->
            {
                refused++;
                handler.onRefused(buffer.getLong(offset + REFUSED_CORRELATION_OFFSET, BYTE_ORDER),
                    buffer.getInt(offset + REFUSED_CODE_OFFSET, BYTE_ORDER));
            }
            default ->
            {
                // A type a newer service sends: ignored.
            }
        }
    }

    private void onDecision(final DirectBuffer buffer, final int offset, final int length)
    {
        final long number = buffer.getLong(offset + DECISION_NUMBER_OFFSET, BYTE_ORDER);
        if (!synced)
        {
            droppedWhileResuming++;
            return;
        }
        if (number <= lastDecision)
        {
            repeatsDropped++;
            return;
        }
        if (number != lastDecision + 1)
        {
            droppedWhileResuming++;
            resumeNeeded = true;
            synced = false;
            return;
        }
        if (number <= lastDelivered)
        {
            duplicates++;
        }
        lastDecision = number;
        lastDelivered = number;
        handler.onDecision(decision.wrap(buffer, offset, length));
    }

    private void onResumed(final DirectBuffer buffer, final int offset)
    {
        if (buffer.getLong(offset + RESUMED_CORRELATION_OFFSET, BYTE_ORDER) != pendingResume || synced)
        {
            return;
        }
        final long first = buffer.getLong(offset + RESUMED_FIRST_OFFSET, BYTE_ORDER);
        final long lastInput = buffer.getLong(offset + RESUMED_LAST_INPUT_OFFSET, BYTE_ORDER);
        if (first > lastDecision + 1)
        {
            if (everSynced || ctx.resumeAfter >= 0)
            {
                gaps += first - lastDecision - 1;
            }
            lastDecision = first - 1;
            lastDelivered = Math.max(lastDelivered, lastDecision);
        }
        if (!everSynced)
        {
            inputBase = lastInput;
        }
        final long next = lastInput - inputBase + 1;
        if (nextToOffer > next)
        {
            inputsResent += Math.min(nextToOffer, inputs.last() + 1) - next;
        }
        nextToOffer = next;
        synced = true;
        everSynced = true;
    }

    /** The AeronCluster egress listener: messages and leader changes. */
    private final class Listener implements EgressListener
    {
        @Override
        public void onMessage(final long clusterSessionId, final long timestamp, final DirectBuffer buffer,
            final int offset, final int length, final Header header)
        {
            ClusterAllocatorClient.this.onMessage(buffer, offset, length);
        }

        @Override
        public void onNewLeader(final long clusterSessionId, final long leadershipTermId, final int leaderMemberId,
            final String ingressEndpoints)
        {
            leaderChanges++;
            synced = false;
            resumeNeeded = true;
        }
    }
}
