package io.stowage.jmh;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.Reason;
import io.stowage.engine.AgentInputSink;
import io.stowage.engine.InputOrigin;

import java.util.Map;

/**
 * Applies what an agent queue tailer delivers straight to a kernel on the tailer's thread (no ring), counting the
 * kernel's answers, so that a benchmark measures the queue, the codec and the kernel together.
 */
final class KernelHeartbeatSink implements AgentInputSink
{
    private final AllocatorKernel kernel;
    volatile long applied;
    long refused;

    KernelHeartbeatSink(final AllocatorKernel kernel)
    {
        this.kernel = kernel;
    }

    @Override
    public void register(
        final String agentId, final long[] capacity, final Map<String, String> attributes, final long ingressNanos,
        final InputOrigin origin)
    {
        count(kernel.registerAgent(agentId, capacity, attributes, ingressNanos));
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
        count(kernel.heartbeat(kernel.view().agentSlot(agentId), epoch, sequence, usage, pressure, ingressNanos));
    }

    @Override
    public void taskFinished(
        final String agentId, final int epoch, final long taskId, final long ingressNanos, final InputOrigin origin)
    {
        count(kernel.finish(taskId));
    }

    @Override
    public void launchRefused(
        final String agentId, final int epoch, final long taskId, final Reason reason, final long ingressNanos,
        final InputOrigin origin)
    {
        count(kernel.launchRefused(taskId, kernel.view().agentSlot(agentId)));
    }

    private void count(final Reason reason)
    {
        if (reason != Reason.OK)
        {
            refused++;
        }
        applied = applied + 1;
    }
}
