package io.stowage.engine;

import io.stowage.core.KernelView;
import io.stowage.core.Reason;
import io.stowage.core.TaskEndCause;
import io.stowage.core.TaskRecord;

/**
 * Counts a kernel's inputs, answers and decisions into {@link EngineCounters}, the same families the engine's kernel
 * stage writes, then forwards each decision: for an embedder that applies events with its own
 * {@link KernelEventApplier} outside {@link AllocatorEngine} (the Aeron Cluster service) and still wants
 * {@code ./stowage stat} and the Prometheus families. It does not time decisions (no latency figures) and has no ring
 * (ring gauges stay 0). Single writer: call it on the applying thread only.
 */
public final class CountingEngineListener implements EngineListener
{
    private final EngineListener delegate;
    private final EngineCounters counters;

    /**
     * @param delegate receives every decision after it is counted.
     * @param counters where the counts go.
     */
    public CountingEngineListener(final EngineListener delegate, final EngineCounters counters)
    {
        this.delegate = delegate;
        this.counters = counters;
    }

    /**
     * Counts one input applied ({@code stowage_events_total}).
     *
     * @param type the input's type.
     */
    public void event(final EventType type)
    {
        counters.event(type);
    }

    /**
     * Publishes the kernel's gauges (agents, running and pending tasks).
     *
     * @param view the kernel's view, on the applying thread.
     */
    public void gauges(final KernelView view)
    {
        counters.kernelGauges(view.agentCount(), view.runningTaskCount(), view.pendingTaskCount());
    }

    /** Counts an error caught around the kernel ({@code stowage_errors_total{stage="kernel"}}). */
    public void kernelError()
    {
        counters.kernelError();
    }

    @Override
    public void onQueued(final long decision, final long correlationId, final long taskId, final long key)
    {
        counters.queued();
        delegate.onQueued(decision, correlationId, taskId, key);
    }

    @Override
    public void onRejected(final long decision, final long correlationId, final EventType type, final Reason reason)
    {
        counters.rejected(reason);
        delegate.onRejected(decision, correlationId, type, reason);
    }

    @Override
    public void onPlaced(
        final long decision, final TaskRecord task, final String agentId, final int agentEpoch,
        final long ingressNanos)
    {
        counters.placed();
        delegate.onPlaced(decision, task, agentId, agentEpoch, ingressNanos);
    }

    @Override
    public void onTaskEnded(
        final long decision, final TaskRecord task, final String agentId, final TaskEndCause cause)
    {
        counters.ended(cause);
        delegate.onTaskEnded(decision, task, agentId, cause);
    }

    @Override
    public void onAccepted(final long decision, final long correlationId, final EventType type, final int id)
    {
        counters.accepted();
        delegate.onAccepted(decision, correlationId, type, id);
    }

    @Override
    public void onAgentRegistered(final long decision, final String agentId, final int epoch)
    {
        counters.agentRegistered();
        delegate.onAgentRegistered(decision, agentId, epoch);
    }
}
