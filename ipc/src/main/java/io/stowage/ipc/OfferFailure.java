package io.stowage.ipc;

import io.aeron.Publication;

/**
 * Why an Aeron {@code offer} did not take a frame: each of the negative results of {@link Publication#offer}. A
 * publisher retries the first three with its idle strategy up to its bound; then, and at once for the last two, it
 * counts the frame under the kind of the last result and tells its caller that the frame was not sent.
 */
public enum OfferFailure
{
    /** No subscriber is connected to the publication (yet, or any more). */
    NOT_CONNECTED(Publication.NOT_CONNECTED),
    /** The subscribers are behind by a whole window: flow control. */
    BACK_PRESSURED(Publication.BACK_PRESSURED),
    /** The log is rotating to its next term, or another administrative action: retry at once. */
    ADMIN_ACTION(Publication.ADMIN_ACTION),
    /** The publication was closed. */
    CLOSED(Publication.CLOSED),
    /** The stream reached its largest position: the publication must be replaced by a new one. */
    MAX_POSITION_EXCEEDED(Publication.MAX_POSITION_EXCEEDED);

    private static final OfferFailure[] VALUES = values();

    private final long result;

    OfferFailure(final long result)
    {
        this.result = result;
    }

    /** @return the {@link Publication#offer} result this kind stands for. */
    public long result()
    {
        return result;
    }

    /** @return true if a later offer may succeed on the same publication. */
    public boolean isRetryable()
    {
        return this == NOT_CONNECTED || this == BACK_PRESSURED || this == ADMIN_ACTION;
    }

    /**
     * @param result a negative result of {@link Publication#offer}.
     * @return its kind.
     * @throws IllegalArgumentException for a result that is none of them (a position, or an unknown code).
     */
    public static OfferFailure of(final long result)
    {
        for (final OfferFailure failure : VALUES)
        {
            if (failure.result == result)
            {
                return failure;
            }
        }
        throw new IllegalArgumentException("offer result " + result + " is not a failure");
    }
}
