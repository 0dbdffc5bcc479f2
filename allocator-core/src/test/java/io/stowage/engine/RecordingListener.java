package io.stowage.engine;

import io.stowage.core.Reason;
import io.stowage.core.TaskRecord;
import io.stowage.core.TaskEndCause;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** Records every answer and decision as text, in order, for tests; reads are safe from the test thread. */
final class RecordingListener implements EngineListener
{
    private final List<String> decisions = new ArrayList<>();
    private long lastDecision;

    @Override
    public void onQueued(final long decision, final long correlationId, final long taskId, final long key)
    {
        add(decision, "QUEUED corr=" + correlationId + " task=" + taskId + keyText(key));
    }

    @Override
    public void onRejected(final long decision, final long correlationId, final EventType type, final Reason reason)
    {
        add(decision, "REJECTED corr=" + correlationId + " " + type + " " + reason);
    }

    @Override
    public void onPlaced(
        final long decision, final TaskRecord task, final String agentId, final int agentEpoch,
        final long ingressNanos)
    {
        final long taskId = task.taskId();
        final int framework = task.framework();
        add(decision, "PLACED task=" + taskId + keyText(task.key()) + " res=" +
            java.util.Arrays.toString(task.copyResources(new long[task.dimensions()])) + " fw=" + framework +
            " agent=" + agentId + " epoch=" + agentEpoch);
    }

    @Override
    public void onTaskEnded(
        final long decision, final TaskRecord task, final String agentId, final TaskEndCause cause)
    {
        final long taskId = task.taskId();
        final int framework = task.framework();
        add(decision, "ENDED task=" + taskId + keyText(task.key()) + " fw=" + framework + " agent=" + agentId + " " +
            cause);
    }

    @Override
    public void onAccepted(final long decision, final long correlationId, final EventType type, final int id)
    {
        add(decision, "ACCEPTED corr=" + correlationId + " " + type + " id=" + id);
    }

    @Override
    public void onAgentRegistered(final long decision, final String agentId, final int epoch)
    {
        add(decision, "REGISTERED agent=" + agentId + " epoch=" + epoch);
    }

    private synchronized void add(final long decision, final String text)
    {
        if (decision != lastDecision + 1)
        {
            decisions.add("OUT OF ORDER: decision " + decision + " after " + lastDecision);
        }
        lastDecision = decision;
        decisions.add(decision + " " + text);
        notifyAll();
    }

    synchronized List<String> decisions()
    {
        return new ArrayList<>(decisions);
    }

    /** Waits until a decision matching the predicate arrives and returns it. */
    synchronized String await(final Predicate<String> match)
    {
        final long deadline = System.nanoTime() + 10_000_000_000L;
        int next = 0;
        while (true)
        {
            for (; next < decisions.size(); next++)
            {
                if (match.test(decisions.get(next)))
                {
                    return decisions.get(next);
                }
            }
            final long remaining = deadline - System.nanoTime();
            if (remaining <= 0)
            {
                return fail("no matching decision in " + decisions);
            }
            try
            {
                wait(Math.max(1, remaining / 1_000_000));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return fail("interrupted");
            }
        }
    }

    String await(final String contains)
    {
        return await(text -> text.contains(contains));
    }

    private static String keyText(final long key)
    {
        return key == io.stowage.core.TaskRequest.NO_KEY ? "" : " key=" + key;
    }
}
