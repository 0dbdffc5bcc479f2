package io.stowage.ipc;

import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Opens the Chronicle queues of the protocol and the journal in directories that only their owner may enter
 * ({@code rwx------}), set before the queue opens the directory, so that no other user can read inputs and decisions
 * or forge frames. Every queue rolls daily.
 */
public final class QueueDirectories
{
    /** The permissions of every queue directory. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private QueueDirectories()
    {
    }

    /**
     * Creates the directory owner-only, or makes an existing one owner-only.
     *
     * @param dir the queue directory.
     * @return dir.
     * @throws UncheckedIOException if it cannot be created or its permissions cannot be set (including on a file
     *                              system without POSIX permissions).
     */
    public static Path ownerOnly(final Path dir)
    {
        try
        {
            if (dir.getParent() != null)
            {
                Files.createDirectories(dir.getParent());
            }
            if (!Files.isDirectory(dir))
            {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            Files.setPosixFilePermissions(dir, OWNER_ONLY);
            return dir;
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            throw new UncheckedIOException("cannot make queue directory " + dir + " owner-only",
                ex instanceof IOException ? (IOException)ex : new IOException(ex));
        }
    }

    /**
     * @param dir the queue directory, made owner-only first.
     * @return the open queue.
     */
    public static SingleChronicleQueue open(final Path dir)
    {
        return SingleChronicleQueueBuilder.binary(ownerOnly(dir)).rollCycle(RollCycles.FAST_DAILY).build();
    }
}
