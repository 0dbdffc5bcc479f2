package io.stowage.ipc;

import io.aeron.Publication;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each negative offer result has its kind; only the transient ones are retried. */
class OfferFailureTest
{
    @Test
    void shouldNameEveryOfferFailure()
    {
        assertEquals(OfferFailure.NOT_CONNECTED, OfferFailure.of(Publication.NOT_CONNECTED));
        assertEquals(OfferFailure.BACK_PRESSURED, OfferFailure.of(Publication.BACK_PRESSURED));
        assertEquals(OfferFailure.ADMIN_ACTION, OfferFailure.of(Publication.ADMIN_ACTION));
        assertEquals(OfferFailure.CLOSED, OfferFailure.of(Publication.CLOSED));
        assertEquals(OfferFailure.MAX_POSITION_EXCEEDED, OfferFailure.of(Publication.MAX_POSITION_EXCEEDED));
        assertTrue(OfferFailure.BACK_PRESSURED.isRetryable());
        assertTrue(OfferFailure.ADMIN_ACTION.isRetryable());
        assertTrue(OfferFailure.NOT_CONNECTED.isRetryable());
        assertFalse(OfferFailure.CLOSED.isRetryable());
        assertFalse(OfferFailure.MAX_POSITION_EXCEEDED.isRetryable());
        assertThrows(IllegalArgumentException.class, () -> OfferFailure.of(64));
        assertThrows(IllegalArgumentException.class, () -> OfferFailure.of(-6));
    }
}
