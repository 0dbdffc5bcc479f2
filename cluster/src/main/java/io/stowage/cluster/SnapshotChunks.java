package io.stowage.cluster;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.stowage.core.SnapshotException;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Moves one snapshot, which may be hundreds of MB, through the cluster's snapshot publication in chunks no longer
 * than the publication's {@link Publication#maxPayloadLength()} (so none is fragmented), and puts it back together
 * from the snapshot image in {@link AllocatorService#onStart}. A 16-byte preamble goes first:
 * <pre>
 *  +---------------------------------------------------------------+
 *  |                   Magic ("STSC", 0x43535453)                  |
 *  +---------------------------------------------------------------+
 *  |                         Version (1)                           |
 *  +---------------------------------------------------------------+
 *  |                  Snapshot Length (bytes that follow)          |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 * then the snapshot's bytes, in order.
 */
final class SnapshotChunks
{
    static final int MAGIC = 0x43535453;
    static final int VERSION = 1;
    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = MAGIC_OFFSET + SIZE_OF_INT;
    static final int LENGTH_OFFSET = VERSION_OFFSET + SIZE_OF_INT;
    static final int PREAMBLE_LENGTH = LENGTH_OFFSET + SIZE_OF_LONG;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private SnapshotChunks()
    {
    }

    /**
     * Offers the preamble and the snapshot, waiting out back pressure with the cluster's idle strategy.
     *
     * @param publication the snapshot publication.
     * @param snapshot    the bytes, from offset 0.
     * @param length      how many.
     * @param idle        how to wait.
     * @throws IllegalStateException if the publication is closed or full: the snapshot fails, the service goes on.
     */
    static void offer(final ExclusivePublication publication, final DirectBuffer snapshot, final int length,
        final IdleStrategy idle)
    {
        final UnsafeBuffer preamble = new UnsafeBuffer(new byte[PREAMBLE_LENGTH]);
        preamble.putInt(MAGIC_OFFSET, MAGIC, ORDER);
        preamble.putInt(VERSION_OFFSET, VERSION, ORDER);
        preamble.putLong(LENGTH_OFFSET, length, ORDER);
        offerFully(publication, preamble, 0, PREAMBLE_LENGTH, idle);
        final int chunk = publication.maxPayloadLength();
        for (int position = 0; position < length; position += chunk)
        {
            offerFully(publication, snapshot, position, Math.min(chunk, length - position), idle);
        }
    }

    private static void offerFully(final ExclusivePublication publication, final DirectBuffer buffer,
        final int offset, final int length, final IdleStrategy idle)
    {
        idle.reset();
        while (true)
        {
            final long result = publication.offer(buffer, offset, length);
            if (result > 0)
            {
                return;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new IllegalStateException("snapshot publication refused a chunk: " +
                    Publication.errorString(result));
            }
            idle.idle();
        }
    }

    /**
     * Reads a snapshot back from the snapshot image.
     *
     * @param image the snapshot image {@link AllocatorService#onStart} was given.
     * @param out   receives the snapshot from offset 0, grown as needed.
     * @param idle  how to wait for the archive's replay.
     * @return the snapshot's length.
     * @throws SnapshotException if the image ends first or does not start with the preamble.
     */
    static int load(final Image image, final ExpandableDirectByteBuffer out, final IdleStrategy idle)
    {
        final Reassembler reassembler = new Reassembler(out);
        idle.reset();
        while (!reassembler.complete())
        {
            final int fragments = image.poll(reassembler, 64);
            if (reassembler.complete())
            {
                break;
            }
            if (fragments == 0 && (image.isEndOfStream() || image.isClosed()))
            {
                throw new SnapshotException("the snapshot image ended after " + reassembler.received + " of " +
                    reassembler.total + " bytes");
            }
            idle.idle(fragments);
        }
        return (int)reassembler.total;
    }

    /** Copies each chunk after the preamble into the output buffer. */
    private static final class Reassembler implements FragmentHandler
    {
        private final ExpandableDirectByteBuffer out;
        private long total = -1;
        private int received;

        Reassembler(final ExpandableDirectByteBuffer out)
        {
            this.out = out;
        }

        boolean complete()
        {
            return total >= 0 && received == total;
        }

        @Override
        public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            if (total < 0)
            {
                if (length != PREAMBLE_LENGTH || buffer.getInt(offset + MAGIC_OFFSET, ORDER) != MAGIC ||
                    buffer.getInt(offset + VERSION_OFFSET, ORDER) != VERSION)
                {
                    throw new SnapshotException("the snapshot does not start with the Stowage preamble");
                }
                total = buffer.getLong(offset + LENGTH_OFFSET, ORDER);
                if (total < 0 || total > Integer.MAX_VALUE - 8)
                {
                    throw new SnapshotException("a snapshot of " + total + " bytes");
                }
                out.checkLimit((int)total);
                return;
            }
            if (received + (long)length > total)
            {
                throw new SnapshotException("the snapshot has more than the " + total + " bytes its preamble says");
            }
            out.putBytes(received, buffer, offset, length);
            received += length;
        }
    }
}
