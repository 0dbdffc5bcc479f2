package io.stowage.engine;

/**
 * Two latency publications that differ in every figure: the first period holds one sample of 1 us, the second one
 * of 2 ms, so p50, p99, p99.9, max, count and sum each tell which publication a reader saw. The expected figures
 * are taken once from a meter nobody races with.
 */
final class LatencyPeriods
{
    /** Figures in the order p50, p99, p99.9, max, count, sum. */
    static final int FIGURES = 6;
    /** A figure that belongs to neither publication. */
    static final int NEITHER = 0;

    private static final long FIRST_SAMPLE_NANOS = 1_000;
    private static final long SECOND_SAMPLE_NANOS = 2_000_000;
    private static final long FIRST_PUBLISH_NANOS = 1;
    private static final long SECOND_PUBLISH_NANOS = 2;
    private static final long[] FIRST = new long[FIGURES];
    private static final long[] SECOND = new long[FIGURES];

    static
    {
        final EngineCounters counters = EngineCounters.inMemory();
        final LatencySnapshot snapshot = new LatencySnapshot(counters.reader());
        final LatencyMeter meter = firstPublished(counters);
        copy(snapshot, FIRST);
        publishSecond(meter);
        copy(snapshot, SECOND);
        for (int i = 0; i < FIGURES; i++)
        {
            if (FIRST[i] == SECOND[i])
            {
                throw new IllegalStateException("figure " + i + " does not tell the periods apart: " + FIRST[i]);
            }
        }
    }

    private LatencyPeriods()
    {
    }

    /**
     * @param counters fresh counters.
     * @return a meter that has published the first period and recorded the second period's sample.
     */
    static LatencyMeter firstPublished(final EngineCounters counters)
    {
        final LatencyMeter meter = new LatencyMeter(counters, 1, 0);
        meter.record(FIRST_SAMPLE_NANOS);
        meter.publish(FIRST_PUBLISH_NANOS);
        meter.record(SECOND_SAMPLE_NANOS);
        return meter;
    }

    /**
     * What the kernel stage does at the end of the second period.
     *
     * @param meter a meter from {@link #firstPublished(EngineCounters)}.
     */
    static void publishSecond(final LatencyMeter meter)
    {
        meter.publish(SECOND_PUBLISH_NANOS);
    }

    /**
     * @param figure index of the figure, 0 to {@link #FIGURES} - 1.
     * @param value  the value read.
     * @return 1 or 2 for the publication the value belongs to, else {@link #NEITHER}.
     */
    static int period(final int figure, final long value)
    {
        if (value == FIRST[figure])
        {
            return 1;
        }
        return value == SECOND[figure] ? 2 : NEITHER;
    }

    /**
     * @param family     a counter family.
     * @param labelValue the counter's label value.
     * @return the figure index of a latency counter, or -1 for any other counter.
     */
    static int figure(final CounterFamily family, final String labelValue)
    {
        return switch (family)
        {
            case LATENCY -> "0.5".equals(labelValue) ? 0 : "0.99".equals(labelValue) ? 1 :
                "0.999".equals(labelValue) ? 2 : -1;
            case LATENCY_MAX -> 3;
            case LATENCY_COUNT -> 4;
            case LATENCY_SUM -> 5;
            default -> -1;
        };
    }

    private static void copy(final LatencySnapshot snapshot, final long[] figures)
    {
        if (!snapshot.read())
        {
            throw new IllegalStateException("no consistent latency snapshot without a writer");
        }
        figures[0] = snapshot.p50Micros();
        figures[1] = snapshot.p99Micros();
        figures[2] = snapshot.p999Micros();
        figures[3] = snapshot.maxMicros();
        figures[4] = snapshot.count();
        figures[5] = snapshot.sumMicros();
    }
}
