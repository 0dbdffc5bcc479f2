package io.stowage.ipc;

import io.stowage.core.TaskRecord;
import io.stowage.core.TaskEndCause;
import io.stowage.engine.EngineListener;

/**
 * Passes the placements and ended tasks a {@link io.stowage.engine.KernelEventApplier} reports on to
 * {@link #listener}, numbered by a count of their own (1, 2, 3...) rather than the applier's decision numbers, which
 * also count answers: the tests' decision streams hold placements and kills only. The numbers are the same on replay.
 * Set {@link #listener} after construction.
 */
final class KernelDecisions implements EngineListener
{
    EngineListener listener = new EngineListener()
    {
    };
    long decisions;

    @Override
    public void onPlaced(
        final long decision, final TaskRecord task, final String agentId, final int agentEpoch,
        final long ingressNanos)
    {
        listener.onPlaced(++decisions, task, agentId, agentEpoch, ingressNanos);
    }

    @Override
    public void onTaskEnded(
        final long decision, final TaskRecord task, final String agentId, final TaskEndCause cause)
    {
        listener.onTaskEnded(++decisions, task, agentId, cause);
    }
}
