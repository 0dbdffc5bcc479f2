package io.stowage.ipc;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.TaskEndCause;
import io.stowage.engine.EngineListener;

/**
 * Passes the placements and ended tasks a {@link io.stowage.engine.KernelEventApplier} reports on to
 * {@link #listener}, numbered by a count of their own (1, 2, 3...) rather than the applier's decision numbers, which
 * also count answers: the tests' decision streams hold placements and kills only. The numbers are the same on replay.
 * Set {@link #listener} and {@link #kernel} after construction.
 */
final class KernelDecisions implements EngineListener
{
    EngineListener listener = new EngineListener()
    {
    };
    AllocatorKernel kernel;
    long decisions;

    @Override
    public void onPlaced(
        final long decision,
        final long taskId,
        final int framework,
        final String agentId,
        final int agentEpoch,
        final long ingressNanos)
    {
        listener.onPlaced(++decisions, taskId, framework, agentId, agentEpoch, ingressNanos);
    }

    @Override
    public void onTaskEnded(
        final long decision, final long taskId, final int framework, final String agentId, final TaskEndCause cause)
    {
        listener.onTaskEnded(++decisions, taskId, framework, agentId, cause);
    }

    /** @return the resources of running tasks, read from {@link #kernel} on the kernel thread. */
    TaskResources taskResources()
    {
        return (taskId, into) ->
        {
            if (!kernel.view().isRunning(taskId))
            {
                return false;
            }
            for (int d = 0; d < into.length; d++)
            {
                into[d] = kernel.view().taskResource(taskId, d);
            }
            return true;
        };
    }
}
