package io.stowage.engine;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIIIII_Result;

/**
 * What a Prometheus scrape gets: {@link PrometheusExporter#format} run while the kernel stage publishes a period's
 * latency figures gives the histogram (two buckets, the {@code +Inf} bucket, {@code _count}, {@code _sum}) and the
 * maximum of one publication. Each result is the publication (1 or 2) a figure came from: the first period's one
 * sample of 1 us and the second's of 2 ms tell every figure apart.
 */
@JCStressTest
@Description("A Prometheus scrape holds the latency histogram of one publication only.")
@Outcome(id = "1, 1, 1, 1, 1, 1", expect = Expect.ACCEPTABLE, desc = "the first period, scraped before the second one")
@Outcome(id = "2, 2, 2, 2, 2, 2", expect = Expect.ACCEPTABLE, desc = "the second period")
@Outcome(expect = Expect.FORBIDDEN, desc = "torn: figures of two publications, or a sample missing")
@State
public class LatencyPrometheusStress
{
    /** Each sample at the start of its line (the help lines name the metrics too). */
    private static final String[] SAMPLES = {
        "\nstowage_latency_seconds_bucket{le=\"10.0\"} ",
        "\nstowage_latency_seconds_bucket{le=\"+Inf\"} ",
        "\nstowage_latency_seconds_count ",
        "\nstowage_latency_seconds_sum ",
        "\nstowage_latency_max_seconds ",
        "\nstowage_latency_seconds_bucket{le=\"0.0025\"} "};
    private static final String[] FIRST = new String[SAMPLES.length];
    private static final String[] SECOND = new String[SAMPLES.length];

    static
    {
        final EngineCounters counters = EngineCounters.inMemory();
        final LatencyMeter meter = LatencyPeriods.firstPublished(counters);
        final String first = PrometheusExporter.format(counters.reader());
        LatencyPeriods.publishSecond(meter);
        final String second = PrometheusExporter.format(counters.reader());
        for (int i = 0; i < SAMPLES.length; i++)
        {
            FIRST[i] = figure(first, i);
            SECOND[i] = figure(second, i);
            if (FIRST[i] == null || FIRST[i].equals(SECOND[i]))
            {
                throw new IllegalStateException("figure " + i + " does not tell the periods apart: " + FIRST[i]);
            }
        }
    }

    private final SharedCounters shared = new SharedCounters();
    private final LatencyMeter meter = LatencyPeriods.firstPublished(shared.counters);

    /** The kernel stage, at the end of the second period. */
    @Actor
    public void kernel()
    {
        LatencyPeriods.publishSecond(meter);
    }

    /**
     * A scrape of the exporter, over the counters a reader in another process maps.
     *
     * @param r the publication of each figure.
     */
    @Actor
    public void scrape(final IIIIII_Result r)
    {
        final String text = PrometheusExporter.format(shared.reader.counters());
        r.r1 = period(text, 0);
        r.r2 = period(text, 1);
        r.r3 = period(text, 2);
        r.r4 = period(text, 3);
        r.r5 = period(text, 4);
        r.r6 = period(text, 5);
    }

    private static String figure(final String text, final int figure)
    {
        final int start = text.indexOf(SAMPLES[figure]);
        if (start < 0)
        {
            return null;
        }
        final int from = start + SAMPLES[figure].length();
        return text.substring(from, text.indexOf('\n', from));
    }

    private static int period(final String text, final int figure)
    {
        final String value = figure(text, figure);
        if (value == null)
        {
            return LatencyPeriods.NEITHER;
        }
        if (value.equals(FIRST[figure]))
        {
            return 1;
        }
        return value.equals(SECOND[figure]) ? 2 : LatencyPeriods.NEITHER;
    }
}
