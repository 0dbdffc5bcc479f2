package io.stowage.jmh;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import static io.stowage.jmh.ClusterShape.AGENT_CPU_MILLIS;
import static io.stowage.jmh.ClusterShape.AGENT_MEM_MILLIS;

/**
 * The baseline of {@link PlacementComparisonBenchmark}: what a straightforward allocator costs. Agents are objects
 * in a list behind a lock; each placement takes the lock and scans the whole list for the best fit (least room left
 * after the task, as {@link BestFitLayout#roomAfter} scores it, ties to the first agent); each finish takes the lock
 * and gives the task's resources back. Tasks are small objects in a queue.
 * <p>
 * It fills the cluster with {@link BestFitLayout}, which is what its own scan computes from an empty cluster (the
 * jmh module's tests check that the two agree), without paying tasks × agents steps in the set-up.
 */
final class NaiveAllocator implements ComparedAllocator
{
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Agent> agents;
    private final ArrayDeque<Task> running = new ArrayDeque<>();
    private long runningCpu;
    private long runningMem;

    /**
     * @param agentCount agents of 32 CPUs and 128 GiB.
     */
    NaiveAllocator(final int agentCount)
    {
        agents = new ArrayList<>(agentCount);
        for (int i = 0; i < agentCount; i++)
        {
            agents.add(new Agent());
        }
    }

    @Override
    public int prefill(final long[] cpuMillis, final long[] memMillis, final int count)
    {
        final int[] agentOfTask = BestFitLayout.place(cpuMillis, memMillis, count, agents.size());
        for (int t = 0; t < count; t++)
        {
            start(agentOfTask[t], cpuMillis[t], memMillis[t]);
        }
        return running.size();
    }

    @Override
    public int place(final long[] cpuMillis, final long[] memMillis, final int count)
    {
        int placed = 0;
        for (int i = 0; i < count; i++)
        {
            if (placeOne(cpuMillis[i], memMillis[i]) >= 0)
            {
                placed++;
            }
        }
        return placed;
    }

    /**
     * Places one task on the best-fitting agent.
     *
     * @param cpu milli-CPUs.
     * @param mem milli-MiB.
     * @return the agent's index, or -1 if it fits nowhere.
     */
    int placeOne(final long cpu, final long mem)
    {
        lock.lock();
        try
        {
            int best = -1;
            double bestRoom = Double.MAX_VALUE;
            for (int i = 0, size = agents.size(); i < size; i++)
            {
                final Agent agent = agents.get(i);
                if (agent.freeCpu >= cpu && agent.freeMem >= mem)
                {
                    final double room = BestFitLayout.roomAfter(agent.freeCpu - cpu, agent.freeMem - mem);
                    if (room < bestRoom)
                    {
                        best = i;
                        bestRoom = room;
                    }
                }
            }
            if (best >= 0)
            {
                start(best, cpu, mem);
            }
            return best;
        }
        finally
        {
            lock.unlock();
        }
    }

    @Override
    public void finishOldest(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final Task task = running.poll();
            lock.lock();
            try
            {
                final Agent agent = agents.get(task.agent);
                agent.freeCpu += task.cpu;
                agent.freeMem += task.mem;
                agent.tasks--;
                runningCpu -= task.cpu;
                runningMem -= task.mem;
            }
            finally
            {
                lock.unlock();
            }
        }
    }

    private void start(final int agentIndex, final long cpu, final long mem)
    {
        final Agent agent = agents.get(agentIndex);
        agent.freeCpu -= cpu;
        agent.freeMem -= mem;
        agent.tasks++;
        runningCpu += cpu;
        runningMem += mem;
        running.add(new Task(agentIndex, cpu, mem));
    }

    @Override
    public int runningTasks()
    {
        return running.size();
    }

    @Override
    public long runningCpuMillis()
    {
        return runningCpu;
    }

    @Override
    public long runningMemMillis()
    {
        return runningMem;
    }

    @Override
    public int agentsInUse()
    {
        int inUse = 0;
        for (final Agent agent : agents)
        {
            if (agent.tasks > 0)
            {
                inUse++;
            }
        }
        return inUse;
    }

    /**
     * @param index an agent's index.
     * @return milli-CPUs free on it.
     */
    long freeCpu(final int index)
    {
        return agents.get(index).freeCpu;
    }

    @Override
    public void verify()
    {
        long cpu = 0;
        long mem = 0;
        int tasks = 0;
        for (final Agent agent : agents)
        {
            if (agent.freeCpu < 0 || agent.freeMem < 0 || agent.tasks < 0)
            {
                throw new IllegalStateException("an agent is overcommitted: " + agent.freeCpu + " milli-CPUs, " +
                    agent.freeMem + " milli-MiB free, " + agent.tasks + " tasks");
            }
            cpu += AGENT_CPU_MILLIS - agent.freeCpu;
            mem += AGENT_MEM_MILLIS - agent.freeMem;
            tasks += agent.tasks;
        }
        if (cpu != runningCpu || mem != runningMem || tasks != running.size())
        {
            throw new IllegalStateException("agents hold " + tasks + " tasks, " + cpu + " milli-CPUs, " + mem +
                " milli-MiB; the driver runs " + running.size() + ", " + runningCpu + ", " + runningMem);
        }
    }

    @Override
    public void close()
    {
    }

    /** An agent's free resources and task count. */
    private static final class Agent
    {
        long freeCpu = AGENT_CPU_MILLIS;
        long freeMem = AGENT_MEM_MILLIS;
        int tasks;
    }

    /** A running task: where it runs and what it holds. */
    private record Task(int agent, long cpu, long mem)
    {
    }
}
