package io.stowage.ipc;

import io.stowage.core.TaskEndCause;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A decision handler that records each decision as a line of text. */
final class RecordingDecisions implements DecisionHandler
{
    final List<String> decisions = new ArrayList<>();

    @Override
    public void onLaunch(
        final long decision,
        final long taskId,
        final long taskKey,
        final int framework,
        final String agentId,
        final int epoch,
        final long[] resources)
    {
        decisions.add(decision + " launch " + taskId + keyText(taskKey) + " fw" + framework + " " + agentId + "/" + epoch + " " +
            Arrays.toString(resources));
    }

    @Override
    public void onKill(
        final long decision,
        final long taskId,
        final long taskKey,
        final int framework,
        final String agentId,
        final TaskEndCause cause)
    {
        decisions.add(decision + " kill " + taskId + keyText(taskKey) + " fw" + framework + " " + agentId + " " + cause);
    }

    private static String keyText(final long taskKey)
    {
        return taskKey == -1 ? "" : " key=" + taskKey;
    }
}
