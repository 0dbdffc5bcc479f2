package io.stowage.engine;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * A stage's {@link EngineExceptionHandler} counts an error and records it in the counters file's distinct error log
 * while {@code ./stowage stat} reads the log, then the count: an error in the log is complete (whole stack trace,
 * observed at least once, first and last times set) and already counted, because the handler counts before it
 * records. Agrona publishes a new record before its first observation is counted; the reader leaves such a record
 * for its next read ({@link EngineCounters#readRecordedErrors}).
 */
@JCStressTest
@Description("An error read from the log by another thread is complete and already counted.")
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "nothing yet")
@Outcome(id = "0, 1", expect = Expect.ACCEPTABLE, desc = "counted, not yet in the log")
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "counted and logged")
@Outcome(id = "1, 0", expect = Expect.FORBIDDEN, desc = "logged but not counted")
@Outcome(expect = Expect.FORBIDDEN, desc = "a partial record (-1), or more than one")
@State
public class ErrorLogStress
{
    private static final IllegalStateException ERROR = new IllegalStateException("allocation round failed");
    private static final String TEXT = text(ERROR);

    private final SharedCounters shared = new SharedCounters();
    private final EngineExceptionHandler handler =
        new EngineExceptionHandler("kernel", shared.counters.errorLog(), shared.counters::kernelError);

    /** The kernel stage, catching an error. */
    @Actor
    public void kernel()
    {
        handler.onError(ERROR);
    }

    /**
     * The stat command: the error log, then the error count.
     *
     * @param r complete distinct errors read (-1 if one was partial), then the kernel's error count.
     */
    @Actor
    public void stat(final JJ_Result r)
    {
        final long[] complete = {0};
        shared.reader.readErrors((observations, first, last, text) ->
            complete[0] = complete[0] < 0 || observations < 1 || first <= 0 || last < first || !TEXT.equals(text) ?
                -1 : complete[0] + 1);
        r.r1 = complete[0];
        r.r2 = shared.reader.value(CounterFamily.ERRORS, "kernel");
    }

    private static String text(final Throwable error)
    {
        final StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
