package io.stowage.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

import java.nio.ByteBuffer;

/**
 * The engine lays its counters out in a new, zeroed file while {@code ./stowage stat} maps it: the reader either
 * refuses the file as not yet written, or accepts it and finds every counter (the version is written last, with
 * release, after every counter is allocated). It never calls the file foreign, and never accepts a file with
 * counters missing.
 */
@JCStressTest
@Description("A reader racing with the engine's creation of the counters file sees it unwritten or complete.")
@Outcome(id = "0", expect = Expect.ACCEPTABLE, desc = "refused: header not yet written by the engine")
@Outcome(id = "1", expect = Expect.ACCEPTABLE, desc = "accepted, with every counter and the latency seqlock")
@Outcome(id = "2", expect = Expect.FORBIDDEN, desc = "accepted with counters missing")
@Outcome(id = "3", expect = Expect.FORBIDDEN, desc = "refused for another reason (foreign, bad lengths)")
@State
public class CountersFileHeaderStress
{
    private static final int REFUSED_NOT_WRITTEN = 0;
    private static final int COMPLETE = 1;
    private static final int INCOMPLETE = 2;
    private static final int REFUSED_OTHERWISE = 3;
    private static final int COUNTERS = new SharedCounters().reader.entries().size();

    private final UnsafeBuffer file = new UnsafeBuffer(ByteBuffer.allocateDirect(EngineCounters.length()));

    /** The engine, creating its counters over the new file. */
    @Actor
    public void engine()
    {
        EngineCounters.wrap(file);
    }

    /**
     * The stat command, mapping the file.
     *
     * @param r what the reader made of the file.
     */
    @Actor
    public void stat(final I_Result r)
    {
        try
        {
            final EngineCountersReader reader = EngineCountersReader.wrap(file);
            final boolean complete = reader.entries().size() == COUNTERS && reader.latency().read();
            r.r1 = complete ? COMPLETE : INCOMPLETE;
        }
        catch (final CountersFileException ex)
        {
            r.r1 = ex.getMessage().endsWith("header not yet written by the engine") ?
                REFUSED_NOT_WRITTEN : REFUSED_OTHERWISE;
        }
    }
}
