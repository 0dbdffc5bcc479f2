package io.stowage.core;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

import static io.stowage.core.KernelSnapshotDescriptor.CHECKSUM_OFFSET;
import static io.stowage.core.KernelSnapshotDescriptor.DIMENSIONS_OFFSET;
import static io.stowage.core.KernelSnapshotDescriptor.FINGERPRINT_OFFSET;
import static io.stowage.core.KernelSnapshotDescriptor.HEADER_LENGTH;
import static io.stowage.core.KernelSnapshotDescriptor.LENGTH_OFFSET;
import static io.stowage.core.KernelSnapshotDescriptor.MAGIC;
import static io.stowage.core.KernelSnapshotDescriptor.MAGIC_OFFSET;
import static io.stowage.core.KernelSnapshotDescriptor.MAX_AGENTS_OFFSET;
import static io.stowage.core.KernelSnapshotDescriptor.MAX_TASKS_OFFSET;
import static io.stowage.core.KernelSnapshotDescriptor.STATE_HASH_OFFSET;
import static io.stowage.core.KernelSnapshotDescriptor.VERSION;
import static io.stowage.core.KernelSnapshotDescriptor.VERSION_OFFSET;

/**
 * Writes the whole state of a kernel to a versioned, checksummed binary snapshot and loads a kernel from one
 * ({@link KernelSnapshotDescriptor} draws the layout). A loaded kernel is the kernel that was written: the same
 * {@link KernelView#stateHash()}, and the same decisions for the same inputs from then on, so that recovery is a
 * snapshot and the journal's tail instead of the journal from its start.
 * <p>
 * Called on the kernel's own thread (a snapshot reads the live state); it does no I/O itself: the caller decides where
 * the bytes go (a file, an Aeron Cluster snapshot publication).
 */
public final class KernelSnapshot
{
    private KernelSnapshot()
    {
    }

    /**
     * Writes a snapshot of the kernel.
     *
     * @param kernel the kernel, on its own thread.
     * @param buffer where the snapshot goes, grown as needed.
     * @param offset where its first byte goes.
     * @return the snapshot's length in bytes.
     */
    public static int write(final AllocatorKernel kernel, final ExpandableDirectByteBuffer buffer, final int offset)
    {
        final KernelConfig config = kernel.config();
        final SnapshotWriter out = new SnapshotWriter(buffer, offset + HEADER_LENGTH);
        kernel.writeState(out);
        final int length = out.position() - offset;
        buffer.putInt(offset + MAGIC_OFFSET, MAGIC);
        buffer.putShort(offset + VERSION_OFFSET, VERSION);
        buffer.putShort(offset + DIMENSIONS_OFFSET, (short)config.schema().dimensions());
        buffer.putInt(offset + LENGTH_OFFSET, length);
        buffer.putInt(offset + MAX_AGENTS_OFFSET, config.maxAgents());
        buffer.putInt(offset + MAX_TASKS_OFFSET, config.maxTasks());
        buffer.putLong(offset + FINGERPRINT_OFFSET, fingerprint(config));
        buffer.putLong(offset + STATE_HASH_OFFSET, kernel.view().stateHash());
        buffer.putInt(offset + CHECKSUM_OFFSET, checksum(buffer, offset + HEADER_LENGTH, length - HEADER_LENGTH));
        return length;
    }

    /**
     * Loads a kernel from a snapshot, after checking its magic, version, length, checksum and that it was taken with
     * this configuration.
     *
     * @param config   the configuration, the one the snapshot was taken with.
     * @param listener told of the loaded kernel's decisions from now on.
     * @param buffer   the snapshot's bytes.
     * @param offset   its first byte.
     * @param length   the bytes available from there (at least the snapshot's length).
     * @return the loaded kernel.
     * @throws SnapshotException naming what is wrong; nothing is loaded.
     */
    public static AllocatorKernel load(
        final KernelConfig config, final DecisionListener listener, final DirectBuffer buffer, final int offset,
        final int length)
    {
        return load(config, listener, buffer, offset, length, true);
    }

    /**
     * Loads a kernel from a snapshot, as {@link #load(KernelConfig, DecisionListener, DirectBuffer, int, int)} does,
     * optionally without recomputing the loaded kernel's state hash. The checksum still proves the bytes are the ones
     * written; the hash proves this code read them into the state they were written from, which the property tests
     * show for every section, and it costs a pass over every agent and task (about half of a load at 100,000 agents
     * and 1.4 million tasks). Recovery that must be quick skips it and may compare hashes afterwards.
     *
     * @param config          the configuration, the one the snapshot was taken with.
     * @param listener        told of the loaded kernel's decisions from now on.
     * @param buffer          the snapshot's bytes.
     * @param offset          its first byte.
     * @param length          the bytes available from there.
     * @param verifyStateHash true to compare the loaded kernel's state hash with the one written.
     * @return the loaded kernel.
     * @throws SnapshotException naming what is wrong; nothing is loaded.
     */
    public static AllocatorKernel load(
        final KernelConfig config, final DecisionListener listener, final DirectBuffer buffer, final int offset,
        final int length, final boolean verifyStateHash)
    {
        final int total = check(config, buffer, offset, length);
        final AllocatorKernel kernel = new AllocatorKernel(config, listener);
        final SnapshotReader in = new SnapshotReader(buffer, offset + HEADER_LENGTH, total - HEADER_LENGTH);
        try
        {
            kernel.readState(in);
        }
        catch (final IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException ex)
        {
            throw new SnapshotException("the snapshot's contents are inconsistent: " + ex.getMessage());
        }
        if (in.remaining() != 0)
        {
            throw new SnapshotException("the snapshot has " + in.remaining() + " bytes after its last section");
        }
        if (!verifyStateHash)
        {
            return kernel;
        }
        final long expected = buffer.getLong(offset + STATE_HASH_OFFSET);
        final long loaded = kernel.view().stateHash();
        if (loaded != expected)
        {
            throw new SnapshotException("the loaded kernel's state hash " + Long.toHexString(loaded) +
                " differs from the " + Long.toHexString(expected) + " written with the snapshot");
        }
        return kernel;
    }

    /**
     * @param buffer the snapshot's bytes.
     * @param offset its first byte.
     * @return the state hash of the kernel it was written from (the header is not checked).
     */
    public static long stateHash(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + STATE_HASH_OFFSET);
    }

    /**
     * @param buffer the snapshot's bytes.
     * @param offset its first byte.
     * @return the snapshot's length in bytes, as its header says.
     */
    public static int length(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + LENGTH_OFFSET);
    }

    private static int check(final KernelConfig config, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH || offset < 0 || (long)offset + length > buffer.capacity())
        {
            throw new SnapshotException("a kernel snapshot needs at least " + HEADER_LENGTH + " bytes, " + length +
                " are available");
        }
        final int magic = buffer.getInt(offset + MAGIC_OFFSET);
        if (magic != MAGIC)
        {
            throw new SnapshotException("not a kernel snapshot: magic " + Integer.toHexString(magic) + ", expected " +
                Integer.toHexString(MAGIC));
        }
        final short version = buffer.getShort(offset + VERSION_OFFSET);
        if (version != VERSION)
        {
            throw new SnapshotException("kernel snapshot version " + version + " is not supported (this build reads " +
                VERSION + ")");
        }
        final int total = buffer.getInt(offset + LENGTH_OFFSET);
        if (total < HEADER_LENGTH || total > length)
        {
            throw new SnapshotException("the snapshot claims " + total + " bytes but " + length + " are available: " +
                "it is truncated");
        }
        final int dimensions = buffer.getShort(offset + DIMENSIONS_OFFSET);
        final int maxAgents = buffer.getInt(offset + MAX_AGENTS_OFFSET);
        final int maxTasks = buffer.getInt(offset + MAX_TASKS_OFFSET);
        if (dimensions != config.schema().dimensions() || maxAgents != config.maxAgents() ||
            maxTasks != config.maxTasks())
        {
            throw new SnapshotException("the snapshot was taken with " + dimensions + " dimensions, " + maxAgents +
                " agents and " + maxTasks + " tasks at most; this configuration has " + config.schema().dimensions() +
                ", " + config.maxAgents() + " and " + config.maxTasks());
        }
        if (buffer.getLong(offset + FINGERPRINT_OFFSET) != fingerprint(config))
        {
            throw new SnapshotException("the snapshot was taken with another kernel configuration (schema, policy, " +
                "protections or thresholds differ)");
        }
        final int expected = buffer.getInt(offset + CHECKSUM_OFFSET);
        final int actual = checksum(buffer, offset + HEADER_LENGTH, total - HEADER_LENGTH);
        if (expected != actual)
        {
            throw new SnapshotException("the snapshot's checksum " + Integer.toHexString(actual) + " does not match " +
                "the " + Integer.toHexString(expected) + " written: it is corrupt");
        }
        return total;
    }

    /**
     * @param config a kernel configuration.
     * @return a hash of everything in it that decides the kernel's behaviour or the shape of its state.
     */
    static long fingerprint(final KernelConfig config)
    {
        final ResourceSchema schema = config.schema();
        long hash = StateHash.mix(0, schema.toString());
        hash = StateHash.mix(hash, config.placement().ordinal());
        hash = StateHash.mix(hash, config.maxAgents());
        hash = StateHash.mix(hash, config.maxTasks());
        hash = StateHash.mix(hash, config.preemption() ? 1 : 0);
        hash = StateHash.mix(hash, config.pressureThresholdMillis());
        hash = StateHash.mix(hash, config.heartbeatTimeoutNanos());
        hash = StateHash.mix(hash, config.lostAfterNanos());
        hash = StateHash.mix(hash, config.admissionMaxUtilizationMillis());
        hash = StateHash.mix(hash, config.admissionExemptPriority());
        hash = StateHash.mix(hash, config.predictiveAvoidance() ? 1 : 0);
        hash = StateHash.mix(hash, config.predictionHorizonNanos());
        hash = StateHash.mix(hash, config.trendSmoothingMillis());
        hash = StateHash.mix(hash, config.oversubscriptionRatioMillis());
        for (int d = 0; d < schema.dimensions(); d++)
        {
            hash = StateHash.mix(hash, config.defaultResource(d));
            hash = StateHash.mix(hash, config.isFairnessExcluded(d) ? 1 : 0);
        }
        for (final int joint : config.jointDimensions())
        {
            hash = StateHash.mix(hash, joint);
        }
        return hash;
    }

    private static int checksum(final DirectBuffer buffer, final int offset, final int length)
    {
        final CRC32C crc = new CRC32C();
        final ByteBuffer byteBuffer = buffer.byteBuffer();
        if (byteBuffer != null)
        {
            final int start = buffer.wrapAdjustment() + offset;
            crc.update(byteBuffer.duplicate().limit(start + length).position(start));
        }
        else if (buffer.byteArray() != null)
        {
            crc.update(buffer.byteArray(), buffer.wrapAdjustment() + offset, length);
        }
        else
        {
            final byte[] chunk = new byte[1 << 16];
            int done = 0;
            while (done < length)
            {
                final int n = Math.min(chunk.length, length - done);
                buffer.getBytes(offset + done, chunk, 0, n);
                crc.update(chunk, 0, n);
                done += n;
            }
        }
        return (int)crc.getValue();
    }
}
