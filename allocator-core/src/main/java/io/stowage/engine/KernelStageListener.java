package io.stowage.engine;

import io.stowage.core.Reason;
import io.stowage.core.TaskEndCause;
import io.stowage.core.TaskRecord;

import java.util.function.LongSupplier;

/**
 * Sits between the applier and the embedder's listener on the kernel thread: counts each answer and decision, times
 * submits and placements from ingress to decision, completes the registrations a client waits for, and forwards.
 * While a journal is replayed into the engine before it starts, it only forwards: those decisions were counted and
 * answered by the engine that first made them.
 */
final class KernelStageListener implements EngineListener
{
    private final EngineListener delegate;
    private final EngineCounters counters;
    private final LatencyMeter latency;
    private final PendingAnswers answers;
    private final LongSupplier clock;
    private long ingressNanos;
    private boolean replaying;

    KernelStageListener(
        final EngineListener delegate,
        final EngineCounters counters,
        final LatencyMeter latency,
        final PendingAnswers answers,
        final LongSupplier clock)
    {
        this.delegate = delegate;
        this.counters = counters;
        this.latency = latency;
        this.answers = answers;
        this.clock = clock;
    }

    void replaying(final boolean replaying)
    {
        this.replaying = replaying;
    }

    void ingressNanos(final long ingressNanos)
    {
        this.ingressNanos = ingressNanos;
    }

    @Override
    public void onQueued(final long decision, final long correlationId, final long taskId, final long key)
    {
        if (!replaying)
        {
            counters.queued();
            latency.record(clock.getAsLong() - ingressNanos);
        }
        delegate.onQueued(decision, correlationId, taskId, key);
    }

    @Override
    public void onRejected(final long decision, final long correlationId, final EventType type, final Reason reason)
    {
        if (!replaying)
        {
            counters.rejected(reason);
            if (type == EventType.SUBMIT)
            {
                latency.record(clock.getAsLong() - ingressNanos);
            }
            else if (PendingAnswers.isAwaited(type))
            {
                answers.refused(correlationId, type, reason);
            }
        }
        delegate.onRejected(decision, correlationId, type, reason);
    }

    @Override
    public void onPlaced(
        final long decision, final TaskRecord task, final String agentId, final int agentEpoch,
        final long ingressNanos)
    {
        if (!replaying)
        {
            counters.placed();
            latency.record(clock.getAsLong() - ingressNanos);
        }
        delegate.onPlaced(decision, task, agentId, agentEpoch, ingressNanos);
    }

    @Override
    public void onTaskEnded(
        final long decision, final TaskRecord task, final String agentId, final TaskEndCause cause)
    {
        if (!replaying)
        {
            counters.ended(cause);
        }
        delegate.onTaskEnded(decision, task, agentId, cause);
    }

    @Override
    public void onAccepted(final long decision, final long correlationId, final EventType type, final int id)
    {
        if (!replaying)
        {
            counters.accepted();
            if (PendingAnswers.isAwaited(type))
            {
                answers.accepted(correlationId, id);
            }
        }
        delegate.onAccepted(decision, correlationId, type, id);
    }

    @Override
    public void onAgentRegistered(final long decision, final String agentId, final int epoch)
    {
        if (!replaying)
        {
            counters.agentRegistered();
        }
        delegate.onAgentRegistered(decision, agentId, epoch);
    }
}
