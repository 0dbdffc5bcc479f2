package io.stowage.ipc;

import io.stowage.engine.AgentInputSink;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The allocator side of the agent stream, whatever carries it: {@link AgentQueueTailer} for Chronicle queue
 * directories, {@link AeronAgentReader} for Aeron channels. Both check every frame the same way and count what they
 * reject by {@link FrameError}. {@link #builder()} picks one by the sources' URIs.
 */
public interface AgentFrameReader extends Agent, AutoCloseable
{
    /**
     * Reads what has arrived, up to a batch limit per source, and delivers or rejects each frame; never throws.
     *
     * @return frames (or fragments) read.
     */
    @Override
    int doWork();

    /**
     * @param error a rejection reason.
     * @return frames rejected for it.
     */
    long rejected(FrameError error);

    /** @return frames rejected for any reason. */
    long rejectedTotal();

    /** @return frames delivered to the sink. */
    long delivered();

    /** @return sink calls that threw (the frame counts as taken; the error went to the error handler). */
    long sinkErrors();

    /** @return agent ids with an owner. */
    int ownedAgents();

    @Override
    void close();

    /** @return a builder that reads the sources its URIs name. */
    static Builder builder()
    {
        return new Builder();
    }

    /**
     * Configures a reader of sources named by URIs: all Chronicle queue directories (an {@link AgentQueueTailer}) or
     * all Aeron channels (an {@link AeronAgentReader}, which also needs keys and a transport).
     */
    final class Builder
    {
        private final List<String> sources = new ArrayList<>();
        private Path stateDir;
        private int dimensions;
        private AgentInputSink sink;
        private AgentKeys keys;
        private AeronTransport transport;
        private MalformedFrameListener listener = MalformedFrameListener.NONE;
        private NanoClock clock = System::nanoTime;
        private ErrorHandler errorHandler = Throwable::printStackTrace;

        private Builder()
        {
        }

        /**
         * @param uri a Chronicle queue directory, {@code aeron:udp?endpoint=host:port} or {@code aeron:ipc}; sources
         *            are numbered in the order added, and the numbering must stay the same across restarts.
         * @return this.
         * @throws IllegalArgumentException naming the URI if it is malformed.
         */
        public Builder source(final String uri)
        {
            TransportUri.parse(uri);
            sources.add(uri);
            return this;
        }

        /**
         * @param dir where the reader keeps its owner log.
         * @return this.
         */
        public Builder stateDir(final Path dir)
        {
            this.stateDir = dir;
            return this;
        }

        /**
         * @param dimensions the kernel's resource dimensions.
         * @return this.
         */
        public Builder dimensions(final int dimensions)
        {
            this.dimensions = dimensions;
            return this;
        }

        /**
         * @param sink receives the well-formed inputs.
         * @return this.
         */
        public Builder sink(final AgentInputSink sink)
        {
            this.sink = sink;
            return this;
        }

        /**
         * @param keys for Aeron sources, every accepted agent's key.
         * @return this.
         */
        public Builder keys(final AgentKeys keys)
        {
            this.keys = keys;
            return this;
        }

        /**
         * @param transport for Aeron sources, the client and stream id.
         * @return this.
         */
        public Builder transport(final AeronTransport transport)
        {
            this.transport = transport;
            return this;
        }

        /**
         * @param listener told of each rejected frame.
         * @return this.
         */
        public Builder malformedFrameListener(final MalformedFrameListener listener)
        {
            this.listener = listener;
            return this;
        }

        /**
         * @param clock gives the ingress time of each delivered input.
         * @return this.
         */
        public Builder clock(final NanoClock clock)
        {
            this.clock = clock;
            return this;
        }

        /**
         * @param handler receives what a sink call throws.
         * @return this.
         */
        public Builder errorHandler(final ErrorHandler handler)
        {
            this.errorHandler = handler;
            return this;
        }

        /**
         * @return the reader.
         * @throws IllegalArgumentException if there is no source, or queues and Aeron channels are mixed.
         */
        public AgentFrameReader build()
        {
            int aeron = 0;
            for (final String uri : sources)
            {
                aeron += TransportUri.parse(uri).isAeron() ? 1 : 0;
            }
            if (aeron > 0 && aeron < sources.size())
            {
                throw new IllegalArgumentException("sources " + sources + " mix Chronicle queues and Aeron channels");
            }
            if (aeron > 0)
            {
                final AeronAgentReader.Builder builder = AeronAgentReader.builder().stateDir(stateDir)
                    .dimensions(dimensions).sink(sink).keys(keys).transport(transport).malformedFrameListener(listener)
                    .clock(clock).errorHandler(errorHandler);
                sources.forEach(builder::channel);
                return builder.build();
            }
            final AgentQueueTailer.Builder builder = AgentQueueTailer.builder().stateDir(stateDir)
                .dimensions(dimensions).sink(sink).malformedFrameListener(listener).clock(clock)
                .errorHandler(errorHandler);
            sources.forEach(uri -> builder.queue(TransportUri.parse(uri).queueDir()));
            return builder.build();
        }
    }
}
