package io.stowage.ipc;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The per-agent secrets of the Aeron transport: each agent id has its own HMAC-SHA256 key, at least 32 bytes. Every
 * frame on an Aeron stream carries the MAC of the frame under the key of the agent it names, so a publisher can speak
 * only for the agents whose keys it was given, and a frame naming another agent is rejected as
 * {@link FrameError#BAD_CREDENTIAL}. The allocator holds the keys of every agent it accepts; an agent host holds the
 * keys of its own agents only.
 * <p>
 * Provisioning: the operator keeps one master secret and gives each agent host {@link #derive derive(secret, id)} for
 * each of its agents, in a key file ({@link #store}, {@link #load}) that only its owner may read; the allocator
 * derives the same keys from the master secret ({@link #deriveAll}) or loads a key file with all of them. Fill a set of
 * keys before handing it to a reader or publisher, which look it up without copying; not thread-safe.
 */
public final class AgentKeys
{
    private static final byte[] DERIVATION_LABEL = "stowage agent key v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private final AgentIdTable ids = new AgentIdTable(64);
    private final List<byte[]> pads = new ArrayList<>();
    private final List<byte[]> keys = new ArrayList<>();

    /**
     * @param agentId an agent id, 1 to 255 UTF-8 bytes.
     * @param key     its key, at least 32 bytes (copied); replaces a key the agent had.
     * @return this.
     * @throws IllegalArgumentException if the id or the key does not fit.
     */
    public AgentKeys put(final String agentId, final byte[] key)
    {
        final byte[] keyPads = FrameMac.pads(key);
        final UnsafeBuffer id = new UnsafeBuffer(Utf8.encode(agentId, "agent id"));
        final int entry = ids.find(id, 0, id.capacity());
        if (entry == AgentIdTable.MISSING)
        {
            ids.add(id, 0, id.capacity(), pads.size());
            pads.add(keyPads);
            keys.add(key.clone());
        }
        else
        {
            pads.set((int)ids.owner(entry), keyPads);
            keys.set((int)ids.owner(entry), key.clone());
        }
        return this;
    }

    /**
     * @param agentId an agent id.
     * @return true if a key is known for it.
     */
    public boolean contains(final String agentId)
    {
        return padsOf(agentId) != null;
    }

    /** @return the number of agents with a key. */
    public int size()
    {
        return pads.size();
    }

    /**
     * Derives an agent's key from a master secret: HMAC-SHA256 under the secret of the label
     * {@code "stowage agent key v1\0"} followed by the agent id's UTF-8 bytes.
     *
     * @param masterSecret the operator's secret, at least 32 bytes.
     * @param agentId      the agent id.
     * @return the agent's 32-byte key.
     */
    public static byte[] derive(final byte[] masterSecret, final String agentId)
    {
        final byte[] id = Utf8.encode(agentId, "agent id");
        final byte[] message = new byte[DERIVATION_LABEL.length + id.length];
        System.arraycopy(DERIVATION_LABEL, 0, message, 0, DERIVATION_LABEL.length);
        System.arraycopy(id, 0, message, DERIVATION_LABEL.length, id.length);
        final byte[] key = new byte[FrameMac.MAC_LENGTH];
        new FrameMac().sign(FrameMac.pads(masterSecret), message, 0, message.length, key, 0);
        return key;
    }

    /**
     * @param masterSecret the operator's secret, at least 32 bytes.
     * @param agentIds     the agents.
     * @return their derived keys.
     */
    public static AgentKeys deriveAll(final byte[] masterSecret, final Iterable<String> agentIds)
    {
        final AgentKeys keys = new AgentKeys();
        for (final String agentId : agentIds)
        {
            keys.put(agentId, derive(masterSecret, agentId));
        }
        return keys;
    }

    /**
     * Reads a key file: one agent per line, the key in base64, one space, then the agent id to the end of the line;
     * empty lines and lines starting with {@code #} are skipped.
     *
     * @param file a key file that only its owner may read or write.
     * @return the keys.
     * @throws IllegalArgumentException naming the file if group or others may access it, or a line is malformed.
     * @throws UncheckedIOException     if it cannot be read.
     */
    public static AgentKeys load(final Path file)
    {
        try
        {
            final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_READ_WRITE.containsAll(permissions))
            {
                throw new IllegalArgumentException("key file " + file + " is " +
                    PosixFilePermissions.toString(permissions) + ", must be accessible to its owner only");
            }
            final AgentKeys keys = new AgentKeys();
            int number = 0;
            for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8))
            {
                number++;
                if (line.isBlank() || line.startsWith("#"))
                {
                    continue;
                }
                final int space = line.indexOf(' ');
                if (space <= 0 || space == line.length() - 1)
                {
                    throw new IllegalArgumentException("key file " + file + " line " + number +
                        ": expected \"<base64 key> <agent id>\"");
                }
                try
                {
                    keys.put(line.substring(space + 1), Base64.getDecoder().decode(line.substring(0, space)));
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new IllegalArgumentException("key file " + file + " line " + number + ": " + ex.getMessage(),
                        ex);
                }
            }
            return keys;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read key file " + file, ex);
        }
    }

    /**
     * Writes these keys in the format {@link #load} reads, to a file created owner-only ({@code rw-------}).
     *
     * @param file the key file, replaced if it exists.
     * @throws UncheckedIOException if it cannot be written.
     */
    public void store(final Path file)
    {
        final StringBuilder text = new StringBuilder();
        final String[] byIndex = new String[keys.size()];
        ids.forEach((id, index) -> byIndex[(int)index] = id);
        for (int i = 0; i < byIndex.length; i++)
        {
            text.append(Base64.getEncoder().encodeToString(keys.get(i))).append(' ').append(byIndex[i]).append('\n');
        }
        try
        {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write key file " + file, ex);
        }
    }

    /**
     * @param agentId an agent id.
     * @return its key's padded blocks, or null.
     */
    byte[] padsOf(final String agentId)
    {
        final UnsafeBuffer id = new UnsafeBuffer(Utf8.encode(agentId, "agent id"));
        return padsOf(id, 0, id.capacity());
    }

    /**
     * Allocates nothing.
     *
     * @param buffer holding an agent id's UTF-8 bytes.
     * @param offset of the first byte.
     * @param length number of bytes.
     * @return its key's padded blocks, or null.
     */
    byte[] padsOf(final DirectBuffer buffer, final int offset, final int length)
    {
        final int entry = ids.find(buffer, offset, length);
        return entry == AgentIdTable.MISSING ? null : pads.get((int)ids.owner(entry));
    }
}
