package io.stowage.ipc;

import io.stowage.core.KernelConfig;
import io.stowage.core.Reason;
import io.stowage.core.TaskEndCause;
import io.stowage.core.TaskRecord;
import io.stowage.engine.EngineListener;
import io.stowage.engine.EventType;
import io.stowage.engine.KernelEventApplier;

import java.util.ArrayList;
import java.util.List;

/** Every answer and report of an applier, numbers included, as text: what replay tests compare. */
final class DecisionLog implements EngineListener
{
    final List<String> log = new ArrayList<>();
    final List<Long> placed = new ArrayList<>();
    final List<Throwable> errors = new ArrayList<>();
    final long[] answers = new long[Reason.values().length];

    KernelEventApplier applier()
    {
        return new KernelEventApplier(TestKernels.config(), this, errors::add);
    }

    KernelEventApplier applier(final KernelConfig config)
    {
        return new KernelEventApplier(config, this, errors::add);
    }

    @Override
    public void onQueued(final long decision, final long correlationId, final long taskId, final long key)
    {
        log.add(decision + " queued " + correlationId + " " + taskId);
        answers[Reason.OK.ordinal()]++;
    }

    @Override
    public void onRejected(final long decision, final long correlationId, final EventType type, final Reason reason)
    {
        log.add(decision + " rejected " + correlationId + " " + type + " " + reason);
        answers[reason.ordinal()]++;
    }

    @Override
    public void onAccepted(final long decision, final long correlationId, final EventType type, final int id)
    {
        log.add(decision + " accepted " + correlationId + " " + type + " " + id);
        answers[Reason.OK.ordinal()]++;
    }

    @Override
    public void onAgentRegistered(final long decision, final String agentId, final int epoch)
    {
        log.add(decision + " registered " + agentId + "/" + epoch);
        answers[Reason.OK.ordinal()]++;
    }

    @Override
    public void onPlaced(
        final long decision, final TaskRecord task, final String agentId, final int agentEpoch,
        final long ingressNanos)
    {
        final long taskId = task.taskId();
        final int framework = task.framework();
        log.add(decision + " placed " + taskId + " on " + agentId + "/" + agentEpoch + " at " + ingressNanos);
        placed.add(taskId);
    }

    @Override
    public void onTaskEnded(
        final long decision, final TaskRecord task, final String agentId, final TaskEndCause cause)
    {
        final long taskId = task.taskId();
        final int framework = task.framework();
        log.add(decision + " ended " + taskId + " on " + agentId + " " + cause);
    }
}
