package io.stowage.ipc;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.Decision;
import io.stowage.core.Reason;
import io.stowage.core.TaskRequest;
import io.stowage.engine.EngineEvent;

/**
 * Applies one journaled input to a kernel, the way the engine's kernel stage does: each {@link EngineEvent} type maps
 * to its kernel call, and an event marked {@link EngineEvent#roundAfter} is followed by an allocation round at its
 * ingress time. Agent inputs name the agent by id; a missing id resolves to slot -1, which the kernel refuses and
 * counts. Reuses one request and one decision, so applying allocates nothing but what the kernel keeps.
 */
final class JournalApplier
{
    private final AllocatorKernel kernel;
    private final TaskRequest request;
    private final Decision decision = new Decision();

    JournalApplier(final AllocatorKernel kernel)
    {
        this.kernel = kernel;
        this.request = new TaskRequest(kernel.schema());
    }

    /**
     * @param event the input.
     * @return the kernel's answer ({@link Reason#OK} for rounds and ticks).
     */
    Reason apply(final EngineEvent event)
    {
        final Reason reason = applyInput(event);
        if (event.roundAfter)
        {
            kernel.allocate(event.ingressNanos);
        }
        return reason;
    }

    private Reason applyInput(final EngineEvent e)
    {
        switch (e.type)
        {
            case SUBMIT:
                request.reset(e.framework).priority(e.priority).revocable(e.revocable).label(e.label)
                    .constraints(e.constraints);
                if (e.hasVector)
                {
                    request.resources(e.vector);
                }
                return kernel.submit(request, e.ingressNanos, decision).reason();
            case FINISH:
                return kernel.finish(e.taskId);
            case REGISTER_AGENT:
                return kernel.registerAgent(e.agentId, e.vector, e.attributes, e.ingressNanos);
            case HEARTBEAT:
                return kernel.heartbeat(slot(e), e.epoch, e.sequence, e.hasVector ? e.vector : null, e.pressure,
                    e.ingressNanos);
            case UPDATE_CAPACITY:
                return kernel.updateCapacity(slot(e), e.vector);
            case DRAIN:
                return kernel.drain(slot(e));
            case UNDRAIN:
                return kernel.undrain(slot(e));
            case REMOVE_AGENT:
                return kernel.removeAgent(slot(e));
            case LAUNCH_REFUSED:
                return kernel.launchRefused(e.taskId, slot(e));
            case SET_ROLE:
                return kernel.setRole(e.name, e.weight, e.guarantee, e.limit);
            case REGISTER_FRAMEWORK:
                return registerFramework(e);
            case TICK:
                kernel.advanceTime(e.ingressNanos);
                kernel.allocate(e.ingressNanos);
                return Reason.OK;
            case INTERN_LABEL:
                if (e.name == null)
                {
                    return Reason.INVALID_REQUEST;
                }
                kernel.internLabel(e.name);
                return Reason.OK;
            case INTERN_CONSTRAINTS:
                return kernel.internConstraints(e.constraintList) < 0 ? Reason.INVALID_REQUEST : Reason.OK;
            default:
                throw new IllegalStateException("no kernel call for " + e.type);
        }
    }

    private Reason registerFramework(final EngineEvent e)
    {
        try
        {
            if (e.role == null)
            {
                kernel.registerFramework(e.name);
            }
            else
            {
                kernel.registerFramework(e.name, e.role, e.rateMillisPerSecond, e.burst, e.maxPending);
            }
            return Reason.OK;
        }
        catch (final IllegalArgumentException ex)
        {
            return Reason.INVALID_REQUEST;
        }
    }

    private int slot(final EngineEvent e)
    {
        return e.agentId == null ? -1 : kernel.agentSlot(e.agentId);
    }
}
