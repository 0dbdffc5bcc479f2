package io.stowage.ipc;

import io.stowage.core.AllocatorKernel;
import io.stowage.engine.EngineEvent;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

/**
 * Reads a journal written by {@link ChronicleJournal} from its first record to its last, decoding each into an
 * {@link EngineEvent}. {@link #replayInto} applies them to a fresh kernel, which then has the state of the kernel
 * that wrote the journal at its last record. A record that does not decode stops the replay with an exception that
 * names its index and {@link FrameError}: a journal is trusted state, never skipped over.
 */
public final class JournalReplayer implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final JournalRecordCodec codec;
    private final EngineEvent event;
    private final FrameOrigin origin = new FrameOrigin();
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
        long records = 0;
        try (ExcerptTailer tailer = queue.createTailer())
        {
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
                    final FrameError error = codec.decode(buffer, length, event, origin);
                    if (error != FrameError.NONE)
                    {
                        throw new IllegalStateException("journal " + queue.file() + " record " +
                            Long.toHexString(dc.index()) + " cannot be decoded: " + error);
                    }
                    records++;
                    handler.onInput(event, origin, dc.index());
                }
            }
        }
    }

    /**
     * Applies every input of the journal to a kernel, in order, as the engine's kernel stage did.
     *
     * @param kernel   a fresh kernel with the configuration of the one that wrote the journal.
     * @param observer told of each input after it was applied.
     * @return the number of records applied.
     */
    public long replayInto(final AllocatorKernel kernel, final JournalHandler observer)
    {
        final JournalApplier applier = new JournalApplier(kernel);
        return replay((input, from, index) ->
        {
            applier.apply(input);
            observer.onInput(input, from, index);
        });
    }

    @Override
    public void close()
    {
        queue.close();
    }
}
