package io.stowage.engine;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.J_Result;

/**
 * A 64-bit gauge set by the kernel stage ({@code setRelease}) while a reader of the counters file reads it: the
 * reader sees the old or the new value, never the high half of one and the low half of the other. The two values
 * differ in every bit, so any torn read shows.
 */
@JCStressTest
@Description("A 64-bit gauge read by another thread is never torn.")
@Outcome(id = "4294967295", expect = Expect.ACCEPTABLE, desc = "the old value")
@Outcome(id = "-4294967296", expect = Expect.ACCEPTABLE, desc = "the new value")
@Outcome(expect = Expect.FORBIDDEN, desc = "torn: halves of two values")
@State
public class GaugeNotTornStress
{
    private static final long OLD = 0x0000_0000_FFFF_FFFFL;
    private static final long NEW = 0xFFFF_FFFF_0000_0000L;

    private final SharedCounters shared = new SharedCounters();

    /** Sets the old value before the actors run. */
    public GaugeNotTornStress()
    {
        shared.counters.kernelGauges(0, 0, OLD);
    }

    /** The kernel stage, at the end of a batch. */
    @Actor
    public void kernel()
    {
        shared.counters.kernelGauges(0, 0, NEW);
    }

    /**
     * A reader of the counters file.
     *
     * @param r the pending tasks gauge.
     */
    @Actor
    public void reader(final J_Result r)
    {
        r.r1 = shared.reader.value(CounterFamily.PENDING_TASKS, "");
    }
}
