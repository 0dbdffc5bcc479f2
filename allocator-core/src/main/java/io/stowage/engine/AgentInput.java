package io.stowage.engine;

import com.lmax.disruptor.RingBuffer;
import io.stowage.core.Reason;

import java.util.Map;

/**
 * Publishes agent inputs into the engine's ring: claim a slot, fill the pre-allocated event, publish, nothing
 * captured and nothing allocated. A capacity or usage vector with the wrong number of dimensions cannot be
 * represented in an event: it is counted as a malformed frame and dropped. The reason of a launch refusal is the
 * agent's business; the kernel's answer depends only on the task and the agent.
 */
final class AgentInput implements AgentInputSink
{
    private final RingBuffer<EngineEvent> ring;
    private final EngineCounters counters;
    private final int dimensions;

    AgentInput(final RingBuffer<EngineEvent> ring, final EngineCounters counters, final int dimensions)
    {
        this.ring = ring;
        this.counters = counters;
        this.dimensions = dimensions;
    }

    @Override
    public void register(
        final String agentId, final long[] capacity, final Map<String, String> attributes, final long ingressNanos,
        final InputOrigin origin)
    {
        if (capacity == null || capacity.length != dimensions)
        {
            counters.malformedFrame();
            return;
        }
        final long sequence = ring.next();
        try
        {
            final EngineEvent event = agentEvent(sequence, EventType.REGISTER_AGENT, agentId, 0, ingressNanos, origin);
            event.hasVector = true;
            System.arraycopy(capacity, 0, event.vector, 0, dimensions);
            event.attributes = attributes;
        }
        finally
        {
            ring.publish(sequence);
        }
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
        if (usage != null && usage.length != dimensions)
        {
            counters.malformedFrame();
            return;
        }
        final long slot = ring.next();
        try
        {
            final EngineEvent event = agentEvent(slot, EventType.HEARTBEAT, agentId, epoch, ingressNanos, origin);
            event.sequence = sequence;
            event.pressure = pressure;
            if (usage != null)
            {
                event.hasVector = true;
                System.arraycopy(usage, 0, event.vector, 0, dimensions);
            }
        }
        finally
        {
            ring.publish(slot);
        }
    }

    @Override
    public void taskFinished(
        final String agentId, final int epoch, final long taskId, final long ingressNanos, final InputOrigin origin)
    {
        publishTask(EventType.FINISH, agentId, epoch, taskId, ingressNanos, origin);
    }

    @Override
    public void launchRefused(
        final String agentId, final int epoch, final long taskId, final Reason reason, final long ingressNanos,
        final InputOrigin origin)
    {
        publishTask(EventType.LAUNCH_REFUSED, agentId, epoch, taskId, ingressNanos, origin);
    }

    private void publishTask(
        final EventType type,
        final String agentId,
        final int epoch,
        final long taskId,
        final long ingressNanos,
        final InputOrigin origin)
    {
        final long sequence = ring.next();
        try
        {
            agentEvent(sequence, type, agentId, epoch, ingressNanos, origin).taskId = taskId;
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    private EngineEvent agentEvent(
        final long sequence,
        final EventType type,
        final String agentId,
        final int epoch,
        final long ingressNanos,
        final InputOrigin origin)
    {
        final EngineEvent event = ring.get(sequence);
        event.clear();
        event.type = type;
        event.agentId = agentId;
        event.epoch = epoch;
        event.ingressNanos = ingressNanos;
        event.origin.copy(origin);
        return event;
    }
}
