package io.stowage.ipc;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;

import static io.stowage.ipc.OwnerRecordDescriptor.*;

/**
 * Which source owns each agent id: the first source (a queue and the source id in its frames) whose registration of
 * the id the tailer accepted. Updates for the id from any other source are identity claims. Ownership is written to
 * the owner log (layout in {@link OwnerRecordDescriptor}) before the registration is delivered, and read back when
 * the tailer opens, so a restarted allocator keeps refusing impostors. Interns the ids too: finding an owner
 * allocates nothing. Single-threaded.
 */
final class AgentOwnership implements AutoCloseable
{
    private final SingleChronicleQueue log;
    private final AgentIdTable ids = new AgentIdTable(1024);
    private final byte[] record = new byte[recordLength(FrameDescriptor.MAX_AGENT_ID_LENGTH)];
    private final UnsafeBuffer recordBuffer = new UnsafeBuffer(record);
    private ExcerptAppender appender;

    /**
     * @param stateDir the tailer's state directory; the log is its {@code owners} subdirectory.
     */
    AgentOwnership(final Path stateDir)
    {
        QueueDirectories.ownerOnly(stateDir);
        this.log = QueueDirectories.open(stateDir.resolve("owners"));
        load();
    }

    private void load()
    {
        try (ExcerptTailer tailer = log.createTailer())
        {
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        return;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    final long length = bytes.readRemaining();
                    if (length < AGENT_ID_OFFSET || length > record.length)
                    {
                        throw corrupt(dc.index(), "length " + length);
                    }
                    bytes.read(record, 0, (int)length);
                    final int idLength = recordBuffer.getShort(AGENT_ID_LENGTH_OFFSET, BYTE_ORDER) & 0xFFFF;
                    if (recordBuffer.getInt(MAGIC_OFFSET, BYTE_ORDER) != MAGIC ||
                        (recordBuffer.getShort(VERSION_OFFSET, BYTE_ORDER) & 0xFFFF) != VERSION ||
                        recordLength(idLength) != length || !Utf8.isValid(recordBuffer, AGENT_ID_OFFSET, idLength))
                    {
                        throw corrupt(dc.index(), "header");
                    }
                    if (ids.find(recordBuffer, AGENT_ID_OFFSET, idLength) == AgentIdTable.MISSING)
                    {
                        ids.add(recordBuffer, AGENT_ID_OFFSET, idLength, key(
                            recordBuffer.getInt(QUEUE_OFFSET, BYTE_ORDER),
                            recordBuffer.getInt(SOURCE_ID_OFFSET, BYTE_ORDER)));
                    }
                }
            }
        }
    }

    private IllegalStateException corrupt(final long index, final String what)
    {
        return new IllegalStateException("owner log " + log.file() + " record " + Long.toHexString(index) +
            " is corrupt: " + what);
    }

    /**
     * @param queue    a queue's position in the tailer's list.
     * @param sourceId a source id.
     * @return the owner key of that source.
     */
    static long key(final int queue, final int sourceId)
    {
        return ((long)queue << 32) | (sourceId & 0xFFFF_FFFFL);
    }

    /**
     * @param buffer holding the id bytes.
     * @param offset of the first byte.
     * @param length number of bytes.
     * @return the entry, or {@link AgentIdTable#MISSING} if no source owns the id.
     */
    int find(final DirectBuffer buffer, final int offset, final int length)
    {
        return ids.find(buffer, offset, length);
    }

    /**
     * Records a source as the owner of an id no one owns, durably, before the caller delivers the registration.
     *
     * @param buffer   holding well-formed UTF-8 id bytes.
     * @param offset   of the first byte.
     * @param length   number of bytes.
     * @param queue    the source's queue.
     * @param sourceId the source id.
     * @return the new entry.
     */
    int claim(final DirectBuffer buffer, final int offset, final int length, final int queue, final int sourceId)
    {
        recordBuffer.putInt(MAGIC_OFFSET, MAGIC, BYTE_ORDER);
        recordBuffer.putShort(VERSION_OFFSET, (short)VERSION, BYTE_ORDER);
        recordBuffer.putShort(AGENT_ID_LENGTH_OFFSET, (short)length, BYTE_ORDER);
        recordBuffer.putInt(QUEUE_OFFSET, queue, BYTE_ORDER);
        recordBuffer.putInt(SOURCE_ID_OFFSET, sourceId, BYTE_ORDER);
        recordBuffer.putBytes(AGENT_ID_OFFSET, buffer, offset, length);
        if (appender == null)
        {
            appender = log.createAppender();
        }
        try (DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().write(record, 0, recordLength(length));
        }
        return ids.add(buffer, offset, length, key(queue, sourceId));
    }

    /**
     * @param entry an entry.
     * @return the interned agent id.
     */
    String id(final int entry)
    {
        return ids.id(entry);
    }

    /**
     * @param entry an entry.
     * @return the owner key.
     */
    long owner(final int entry)
    {
        return ids.owner(entry);
    }

    /** @return the number of owned agent ids. */
    int size()
    {
        return ids.size();
    }

    /** Lets the calling thread use the log from now on (Chronicle checks that one thread uses an appender). */
    void resetThread()
    {
        if (appender != null)
        {
            appender.singleThreadedCheckReset();
        }
    }

    @Override
    public void close()
    {
        if (appender != null)
        {
            appender.close();
        }
        log.close();
    }
}
