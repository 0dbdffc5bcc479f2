package io.stowage.ipc;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

import java.nio.file.Path;

/** Writes arbitrary bytes as documents into a queue, to put malformed or forged frames where a tailer reads. */
final class RawQueueWriter implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;

    RawQueueWriter(final Path dir)
    {
        queue = QueueDirectories.open(dir);
        appender = queue.createAppender();
    }

    long write(final byte[] bytes, final int length)
    {
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().write(bytes, 0, length);
        }
        return appender.lastIndexAppended();
    }

    @Override
    public void close()
    {
        appender.close();
        queue.close();
    }
}
