package io.stowage.ipc;

import io.stowage.core.Reason;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The last line of defence on an agent: tracks what the agent actually runs (its capacity, the resources of each
 * running task, its current registration epoch) and refuses a launch that would exceed the remaining capacity in any
 * dimension ({@link Reason#INSUFFICIENT_CAPACITY}) or that was decided for another registration of the agent
 * ({@link Reason#STALE_EPOCH}). The allocator may be wrong (a stale view of the agent, a bug, a replay); the guard
 * never lets the agent be overloaded. Refusals are reported back with {@link AgentPublisher#launchRefused}, after
 * which the kernel releases the task (see {@link AgentGuards}). Single-threaded.
 */
public final class AgentGuard
{
    private final String agentId;
    private final long[] capacity;
    private final long[] allocated;
    private final Long2ObjectHashMap<long[]> running = new Long2ObjectHashMap<>();
    private final long[] refusals = new long[Reason.values().length];
    private int epoch;

    /**
     * @param agentId  the agent.
     * @param capacity what the agent can hold, milli-units per dimension (copied).
     * @param epoch    its current registration epoch.
     */
    public AgentGuard(final String agentId, final long[] capacity, final int epoch)
    {
        this.agentId = agentId;
        this.capacity = capacity.clone();
        this.allocated = new long[capacity.length];
        this.epoch = epoch;
    }

    /**
     * Decides whether the agent launches a task, and if so records what it holds.
     *
     * @param taskId      the task.
     * @param launchEpoch the epoch the placement was made for.
     * @param resources   what the task holds, milli-units per dimension (copied).
     * @return {@link Reason#OK} if the task runs (also if it already ran), else {@link Reason#STALE_EPOCH},
     * {@link Reason#INVALID_REQUEST} (a vector of another length or a negative quantity) or
     * {@link Reason#INSUFFICIENT_CAPACITY}.
     */
    public Reason admit(final long taskId, final int launchEpoch, final long[] resources)
    {
        if (launchEpoch != epoch)
        {
            return refuse(Reason.STALE_EPOCH);
        }
        if (running.containsKey(taskId))
        {
            return Reason.OK;
        }
        if (resources.length != capacity.length)
        {
            return refuse(Reason.INVALID_REQUEST);
        }
        for (int d = 0; d < capacity.length; d++)
        {
            if (resources[d] < 0)
            {
                return refuse(Reason.INVALID_REQUEST);
            }
            if (resources[d] > capacity[d] - allocated[d])
            {
                return refuse(Reason.INSUFFICIENT_CAPACITY);
            }
        }
        for (int d = 0; d < capacity.length; d++)
        {
            allocated[d] += resources[d];
        }
        running.put(taskId, resources.clone());
        return Reason.OK;
    }

    private Reason refuse(final Reason reason)
    {
        refusals[reason.ordinal()]++;
        return reason;
    }

    /**
     * A task stopped (finished, or killed by the allocator).
     *
     * @param taskId the task.
     * @return true if it was running.
     */
    public boolean release(final long taskId)
    {
        final long[] resources = running.remove(taskId);
        if (resources == null)
        {
            return false;
        }
        for (int d = 0; d < capacity.length; d++)
        {
            allocated[d] -= resources[d];
        }
        return true;
    }

    /**
     * @param epoch the epoch of the agent's new registration; launches for earlier ones are refused from now on.
     */
    public void epoch(final int epoch)
    {
        this.epoch = epoch;
    }

    /**
     * The agent's real capacity changed; what runs keeps running, and launches must fit what is left.
     *
     * @param capacity milli-units per dimension (copied).
     */
    public void capacity(final long[] capacity)
    {
        if (capacity.length != this.capacity.length)
        {
            throw new IllegalArgumentException("capacity of " + capacity.length + " dimensions, the agent has " +
                this.capacity.length);
        }
        System.arraycopy(capacity, 0, this.capacity, 0, capacity.length);
    }

    /** @return the agent. */
    public String agentId()
    {
        return agentId;
    }

    /** @return its current registration epoch. */
    public int epoch()
    {
        return epoch;
    }

    /**
     * @param dimension a dimension index.
     * @return capacity minus what running tasks hold (negative after the capacity shrank below it).
     */
    public long remaining(final int dimension)
    {
        return capacity[dimension] - allocated[dimension];
    }

    /**
     * @param dimension a dimension index.
     * @return what running tasks hold.
     */
    public long allocated(final int dimension)
    {
        return allocated[dimension];
    }

    /** @return the number of running tasks. */
    public int runningTasks()
    {
        return running.size();
    }

    /**
     * @param taskId a task.
     * @return true if it runs on the agent.
     */
    public boolean isRunning(final long taskId)
    {
        return running.containsKey(taskId);
    }

    /**
     * @param reason a reason.
     * @return launches refused for it.
     */
    public long refusals(final Reason reason)
    {
        return refusals[reason.ordinal()];
    }
}
