package io.stowage.jmh;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.Decision;
import io.stowage.core.KernelConfig;
import io.stowage.core.PlacementPolicy;
import io.stowage.core.Reason;
import io.stowage.core.TaskRequest;

import java.util.Map;

import static io.stowage.jmh.ClusterShape.*;

/**
 * Stowage in {@link PlacementComparisonBenchmark}: one {@link AllocatorKernel} with the {@code BINPACK} policy (the
 * counterpart of Fenzo's bin packer), each task placed with {@link AllocatorKernel#place}, the kernel's direct path
 * for a scheduler that orders its own work, and each finished task given back with {@link AllocatorKernel#finish}.
 * It fills the cluster with its own placements. Placing and finishing allocate nothing in steady state.
 */
final class StowageAllocator implements ComparedAllocator
{
    /** Event-time step between placements; the kernel only records it. */
    private static final long TIME_STEP_NANOS = 1_000;

    private final AllocatorKernel kernel;
    private final TaskRequest request;
    private final Decision decision = new Decision();
    private final LongFifo running;
    private long timeNanos;

    /**
     * @param agents agents of 32 CPUs and 128 GiB to register.
     */
    StowageAllocator(final int agents)
    {
        kernel = new AllocatorKernel(KernelConfig.builder(schema())
            .placement(PlacementPolicy.BINPACK)
            .maxAgents(agents)
            .maxTasks(agents * (int)(AGENT_CPU_MILLIS / MILLIS))
            .build());
        request = new TaskRequest(kernel.schema()).reset(kernel.registerFramework("bench"));
        final long[] capacity = agentCapacity();
        final Map<String, String> attributes = Map.of("zone", "z0");
        for (int i = 0; i < agents; i++)
        {
            final Reason reason = kernel.registerAgent(i, capacity, attributes, 0);
            if (reason != Reason.OK)
            {
                throw new IllegalStateException("register agent " + i + ": " + reason);
            }
        }
        running = new LongFifo(agents * 16);
    }

    @Override
    public int place(final long[] cpuMillis, final long[] memMillis, final int count)
    {
        int placed = 0;
        for (int i = 0; i < count; i++)
        {
            request.resource(CPUS, cpuMillis[i]).resource(MEM, memMillis[i]);
            if (kernel.place(request, timeNanos += TIME_STEP_NANOS, decision).isPlaced())
            {
                running.add(decision.taskId());
                placed++;
            }
        }
        return placed;
    }

    @Override
    public void finishOldest(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final long taskId = running.poll();
            final Reason reason = kernel.finish(taskId);
            if (reason != Reason.OK)
            {
                throw new IllegalStateException("finish " + taskId + ": " + reason);
            }
        }
    }

    @Override
    public int runningTasks()
    {
        return running.size();
    }

    @Override
    public long runningCpuMillis()
    {
        return kernel.view().clusterAllocated(CPUS);
    }

    @Override
    public long runningMemMillis()
    {
        return kernel.view().clusterAllocated(MEM);
    }

    @Override
    public int agentsInUse()
    {
        int inUse = 0;
        for (int slot = 0, max = kernel.view().maxAgents(); slot < max; slot++)
        {
            if (kernel.view().isRegistered(slot) && kernel.view().agentTaskCount(slot) > 0)
            {
                inUse++;
            }
        }
        return inUse;
    }

    @Override
    public void verify()
    {
        if (kernel.view().runningTaskCount() != running.size())
        {
            throw new IllegalStateException(
                "the kernel runs " + kernel.view().runningTaskCount() + " tasks, the driver " + running.size());
        }
        KernelInvariants.check(kernel, "after the comparison at " + kernel.view().agentCount() + " agents");
    }

    @Override
    public void close()
    {
    }
}
