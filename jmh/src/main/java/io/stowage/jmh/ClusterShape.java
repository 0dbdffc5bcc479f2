package io.stowage.jmh;

import io.stowage.core.ResourceSchema;

import java.util.SplittableRandom;

/**
 * The agent and task shapes the kernel benchmarks share: agents of 32 CPUs and 128 GiB, tasks of 1, 2 or 4 CPUs
 * (60 %, 30 %, 10 %) with 4 GiB of memory per CPU. Quantities are milli-units; memory is counted in MiB.
 */
final class ClusterShape
{
    /** Dimension index of CPUs. */
    static final int CPUS = 0;
    /** Dimension index of memory, in MiB. */
    static final int MEM = 1;

    /** Milli-units in one unit. */
    static final long MILLIS = 1000;
    /** CPUs of every agent, in milli-CPUs. */
    static final long AGENT_CPU_MILLIS = 32 * MILLIS;
    /** Memory of every agent, 128 GiB in milli-MiB. */
    static final long AGENT_MEM_MILLIS = 128L * 1024 * MILLIS;
    /** Memory a task gets per milli-CPU: 4 GiB per CPU is 4096 MiB per 1000 milli-CPUs, so 4096 milli-MiB. */
    static final long MEM_MILLIS_PER_CPU_MILLI = 4096;

    /** Seed of every pseudo-random choice, so that runs repeat. */
    static final long SEED = 0x5EED_0F_57_0A6EL;

    private ClusterShape()
    {
    }

    /** @return the two-dimension schema: cpus, mem. */
    static ResourceSchema schema()
    {
        return ResourceSchema.of("cpus", "mem");
    }

    /** @return a new capacity vector of one agent. */
    static long[] agentCapacity()
    {
        return new long[]{AGENT_CPU_MILLIS, AGENT_MEM_MILLIS};
    }

    /**
     * @param random the source.
     * @return a task size in milli-CPUs: 1 CPU with probability 0.6, 2 with 0.3, 4 with 0.1.
     */
    static long drawTaskCpuMillis(final SplittableRandom random)
    {
        final int p = random.nextInt(100);
        return p < 60 ? MILLIS : p < 90 ? 2 * MILLIS : 4 * MILLIS;
    }

    /**
     * @param cpuMillis a task's CPUs in milli-CPUs.
     * @return its memory in milli-MiB.
     */
    static long taskMemMillis(final long cpuMillis)
    {
        return cpuMillis * MEM_MILLIS_PER_CPU_MILLI;
    }
}
