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
 * A client waits for the id of a registration ({@link PendingAnswers#await}) while the kernel thread answers it
 * ({@link PendingAnswers#accepted}), in either order: the client always gets the kernel's id, never a timeout.
 */
@JCStressTest
@Description("A client waiting for a registration gets the id the kernel thread answered.")
@Outcome(id = "42", expect = Expect.ACCEPTABLE, desc = "the kernel's id")
@Outcome(expect = Expect.FORBIDDEN, desc = "no answer (-1) or another id")
@State
public class PendingAnswerHandOffStress
{
    private static final int FRAMEWORK_ID = 42;
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final PendingAnswers answers = new PendingAnswers();
    private final long correlationId = answers.expect();

    /** The kernel thread, answering the registration. */
    @Actor
    public void kernel()
    {
        answers.accepted(correlationId, FRAMEWORK_ID);
    }

    /**
     * The client thread, waiting for the id.
     *
     * @param r the id, or -1 if the wait failed.
     */
    @Actor
    public void client(final I_Result r)
    {
        try
        {
            r.r1 = answers.await(correlationId, TIMEOUT_NANOS);
        }
        catch (final IllegalStateException ex)
        {
            r.r1 = -1;
        }
    }
}
