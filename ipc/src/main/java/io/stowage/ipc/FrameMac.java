package io.stowage.ipc;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA256 (RFC 2104) over a frame, written out with one reusable {@link MessageDigest} so that signing and
 * verifying allocate nothing: {@code javax.crypto.Mac.doFinal} returns a new array on every call. A key is kept as its
 * two padded blocks ({@link #pads}), computed once per agent. Single-threaded.
 */
final class FrameMac
{
    /** Length of the MAC trailer after each frame on an Aeron stream. */
    static final int MAC_LENGTH = 32;
    /** Length of the padded key blocks of one key: the inner block, then the outer block. */
    static final int PADS_LENGTH = 128;
    /** The shortest key accepted, in bytes. */
    static final int MIN_KEY_LENGTH = 32;

    private static final int BLOCK_LENGTH = 64;
    private static final byte IPAD = 0x36;
    private static final byte OPAD = 0x5c;

    private final MessageDigest sha256 = sha256();
    private final byte[] inner = new byte[MAC_LENGTH];
    private final byte[] mac = new byte[MAC_LENGTH];

    static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
        }
    }

    /**
     * @param key an HMAC key of at least {@link #MIN_KEY_LENGTH} bytes (a longer than 64-byte key is hashed first).
     * @return the key's inner and outer padded blocks, {@link #PADS_LENGTH} bytes.
     * @throws IllegalArgumentException if the key is too short.
     */
    static byte[] pads(final byte[] key)
    {
        if (key == null || key.length < MIN_KEY_LENGTH)
        {
            throw new IllegalArgumentException("an agent key needs at least " + MIN_KEY_LENGTH + " bytes, got " +
                (key == null ? "none" : key.length));
        }
        final byte[] k = key.length > BLOCK_LENGTH ? sha256().digest(key) : key;
        final byte[] pads = new byte[PADS_LENGTH];
        for (int i = 0; i < BLOCK_LENGTH; i++)
        {
            final byte b = i < k.length ? k[i] : 0;
            pads[i] = (byte)(b ^ IPAD);
            pads[BLOCK_LENGTH + i] = (byte)(b ^ OPAD);
        }
        return pads;
    }

    /**
     * @param pads      a key's padded blocks.
     * @param message   the bytes to sign.
     * @param offset    of the first byte.
     * @param length    number of bytes.
     * @param out       receives the MAC.
     * @param outOffset where the MAC goes.
     */
    void sign(
        final byte[] pads,
        final byte[] message,
        final int offset,
        final int length,
        final byte[] out,
        final int outOffset)
    {
        try
        {
            sha256.update(pads, 0, BLOCK_LENGTH);
            sha256.update(message, offset, length);
            sha256.digest(inner, 0, MAC_LENGTH);
            sha256.update(pads, BLOCK_LENGTH, BLOCK_LENGTH);
            sha256.update(inner, 0, MAC_LENGTH);
            sha256.digest(out, outOffset, MAC_LENGTH);
        }
        catch (final java.security.DigestException ex)
        {
            throw new IllegalStateException("SHA-256 digest failed", ex);
        }
    }

    /**
     * Compares in time independent of where the MACs differ.
     *
     * @param pads      a key's padded blocks.
     * @param message   the signed bytes, followed by their MAC at {@code macOffset}.
     * @param offset    of the first signed byte.
     * @param length    number of signed bytes.
     * @param macOffset where the received MAC starts.
     * @return true if the MAC matches.
     */
    boolean verify(final byte[] pads, final byte[] message, final int offset, final int length, final int macOffset)
    {
        sign(pads, message, offset, length, mac, 0);
        int difference = 0;
        for (int i = 0; i < MAC_LENGTH; i++)
        {
            difference |= mac[i] ^ message[macOffset + i];
        }
        return difference == 0;
    }
}
