package io.stowage.engine;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import java.util.concurrent.TimeUnit;

/**
 * Ingress-to-decision latency on the kernel thread: recorded into a {@link SingleWriterRecorder}, and every period
 * the interval histogram (recycled, so steady state allocates nothing) is copied into the latency counters in
 * microseconds, with the count and sum, as one seqlocked publication ({@link EngineCounters}). An interval with no
 * samples leaves the last figures in place; the sample count says whether new ones arrived. Values are clamped to
 * the recorder's fixed range, so recording never resizes or throws.
 * <p>
 * The same publication carries a classic histogram for Prometheus: for each bound of {@link #BUCKET_BOUNDS_NANOS},
 * the samples since start at or under it, summed from each interval histogram as it is published, so recording does
 * no more work than before. A bound holds the samples HdrHistogram counts at or under it, exact to its 3 significant
 * digits; the counts are cumulative by construction and never exceed the sample count (the {@code +Inf} bucket).
 */
final class LatencyMeter
{
    static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Upper bounds of the histogram's classic buckets, in nanoseconds, ascending; {@code +Inf} is the count. */
    static final long[] BUCKET_BOUNDS_NANOS = {
        2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
        1_000_000, 2_500_000, 5_000_000, 10_000_000, 25_000_000, 50_000_000, 100_000_000, 250_000_000, 500_000_000,
        1_000_000_000, 2_500_000_000L, 5_000_000_000L, 10_000_000_000L};

    private final SingleWriterRecorder recorder = new SingleWriterRecorder(1, HIGHEST_NANOS, 3);
    private final EngineCounters counters;
    private final long periodNanos;
    private final long[] buckets = new long[BUCKET_BOUNDS_NANOS.length];
    private Histogram interval;
    private long count;
    private long sumNanos;
    private long lastPublishNanos;

    LatencyMeter(final EngineCounters counters, final long periodNanos, final long nowNanos)
    {
        this.counters = counters;
        this.periodNanos = periodNanos;
        this.lastPublishNanos = nowNanos;
    }

    void record(final long latencyNanos)
    {
        final long value = latencyNanos < 1 ? 1 : Math.min(latencyNanos, HIGHEST_NANOS);
        recorder.recordValue(value);
        count++;
        sumNanos += value;
    }

    void publishIfDue(final long nowNanos)
    {
        if (nowNanos - lastPublishNanos >= periodNanos)
        {
            publish(nowNanos);
        }
    }

    void publish(final long nowNanos)
    {
        lastPublishNanos = nowNanos;
        interval = recorder.getIntervalHistogram(interval);
        if (interval.getTotalCount() > 0)
        {
            for (int i = 0; i < buckets.length; i++)
            {
                buckets[i] += interval.getCountBetweenValues(0, BUCKET_BOUNDS_NANOS[i]);
            }
            counters.latency(
                micros(interval.getValueAtPercentile(50.0)),
                micros(interval.getValueAtPercentile(99.0)),
                micros(interval.getValueAtPercentile(99.9)),
                micros(interval.getMaxValue()),
                count,
                sumNanos / 1000,
                buckets);
        }
        else
        {
            counters.latencyTotals(count, sumNanos / 1000);
        }
    }

    private static long micros(final long nanos)
    {
        return (nanos + 999) / 1000;
    }
}
