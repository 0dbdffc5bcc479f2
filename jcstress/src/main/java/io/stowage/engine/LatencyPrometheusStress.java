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
 * latency figures gives the summary (quantiles, {@code _count}, {@code _sum}) and the maximum of one publication.
 * Each result is the publication (1 or 2) a figure came from.
 */
@JCStressTest
@Description("A Prometheus scrape holds the latency summary of one publication only.")
@Outcome(id = "1, 1, 1, 1, 1, 1", expect = Expect.ACCEPTABLE, desc = "the first period, scraped before the second one")
@Outcome(id = "2, 2, 2, 2, 2, 2", expect = Expect.ACCEPTABLE, desc = "the second period")
@Outcome(expect = Expect.FORBIDDEN, desc = "torn: figures of two publications, or a sample missing")
@State
public class LatencyPrometheusStress
{
    /** Each sample at the start of its line (the help lines name the metrics too). */
    private static final String[] SAMPLES = {
        "\nstowage_latency_microseconds{quantile=\"0.5\"} ",
        "\nstowage_latency_microseconds{quantile=\"0.99\"} ",
        "\nstowage_latency_microseconds{quantile=\"0.999\"} ",
        "\nstowage_latency_max_microseconds ",
        "\nstowage_latency_microseconds_count ",
        "\nstowage_latency_microseconds_sum "};

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

    private static int period(final String text, final int figure)
    {
        final int start = text.indexOf(SAMPLES[figure]);
        if (start < 0)
        {
            return LatencyPeriods.NEITHER;
        }
        final int from = start + SAMPLES[figure].length();
        final int end = text.indexOf('\n', from);
        return LatencyPeriods.period(figure, Long.parseLong(text.substring(from, end)));
    }
}
