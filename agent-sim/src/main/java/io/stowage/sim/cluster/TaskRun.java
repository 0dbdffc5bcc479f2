package io.stowage.sim.cluster;

/**
 * A task as its agent runs it: what it asked for, how much of it it really uses, and whether it misbehaves (uses
 * more than it asked for from the start, or grows). Its behaviour is drawn from the seed and the task id alone, so a
 * rerun or a recovered run treats it the same.
 */
final class TaskRun
{
    /** The usage of a growing task rises by this fraction of its request per simulated second. */
    private static final double GROWTH_PER_SECOND = 0.01;
    private static final double GROWTH_CEILING = 2.0;

    final long taskId;
    final int agent;
    final int framework;
    final long cpus;
    final long mem;
    final long gpus;
    final int startSecond;
    final int endSecond;
    private final double cpuFraction;
    private final double memFraction;
    private final boolean growing;

    TaskRun(
        final long taskId,
        final int agent,
        final int framework,
        final long[] resources,
        final int startSecond,
        final FrameworkSpec spec,
        final long seed,
        final int misbehavingPercent)
    {
        this.taskId = taskId;
        this.agent = agent;
        this.framework = framework;
        this.cpus = resources[ClusterShape.CPUS];
        this.mem = resources[ClusterShape.MEM];
        this.gpus = resources[ClusterShape.GPUS];
        this.startSecond = startSecond;
        long h = mix(seed ^ taskId * 0x9E3779B97F4A7C15L);
        final int span = spec.maxSeconds() - spec.minSeconds() + 1;
        this.endSecond = startSecond + spec.minSeconds() + (int)Long.remainderUnsigned(h, span);
        h = mix(h);
        final boolean misbehaving = Long.remainderUnsigned(h, 100) < misbehavingPercent;
        h = mix(h);
        final double u1 = (h >>> 11) * 0x1.0p-53;
        h = mix(h);
        final double u2 = (h >>> 11) * 0x1.0p-53;
        if (misbehaving && (h & 1) == 0)
        {
            this.growing = true;
            this.cpuFraction = 0.5 + 0.2 * u1;
            this.memFraction = 0.5 + 0.2 * u2;
        }
        else if (misbehaving)
        {
            this.growing = false;
            this.cpuFraction = 1.1 + 0.5 * u1;
            this.memFraction = 1.1 + 0.5 * u2;
        }
        else
        {
            this.growing = false;
            this.cpuFraction = 0.3 + 0.6 * u1;
            this.memFraction = 0.4 + 0.5 * u2;
        }
    }

    /** @return cpu milli-units it wants at that second (may exceed the request). */
    long cpuDemand(final int second)
    {
        return (long)(cpus * fraction(cpuFraction, second));
    }

    /** @return memory it uses at that second, in milli-MiB (may exceed the request). */
    long memDemand(final int second)
    {
        return (long)(mem * fraction(memFraction, second));
    }

    private double fraction(final double base, final int second)
    {
        return growing ? Math.min(GROWTH_CEILING, base + GROWTH_PER_SECOND * (second - startSecond)) : base;
    }

    private static long mix(final long value)
    {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
