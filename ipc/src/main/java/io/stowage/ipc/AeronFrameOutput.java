package io.stowage.ipc;

import io.aeron.Publication;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Offers frames to an Aeron publication, each followed by its MAC ({@link FrameMac}) as one message. A frame the
 * publication does not take is offered again with the idle strategy between attempts while the result may change
 * ({@link OfferFailure#isRetryable()}), up to the bound; then it is counted under the last result and reported to the
 * caller. Single-threaded; allocates nothing.
 */
final class AeronFrameOutput implements AutoCloseable
{
    private final Publication publication;
    private final IdleStrategy idleStrategy;
    private final int maxAttempts;
    private final FrameMac mac = new FrameMac();
    private final byte[] trailer = new byte[FrameMac.MAC_LENGTH];
    private final UnsafeBuffer trailerBuffer = new UnsafeBuffer(trailer);
    private final long[] failures = new long[OfferFailure.values().length];
    private long retries;
    private long sent;
    private long lastPosition = -1;

    AeronFrameOutput(final Publication publication, final AeronTransport transport)
    {
        this.publication = publication;
        this.idleStrategy = transport.newIdleStrategy();
        this.maxAttempts = transport.maxOfferAttempts();
    }

    /**
     * @param frame  the frame's bytes, from 0.
     * @param buffer wraps the same bytes.
     * @param length the frame's length.
     * @param pads   the padded key of the agent the frame names.
     * @return null if the publication took the frame, or why not.
     * @throws IllegalArgumentException if the frame and its MAC exceed the publication's largest message.
     */
    OfferFailure offer(final byte[] frame, final DirectBuffer buffer, final int length, final byte[] pads)
    {
        if (length + FrameMac.MAC_LENGTH > publication.maxMessageLength())
        {
            throw new IllegalArgumentException("a frame of " + length + " bytes and its MAC exceed the largest " +
                "message of " + publication.channel() + ", " + publication.maxMessageLength() +
                " bytes: raise its term-length");
        }
        mac.sign(pads, frame, 0, length, trailer, 0);
        idleStrategy.reset();
        long result = 0;
        for (int attempt = 1; attempt <= maxAttempts; attempt++)
        {
            result = publication.offer(buffer, 0, length, trailerBuffer, 0, FrameMac.MAC_LENGTH);
            if (result > 0)
            {
                sent++;
                lastPosition = result;
                return null;
            }
            if (result != Publication.NOT_CONNECTED && result != Publication.BACK_PRESSURED &&
                result != Publication.ADMIN_ACTION)
            {
                break;
            }
            if (attempt < maxAttempts)
            {
                retries++;
                idleStrategy.idle();
            }
        }
        final OfferFailure failure = OfferFailure.of(result);
        failures[failure.ordinal()]++;
        return failure;
    }

    boolean isConnected()
    {
        return publication.isConnected();
    }

    int sessionId()
    {
        return publication.sessionId();
    }

    long failures(final OfferFailure failure)
    {
        return failures[failure.ordinal()];
    }

    long failuresTotal()
    {
        long total = 0;
        for (final long count : failures)
        {
            total += count;
        }
        return total;
    }

    long retries()
    {
        return retries;
    }

    long sent()
    {
        return sent;
    }

    long lastPosition()
    {
        return lastPosition;
    }

    @Override
    public void close()
    {
        publication.close();
    }
}
