package io.stowage.engine;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.J_Result;

/**
 * {@link EngineCounters#malformedFrame()} is the one count any thread may take (queue tailers, the agent input):
 * two threads counting at once lose neither count. The other counts are single-writer and use a cheaper
 * non-atomic increment, which this test would catch if it were used here.
 */
@JCStressTest
@Description("Malformed frames counted by two threads at once are both counted.")
@Outcome(id = "2", expect = Expect.ACCEPTABLE, desc = "both counted")
@Outcome(expect = Expect.FORBIDDEN, desc = "a count was lost")
@State
public class MalformedFrameCountStress
{
    private final SharedCounters shared = new SharedCounters();

    /** A queue tailer dropping a frame. */
    @Actor
    public void tailer()
    {
        shared.counters.malformedFrame();
    }

    /** The agent input dropping a vector of the wrong length. */
    @Actor
    public void agentInput()
    {
        shared.counters.malformedFrame();
    }

    /**
     * Reads the count once both have finished.
     *
     * @param r the count, through the reader.
     */
    @Arbiter
    public void count(final J_Result r)
    {
        r.r1 = shared.reader.value(CounterFamily.MALFORMED_FRAMES, "");
    }
}
