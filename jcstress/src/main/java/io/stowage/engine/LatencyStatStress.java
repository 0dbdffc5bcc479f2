package io.stowage.engine;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIIIII_Result;

/**
 * What {@code ./stowage stat} shows: {@link EngineCountersReader#entries()} read while the kernel stage publishes a
 * period's latency figures lists the latency counters of one publication, never p50 of one period beside p99 of the
 * next. Each result is the publication (1 or 2) a figure came from.
 */
@JCStressTest
@Description("The stat screen's entries hold the latency figures of one publication only.")
@Outcome(id = "1, 1, 1, 1, 1, 1", expect = Expect.ACCEPTABLE, desc = "the first period, read before the second one")
@Outcome(id = "2, 2, 2, 2, 2, 2", expect = Expect.ACCEPTABLE, desc = "the second period")
@Outcome(expect = Expect.FORBIDDEN, desc = "torn: figures of two publications, or a figure missing")
@State
public class LatencyStatStress
{
    private final SharedCounters shared = new SharedCounters();
    private final LatencyMeter meter = LatencyPeriods.firstPublished(shared.counters);

    /** The kernel stage, at the end of the second period. */
    @Actor
    public void kernel()
    {
        LatencyPeriods.publishSecond(meter);
    }

    /**
     * The stat command's read of every counter.
     *
     * @param r the publication of each figure.
     */
    @Actor
    public void stat(final IIIIII_Result r)
    {
        final int[] periods = new int[LatencyPeriods.FIGURES];
        for (final EngineCountersReader.Entry entry : shared.reader.entries())
        {
            final int figure = LatencyPeriods.figure(entry.family(), entry.labelValue());
            if (figure >= 0)
            {
                periods[figure] = LatencyPeriods.period(figure, entry.value());
            }
        }
        r.r1 = periods[0];
        r.r2 = periods[1];
        r.r3 = periods[2];
        r.r4 = periods[3];
        r.r5 = periods[4];
        r.r6 = periods[5];
    }
}
