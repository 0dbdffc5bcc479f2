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
 */
final class LatencyMeter
{
    static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final SingleWriterRecorder recorder = new SingleWriterRecorder(1, HIGHEST_NANOS, 3);
    private final EngineCounters counters;
    private final long periodNanos;
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
            counters.latency(
                micros(interval.getValueAtPercentile(50.0)),
                micros(interval.getValueAtPercentile(99.0)),
                micros(interval.getValueAtPercentile(99.9)),
                micros(interval.getMaxValue()),
                count,
                sumNanos / 1000);
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
