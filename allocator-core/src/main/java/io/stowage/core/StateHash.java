package io.stowage.core;

/** A deterministic 64-bit hash over the kernel's state, built by mixing values in a fixed order. */
final class StateHash
{
    private StateHash()
    {
    }

    static long mix(final long hash, final long value)
    {
        long h = (hash ^ value) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 29);
    }

    static long mix(final long hash, final String value)
    {
        long h = mix(hash, value.length());
        for (int i = 0; i < value.length(); i++)
        {
            h = mix(h, value.charAt(i));
        }
        return h;
    }
}
