package io.stowage.ipc;

import io.stowage.engine.InputOrigin;
import io.stowage.core.TaskRecord;
import io.stowage.core.AllocatorKernel;
import io.stowage.core.Reason;
import io.stowage.core.TaskEndCause;
import io.stowage.engine.AgentInputSink;
import io.stowage.engine.EngineEvent;
import io.stowage.engine.EngineListener;
import io.stowage.engine.EventType;
import io.stowage.engine.KernelEventApplier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the engine does with agent inputs, minus the ring, for tests: each input becomes an {@link EngineEvent}, is
 * journaled with its origin (if a journal is given) before the engine's {@link KernelEventApplier} applies it to its
 * kernel, and every {@code roundEvery}-th agent input is marked {@code roundAfter}. Counts the applier's answers (an
 * input it does not answer, a heartbeat or a tick, counts as {@link Reason#OK}).
 */
final class KernelSink implements AgentInputSink
{
    final KernelEventApplier applier;
    final AllocatorKernel kernel;
    final EngineEvent event;
    final ChronicleJournal journal;
    final int roundEvery;
    final long[] answers = new long[Reason.values().length];
    final List<Throwable> errors = new ArrayList<>();
    long agentInputs;
    Runnable afterJournal = () ->
    {
    };
    private Reason answer;

    KernelSink(final EngineListener listener, final ChronicleJournal journal, final int roundEvery)
    {
        this.applier = new KernelEventApplier(TestKernels.config(), new Answers(listener), errors::add);
        this.kernel = applier.kernel();
        this.event = new EngineEvent(kernel.schema().dimensions());
        this.journal = journal;
        this.roundEvery = roundEvery;
    }

    KernelSink(final EngineListener listener)
    {
        this(listener, null, 0);
    }

    KernelSink()
    {
        this(new EngineListener()
        {
        });
    }

    @Override
    public void register(
        final String agentId, final long[] capacity, final Map<String, String> attributes, final long ingressNanos,
        final InputOrigin origin)
    {
        event.clear();
        event.type = EventType.REGISTER_AGENT;
        event.agentId = agentId;
        event.hasVector = true;
        System.arraycopy(capacity, 0, event.vector, 0, event.vector.length);
        event.attributes = attributes;
        event.ingressNanos = ingressNanos;
        event.origin.copy(origin);
        applyAgentInput();
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
        event.origin.copy(origin);
        applyAgentInput();
    }

    @Override
    public void taskFinished(
        final String agentId, final int epoch, final long taskId, final long ingressNanos, final InputOrigin origin)
    {
        event.clear();
        event.type = EventType.FINISH;
        event.agentId = agentId;
        event.epoch = epoch;
        event.taskId = taskId;
        event.ingressNanos = ingressNanos;
        event.origin.copy(origin);
        applyAgentInput();
    }

    @Override
    public void launchRefused(
        final String agentId, final int epoch, final long taskId, final Reason reason, final long ingressNanos,
        final InputOrigin origin)
    {
        event.clear();
        event.type = EventType.LAUNCH_REFUSED;
        event.agentId = agentId;
        event.epoch = epoch;
        event.taskId = taskId;
        event.ingressNanos = ingressNanos;
        event.origin.copy(origin);
        applyAgentInput();
    }

    private void applyAgentInput()
    {
        agentInputs++;
        event.roundAfter = roundEvery > 0 && agentInputs % roundEvery == 0;
        if (journal != null)
        {
            journal.append(event);
            afterJournal.run();
        }
        apply(event);
    }

    private Reason apply(final EngineEvent input)
    {
        answer = null;
        applier.apply(input);
        final Reason reason = answer == null ? Reason.OK : answer;
        answers[reason.ordinal()]++;
        return reason;
    }

    /** Journals and applies an input that did not come from an agent queue. */
    Reason applyOther(final EngineEvent other)
    {
        if (journal != null)
        {
            journal.append(other);
        }
        return apply(other);
    }

    long answers(final Reason reason)
    {
        return answers[reason.ordinal()];
    }

    /** Notes the answer to the input being applied and passes every report on. */
    private final class Answers implements EngineListener
    {
        private final EngineListener next;

        Answers(final EngineListener next)
        {
            this.next = next;
        }

        @Override
        public void onQueued(final long decision, final long correlationId, final long taskId, final long key)
        {
            answer = Reason.OK;
            next.onQueued(decision, correlationId, taskId, key);
        }

        @Override
        public void onRejected(final long decision, final long correlationId, final EventType type, final Reason reason)
        {
            answer = reason;
            next.onRejected(decision, correlationId, type, reason);
        }

        @Override
        public void onAccepted(final long decision, final long correlationId, final EventType type, final int id)
        {
            answer = Reason.OK;
            next.onAccepted(decision, correlationId, type, id);
        }

        @Override
        public void onAgentRegistered(final long decision, final String agentId, final int epoch)
        {
            answer = Reason.OK;
            next.onAgentRegistered(decision, agentId, epoch);
        }

        @Override
        public void onPlaced(
            final long decision, final TaskRecord task, final String agentId, final int agentEpoch,
            final long ingressNanos)
        {
            next.onPlaced(decision, task, agentId, agentEpoch, ingressNanos);
        }

        @Override
        public void onTaskEnded(
            final long decision, final TaskRecord task, final String agentId, final TaskEndCause cause)
        {
            next.onTaskEnded(decision, task, agentId, cause);
        }
    }
}
