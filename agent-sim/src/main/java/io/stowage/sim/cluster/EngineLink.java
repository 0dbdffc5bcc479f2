package io.stowage.sim.cluster;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.Constraint;
import io.stowage.engine.AgentInputSink;
import io.stowage.engine.AllocatorEngine;

import java.util.List;

/** The in-process allocator: an {@link AllocatorEngine} with its journal and snapshots. */
final class EngineLink implements AllocatorLink
{
    final AllocatorEngine engine;

    EngineLink(final AllocatorEngine engine)
    {
        this.engine = engine;
    }

    @Override
    public void setRole(
        final String role, final double weight, final long[] guarantee, final long[] limit, final long correlationId)
    {
        engine.client().setRole(role, weight, guarantee, limit, correlationId);
    }

    @Override
    public int registerFramework(
        final String name, final String role, final long ratePerSecondMillis, final long burst, final int maxPending)
    {
        return engine.client().registerFramework(name, role, ratePerSecondMillis, burst, maxPending);
    }

    @Override
    public int internConstraints(final List<Constraint> constraints)
    {
        return engine.client().internConstraints(constraints);
    }

    @Override
    public void submit(
        final int framework, final long[] resources, final int priority, final boolean revocable, final int label,
        final int constraints, final long correlationId)
    {
        engine.client().submit(framework, resources, priority, revocable, label, constraints, correlationId);
    }

    @Override
    public void updateCapacity(final String agentId, final long[] capacity, final long correlationId)
    {
        engine.client().updateCapacity(agentId, capacity, correlationId);
    }

    @Override
    public AgentInputSink agentInput()
    {
        return engine.agentInput();
    }

    @Override
    public void tick(final long nowNanos)
    {
        engine.tick(nowNanos);
    }

    @Override
    public void awaitApplied(final long timeoutNanos)
    {
        engine.awaitApplied(timeoutNanos);
    }

    @Override
    public AllocatorKernel kernelAfterClose()
    {
        return engine.kernelAfterClose();
    }

    @Override
    public void close()
    {
        engine.close();
    }
}
