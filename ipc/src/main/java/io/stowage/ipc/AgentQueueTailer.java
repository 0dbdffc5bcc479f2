package io.stowage.ipc;

import io.stowage.engine.InputOrigin;
import io.stowage.engine.AgentInputSink;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.stowage.ipc.FrameDescriptor.MAX_FRAME_LENGTH;

/**
 * The allocator side of the agent queues: reads frames from one or more agent queues, checks each one, and delivers
 * the well-formed ones to an {@link AgentInputSink} (the engine's ring) with the ingress time of its clock.
 * <p>
 * A malformed frame is counted by its {@link FrameError}, reported to the {@link MalformedFrameListener} and skipped;
 * so is an update for an agent id that a different source registered first ({@link FrameError#IDENTITY_CLAIM}) or
 * that no source registered ({@link FrameError#UNKNOWN_AGENT}). Stale, duplicate and reordered heartbeats are
 * delivered: the kernel's per-agent sequence check ignores and counts them.
 * <p>
 * Each queue is read by a named Chronicle tailer whose index persists in the queue, and the index moves past a frame
 * only after the sink has taken it, so a restarted tailer resumes after the last frame it delivered. An allocator
 * that journals inputs positions the tailer from its journal instead ({@link #resumeAfter}): a frame taken by the sink
 * may not have reached the journal when the allocator died. Driven by
 * {@link #doWork()}, like an Agrona {@link Agent}; use it from one thread at a time. Heartbeats allocate nothing.
 */
public final class AgentQueueTailer implements AgentFrameReader
{
    private final SingleChronicleQueue[] queues;
    private final ExcerptTailer[] tailers;
    private final AgentOwnership owners;
    private final AgentFrameDispatcher dispatcher;
    private final int batchLimit;
    private final byte[] frame = new byte[MAX_FRAME_LENGTH];
    private final UnsafeBuffer buffer = new UnsafeBuffer(frame);
    private Thread worker;

    private AgentQueueTailer(final Builder builder)
    {
        final int count = builder.queues.size();
        if (count == 0)
        {
            throw new IllegalArgumentException("an agent queue tailer needs at least one queue");
        }
        if (builder.stateDir == null || builder.sink == null || builder.dimensions < 1)
        {
            throw new IllegalArgumentException("an agent queue tailer needs a state directory, a sink and dimensions");
        }
        queues = new SingleChronicleQueue[count];
        tailers = new ExcerptTailer[count];
        owners = new AgentOwnership(builder.stateDir);
        for (int q = 0; q < count; q++)
        {
            queues[q] = QueueDirectories.open(builder.queues.get(q));
            tailers[q] = queues[q].createTailer(builder.name);
        }
        dispatcher = new AgentFrameDispatcher(owners, builder.sink, builder.malformedFrameListener, builder.clock,
            new InputOrigin(), builder.errorHandler, FrameAuthenticator.NONE, builder.dimensions);
        batchLimit = builder.batchLimit;
        worker = Thread.currentThread();
    }

    /** @return a builder. */
    public static Builder builder()
    {
        return new Builder();
    }

    @Override
    public int doWork()
    {
        if (worker != Thread.currentThread())
        {
            adoptThread();
        }
        int work = 0;
        for (int q = 0; q < tailers.length; q++)
        {
            work += poll(q);
        }
        return work;
    }

    private int poll(final int queue)
    {
        final ExcerptTailer tailer = tailers[queue];
        int frames = 0;
        while (frames < batchLimit)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    break;
                }
                frames++;
                final Bytes<?> bytes = dc.wire().bytes();
                final long remaining = bytes.readRemaining();
                if (remaining > MAX_FRAME_LENGTH)
                {
                    dispatcher.reject(FrameError.BAD_LENGTH, queue, dc.index());
                    continue;
                }
                bytes.read(frame, 0, (int)remaining);
                dispatcher.dispatch(buffer, (int)remaining, queue, dc.index());
            }
        }
        return frames;
    }

    private void adoptThread()
    {
        for (final ExcerptTailer tailer : tailers)
        {
            tailer.singleThreadedCheckReset();
        }
        owners.resetThread();
        worker = Thread.currentThread();
    }

    /**
     * Positions a queue's tailer just after a frame: during recovery, the last frame of that queue found in the
     * journal, so that every frame the crashed allocator took but had not journaled yet is read again (a frame is
     * applied only after it is journaled, so none is applied twice). Frames rejected after that frame are read and
     * rejected again.
     *
     * @param queue     the queue's position in the list.
     * @param lastIndex the Chronicle index of the last frame already journaled from it, or -1 to read the queue from
     *                  its first frame (no frame of it was journaled).
     * @throws IllegalStateException if the queue has no frame at that index.
     */
    public void resumeAfter(final int queue, final long lastIndex)
    {
        if (worker != Thread.currentThread())
        {
            adoptThread();
        }
        final ExcerptTailer tailer = tailers[queue];
        if (lastIndex < 0)
        {
            tailer.toStart();
            return;
        }
        if (!tailer.moveToIndex(lastIndex))
        {
            throw new IllegalStateException("queue " + queue + " has no frame at index " + Long.toHexString(lastIndex));
        }
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent() || dc.index() != lastIndex)
            {
                throw new IllegalStateException("queue " + queue + " cannot read the frame at index " +
                    Long.toHexString(lastIndex));
            }
        }
    }

    /**
     * @param queue the queue's position in the list.
     * @return the Chronicle index of the next frame its tailer reads.
     */
    public long position(final int queue)
    {
        return tailers[queue].index();
    }

    /** @return the number of queues read. */
    public int queueCount()
    {
        return tailers.length;
    }

    /**
     * @param error a rejection reason.
     * @return frames rejected for it.
     */
    @Override
    public long rejected(final FrameError error)
    {
        return dispatcher.rejected(error);
    }

    /** @return frames rejected for any reason. */
    @Override
    public long rejectedTotal()
    {
        return dispatcher.rejectedTotal();
    }

    /** @return frames delivered to the sink. */
    @Override
    public long delivered()
    {
        return dispatcher.delivered();
    }

    /** @return sink calls that threw (the frame counts as taken; the error went to the error handler). */
    @Override
    public long sinkErrors()
    {
        return dispatcher.sinkErrors();
    }

    /** @return agent ids with an owner. */
    @Override
    public int ownedAgents()
    {
        return owners.size();
    }

    @Override
    public String roleName()
    {
        return "agent-queue-tailer";
    }

    @Override
    public void onClose()
    {
        close();
    }

    @Override
    public void close()
    {
        for (int q = 0; q < tailers.length; q++)
        {
            if (tailers[q] != null && !tailers[q].isClosed())
            {
                tailers[q].close();
            }
            if (queues[q] != null && !queues[q].isClosed())
            {
                queues[q].close();
            }
        }
        owners.close();
    }

    /** Configures an {@link AgentQueueTailer}. */
    public static final class Builder
    {
        private final List<Path> queues = new ArrayList<>();
        private Path stateDir;
        private String name = "stowage-allocator";
        private int dimensions;
        private AgentInputSink sink;
        private MalformedFrameListener malformedFrameListener = MalformedFrameListener.NONE;
        private NanoClock clock = System::nanoTime;
        private ErrorHandler errorHandler = Throwable::printStackTrace;
        private int batchLimit = 256;

        private Builder()
        {
        }

        /**
         * @param dir an agent queue directory; queues are numbered in the order added, and the numbering must stay
         *            the same across restarts (ownership and the journal refer to it).
         * @return this.
         */
        public Builder queue(final Path dir)
        {
            queues.add(dir);
            return this;
        }

        /**
         * @param dir where the tailer keeps its owner log, created owner-only.
         * @return this.
         */
        public Builder stateDir(final Path dir)
        {
            this.stateDir = dir;
            return this;
        }

        /**
         * @param name the Chronicle named-tailer id under which each queue keeps this reader's index.
         * @return this.
         */
        public Builder name(final String name)
        {
            this.name = name;
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
         * @param sink receives the well-formed inputs.
         * @return this.
         */
        public Builder sink(final AgentInputSink sink)
        {
            this.sink = sink;
            return this;
        }

        /**
         * @param listener told of each rejected frame.
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
         * @param handler receives what a sink call throws; the tailer keeps going.
         * @return this.
         */
        public Builder errorHandler(final ErrorHandler handler)
        {
            this.errorHandler = handler;
            return this;
        }

        /**
         * @param frames the most frames read from one queue per {@link #doWork()}.
         * @return this.
         */
        public Builder batchLimit(final int frames)
        {
            this.batchLimit = frames;
            return this;
        }

        /** @return the tailer, with its queues and owner log open. */
        public AgentQueueTailer build()
        {
            return new AgentQueueTailer(this);
        }
    }
}
