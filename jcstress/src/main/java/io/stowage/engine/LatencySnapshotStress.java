package io.stowage.engine;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIIIII_Result;

/**
 * The kernel stage publishes a period's latency figures ({@link LatencyMeter#publish}) while a reader of the counters
 * takes a {@link LatencySnapshot}: the snapshot holds p50, p99, p99.9, max, count and sum of one publication, never
 * a mix. Each result is the publication (1 or 2) a figure came from.
 */
@JCStressTest
@Description("A latency snapshot read during a publication holds the figures of one publication only.")
@Outcome(id = "1, 1, 1, 1, 1, 1", expect = Expect.ACCEPTABLE, desc = "the first period, read before the second one")
@Outcome(id = "2, 2, 2, 2, 2, 2", expect = Expect.ACCEPTABLE, desc = "the second period")
@Outcome(expect = Expect.FORBIDDEN, desc = "torn: figures of two publications, or no consistent copy")
@State
public class LatencySnapshotStress
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
     * A reader of the counters file.
     *
     * @param r the publication of each figure.
     */
    @Actor
    public void reader(final IIIIII_Result r)
    {
        final LatencySnapshot snapshot = shared.reader.latency();
        if (snapshot.read())
        {
            r.r1 = LatencyPeriods.period(0, snapshot.p50Micros());
            r.r2 = LatencyPeriods.period(1, snapshot.p99Micros());
            r.r3 = LatencyPeriods.period(2, snapshot.p999Micros());
            r.r4 = LatencyPeriods.period(3, snapshot.maxMicros());
            r.r5 = LatencyPeriods.period(4, snapshot.count());
            r.r6 = LatencyPeriods.period(5, snapshot.sumMicros());
        }
    }
}
