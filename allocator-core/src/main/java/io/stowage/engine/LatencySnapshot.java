package io.stowage.engine;

import org.agrona.concurrent.status.CountersReader;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.stowage.engine.CountersFileDescriptor.LATENCY_VERSION_TYPE_ID;
import static org.agrona.concurrent.status.CountersReader.NULL_COUNTER_ID;

/**
 * A consistent copy of an engine's latency counters: the percentiles and maximum of one period with the count and
 * sum published with them, never the figures of two publications mixed (p50 of one period beside p99 of the next).
 * The kernel stage writes them under a seqlock ({@link CountersFileDescriptor}); {@link #read()} copies them between
 * two reads of the same even version and tries again otherwise. The histogram's bucket counts
 * ({@link CounterFamily#LATENCY_BUCKET}) are copied in the same read when the counters have them. Reused across
 * reads; one per reading thread.
 */
public final class LatencySnapshot
{
    private static final int P50 = 0;
    private static final int P99 = 1;
    private static final int P999 = 2;
    private static final int MAX = 3;
    private static final int COUNT = 4;
    private static final int SUM = 5;
    private static final int FIGURES = 6;
    private static final int SPINS_BEFORE_YIELDING = 100;
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final CountersReader counters;
    private final int[] ids = new int[FIGURES];
    private final long[] values = new long[FIGURES];
    private final long[] bucketBounds;
    private final int[] bucketIds;
    private final long[] bucketValues;
    private int versionId = NULL_COUNTER_ID;
    private boolean consistent;

    /**
     * @param counters an engine's counters, in this process or mapped from its file.
     */
    public LatencySnapshot(final CountersReader counters)
    {
        this.counters = counters;
        Arrays.fill(ids, NULL_COUNTER_ID);
        final Map<Long, Integer> buckets = new TreeMap<>();
        counters.forEach((counterId, typeId, key, label) ->
        {
            if (typeId == LATENCY_VERSION_TYPE_ID)
            {
                versionId = counterId;
                return;
            }
            final CounterFamily family = CounterFamily.ofTypeId(typeId);
            if (family == CounterFamily.LATENCY_BUCKET)
            {
                buckets.put(Long.parseLong(key.getStringAscii(0)), counterId);
                return;
            }
            final int figure = family == null ? -1 : figure(family, key.getStringAscii(0));
            if (figure >= 0)
            {
                ids[figure] = counterId;
            }
        });
        bucketBounds = new long[buckets.size()];
        bucketIds = new int[buckets.size()];
        bucketValues = new long[buckets.size()];
        int i = 0;
        for (final Map.Entry<Long, Integer> bucket : buckets.entrySet())
        {
            bucketBounds[i] = bucket.getKey();
            bucketIds[i++] = bucket.getValue();
        }
    }

    /**
     * Copies the latency counters as one publication wrote them. Retries while the kernel stage writes them; gives
     * up only if the version stays odd for a second (a writer that died in the middle of a publication).
     *
     * @return true if the copy is consistent; false if the counters are missing or the writer never finished.
     */
    public boolean read()
    {
        consistent = false;
        if (versionId == NULL_COUNTER_ID || !allFound())
        {
            return false;
        }
        long giveUpAt = 0;
        for (int attempt = 1; ; attempt++)
        {
            final long before = counters.getCounterValue(versionId);
            if ((before & 1) == 0)
            {
                for (int i = 0; i < FIGURES; i++)
                {
                    values[i] = counters.getCounterValue(ids[i]);
                }
                for (int i = 0; i < bucketIds.length; i++)
                {
                    bucketValues[i] = counters.getCounterValue(bucketIds[i]);
                }
                if (counters.getCounterValue(versionId) == before)
                {
                    consistent = true;
                    return true;
                }
            }
            if (attempt < SPINS_BEFORE_YIELDING)
            {
                Thread.onSpinWait();
                continue;
            }
            final long now = System.nanoTime();
            if (giveUpAt == 0)
            {
                giveUpAt = now + GIVE_UP_NANOS;
            }
            else if (now - giveUpAt > 0)
            {
                return false;
            }
            Thread.yield();
        }
    }

    /** @return true if the last {@link #read()} took a consistent copy. */
    public boolean isConsistent()
    {
        return consistent;
    }

    /** @return median latency of the last period with samples, in microseconds. */
    public long p50Micros()
    {
        return values[P50];
    }

    /** @return 99th percentile latency of that period, in microseconds. */
    public long p99Micros()
    {
        return values[P99];
    }

    /** @return 99.9th percentile latency of that period, in microseconds. */
    public long p999Micros()
    {
        return values[P999];
    }

    /** @return highest latency of that period, in microseconds. */
    public long maxMicros()
    {
        return values[MAX];
    }

    /** @return latency samples since the engine started. */
    public long count()
    {
        return values[COUNT];
    }

    /** @return latency summed since the engine started, in microseconds. */
    public long sumMicros()
    {
        return values[SUM];
    }

    /** @return the histogram's buckets in these counters, 0 if they have none (counters of an older engine). */
    public int buckets()
    {
        return bucketBounds.length;
    }

    /**
     * @param bucket 0 to {@link #buckets()} - 1, in ascending order of bound.
     * @return the bucket's upper bound in nanoseconds.
     */
    public long bucketBoundNanos(final int bucket)
    {
        return bucketBounds[bucket];
    }

    /**
     * @param bucket 0 to {@link #buckets()} - 1, in ascending order of bound.
     * @return the samples since start at or under the bucket's bound (cumulative; at most {@link #count()}).
     */
    public long bucketCumulativeCount(final int bucket)
    {
        return bucketValues[bucket];
    }

    /**
     * @param counterId any counter.
     * @return the copy of a latency counter if the last read was consistent, else the counter's value now.
     */
    long value(final int counterId)
    {
        if (consistent)
        {
            for (int i = 0; i < FIGURES; i++)
            {
                if (ids[i] == counterId)
                {
                    return values[i];
                }
            }
            for (int i = 0; i < bucketIds.length; i++)
            {
                if (bucketIds[i] == counterId)
                {
                    return bucketValues[i];
                }
            }
        }
        return counters.getCounterValue(counterId);
    }

    private boolean allFound()
    {
        for (final int id : ids)
        {
            if (id == NULL_COUNTER_ID)
            {
                return false;
            }
        }
        return true;
    }

    private static int figure(final CounterFamily family, final String labelValue)
    {
        return switch (family)
        {
            case LATENCY -> quantile(labelValue);
            case LATENCY_MAX -> MAX;
            case LATENCY_COUNT -> COUNT;
            case LATENCY_SUM -> SUM;
            default -> -1;
        };
    }

    private static int quantile(final String labelValue)
    {
        for (int i = 0; i < EngineCounters.QUANTILES.length; i++)
        {
            if (EngineCounters.QUANTILES[i].equals(labelValue))
            {
                return P50 + i;
            }
        }
        return -1;
    }
}
