package io.stowage.ipc;

import io.stowage.engine.EngineEvent;
import io.stowage.engine.KernelEventApplier;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * Reads a journal written by {@link ChronicleJournal} from its first record to its last, decoding each into an
 * {@link EngineEvent}. {@link #replayInto} applies them with the engine's {@link KernelEventApplier} (the one applier
 * the live engine's kernel stage uses too) to a fresh kernel, which then has the state of the kernel that wrote the
 * journal at its last record and has made the same decisions with the same numbers. A record that does not decode
 * stops the replay with an exception that names its index and {@link FrameError}: a journal is trusted state, never
 * skipped over.
 */
public final class JournalReplayer implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final JournalRecordCodec codec;
    private final EngineEvent event;
    private UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);

    /**
     * @param dir        the journal's directory.
     * @param dimensions the kernel's resource dimensions.
     */
    public JournalReplayer(final Path dir, final int dimensions)
    {
        this.queue = QueueDirectories.open(dir);
        this.codec = new JournalRecordCodec(dimensions);
        this.event = new EngineEvent(dimensions);
    }

    /**
     * @param handler receives each input in journal order.
     * @return the number of records read.
     */
    public long replay(final JournalHandler handler)
    {
        return replayAfter(-1, handler);
    }

    /**
     * Replays the records after a given one: the tail of the journal behind a snapshot.
     *
     * @param lastIncluded the Chronicle index of the last record already applied (the snapshot's), or -1 for none.
     * @param handler      receives each later input in journal order.
     * @return the number of records read after it.
     * @throws IllegalStateException if the journal does not hold that record.
     */
    public long replayAfter(final long lastIncluded, final JournalHandler handler)
    {
        long records = 0;
        try (ExcerptTailer tailer = queue.createTailer())
        {
            if (lastIncluded >= 0)
            {
                if (!tailer.moveToIndex(lastIncluded))
                {
                    throw new IllegalStateException("journal " + queue.file() + " does not hold record " +
                        Long.toHexString(lastIncluded) + ", where the snapshot stands");
                }
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent() || dc.index() != lastIncluded)
                    {
                        throw new IllegalStateException("journal " + queue.file() + " record " +
                            Long.toHexString(lastIncluded) + ", where the snapshot stands, cannot be read");
                    }
                }
            }
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return records;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    final int length = (int)bytes.readRemaining();
                    if (length > buffer.capacity())
                    {
                        buffer = new UnsafeBuffer(new byte[Math.max(length, buffer.capacity() * 2)]);
                    }
                    bytes.read(buffer.byteArray(), 0, length);
                    final FrameError error = codec.decode(buffer, length, event, event.origin);
                    if (error != FrameError.NONE)
                    {
                        throw new IllegalStateException("journal " + queue.file() + " record " +
                            Long.toHexString(dc.index()) + " cannot be decoded: " + error);
                    }
                    records++;
                    handler.onInput(event, event.origin, dc.index());
                }
            }
        }
    }

    /**
     * Applies every input of the journal, in order, with the engine's applier, as the engine's kernel stage did.
     *
     * @param applier  a fresh applier (its kernel configured like the one that wrote the journal), or one that has
     *                 applied nothing but an earlier part of this journal; it then continues with the applied
     *                 inputs' decision numbers and can go on applying live inputs on the same thread.
     * @param observer told of each input after it was applied.
     * @return the number of records applied.
     */
    public long replayInto(final KernelEventApplier applier, final JournalHandler observer)
    {
        return replayInto(-1, applier, observer);
    }

    /**
     * Applies the records after a given one to an applier (the tail behind a snapshot), telling the observer of each.
     *
     * @param lastIncluded the Chronicle index of the last record the applier holds, or -1 for none.
     * @param applier      the applier.
     * @param observer     told of each input after it was applied.
     * @return the number of records applied.
     */
    public long replayInto(final long lastIncluded, final KernelEventApplier applier, final JournalHandler observer)
    {
        return replayAfter(lastIncluded, (input, from, index) ->
        {
            applier.apply(input);
            observer.onInput(input, from, index);
        });
    }

    /**
     * Replays a whole journal into an applier: recovery of an engine that journaled into a {@link ChronicleJournal}.
     *
     * @param dir     the journal's directory.
     * @param applier a fresh applier with the configuration of the engine that wrote the journal.
     * @return the number of the last decision the replay made ({@link KernelEventApplier#lastDecision()}).
     */
    public static long replay(final Path dir, final KernelEventApplier applier)
    {
        try (JournalReplayer replayer = new JournalReplayer(dir, applier.kernel().schema().dimensions()))
        {
            replayer.replayInto(applier, (input, from, index) ->
            {
            });
        }
        return applier.lastDecision();
    }

    @Override
    public void close()
    {
        queue.close();
    }
}
