package io.stowage.sim.cluster;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.Constraint;
import io.stowage.engine.AgentInputSink;

import java.util.List;

/**
 * What the simulation needs of its allocator: the scheduler's calls, the agents' input, ticks, a barrier, and the
 * kernel at the end. {@link EngineLink} is the in-process engine; {@link ReplicatedLink} is a three-node Aeron
 * Cluster in child processes. Called on the simulation's driver thread only.
 */
interface AllocatorLink extends AutoCloseable
{
    /** See {@code AllocatorClient.setRole}. */
    void setRole(String role, double weight, long[] guarantee, long[] limit, long correlationId);

    /** See {@code AllocatorClient.registerFramework}; waits for the id. */
    int registerFramework(String name, String role, long ratePerSecondMillis, long burst, int maxPending);

    /** See {@code AllocatorClient.internConstraints}; waits for the id. */
    int internConstraints(List<Constraint> constraints);

    /** See {@code AllocatorClient.submit}. */
    void submit(int framework, long[] resources, int priority, boolean revocable, int label, int constraints,
        long correlationId);

    /** See {@code AllocatorClient.updateCapacity}. */
    void updateCapacity(String agentId, long[] capacity, long correlationId);

    /** @return where the agent queue tailer delivers agent frames. */
    AgentInputSink agentInput();

    /** A tick at the given simulated time: the allocator runs a round. */
    void tick(long nowNanos);

    /** Waits until every input given so far has been applied and its decisions delivered. */
    void awaitApplied(long timeoutNanos);

    /** @return the kernel that made the decisions, after {@link #close()}. */
    AllocatorKernel kernelAfterClose();

    @Override
    void close();
}
