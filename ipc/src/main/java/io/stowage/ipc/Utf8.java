package io.stowage.ipc;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 (RFC 3629) for the string fields of frames: validation without allocation, so that a frame with
 * overlong forms, encoded surrogates, code points above U+10FFFF or a cut sequence is rejected rather than decoded
 * with replacement characters.
 */
final class Utf8
{
    private Utf8()
    {
    }

    /**
     * @param buffer holding the bytes.
     * @param offset of the first byte.
     * @param length number of bytes.
     * @return true if the bytes are well-formed UTF-8.
     */
    static boolean isValid(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        int i = offset;
        while (i < end)
        {
            final int b0 = buffer.getByte(i) & 0xFF;
            if (b0 < 0x80)
            {
                i++;
                continue;
            }
            final int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (b0 >= 0xC2 && b0 <= 0xDF)
            {
                need = 1;
            }
            else if (b0 >= 0xE0 && b0 <= 0xEF)
            {
                need = 2;
                lo = b0 == 0xE0 ? 0xA0 : 0x80;
                hi = b0 == 0xED ? 0x9F : 0xBF;
            }
            else if (b0 >= 0xF0 && b0 <= 0xF4)
            {
                need = 3;
                lo = b0 == 0xF0 ? 0x90 : 0x80;
                hi = b0 == 0xF4 ? 0x8F : 0xBF;
            }
            else
            {
                return false;
            }
            if (i + need >= end)
            {
                return false;
            }
            final int b1 = buffer.getByte(i + 1) & 0xFF;
            if (b1 < lo || b1 > hi)
            {
                return false;
            }
            for (int k = 2; k <= need; k++)
            {
                final int b = buffer.getByte(i + k) & 0xFF;
                if (b < 0x80 || b > 0xBF)
                {
                    return false;
                }
            }
            i += need + 1;
        }
        return true;
    }

    /**
     * Encodes a string, refusing one that UTF-8 cannot represent exactly (an unpaired surrogate).
     *
     * @param value the string.
     * @param what  what it is, for the message.
     * @return its UTF-8 bytes.
     * @throws IllegalArgumentException if the string does not survive encoding.
     */
    static byte[] encode(final String value, final String what)
    {
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (!new String(bytes, StandardCharsets.UTF_8).equals(value))
        {
            throw new IllegalArgumentException(what + " is not valid Unicode: " + value);
        }
        return bytes;
    }
}
