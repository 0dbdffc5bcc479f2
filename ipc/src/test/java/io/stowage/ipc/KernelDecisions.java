package io.stowage.ipc;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.DecisionListener;
import io.stowage.core.TaskEndCause;
import io.stowage.engine.EngineListener;

/**
 * Turns the kernel's decision callbacks (by agent slot) into the engine's (by agent id, numbered), as the engine's
 * kernel stage does: the numbers grow by one per decision and are the same on replay. Set {@link #listener} and
 * {@link #kernel} after construction (the kernel takes this listener when it is built).
 */
final class KernelDecisions implements DecisionListener
{
    EngineListener listener = new EngineListener()
    {
    };
    AllocatorKernel kernel;
    long decisions;

    @Override
    public void onPlaced(final long taskId, final int framework, final int agentSlot, final int agentEpoch)
    {
        listener.onPlaced(++decisions, taskId, framework, kernel.agentId(agentSlot), agentEpoch, kernel.now());
    }

    @Override
    public void onTaskEnded(final long taskId, final int framework, final int agentSlot, final TaskEndCause cause)
    {
        listener.onTaskEnded(++decisions, taskId, framework, kernel.agentId(agentSlot), cause);
    }

    /** @return the resources of running tasks, read from {@link #kernel} on the kernel thread. */
    TaskResources taskResources()
    {
        return (taskId, into) ->
        {
            if (!kernel.isRunning(taskId))
            {
                return false;
            }
            for (int d = 0; d < into.length; d++)
            {
                into[d] = kernel.taskResource(taskId, d);
            }
            return true;
        };
    }
}
