package io.stowage.sim.demo;

/**
 * The kinds of host in the demo's cluster, with memory proportional to cores (4 GiB a cpu) and a GPU class whose
 * eight GPUs are the schema's third dimension.
 */
enum AgentClass
{
    SMALL("16 cpus", 16, 0, 50),
    MEDIUM("32 cpus", 32, 0, 30),
    LARGE("64 cpus", 64, 0, 12),
    GPU("64 cpus + 8 gpus", 64, 8, 8);

    /** Memory per cpu, in MiB. */
    static final long MIB_PER_CPU = 4096;

    private static final AgentClass[] CLASSES = values();

    final String label;
    final int cpus;
    final int gpus;
    final int percent;

    AgentClass(final String label, final int cpus, final int gpus, final int percent)
    {
        this.label = label;
        this.cpus = cpus;
        this.gpus = gpus;
        this.percent = percent;
    }

    /**
     * @param capacity filled with this class's capacity in milli-units: cpus, mem (MiB), gpus.
     * @return the same array.
     */
    long[] capacity(final long[] capacity)
    {
        capacity[DemoCluster.CPUS] = cpus * 1000L;
        capacity[DemoCluster.MEM] = cpus * MIB_PER_CPU * 1000L;
        capacity[DemoCluster.GPUS] = gpus * 1000L;
        return capacity;
    }

    /**
     * @param percentile a uniform draw from 0 to 99.
     * @return the class that draw picks, by the classes' shares of the cluster.
     */
    static AgentClass pick(final int percentile)
    {
        int bound = 0;
        for (final AgentClass c : CLASSES)
        {
            bound += c.percent;
            if (percentile < bound)
            {
                return c;
            }
        }
        return CLASSES[CLASSES.length - 1];
    }
}
