package io.stowage.cluster;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class MessageWindowTest
{
    @Test
    void shouldKeepTheNewestMessagesWithinTheCountBound()
    {
        final MessageWindow window = new MessageWindow(4, 1024);
        for (long n = 1; n <= 10; n++)
        {
            window.append(n, message(n, 8), 0, 8);
        }
        assertEquals(7, window.first());
        assertEquals(10, window.last());
        assertFalse(window.contains(6));
        for (long n = 7; n <= 10; n++)
        {
            assertEquals(n, window.buffer(n).getLong(window.offset(n)));
        }
    }

    @Test
    void shouldKeepEveryMessageWholeWithinTheByteBoundAcrossTheRingsEnd()
    {
        final int capacity = 1000;
        final MessageWindow window = new MessageWindow(1 << 10, capacity);
        final SplittableRandom random = new SplittableRandom(7);
        for (long n = 1; n <= 5_000; n++)
        {
            final int length = random.nextInt(8, 200);
            window.append(n, message(n, length), 0, length);
            long bytes = 0;
            for (long k = window.first(); k <= window.last(); k++)
            {
                assertEquals(k, window.buffer(k).getLong(window.offset(k)), "message " + k + " after " + n);
                assertTrue(window.offset(k) + window.length(k) <= capacity);
                bytes += window.length(k);
            }
            assertTrue(bytes <= capacity);
            assertTrue(window.contains(n));
        }
    }

    @Test
    void shouldRefuseAMessageOutOfOrderAndResetAfterANumber()
    {
        final MessageWindow window = new MessageWindow(4, 256);
        assertThrows(IllegalStateException.class, () -> window.append(2, message(2, 8), 0, 8));
        window.resetAfter(41);
        assertEquals(0, window.size());
        window.append(42, message(42, 8), 0, 8);
        assertEquals(42, window.first());
    }

    private static UnsafeBuffer message(final long number, final int length)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[length]);
        buffer.putLong(0, number);
        return buffer;
    }
}
