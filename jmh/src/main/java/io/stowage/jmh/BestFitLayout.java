package io.stowage.jmh;

import java.util.Arrays;

import static io.stowage.jmh.ClusterShape.AGENT_CPU_MILLIS;
import static io.stowage.jmh.ClusterShape.AGENT_MEM_MILLIS;

/**
 * Where best fit puts a sequence of tasks on an empty cluster of identical agents: each task goes to the feasible
 * agent with the least room left after it (CPU and memory each as a fraction of the agent, summed), ties to the
 * lowest index.
 * <p>
 * This is the layout the naive allocator computes task by task with its full scan, and the one Fenzo's
 * {@code cpuMemBinPacker} gives when every agent's capacity is offered in one {@code scheduleOnce} call (its fitness
 * is the fraction of the agent used, so the fittest agent is the one with least room; ties go to the smaller host
 * name, and host names are zero-padded indexes). It is computed here without scanning empty agents: every agent
 * holding a task has less room than an empty one, and agents are opened in index order, so the answer is either the
 * best agent among those opened and not full, or the next one to open. Engines whose own placement is too slow to
 * fill 50,000 agents in a set-up register this layout instead.
 */
final class BestFitLayout
{
    private BestFitLayout()
    {
    }

    /**
     * @param cpuMillis the tasks' CPUs.
     * @param memMillis the tasks' memory.
     * @param count     how many tasks.
     * @param agents    agents in the cluster.
     * @return the agent index of each task.
     * @throws IllegalStateException if a task fits nowhere.
     */
    static int[] place(final long[] cpuMillis, final long[] memMillis, final int count, final int agents)
    {
        final int[] agentOfTask = new int[count];
        final long[] freeCpu = new long[agents];
        final long[] freeMem = new long[agents];
        Arrays.fill(freeCpu, AGENT_CPU_MILLIS);
        Arrays.fill(freeMem, AGENT_MEM_MILLIS);
        int[] open = new int[64];
        int openCount = 0;
        int nextEmpty = 0;
        for (int t = 0; t < count; t++)
        {
            final long cpu = cpuMillis[t];
            final long mem = memMillis[t];
            int best = -1;
            int bestPosition = -1;
            double bestRoom = Double.MAX_VALUE;
            for (int i = 0; i < openCount; i++)
            {
                final int agent = open[i];
                if (freeCpu[agent] >= cpu && freeMem[agent] >= mem)
                {
                    final double room = roomAfter(freeCpu[agent] - cpu, freeMem[agent] - mem);
                    if (room < bestRoom || (room == bestRoom && agent < best))
                    {
                        best = agent;
                        bestPosition = i;
                        bestRoom = room;
                    }
                }
            }
            if (best < 0)
            {
                if (nextEmpty == agents)
                {
                    throw new IllegalStateException("task " + t + " of " + cpu + " milli-CPUs fits no agent of " +
                        agents);
                }
                best = nextEmpty++;
                if (openCount == open.length)
                {
                    open = Arrays.copyOf(open, openCount * 2);
                }
                bestPosition = openCount;
                open[openCount++] = best;
            }
            freeCpu[best] -= cpu;
            freeMem[best] -= mem;
            agentOfTask[t] = best;
            if (freeCpu[best] == 0 || freeMem[best] == 0)
            {
                open[bestPosition] = open[--openCount];
            }
        }
        return agentOfTask;
    }

    /**
     * @param cpuLeft milli-CPUs an agent would have left.
     * @param memLeft milli-MiB it would have left.
     * @return the room left as the sum of the two fractions of an agent: the score best fit minimises.
     */
    static double roomAfter(final long cpuLeft, final long memLeft)
    {
        return (double)cpuLeft / AGENT_CPU_MILLIS + (double)memLeft / AGENT_MEM_MILLIS;
    }
}
