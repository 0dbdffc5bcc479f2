package io.stowage.core;

/**
 * A framework's submission rate limit on the event clock: a bucket that starts full with {@code burst} tokens and
 * refills continuously at {@code perSecond}; each submitted task takes one token. Exact fixed point: tokens are
 * counted in 10^-12 of a token, so a rate of 0.001 per second refills exactly one token in 1000 seconds.
 */
final class TokenBucket
{
    /** Sub-token units per token: milli-tokens per second times nanoseconds per second. */
    static final long UNITS_PER_TOKEN = 1_000L * 1_000_000_000L;

    private final long rateMillisPerSecond;
    private final long capacityUnits;
    private long units;
    private long lastRefillNanos;

    /**
     * @param rateMillisPerSecond refill rate in thousandths of a token per second, at least 0.
     * @param burst               bucket size in whole tokens, 0 to 1,000,000.
     * @param startNanos          event time the bucket starts full.
     */
    TokenBucket(final long rateMillisPerSecond, final long burst, final long startNanos)
    {
        this.rateMillisPerSecond = rateMillisPerSecond;
        this.capacityUnits = burst * UNITS_PER_TOKEN;
        this.units = capacityUnits;
        this.lastRefillNanos = startNanos;
    }

    /**
     * The bucket with new settings from a given time: it keeps the tokens this one holds then (at most the new
     * burst), so changing the rate never refills a bucket.
     *
     * @param newRateMillisPerSecond the new refill rate, at least 0.
     * @param newBurst               the new size in whole tokens.
     * @param nowNanos               event time of the change.
     * @return the new bucket.
     */
    TokenBucket resized(final long newRateMillisPerSecond, final long newBurst, final long nowNanos)
    {
        refill(nowNanos);
        final TokenBucket bucket =
            new TokenBucket(newRateMillisPerSecond, newBurst, Math.max(nowNanos, lastRefillNanos));
        bucket.units = Math.min(units, bucket.capacityUnits);
        return bucket;
    }

    /**
     * Takes one token if one is available at the given time.
     *
     * @param nowNanos event time; earlier than the last call counts as no time passed.
     * @return true if a token was taken.
     */
    boolean tryTake(final long nowNanos)
    {
        refill(nowNanos);
        if (units >= UNITS_PER_TOKEN)
        {
            units -= UNITS_PER_TOKEN;
            return true;
        }
        return false;
    }

    private void refill(final long nowNanos)
    {
        if (nowNanos <= lastRefillNanos)
        {
            return;
        }
        final long elapsed = nowNanos - lastRefillNanos;
        lastRefillNanos = nowNanos;
        if (rateMillisPerSecond == 0)
        {
            return;
        }
        final long missing = capacityUnits - units;
        if (elapsed >= missing / rateMillisPerSecond + 1)
        {
            units = capacityUnits;
        }
        else
        {
            units += elapsed * rateMillisPerSecond;
        }
    }

    long hash(final long seed)
    {
        return StateHash.mix(StateHash.mix(seed, units), lastRefillNanos);
    }

    void writeTo(final SnapshotWriter out)
    {
        out.putLong(rateMillisPerSecond);
        out.putLong(capacityUnits);
        out.putLong(units);
        out.putLong(lastRefillNanos);
    }

    static TokenBucket readFrom(final SnapshotReader in)
    {
        final long rate = in.getLong("rate");
        final long capacity = in.getLong("bucket capacity");
        if (rate < 0 || capacity < 0 || capacity % UNITS_PER_TOKEN != 0)
        {
            throw in.fail("a token bucket has rate " + rate + " and capacity " + capacity);
        }
        final TokenBucket bucket = new TokenBucket(rate, capacity / UNITS_PER_TOKEN, 0);
        bucket.units = in.getLong("bucket tokens");
        bucket.lastRefillNanos = in.getLong("bucket refill time");
        if (bucket.units < 0 || bucket.units > capacity)
        {
            throw in.fail("a token bucket holds " + bucket.units + " of " + capacity + " units");
        }
        return bucket;
    }
}
