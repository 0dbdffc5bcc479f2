package io.stowage.ipc;

import io.aeron.Aeron;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the Aeron side of a transport needs besides its channel: the client (connected by the embedder to its media
 * driver, and closed by it), the stream ids of the agent stream and the decision stream, and how hard a publisher
 * tries before a frame counts as not sent. Publishers, readers and tailers opened with it share the client; the
 * settings are read when each opens.
 */
public final class AeronTransport
{
    /** The default stream id of the agent stream (agents to the allocator). */
    public static final int AGENT_STREAM_ID = 1001;
    /** The default stream id of the decision stream (the allocator to agents). */
    public static final int DECISION_STREAM_ID = 1002;
    /** The default number of offers of one frame before it counts as not sent. */
    public static final int DEFAULT_MAX_OFFER_ATTEMPTS = 100;

    private final Aeron aeron;
    private int agentStreamId = AGENT_STREAM_ID;
    private int decisionStreamId = DECISION_STREAM_ID;
    private int maxOfferAttempts = DEFAULT_MAX_OFFER_ATTEMPTS;
    private Supplier<IdleStrategy> idleStrategy = () -> new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);

    /**
     * @param aeron a connected client.
     */
    public AeronTransport(final Aeron aeron)
    {
        this.aeron = Objects.requireNonNull(aeron, "aeron");
    }

    /** @return the client. */
    public Aeron aeron()
    {
        return aeron;
    }

    /**
     * @param streamId the stream id of the agent stream.
     * @return this.
     */
    public AeronTransport agentStreamId(final int streamId)
    {
        this.agentStreamId = streamId;
        return this;
    }

    /** @return the stream id of the agent stream. */
    public int agentStreamId()
    {
        return agentStreamId;
    }

    /**
     * @param streamId the stream id of the decision stream.
     * @return this.
     */
    public AeronTransport decisionStreamId(final int streamId)
    {
        this.decisionStreamId = streamId;
        return this;
    }

    /** @return the stream id of the decision stream. */
    public int decisionStreamId()
    {
        return decisionStreamId;
    }

    /**
     * @param attempts offers of one frame, at least 1, while the publication answers not connected, back pressured
     *                 or admin action; the publisher idles between them.
     * @return this.
     */
    public AeronTransport maxOfferAttempts(final int attempts)
    {
        if (attempts < 1)
        {
            throw new IllegalArgumentException("max offer attempts " + attempts + ", must be at least 1");
        }
        this.maxOfferAttempts = attempts;
        return this;
    }

    /** @return offers of one frame before it counts as not sent. */
    public int maxOfferAttempts()
    {
        return maxOfferAttempts;
    }

    /**
     * @param supplier makes the idle strategy of each publisher, used between the offers of a frame and reset for
     *                 each frame.
     * @return this.
     */
    public AeronTransport idleStrategy(final Supplier<IdleStrategy> supplier)
    {
        this.idleStrategy = Objects.requireNonNull(supplier, "idleStrategy");
        return this;
    }

    IdleStrategy newIdleStrategy()
    {
        return idleStrategy.get();
    }
}
