package io.stowage.engine;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

/**
 * The kernel stage counts two decisions ({@code incrementRelease}, its single-writer increment) while a reader of
 * the counters file reads the count twice: each read is a value the writer wrote, and the second is never below the
 * first. A reader never sees a count go backwards or a value nobody wrote.
 */
@JCStressTest
@Description("A counter read by another thread only grows, through values the writer wrote.")
@Outcome(id = {"0, 0", "1, 1", "2, 2"}, expect = Expect.ACCEPTABLE, desc = "the same count twice")
@Outcome(id = {"0, 1", "0, 2", "1, 2"}, expect = Expect.ACCEPTABLE, desc = "the count grew between the reads")
@Outcome(expect = Expect.FORBIDDEN, desc = "went backwards, or a value never written")
@State
public class CounterMonotonicStress
{
    private final SharedCounters shared = new SharedCounters();

    /** The kernel stage, queueing two submits. */
    @Actor
    public void kernel()
    {
        shared.counters.queued();
        shared.counters.queued();
    }

    /**
     * Two reads, as two refreshes of {@code ./stowage stat}.
     *
     * @param r the first and second value read.
     */
    @Actor
    public void reader(final JJ_Result r)
    {
        r.r1 = shared.reader.value(CounterFamily.DECISIONS, "queued");
        r.r2 = shared.reader.value(CounterFamily.DECISIONS, "queued");
    }
}
