package io.stowage.engine;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import io.stowage.core.AllocatorKernel;
import io.stowage.core.KernelView;

/**
 * The second stage, gated on the journal: the only writer of allocation state. Applies each event through the
 * {@link KernelEventApplier} (a {@link EventType#QUERY} is asked of the kernel's view instead, and makes no
 * decision), and at the end of each batch publishes the ring occupancy, the kernel's gauges and,
 * when due, the latency percentiles.
 */
final class KernelStage implements EventHandler<EngineEvent>
{
    private final KernelEventApplier applier;
    private final KernelStageListener listener;
    private final EngineCounters counters;
    private final LatencyMeter latency;
    private final RingBuffer<EngineEvent> ring;
    private final EngineSnapshotter snapshotter;

    KernelStage(
        final KernelEventApplier applier,
        final KernelStageListener listener,
        final EngineCounters counters,
        final LatencyMeter latency,
        final RingBuffer<EngineEvent> ring,
        final EngineSnapshotter snapshotter)
    {
        this.snapshotter = snapshotter;
        this.applier = applier;
        this.listener = listener;
        this.counters = counters;
        this.latency = latency;
        this.ring = ring;
    }

    @Override
    public void onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch)
    {
        counters.event(event.type);
        if (event.type == EventType.QUERY)
        {
            ask(event);
        }
        else
        {
            listener.ingressNanos(event.ingressNanos);
            applier.apply(event);
            if (snapshotter != null)
            {
                snapshotter.afterApplied(event, applier);
            }
        }
        if (endOfBatch)
        {
            publishGauges();
            latency.publishIfDue(System.nanoTime());
        }
    }

    @Override
    public void onShutdown()
    {
        if (snapshotter != null)
        {
            snapshotter.close();
        }
        publishGauges();
        latency.publish(System.nanoTime());
    }

    /** Answers a query between two inputs; the slot lets go of the question, which may hold the caller's objects. */
    private void ask(final EngineEvent event)
    {
        final KernelQuery<?> query = event.query;
        event.query = null;
        if (query != null)
        {
            query.ask(applier.kernel().view());
        }
    }

    private void publishGauges()
    {
        final long capacity = ring.getBufferSize();
        counters.ring(Math.max(0, Math.min(capacity, capacity - ring.remainingCapacity())), capacity);
        final AllocatorKernel kernel = applier.kernel();
        final KernelView view = kernel.view();
        counters.kernelGauges(view.agentCount(), view.runningTaskCount(), view.pendingTaskCount());
    }
}
