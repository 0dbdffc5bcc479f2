package io.stowage.ipc;

import io.stowage.core.Reason;
import io.stowage.engine.AgentInputSink;
import io.stowage.engine.InputOrigin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A sink that records each input as a line of text, for asserting what a tailer delivered. */
final class RecordingSink implements AgentInputSink
{
    final List<String> inputs = new ArrayList<>();

    @Override
    public void register(
        final String agentId, final long[] capacity, final Map<String, String> attributes, final long ingressNanos,
        final InputOrigin origin)
    {
        inputs.add("register " + agentId + " " + Arrays.toString(capacity) + " " + new java.util.TreeMap<>(attributes));
    }

    @Override
    public void heartbeat(
        final String agentId,
        final int epoch,
        final long sequence,
        final long[] usage,
        final boolean pressure,
        final long ingressNanos,
        final InputOrigin origin)
    {
        inputs.add("heartbeat " + agentId + " " + epoch + " " + sequence + " " +
            (usage == null ? "-" : Arrays.toString(usage)) + " " + pressure);
    }

    @Override
    public void taskFinished(
        final String agentId, final int epoch, final long taskId, final long ingressNanos, final InputOrigin origin)
    {
        inputs.add("finished " + agentId + " " + epoch + " " + taskId);
    }

    @Override
    public void launchRefused(
        final String agentId, final int epoch, final long taskId, final Reason reason, final long ingressNanos,
        final InputOrigin origin)
    {
        inputs.add("refused " + agentId + " " + epoch + " " + taskId + " " + reason);
    }
}
