package io.stowage.jmh;

/**
 * One engine of {@link PlacementComparisonBenchmark}, driven the way its users drive it: tasks are placed in batches
 * and the oldest running tasks finish, first in first out, so that the cluster keeps its load while it churns.
 * <p>
 * Quantities are the milli-units of {@link ClusterShape}: milli-CPUs and milli-MiB. Every implementation is used from
 * one benchmark thread; an engine may use threads of its own inside a call (Fenzo does).
 */
interface ComparedAllocator extends AutoCloseable
{
    /**
     * Fills an empty cluster with running tasks before measuring. The default places them as {@link #place} does;
     * an engine whose own placement is too slow to fill a large cluster in a benchmark's set-up may register a
     * precomputed layout instead (see {@link BestFitLayout}).
     *
     * @param cpuMillis the tasks' CPUs, in milli-CPUs.
     * @param memMillis the tasks' memory, in milli-MiB.
     * @param count     how many tasks, from index 0.
     * @return tasks running afterwards.
     */
    default int prefill(final long[] cpuMillis, final long[] memMillis, final int count)
    {
        return place(cpuMillis, memMillis, count);
    }

    /**
     * Places a batch of tasks; each one placed joins the running tasks, youngest last.
     *
     * @param cpuMillis the tasks' CPUs, in milli-CPUs.
     * @param memMillis the tasks' memory, in milli-MiB.
     * @param count     how many tasks, from index 0.
     * @return how many were placed; the others are lost (the benchmark fails the trial if any is).
     */
    int place(long[] cpuMillis, long[] memMillis, int count);

    /**
     * Finishes the oldest running tasks and frees what they held.
     *
     * @param count how many; at most {@link #runningTasks()}.
     */
    void finishOldest(int count);

    /** @return tasks running now. */
    int runningTasks();

    /** @return milli-CPUs held by running tasks. */
    long runningCpuMillis();

    /** @return milli-MiB held by running tasks. */
    long runningMemMillis();

    /** @return agents that run at least one task; may scan every agent. */
    int agentsInUse();

    /**
     * Checks the engine's accounting against the tasks the driver knows to be running.
     *
     * @throws IllegalStateException naming what does not add up.
     */
    void verify();

    /** Stops any threads the engine started. */
    @Override
    void close();
}
