package io.stowage.ipc;

import io.stowage.engine.EngineEvent;
import io.stowage.engine.InputJournal;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableArrayBuffer;

import java.nio.file.Path;

/**
 * The input journal in a Chronicle queue: one record per input (layout in {@link JournalRecordDescriptor}) holding
 * every field of the {@link EngineEvent}, {@code roundAfter} and the ingress time included, and the origin of an
 * input that came from an agent queue. Records are written in the order given; replaying them with
 * {@link JournalReplayer} into a fresh kernel reproduces its state. Appending allocates nothing in steady state.
 * Called from one thread (the engine's journal stage).
 */
public final class ChronicleJournal implements InputJournal
{
    private final SingleChronicleQueue queue;
    private final JournalRecordCodec codec;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private ExcerptAppender appender;
    private Thread writer;
    private long appended;

    /**
     * @param dir        the journal's directory, created owner-only.
     * @param dimensions the kernel's resource dimensions.
     */
    public ChronicleJournal(final Path dir, final int dimensions)
    {
        this.queue = QueueDirectories.open(dir);
        this.codec = new JournalRecordCodec(dimensions);
    }

    /**
     * Journals an input with the agent queue frame it came from ({@link EngineEvent#origin}, empty for an input from
     * no queue), so that recovery can position each agent queue tailer just after its last journaled frame.
     *
     * @param event the input, with {@link EngineEvent#roundAfter} already decided.
     */
    @Override
    public void append(final EngineEvent event)
    {
        final int length = codec.encode(event, event.origin, buffer);
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
            dc.wire().bytes().write(buffer.byteArray(), 0, length);
        }
        event.journalIndex = appender.lastIndexAppended();
        appended++;
    }

    /** @return records appended through this instance. */
    public long appended()
    {
        return appended;
    }

    /** @return the Chronicle index of the last record in the journal, or -1 if it is empty. */
    public long lastIndex()
    {
        final long last = queue.lastIndex();
        return last == Long.MIN_VALUE ? -1 : last;
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
