package io.stowage.ipc;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.Reason;
import io.stowage.engine.AgentInputSink;
import io.stowage.engine.EngineEvent;
import io.stowage.engine.EventType;

import java.util.Map;

/**
 * What the engine does with agent inputs, minus the ring, for tests: each input becomes an {@link EngineEvent}, is
 * journaled with its origin (if a journal is given) before it is applied to the kernel, and every
 * {@code roundEvery}-th agent input is marked {@code roundAfter}. Counts the kernel's answers.
 */
final class KernelSink implements AgentInputSink
{
    final AllocatorKernel kernel;
    final JournalApplier applier;
    final EngineEvent event;
    final ChronicleJournal journal;
    final FrameOrigin origin;
    final int roundEvery;
    final long[] answers = new long[Reason.values().length];
    long agentInputs;
    Runnable afterJournal = () ->
    {
    };

    KernelSink(final AllocatorKernel kernel, final ChronicleJournal journal, final FrameOrigin origin,
        final int roundEvery)
    {
        this.kernel = kernel;
        this.applier = new JournalApplier(kernel);
        this.event = new EngineEvent(kernel.schema().dimensions());
        this.journal = journal;
        this.origin = origin;
        this.roundEvery = roundEvery;
    }

    KernelSink(final AllocatorKernel kernel)
    {
        this(kernel, null, new FrameOrigin(), 0);
    }

    @Override
    public void register(
        final String agentId, final long[] capacity, final Map<String, String> attributes, final long ingressNanos)
    {
        event.clear();
        event.type = EventType.REGISTER_AGENT;
        event.agentId = agentId;
        event.hasVector = true;
        System.arraycopy(capacity, 0, event.vector, 0, event.vector.length);
        event.attributes = attributes;
        event.ingressNanos = ingressNanos;
        applyAgentInput();
    }

    @Override
    public void heartbeat(
        final String agentId,
        final int epoch,
        final long sequence,
        final long[] usage,
        final boolean pressure,
        final long ingressNanos)
    {
        event.clear();
        event.type = EventType.HEARTBEAT;
        event.agentId = agentId;
        event.epoch = epoch;
        event.sequence = sequence;
        event.hasVector = usage != null;
        if (usage != null)
        {
            System.arraycopy(usage, 0, event.vector, 0, event.vector.length);
        }
        event.pressure = pressure;
        event.ingressNanos = ingressNanos;
        applyAgentInput();
    }

    @Override
    public void taskFinished(final String agentId, final int epoch, final long taskId, final long ingressNanos)
    {
        event.clear();
        event.type = EventType.FINISH;
        event.agentId = agentId;
        event.epoch = epoch;
        event.taskId = taskId;
        event.ingressNanos = ingressNanos;
        applyAgentInput();
    }

    @Override
    public void launchRefused(
        final String agentId, final int epoch, final long taskId, final Reason reason, final long ingressNanos)
    {
        event.clear();
        event.type = EventType.LAUNCH_REFUSED;
        event.agentId = agentId;
        event.epoch = epoch;
        event.taskId = taskId;
        event.ingressNanos = ingressNanos;
        applyAgentInput();
    }

    private void applyAgentInput()
    {
        agentInputs++;
        event.roundAfter = roundEvery > 0 && agentInputs % roundEvery == 0;
        if (journal != null)
        {
            journal.append(event, origin);
            afterJournal.run();
        }
        answers[applier.apply(event).ordinal()]++;
    }

    /** Journals and applies an input that did not come from an agent queue. */
    Reason applyOther(final EngineEvent other)
    {
        if (journal != null)
        {
            journal.append(other);
        }
        final Reason reason = applier.apply(other);
        answers[reason.ordinal()]++;
        return reason;
    }

    long answers(final Reason reason)
    {
        return answers[reason.ordinal()];
    }
}
