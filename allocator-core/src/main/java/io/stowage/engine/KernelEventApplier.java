package io.stowage.engine;

import io.stowage.core.AdoptedTask;
import io.stowage.core.AllocatorKernel;
import io.stowage.core.Decision;
import io.stowage.core.DecisionKind;
import io.stowage.core.DecisionListener;
import io.stowage.core.KernelConfig;
import io.stowage.core.KernelSnapshot;
import io.stowage.core.Reason;
import io.stowage.core.SnapshotException;
import io.stowage.core.TaskEndCause;
import io.stowage.core.TaskRecord;
import io.stowage.core.TaskRequest;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.ExpandableDirectByteBuffer;

import java.util.List;
import java.util.Map;

/**
 * Applies engine events to a kernel it owns, with the engine's semantics: the kernel stage of
 * {@link AllocatorEngine} uses it for live inputs and recovery uses it to replay a journal into a fresh kernel, so
 * both give the same state and the same decisions with the same decision numbers.
 * <ul>
 *     <li>Agent inputs name the agent by external id, resolved with
 *     {@link io.stowage.core.KernelView#agentSlot(String)}; an
 *     id no agent holds is answered {@link Reason#UNKNOWN_AGENT}. A task finished or refused by an agent must carry
 *     the agent's current epoch ({@link Reason#STALE_EPOCH}) and be a task on that agent
 *     ({@link Reason#UNKNOWN_TASK}): an agent cannot end another agent's task.</li>
 *     <li>A {@link EventType#TICK} applies heartbeat timeouts and then runs an allocation round; after any event with
 *     {@link EngineEvent#roundAfter} (a tick included) a round runs at the event's ingress time.</li>
 *     <li>Every submit is answered exactly once, queued or rejected; other refused inputs are answered rejected;
 *     other applied inputs but heartbeats and ticks are answered accepted. Placements and the tasks the kernel ends
 *     are reported as they happen. Each answer or report takes the next decision number.</li>
 *     <li>Errors never escape: a throw from the kernel is handed to the error handler and the input is answered
 *     {@link Reason#INVALID_REQUEST} if it had no answer yet; a throw from the listener is handed to the error
 *     handler and swallowed, so it can never unwind the kernel in the middle of an operation.</li>
 * </ul>
 * Single-threaded: the first thread to apply an event owns the applier, and another thread applying one is an error.
 * Submits, finishes and heartbeats allocate nothing.
 */
public final class KernelEventApplier
{
    /** "STAP": the first bytes of an applier snapshot. */
    private static final int SNAPSHOT_MAGIC = 0x50415453;
    /** Magic, 4 reserved bytes, the last decision number; the kernel snapshot follows. */
    private static final int SNAPSHOT_HEADER = 2 * Long.BYTES;

    private final AllocatorKernel kernel;
    private final EngineListener listener;
    private final ErrorHandler errorHandler;
    private final TaskRequest request;
    private final Decision decision = new Decision();
    private long lastDecision;
    private long ingressNanos;
    private boolean answered;
    private Thread owner;

    /**
     * @param config       the kernel's configuration.
     * @param listener     receives the answers and decisions, on the applying thread.
     * @param errorHandler receives what the kernel or the listener threw.
     */
    public KernelEventApplier(final KernelConfig config, final EngineListener listener, final ErrorHandler errorHandler)
    {
        this.kernel = new AllocatorKernel(config, new KernelDecisions());
        this.listener = listener;
        this.errorHandler = errorHandler;
        this.request = new TaskRequest(config.schema());
    }

    /**
     * Builds an applier around a kernel loaded from a snapshot that {@link #writeSnapshot} wrote: the kernel's state
     * and the number of the last decision are those of the applier that wrote it, so the decisions that follow carry
     * the numbers they would have had.
     *
     * @param config       the kernel's configuration, the one the snapshot was taken with.
     * @param listener     receives the answers and decisions, on the applying thread.
     * @param errorHandler receives what the kernel or the listener threw.
     * @param snapshot     the snapshot's bytes.
     * @param offset       its first byte.
     * @param length       the bytes available from there.
     * @throws SnapshotException naming what is wrong with the snapshot.
     */
    public KernelEventApplier(
        final KernelConfig config, final EngineListener listener, final ErrorHandler errorHandler,
        final DirectBuffer snapshot, final int offset, final int length)
    {
        this(config, listener, errorHandler, snapshot, offset, length, true);
    }

    /**
     * Builds an applier around a kernel loaded from a snapshot, optionally without recomputing the kernel's state
     * hash (see {@link KernelSnapshot#load(KernelConfig, DecisionListener, DirectBuffer, int, int, boolean)}).
     *
     * @param config          the kernel's configuration, the one the snapshot was taken with.
     * @param listener        receives the answers and decisions, on the applying thread.
     * @param errorHandler    receives what the kernel or the listener threw.
     * @param snapshot        the snapshot's bytes.
     * @param offset          its first byte.
     * @param length          the bytes available from there.
     * @param verifyStateHash true to compare the loaded kernel's state hash with the one written.
     * @throws SnapshotException naming what is wrong with the snapshot.
     */
    public KernelEventApplier(
        final KernelConfig config, final EngineListener listener, final ErrorHandler errorHandler,
        final DirectBuffer snapshot, final int offset, final int length, final boolean verifyStateHash)
    {
        if (length < SNAPSHOT_HEADER || snapshot.getInt(offset) != SNAPSHOT_MAGIC)
        {
            throw new SnapshotException("not an applier snapshot: its first bytes are not the magic " +
                Integer.toHexString(SNAPSHOT_MAGIC));
        }
        this.lastDecision = snapshot.getLong(offset + Long.BYTES);
        if (lastDecision < 0)
        {
            throw new SnapshotException("the applier snapshot's last decision is " + lastDecision);
        }
        this.kernel = KernelSnapshot.load(config, new KernelDecisions(), snapshot, offset + SNAPSHOT_HEADER,
            length - SNAPSHOT_HEADER, verifyStateHash);
        this.listener = listener;
        this.errorHandler = errorHandler;
        this.request = new TaskRequest(config.schema());
    }

    /**
     * Writes the applier's state (the number of the last decision, then a {@link KernelSnapshot} of its kernel), on
     * the applying thread, between two events.
     *
     * @param buffer where the snapshot goes, grown as needed.
     * @param offset where its first byte goes.
     * @return the snapshot's length in bytes.
     */
    public int writeSnapshot(final ExpandableDirectByteBuffer buffer, final int offset)
    {
        checkOwner();
        buffer.putInt(offset, SNAPSHOT_MAGIC);
        buffer.putInt(offset + Integer.BYTES, 0);
        buffer.putLong(offset + Long.BYTES, lastDecision);
        return SNAPSHOT_HEADER + KernelSnapshot.write(kernel, buffer, offset + SNAPSHOT_HEADER);
    }

    /**
     * The kernel this applier writes. Only the applying thread may touch it while events are applied.
     *
     * @return the kernel.
     */
    public AllocatorKernel kernel()
    {
        return kernel;
    }

    /** @return the number of the last decision made, 0 before the first. */
    public long lastDecision()
    {
        return lastDecision;
    }

    /**
     * Applies one event, then a round if the event asks for one.
     *
     * @param event the input; read, not kept.
     */
    public void apply(final EngineEvent event)
    {
        checkOwner();
        final long time = event.ingressNanos;
        ingressNanos = time;
        answered = false;
        try
        {
            dispatch(event);
        }
        catch (final Throwable ex)
        {
            errorHandler.onError(new IllegalStateException(event.type + " failed in the kernel: " + ex, ex));
            if (!answered)
            {
                rejected(event, Reason.INVALID_REQUEST);
            }
        }
        if (event.roundAfter)
        {
            round(time);
        }
    }

    private void dispatch(final EngineEvent event)
    {
        switch (event.type)
        {
            case SUBMIT -> submit(event);
            case FINISH -> finish(event);
            case REGISTER_AGENT -> registerAgent(event);
            case HEARTBEAT -> heartbeat(event);
            case UPDATE_CAPACITY -> answer(event, event.hasVector ?
                kernel.updateCapacity(slotOf(event), event.vector) : Reason.INVALID_REQUEST, -1);
            case DRAIN -> answer(event, kernel.drain(slotOf(event)), -1);
            case UNDRAIN -> answer(event, kernel.undrain(slotOf(event)), -1);
            case REMOVE_AGENT -> answer(event, kernel.removeAgent(slotOf(event)), -1);
            case LAUNCH_REFUSED -> launchRefused(event);
            case SET_ROLE -> answer(event, kernel.setRole(event.name, event.weight, event.guarantee, event.limit), -1);
            case REGISTER_FRAMEWORK -> registerFramework(event);
            case TICK -> tick(event.ingressNanos);
            case INTERN_LABEL -> answerId(event, event.name == null ? -1 : kernel.internLabel(event.name));
            case INTERN_CONSTRAINTS -> answerId(event,
                event.constraintList == null ? -1 : kernel.internConstraints(event.constraintList));
            case CANCEL -> cancel(event);
            case UPDATE_FRAMEWORK -> answer(event, kernel.updateFramework(
                event.framework, event.role, event.rateMillisPerSecond, event.burst, event.maxPending), -1);
            case SUPPRESS_FRAMEWORK -> answer(event, kernel.suppress(event.framework), -1);
            case REVIVE_FRAMEWORK -> answer(event, kernel.revive(event.framework), -1);
            case REMOVE_FRAMEWORK -> answer(event, kernel.removeFramework(event.framework), -1);
            case UPDATE_ATTRIBUTES -> answer(event, kernel.updateAttributes(slotOf(event), event.attributes), -1);
            case QUERY ->
            {
                // Not an input: the engine's kernel stage answers queries, and no journal holds one. No decision.
            }
            default -> rejected(event, Reason.INVALID_REQUEST);
        }
    }

    private void submit(final EngineEvent event)
    {
        final TaskRequest request = this.request.reset(event.framework)
            .priority(event.priority)
            .revocable(event.revocable)
            .label(event.label)
            .constraints(event.constraints)
            .key(event.key);
        if (event.hasVector)
        {
            request.resources(event.vector);
        }
        final Decision d = kernel.submit(request, event.ingressNanos, decision);
        if (d.kind() == DecisionKind.QUEUED)
        {
            answered = true;
            final long number = ++lastDecision;
            try
            {
                listener.onQueued(number, event.correlationId, d.taskId(), d.key());
            }
            catch (final Throwable ex)
            {
                errorHandler.onError(ex);
            }
        }
        else
        {
            rejected(event, d.reason());
        }
    }

    private void finish(final EngineEvent event)
    {
        if (event.agentId != null)
        {
            final Reason reason = checkAgentTask(event);
            if (reason != Reason.OK)
            {
                rejected(event, reason);
                return;
            }
        }
        answer(event, event.taskId == -1 && event.agentId == null ?
            kernel.finishByKey(event.key) : kernel.finish(event.taskId), -1);
    }

    private void cancel(final EngineEvent event)
    {
        answer(event, event.taskId == -1 ? kernel.cancelByKey(event.key) : kernel.cancel(event.taskId), -1);
    }

    private void launchRefused(final EngineEvent event)
    {
        final Reason reason = checkAgentTask(event);
        answer(event, reason == Reason.OK ? kernel.launchRefused(event.taskId, slotOf(event)) : reason, -1);
    }

    private Reason checkAgentTask(final EngineEvent event)
    {
        final int slot = slotOf(event);
        if (slot < 0)
        {
            return Reason.UNKNOWN_AGENT;
        }
        if (kernel.view().agentEpoch(slot) != event.epoch)
        {
            return Reason.STALE_EPOCH;
        }
        return kernel.view().taskAgent(event.taskId) == slot ? Reason.OK : Reason.UNKNOWN_TASK;
    }

    private void registerAgent(final EngineEvent event)
    {
        final Map<String, String> attributes = event.attributes == null ? Map.of() : event.attributes;
        final List<AdoptedTask> running = event.adopted == null ? List.of() : event.adopted;
        final Reason reason = event.hasVector ? kernel.registerAgent(
            event.agentId, event.vector, attributes, event.ingressNanos, running) : Reason.INVALID_REQUEST;
        if (reason != Reason.OK)
        {
            rejected(event, reason);
            return;
        }
        answered = true;
        final long number = ++lastDecision;
        try
        {
            listener.onAgentRegistered(
                number, event.agentId, kernel.view().agentEpoch(kernel.view().agentSlot(event.agentId)));
        }
        catch (final Throwable ex)
        {
            errorHandler.onError(ex);
        }
    }

    private void heartbeat(final EngineEvent event)
    {
        final int slot = slotOf(event);
        final Reason reason = slot < 0 ? Reason.UNKNOWN_AGENT : kernel.heartbeat(
            slot, event.epoch, event.sequence, event.hasVector ? event.vector : null, event.pressure,
            event.ingressNanos);
        if (reason != Reason.OK)
        {
            rejected(event, reason);
        }
    }

    private void registerFramework(final EngineEvent event)
    {
        final long rate = event.rateMillisPerSecond;
        if (isBlank(event.name) || isBlank(event.role) || rate < -1 || event.maxPending < -1 ||
            (rate >= 0 && (event.burst < 0 || event.burst > 1_000_000)))
        {
            rejected(event, Reason.INVALID_REQUEST);
            return;
        }
        answerId(event, kernel.registerFramework(event.name, event.role, rate, event.burst, event.maxPending));
    }

    private void tick(final long time)
    {
        kernel.advanceTime(time);
        round(time);
    }

    private void round(final long time)
    {
        try
        {
            kernel.allocate(time);
        }
        catch (final Throwable ex)
        {
            errorHandler.onError(new IllegalStateException("allocation round failed in the kernel: " + ex, ex));
        }
    }

    private int slotOf(final EngineEvent event)
    {
        return event.agentId == null ? -1 : kernel.view().agentSlot(event.agentId);
    }

    private void answerId(final EngineEvent event, final int id)
    {
        answer(event, id < 0 ? Reason.INVALID_REQUEST : Reason.OK, id);
    }

    private void answer(final EngineEvent event, final Reason reason, final int id)
    {
        if (reason != Reason.OK)
        {
            rejected(event, reason);
            return;
        }
        answered = true;
        final long number = ++lastDecision;
        try
        {
            listener.onAccepted(number, event.correlationId, event.type, id);
        }
        catch (final Throwable ex)
        {
            errorHandler.onError(ex);
        }
    }

    private void rejected(final EngineEvent event, final Reason reason)
    {
        answered = true;
        final long number = ++lastDecision;
        try
        {
            listener.onRejected(number, event.correlationId, event.type, reason);
        }
        catch (final Throwable ex)
        {
            errorHandler.onError(ex);
        }
    }

    /**
     * Lets another thread become the owner on its next call: the engine hands a kernel recovered on the building
     * thread to its kernel thread (starting that thread orders the two).
     */
    void releaseOwner()
    {
        owner = null;
    }

    private void checkOwner()
    {
        final Thread current = Thread.currentThread();
        if (owner != current)
        {
            if (owner != null)
            {
                throw new IllegalStateException(
                    "kernel applier owned by " + owner.getName() + ", called from " + current.getName());
            }
            owner = current;
        }
    }

    private static boolean isBlank(final String text)
    {
        return text == null || text.isBlank();
    }

    /** Maps the kernel's own decisions to the engine listener; agent ids are read while the agent is still bound. */
    private final class KernelDecisions implements DecisionListener
    {
        @Override
        public void onPlaced(final TaskRecord task, final int agentEpoch)
        {
            final long number = ++lastDecision;
            try
            {
                listener.onPlaced(number, task, kernel.view().agentId(task.agentSlot()), agentEpoch, ingressNanos);
            }
            catch (final Throwable ex)
            {
                errorHandler.onError(ex);
            }
        }

        @Override
        public void onTaskEnded(final TaskRecord task, final TaskEndCause cause)
        {
            final long number = ++lastDecision;
            try
            {
                final int agentSlot = task.agentSlot();
                listener.onTaskEnded(number, task, agentSlot < 0 ? null : kernel.view().agentId(agentSlot), cause);
            }
            catch (final Throwable ex)
            {
                errorHandler.onError(ex);
            }
        }
    }
}
