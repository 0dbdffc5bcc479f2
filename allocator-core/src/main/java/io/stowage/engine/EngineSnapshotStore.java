package io.stowage.engine;

import io.stowage.core.KernelConfig;
import io.stowage.core.SnapshotException;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.IoUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static io.stowage.engine.EngineSnapshotDescriptor.APPLIER_LENGTH_OFFSET;
import static io.stowage.engine.EngineSnapshotDescriptor.CHECKSUM_OFFSET;
import static io.stowage.engine.EngineSnapshotDescriptor.HEADER_LENGTH_OFFSET;
import static io.stowage.engine.EngineSnapshotDescriptor.INGRESS_OFFSET;
import static io.stowage.engine.EngineSnapshotDescriptor.INPUTS_OFFSET;
import static io.stowage.engine.EngineSnapshotDescriptor.JOURNAL_INDEX_OFFSET;
import static io.stowage.engine.EngineSnapshotDescriptor.MAGIC;
import static io.stowage.engine.EngineSnapshotDescriptor.MAGIC_OFFSET;
import static io.stowage.engine.EngineSnapshotDescriptor.MAX_QUEUES;
import static io.stowage.engine.EngineSnapshotDescriptor.QUEUES_OFFSET;
import static io.stowage.engine.EngineSnapshotDescriptor.QUEUE_COUNT_OFFSET;
import static io.stowage.engine.EngineSnapshotDescriptor.VERSION;
import static io.stowage.engine.EngineSnapshotDescriptor.VERSION_OFFSET;

/**
 * A directory of engine snapshot files ({@link EngineSnapshotDescriptor}), named by the journal index they stand at:
 * {@code snapshot-<index in hex>.stes}. A file is written whole under a temporary name, forced to disk and renamed, so
 * a crash mid-write leaves the previous snapshot; the newest {@value #KEPT} are kept. Loading takes the newest file
 * that passes every check and says why any newer one was refused.
 */
public final class EngineSnapshotStore
{
    /** How many snapshot files are kept: the newest and the one before it, in case the newest cannot be read. */
    public static final int KEPT = 2;

    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".stes";

    private final Path dir;

    /**
     * @param dir the directory, created if missing.
     * @throws UncheckedIOException if it cannot be created.
     */
    public EngineSnapshotStore(final Path dir)
    {
        this.dir = dir;
        try
        {
            Files.createDirectories(dir);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the snapshot directory " + dir, ex);
        }
    }

    /** @return the directory. */
    public Path directory()
    {
        return dir;
    }

    /**
     * Writes the header of a snapshot whose applier snapshot is already in the buffer at
     * {@link EngineSnapshotDescriptor#headerLength} of the queue count.
     *
     * @param buffer        the snapshot's bytes.
     * @param journalIndex  the journal index of the last input included.
     * @param inputs        inputs applied since the journal began.
     * @param ingressNanos  the ingress time of the last input included.
     * @param queues        the index of the last journaled frame of each agent queue, -1 for none.
     * @param queueCount    how many of them.
     * @param applierLength the applier snapshot's length.
     * @return the whole snapshot's length.
     */
    static int writeHeader(
        final MutableDirectBuffer buffer, final long journalIndex, final long inputs, final long ingressNanos,
        final long[] queues, final int queueCount, final int applierLength)
    {
        final int header = EngineSnapshotDescriptor.headerLength(queueCount);
        buffer.putInt(MAGIC_OFFSET, MAGIC);
        buffer.putShort(VERSION_OFFSET, VERSION);
        buffer.putShort(VERSION_OFFSET + Short.BYTES, (short)0);
        buffer.putInt(HEADER_LENGTH_OFFSET, header);
        buffer.putLong(JOURNAL_INDEX_OFFSET, journalIndex);
        buffer.putLong(INPUTS_OFFSET, inputs);
        buffer.putLong(INGRESS_OFFSET, ingressNanos);
        buffer.putInt(APPLIER_LENGTH_OFFSET, applierLength);
        buffer.putInt(QUEUE_COUNT_OFFSET, queueCount);
        for (int q = 0; q < queueCount; q++)
        {
            buffer.putLong(QUEUES_OFFSET + q * Long.BYTES, queues[q]);
        }
        buffer.putInt(CHECKSUM_OFFSET, headerChecksum(buffer, header));
        return header + applierLength;
    }

    /**
     * Writes a snapshot file and removes all but the newest {@value #KEPT}.
     *
     * @param bytes        the snapshot, from position 0 to its limit.
     * @param journalIndex the journal index it stands at, which names the file.
     * @return the file written.
     * @throws UncheckedIOException if it cannot be written (the previous snapshots are untouched).
     */
    public Path write(final ByteBuffer bytes, final long journalIndex)
    {
        final Path target = dir.resolve(String.format("%s%016x%s", PREFIX, journalIndex, SUFFIX));
        final Path temporary = dir.resolve(target.getFileName() + ".tmp");
        try
        {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING))
            {
                while (bytes.hasRemaining())
                {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            final List<Path> all = snapshots();
            for (int i = KEPT; i < all.size(); i++)
            {
                Files.deleteIfExists(all.get(i));
            }
            return target;
        }
        catch (final IOException ex)
        {
            try
            {
                Files.deleteIfExists(temporary);
            }
            catch (final IOException ignored)
            {
                // the temporary name is never read; the next write replaces it
            }
            throw new UncheckedIOException("cannot write the snapshot " + target, ex);
        }
    }

    /**
     * @return the snapshot files, newest (highest journal index) first.
     * @throws UncheckedIOException if the directory cannot be listed.
     */
    public List<Path> snapshots()
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(p -> isSnapshotName(p.getFileName().toString()))
                .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                .toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list the snapshot directory " + dir, ex);
        }
    }

    private static boolean isSnapshotName(final String name)
    {
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX) &&
            name.length() == PREFIX.length() + 16 + SUFFIX.length();
    }

    /**
     * Loads the newest snapshot that passes every check into a new applier.
     *
     * @param config       the kernel's configuration.
     * @param listener     the new applier's listener.
     * @param errorHandler the new applier's error handler, also told why a newer snapshot was refused.
     * @return the snapshot loaded, or null if the directory holds none that can be loaded.
     */
    public Loaded loadLatest(final KernelConfig config, final EngineListener listener, final ErrorHandler errorHandler)
    {
        return loadLatest(config, listener, errorHandler, true);
    }

    /**
     * Loads the newest snapshot that passes every check into a new applier.
     *
     * @param config          the kernel's configuration.
     * @param listener        the new applier's listener.
     * @param errorHandler    the new applier's error handler, also told why a newer snapshot was refused.
     * @param verifyStateHash true to recompute the loaded kernel's state hash and compare it with the one written.
     * @return the snapshot loaded, or null if the directory holds none that can be loaded.
     */
    public Loaded loadLatest(
        final KernelConfig config, final EngineListener listener, final ErrorHandler errorHandler,
        final boolean verifyStateHash)
    {
        final List<String> refused = new ArrayList<>();
        for (final Path file : snapshots())
        {
            try
            {
                final Loaded loaded = load(file, config, listener, errorHandler, verifyStateHash);
                loaded.refused.addAll(refused);
                return loaded;
            }
            catch (final SnapshotException | UncheckedIOException ex)
            {
                final String why = "snapshot " + file + " refused: " + ex.getMessage();
                refused.add(why);
                errorHandler.onError(new SnapshotException(why));
            }
        }
        return null;
    }

    /**
     * Loads one snapshot file.
     *
     * @param file         the file.
     * @param config       the kernel's configuration.
     * @param listener     the new applier's listener.
     * @param errorHandler the new applier's error handler.
     * @param verifyStateHash true to recompute the loaded kernel's state hash and compare it with the one written.
     * @return what was loaded.
     * @throws SnapshotException naming what is wrong with the file.
     */
    public static Loaded load(
        final Path file, final KernelConfig config, final EngineListener listener, final ErrorHandler errorHandler,
        final boolean verifyStateHash)
    {
        final long start = System.nanoTime();
        MappedByteBuffer mapped = null;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size > Integer.MAX_VALUE || size < QUEUES_OFFSET)
            {
                throw new SnapshotException("file of " + size + " bytes cannot be an engine snapshot");
            }
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
            final Loaded loaded = read(buffer, (int)size, config, listener, errorHandler, verifyStateHash);
            loaded.file = file;
            loaded.bytes = size;
            loaded.loadNanos = System.nanoTime() - start;
            return loaded;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the snapshot " + file, ex);
        }
        finally
        {
            if (mapped != null)
            {
                IoUtil.unmap(mapped);
            }
        }
    }

    private static Loaded read(
        final DirectBuffer buffer, final int size, final KernelConfig config, final EngineListener listener,
        final ErrorHandler errorHandler, final boolean verifyStateHash)
    {
        if (buffer.getInt(MAGIC_OFFSET) != MAGIC)
        {
            throw new SnapshotException("not an engine snapshot (magic " +
                Integer.toHexString(buffer.getInt(MAGIC_OFFSET)) + ")");
        }
        if (buffer.getShort(VERSION_OFFSET) != VERSION)
        {
            throw new SnapshotException("engine snapshot version " + buffer.getShort(VERSION_OFFSET) +
                " is not supported (this build reads " + VERSION + ")");
        }
        final int queueCount = buffer.getInt(QUEUE_COUNT_OFFSET);
        if (queueCount < 0 || queueCount > MAX_QUEUES)
        {
            throw new SnapshotException("the engine snapshot records " + queueCount + " agent queues");
        }
        final int header = EngineSnapshotDescriptor.headerLength(queueCount);
        if (buffer.getInt(HEADER_LENGTH_OFFSET) != header || header > size)
        {
            throw new SnapshotException("the engine snapshot's header is truncated or malformed");
        }
        if (buffer.getInt(CHECKSUM_OFFSET) != headerChecksum(buffer, header))
        {
            throw new SnapshotException("the engine snapshot header's checksum does not match: it is corrupt");
        }
        final int applierLength = buffer.getInt(APPLIER_LENGTH_OFFSET);
        if (applierLength < 0 || (long)header + applierLength > size)
        {
            throw new SnapshotException("the engine snapshot is truncated: " + size + " bytes, " +
                ((long)header + applierLength) + " expected");
        }
        final Loaded loaded = new Loaded();
        loaded.journalIndex = buffer.getLong(JOURNAL_INDEX_OFFSET);
        loaded.inputs = buffer.getLong(INPUTS_OFFSET);
        loaded.ingressNanos = buffer.getLong(INGRESS_OFFSET);
        loaded.queuePositions = new long[queueCount];
        for (int q = 0; q < queueCount; q++)
        {
            loaded.queuePositions[q] = buffer.getLong(QUEUES_OFFSET + q * Long.BYTES);
        }
        loaded.applier =
            new KernelEventApplier(config, listener, errorHandler, buffer, header, applierLength, verifyStateHash);
        return loaded;
    }

    private static int headerChecksum(final DirectBuffer buffer, final int header)
    {
        final CRC32C crc = new CRC32C();
        final byte[] bytes = new byte[header - JOURNAL_INDEX_OFFSET];
        buffer.getBytes(JOURNAL_INDEX_OFFSET, bytes);
        crc.update(bytes);
        return (int)crc.getValue();
    }

    /** A snapshot loaded: the applier built from it and where in the journal and the agent queues it stands. */
    public static final class Loaded
    {
        private final List<String> refused = new ArrayList<>();
        private KernelEventApplier applier;
        private long journalIndex;
        private long inputs;
        private long ingressNanos;
        private long[] queuePositions;
        private Path file;
        private long bytes;
        private long loadNanos;

        /** @return the applier, holding the snapshot's kernel and decision number. */
        public KernelEventApplier applier()
        {
            return applier;
        }

        /** @return the journal index of the last input the snapshot includes. */
        public long journalIndex()
        {
            return journalIndex;
        }

        /** @return inputs applied from the journal's start to the snapshot. */
        public long inputs()
        {
            return inputs;
        }

        /** @return the ingress time of the last input included. */
        public long ingressNanos()
        {
            return ingressNanos;
        }

        /** @return the index of the last journaled frame of each agent queue, -1 for none (a copy). */
        public long[] queuePositions()
        {
            return queuePositions.clone();
        }

        /** @return the file loaded. */
        public Path file()
        {
            return file;
        }

        /** @return its size in bytes. */
        public long bytes()
        {
            return bytes;
        }

        /** @return how long reading and loading it took, in nanoseconds. */
        public long loadNanos()
        {
            return loadNanos;
        }

        /** @return why newer snapshots were refused, newest first (empty if the newest was loaded). */
        public List<String> refused()
        {
            return List.copyOf(refused);
        }
    }
}
