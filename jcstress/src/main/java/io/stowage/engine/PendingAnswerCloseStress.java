package io.stowage.engine;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

import java.util.concurrent.TimeUnit;

/**
 * A client starts a registration ({@link PendingAnswers#expect}, then {@link PendingAnswers#await}) while the engine
 * closes ({@link PendingAnswers#close}) and nobody will answer: the client is refused at once or released by the
 * close, never left to wait out its timeout. The registration and the close each write then read (the map, the
 * closed flag), so at least one of them sees the other.
 */
@JCStressTest
@Description("A registration racing with close is refused or released, never left waiting.")
@Outcome(id = "1", expect = Expect.ACCEPTABLE, desc = "refused: engine is closed")
@Outcome(id = "2", expect = Expect.ACCEPTABLE, desc = "released: engine closed before answering")
@Outcome(id = "3", expect = Expect.FORBIDDEN, desc = "waited out the timeout: the close missed the registration")
@Outcome(expect = Expect.FORBIDDEN, desc = "answered, or failed otherwise")
@State
public class PendingAnswerCloseStress
{
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final PendingAnswers answers = new PendingAnswers();

    /**
     * A client registering a framework.
     *
     * @param r how the registration ended.
     */
    @Actor
    public void client(final I_Result r)
    {
        final long correlationId;
        try
        {
            correlationId = answers.expect();
        }
        catch (final IllegalStateException ex)
        {
            r.r1 = "engine is closed".equals(ex.getMessage()) ? 1 : 0;
            return;
        }
        try
        {
            answers.await(correlationId, TIMEOUT_NANOS);
            r.r1 = 0;
        }
        catch (final IllegalStateException ex)
        {
            final String message = String.valueOf(ex.getMessage());
            r.r1 = message.contains("closed before answering") ? 2 : message.startsWith("no answer") ? 3 : 0;
        }
    }

    /** The engine closing. */
    @Actor
    public void close()
    {
        answers.close();
    }
}
