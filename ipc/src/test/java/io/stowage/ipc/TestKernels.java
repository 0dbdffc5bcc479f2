package io.stowage.ipc;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.DecisionListener;
import io.stowage.core.KernelConfig;
import io.stowage.core.ResourceSchema;

/** The kernel the ipc tests feed: two dimensions (cpus, mem), room for 4096 agents and 65536 tasks. */
final class TestKernels
{
    static final ResourceSchema SCHEMA = ResourceSchema.of("cpus", "mem");
    static final int DIMENSIONS = 2;

    private TestKernels()
    {
    }

    static KernelConfig config()
    {
        return KernelConfig.builder(SCHEMA).maxAgents(4096).maxTasks(1 << 16).build();
    }

    static AllocatorKernel kernel()
    {
        return new AllocatorKernel(config());
    }

    static AllocatorKernel kernel(final DecisionListener listener)
    {
        return new AllocatorKernel(config(), listener);
    }
}
