package io.stowage.ipc;

import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.stowage.engine.AgentInputSink;
import io.stowage.engine.InputOrigin;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static io.stowage.ipc.FrameDescriptor.MAX_FRAME_LENGTH;

/**
 * The allocator side of the agent stream over Aeron: subscribes to one or more channels ({@code aeron:udp?...} or
 * {@code aeron:ipc}), checks each message exactly as {@link AgentQueueTailer} checks a queue document, and delivers
 * the well-formed frames to an {@link AgentInputSink}. One message is one frame followed by its HMAC-SHA256 under the
 * key of the agent it names ({@link AgentKeys}); a frame whose MAC does not match, or that names an agent without a
 * key, is rejected as {@link FrameError#BAD_CREDENTIAL} before its agent id counts for anything. Ownership is the
 * tailer's: the first accepted registration of an agent id makes its source (the channel's position in the list and
 * the frame's source id) the owner, written to the owner log in the state directory, and every frame for that id from
 * another source is an {@link FrameError#IDENTITY_CLAIM}.
 * <p>
 * Aeron delivers each publication's messages in order without loss or duplicates, or reports the image unavailable.
 * An agent host that restarts comes back as a new image (a new session id) whose heartbeats continue above its old
 * sequences ({@link AgentPublisher#open}); a publication that is closed and created again comes back the same way,
 * and the frames it could not send in between were counted and reported by the publisher, never lost silently. Images
 * coming and going are counted. The origin of a delivered input is the channel's position, the source id and the
 * frame's stream position. Driven by {@link #doWork()}; single-threaded; heartbeats allocate nothing.
 */
public final class AeronAgentReader implements AgentFrameReader
{
    private final Subscription[] subscriptions;
    private final FragmentAssembler[] assemblers;
    private final AgentOwnership owners;
    private final AgentFrameDispatcher dispatcher;
    private final int fragmentLimit;
    private final byte[] frame = new byte[MAX_FRAME_LENGTH + FrameMac.MAC_LENGTH];
    private final UnsafeBuffer buffer = new UnsafeBuffer(frame);
    private final AtomicLong imagesAvailable = new AtomicLong();
    private final AtomicLong imagesUnavailable = new AtomicLong();
    private Thread worker;

    private AeronAgentReader(final Builder builder)
    {
        final int count = builder.channels.size();
        if (count == 0)
        {
            throw new IllegalArgumentException("an Aeron agent reader needs at least one channel");
        }
        if (builder.stateDir == null || builder.sink == null || builder.dimensions < 1 || builder.keys == null ||
            builder.transport == null)
        {
            throw new IllegalArgumentException("an Aeron agent reader needs a state directory, a sink, dimensions, " +
                "agent keys and an Aeron transport");
        }
        final List<String> channels = new ArrayList<>(count);
        for (final String uri : builder.channels)
        {
            final TransportUri transportUri = TransportUri.parse(uri);
            if (!transportUri.isAeron())
            {
                throw new IllegalArgumentException("transport URI \"" + uri + "\" is not an Aeron channel");
            }
            channels.add(transportUri.channel());
        }
        owners = new AgentOwnership(builder.stateDir);
        dispatcher = new AgentFrameDispatcher(owners, builder.sink, builder.malformedFrameListener, builder.clock,
            new InputOrigin(), builder.errorHandler, new AgentKeyVerifier(builder.keys, frame), builder.dimensions);
        fragmentLimit = builder.fragmentLimit;
        subscriptions = new Subscription[count];
        assemblers = new FragmentAssembler[count];
        try
        {
            for (int q = 0; q < count; q++)
            {
                subscriptions[q] = builder.transport.aeron().addSubscription(channels.get(q),
                    builder.transport.agentStreamId(), this::onAvailableImage, this::onUnavailableImage);
                assemblers[q] = new FragmentAssembler(new ChannelHandler(q));
            }
        }
        catch (final RuntimeException ex)
        {
            close();
            throw ex;
        }
        worker = Thread.currentThread();
    }

    /** @return a builder. */
    public static Builder builder()
    {
        return new Builder();
    }

    private void onAvailableImage(final Image image)
    {
        imagesAvailable.incrementAndGet();
    }

    private void onUnavailableImage(final Image image)
    {
        imagesUnavailable.incrementAndGet();
    }

    @Override
    public int doWork()
    {
        if (worker != Thread.currentThread())
        {
            owners.resetThread();
            worker = Thread.currentThread();
        }
        int work = 0;
        for (int q = 0; q < subscriptions.length; q++)
        {
            work += subscriptions[q].poll(assemblers[q], fragmentLimit);
        }
        return work;
    }

    /** Copies each whole message and hands the frame before its MAC to the dispatcher. */
    private final class ChannelHandler implements FragmentHandler
    {
        private final int queue;

        ChannelHandler(final int queue)
        {
            this.queue = queue;
        }

        @Override
        public void onFragment(final DirectBuffer message, final int offset, final int length, final Header header)
        {
            if (length > frame.length)
            {
                dispatcher.reject(FrameError.BAD_LENGTH, queue, header.position());
                return;
            }
            if (length < FrameDescriptor.HEADER_LENGTH + FrameMac.MAC_LENGTH)
            {
                dispatcher.reject(FrameError.TRUNCATED, queue, header.position());
                return;
            }
            message.getBytes(offset, frame, 0, length);
            dispatcher.dispatch(buffer, length - FrameMac.MAC_LENGTH, queue, header.position());
        }
    }

    @Override
    public long rejected(final FrameError error)
    {
        return dispatcher.rejected(error);
    }

    @Override
    public long rejectedTotal()
    {
        return dispatcher.rejectedTotal();
    }

    @Override
    public long delivered()
    {
        return dispatcher.delivered();
    }

    @Override
    public long sinkErrors()
    {
        return dispatcher.sinkErrors();
    }

    @Override
    public int ownedAgents()
    {
        return owners.size();
    }

    /** @return images (publications of agent hosts) that connected to the channels, counted by Aeron's callback. */
    public long imagesAvailable()
    {
        return imagesAvailable.get();
    }

    /** @return images that went away (a publication closed, or its host silent past the driver's timeout). */
    public long imagesUnavailable()
    {
        return imagesUnavailable.get();
    }

    /** @return images connected now, over all channels. */
    public int imagesConnected()
    {
        int images = 0;
        for (final Subscription subscription : subscriptions)
        {
            images += subscription == null ? 0 : subscription.imageCount();
        }
        return images;
    }

    @Override
    public String roleName()
    {
        return "aeron-agent-reader";
    }

    @Override
    public void onClose()
    {
        close();
    }

    @Override
    public void close()
    {
        for (final Subscription subscription : subscriptions)
        {
            if (subscription != null)
            {
                subscription.close();
            }
        }
        owners.close();
    }

    /** Configures an {@link AeronAgentReader}. */
    public static final class Builder
    {
        private final List<String> channels = new ArrayList<>();
        private Path stateDir;
        private int dimensions;
        private AgentInputSink sink;
        private AgentKeys keys;
        private AeronTransport transport;
        private MalformedFrameListener malformedFrameListener = MalformedFrameListener.NONE;
        private NanoClock clock = System::nanoTime;
        private ErrorHandler errorHandler = Throwable::printStackTrace;
        private int fragmentLimit = 256;

        private Builder()
        {
        }

        /**
         * @param uri an Aeron channel to subscribe to ({@code aeron:udp?endpoint=host:port} binds that address);
         *            channels are numbered in the order added, and the numbering must stay the same across restarts
         *            (ownership refers to it).
         * @return this.
         */
        public Builder channel(final String uri)
        {
            channels.add(uri);
            return this;
        }

        /**
         * @param dir where the reader keeps its owner log, created owner-only.
         * @return this.
         */
        public Builder stateDir(final Path dir)
        {
            this.stateDir = dir;
            return this;
        }

        /**
         * @param dimensions the kernel's resource dimensions; vectors of another length are rejected.
         * @return this.
         */
        public Builder dimensions(final int dimensions)
        {
            this.dimensions = dimensions;
            return this;
        }

        /**
         * @param sink receives the well-formed, authenticated inputs.
         * @return this.
         */
        public Builder sink(final AgentInputSink sink)
        {
            this.sink = sink;
            return this;
        }

        /**
         * @param keys the key of every agent the allocator accepts (looked up, not copied).
         * @return this.
         */
        public Builder keys(final AgentKeys keys)
        {
            this.keys = keys;
            return this;
        }

        /**
         * @param transport the Aeron client and the agent stream id.
         * @return this.
         */
        public Builder transport(final AeronTransport transport)
        {
            this.transport = transport;
            return this;
        }

        /**
         * @param listener told of each rejected frame (the index is the frame's stream position).
         * @return this.
         */
        public Builder malformedFrameListener(final MalformedFrameListener listener)
        {
            this.malformedFrameListener = listener;
            return this;
        }

        /**
         * @param clock gives the ingress time of each delivered input, read once per input.
         * @return this.
         */
        public Builder clock(final NanoClock clock)
        {
            this.clock = clock;
            return this;
        }

        /**
         * @param handler receives what a sink call throws; the reader keeps going.
         * @return this.
         */
        public Builder errorHandler(final ErrorHandler handler)
        {
            this.errorHandler = handler;
            return this;
        }

        /**
         * @param fragments the most fragments polled from one channel per {@link #doWork()}.
         * @return this.
         */
        public Builder fragmentLimit(final int fragments)
        {
            this.fragmentLimit = fragments;
            return this;
        }

        /** @return the reader, subscribed, with its owner log open. */
        public AeronAgentReader build()
        {
            return new AeronAgentReader(this);
        }
    }
}
