package io.stowage.ipc;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * An embedded media driver and a client for tests: one shared-mode driver thread with a backoff idle strategy (the
 * machine has 2 cores and other builds), its own Aeron directory deleted on start and shutdown, 1 MiB terms (a 64 KiB
 * frame and its MAC fit a message) in sparse files, and short linger and liveness timeouts so that a closed
 * publication's image goes away soon.
 */
final class EmbeddedAeron implements AutoCloseable
{
    final MediaDriver driver;
    final Aeron aeron;

    EmbeddedAeron(final Path aeronDir)
    {
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(aeronDir.toAbsolutePath().toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 1_000_000))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .termBufferSparseFile(true)
            .publicationTermBufferLength(1 << 20)
            .ipcTermBufferLength(1 << 20)
            .publicationLingerTimeoutNs(200_000_000L)
            .imageLivenessTimeoutNs(2_000_000_000L));
        aeron = Aeron.connect(new Aeron.Context()
            .aeronDirectoryName(driver.aeronDirectoryName())
            .idleStrategy(new SleepingMillisIdleStrategy(1)));
    }

    AeronTransport transport()
    {
        return new AeronTransport(aeron);
    }

    /** @return a UDP port on the loopback address that was free a moment ago. */
    static int freeUdpPort()
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param condition polled, with {@code work} run between polls.
     * @param work      the duty cycle of the test's readers.
     * @param what      named in the failure.
     */
    static void await(final BooleanSupplier condition, final Runnable work, final String what)
    {
        final long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("gave up waiting for " + what);
            }
            work.run();
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(aeron, driver);
    }
}
