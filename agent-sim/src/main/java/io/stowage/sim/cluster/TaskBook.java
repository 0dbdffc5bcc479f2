package io.stowage.sim.cluster;

import io.stowage.core.TaskEndCause;

import static io.stowage.sim.cluster.ClusterShape.DIMENSIONS;

/**
 * The simulation's own record of every task, indexed by the kernel's task slot (the low 32 bits of a task id): its
 * framework, resources, the agent it was placed on and how it ended. Written by the kernel thread (through the
 * {@link DecisionLedger}) and by the agent shards (finishes), never at the same time: the simulation alternates
 * between an agent phase and an engine phase, with a barrier between them.
 */
final class TaskBook
{
    static final byte NONE = 0;
    static final byte PENDING = 1;
    static final byte RUNNING = 2;
    static final byte ENDED = 3;
    /** The cause of a task ended by its agent (finished, or killed by the agent's isolation). */
    static final byte FINISHED_CAUSE = (byte)TaskEndCause.values().length;

    private final long[] ids;
    private final int[] framework;
    private final int[] agent;
    private final long[] resources;
    private final byte[] state;
    private final byte[] cause;

    TaskBook(final int maxTasks)
    {
        ids = new long[maxTasks];
        framework = new int[maxTasks];
        agent = new int[maxTasks];
        resources = new long[maxTasks * DIMENSIONS];
        state = new byte[maxTasks];
        cause = new byte[maxTasks];
    }

    static int slot(final long taskId)
    {
        return (int)taskId;
    }

    void pending(final long taskId, final int frameworkId, final long[] taskResources)
    {
        final int s = slot(taskId);
        ids[s] = taskId;
        framework[s] = frameworkId;
        agent[s] = -1;
        state[s] = PENDING;
        cause[s] = -1;
        System.arraycopy(taskResources, 0, resources, s * DIMENSIONS, DIMENSIONS);
    }

    /** @return true if the task is known and pending. */
    boolean placed(final long taskId, final int agentIndex)
    {
        final int s = slot(taskId);
        if (ids[s] != taskId || state[s] != PENDING)
        {
            return false;
        }
        agent[s] = agentIndex;
        state[s] = RUNNING;
        return true;
    }

    /**
     * @return the state the task had (RUNNING means its resources are to be released), or NONE if unknown.
     */
    byte end(final long taskId, final byte endCause)
    {
        final int s = slot(taskId);
        if (ids[s] != taskId)
        {
            return NONE;
        }
        final byte was = state[s];
        if (was != ENDED)
        {
            state[s] = ENDED;
            cause[s] = endCause;
        }
        return was;
    }

    boolean isRunning(final long taskId)
    {
        final int s = slot(taskId);
        return ids[s] == taskId && state[s] == RUNNING;
    }

    int framework(final long taskId)
    {
        return framework[slot(taskId)];
    }

    int agent(final long taskId)
    {
        return agent[slot(taskId)];
    }

    long resource(final long taskId, final int dimension)
    {
        return resources[slot(taskId) * DIMENSIONS + dimension];
    }
}
