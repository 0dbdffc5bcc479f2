package io.stowage.sim.demo;

import io.stowage.core.AgentState;
import io.stowage.core.AllocatorKernel;
import io.stowage.core.KernelConfig;
import io.stowage.core.Reason;
import io.stowage.core.ResourceSchema;
import io.stowage.core.TaskEndCause;
import io.stowage.core.DecisionListener;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * The demo's simulated agents: heterogeneous hosts in three zones registered with one kernel, and what an
 * operator and the hosts themselves do to them (heartbeats, drains, removals with replacements, a capacity shrink).
 */
final class DemoCluster
{
    static final ResourceSchema SCHEMA = ResourceSchema.of("cpus", "mem", "gpus");
    static final int CPUS = 0;
    static final int MEM = 1;
    static final int GPUS = 2;
    static final int ZONES = 3;

    private static final int PICK_ATTEMPTS = 64;

    private final AllocatorKernel kernel;
    private final SplittableRandom random;
    private final LostTasks lostTasks = new LostTasks();
    private final long[] scratch = new long[SCHEMA.dimensions()];
    private final int[] agentsPerClass = new int[AgentClass.values().length];
    private int nextAgentNumber = 1;
    private long drains;
    private long removals;
    private long replacements;

    /** How far ahead agents' usage trends are projected: 30 simulated seconds. */
    private static final long PREDICTION_HORIZON_NANOS = 30_000_000_000L;
    /** Weight of the newest usage slope in the trend: 0.3. */
    private static final long TREND_SMOOTHING_MILLIS = 300;

    DemoCluster(final DemoSettings settings, final SplittableRandom random)
    {
        // The simulator runs with predictive avoidance on (scenario files keep it off, as SCENARIOS.md has no such rule).
        final KernelConfig config = KernelConfig.builder(SCHEMA)
            .placement(settings.policy())
            .maxAgents(settings.agents())
            .predictiveAvoidance(true, PREDICTION_HORIZON_NANOS, TREND_SMOOTHING_MILLIS)
            .build();
        this.kernel = new AllocatorKernel(config, lostTasks);
        this.random = random;
    }

    AllocatorKernel kernel()
    {
        return kernel;
    }

    /** Registers a new host of a random class in a random zone; it counts as heartbeating at {@code timeNanos}. */
    int registerAgent(final long timeNanos)
    {
        final AgentClass agentClass = AgentClass.pick(random.nextInt(100));
        final String id = "agent-" + nextAgentNumber++;
        final Map<String, String> attributes =
            Map.of("zone", "z" + (1 + random.nextInt(ZONES)), "class", agentClass.name().toLowerCase());
        expectOk(kernel.registerAgent(id, agentClass.capacity(scratch), attributes, timeNanos), "register " + id);
        agentsPerClass[agentClass.ordinal()]++;
        return kernel.agentSlot(id);
    }

    /** @return a uniformly chosen registered agent's slot. */
    int randomAgent()
    {
        while (true)
        {
            final int slot = random.nextInt(kernel.maxAgents());
            if (kernel.isRegistered(slot))
            {
                return slot;
            }
        }
    }

    /**
     * A host reports liveness and usage (70 to 100 % of what is allocated to it). A stale report repeats the last
     * sequence number, as a delayed or duplicated message would.
     */
    Reason heartbeat(final boolean stale, final long timeNanos)
    {
        final int slot = randomAgent();
        final long last = kernel.agentLastSequence(slot);
        final int percent = 70 + random.nextInt(31);
        for (int d = 0; d < scratch.length; d++)
        {
            scratch[d] = kernel.agentAllocated(slot, d) * percent / 100;
        }
        return kernel.heartbeat(slot, kernel.agentEpoch(slot), stale ? last : last + 1, scratch, timeNanos);
    }

    /**
     * Drains a random active agent other than {@code exclude}, if one turns up in a few tries.
     *
     * @return its slot, or -1 if none was drained.
     */
    int drainRandom(final int exclude)
    {
        for (int attempt = 0; attempt < PICK_ATTEMPTS; attempt++)
        {
            final int slot = randomAgent();
            if (slot != exclude && kernel.agentState(slot) == AgentState.ACTIVE)
            {
                expectOk(kernel.drain(slot), "drain slot " + slot);
                drains++;
                return slot;
            }
        }
        return -1;
    }

    /**
     * Removes a random agent other than {@code exclude} (its tasks are lost) and registers a replacement host,
     * which reuses the freed slot under a new epoch.
     *
     * @return false if {@code exclude} is the only agent, so nothing was done.
     */
    boolean removeAndReplace(final long timeNanos, final int exclude)
    {
        int slot = randomAgent();
        if (slot == exclude)
        {
            if (kernel.agentCount() == 1)
            {
                return false;
            }
            while (slot == exclude)
            {
                slot = randomAgent();
            }
        }
        expectOk(kernel.removeAgent(slot), "remove slot " + slot);
        removals++;
        registerAgent(timeNanos);
        replacements++;
        return true;
    }

    /**
     * Halves the cpus and memory of the active agent with the highest cpu utilisation, as when a host loses half
     * its cores and DIMMs. If what runs on it no longer fits, the kernel marks it overcommitted.
     *
     * @return what happened, or null if no agent is active.
     */
    CapacityShrink shrinkMostLoaded()
    {
        int chosen = -1;
        double highest = -1;
        for (int slot = 0; slot < kernel.maxAgents(); slot++)
        {
            if (kernel.agentState(slot) == AgentState.ACTIVE)
            {
                final double utilisation = kernel.agentAllocated(slot, CPUS) / (double)kernel.agentCapacity(slot, CPUS);
                if (utilisation > highest)
                {
                    highest = utilisation;
                    chosen = slot;
                }
            }
        }
        if (chosen < 0)
        {
            return null;
        }
        final long[] capacity = new long[SCHEMA.dimensions()];
        for (int d = 0; d < capacity.length; d++)
        {
            capacity[d] = kernel.agentCapacity(chosen, d);
        }
        final long cpusBefore = capacity[CPUS];
        capacity[CPUS] /= 2;
        capacity[MEM] /= 2;
        expectOk(kernel.updateCapacity(chosen, capacity), "shrink slot " + chosen);
        return new CapacityShrink(chosen, kernel.agentId(chosen), cpusBefore, capacity[CPUS],
            kernel.agentAllocated(chosen, CPUS), kernel.agentState(chosen));
    }

    /**
     * @param dimension a schema dimension.
     * @return { allocated, capacity } summed over registered agents, in milli-units.
     */
    long[] totals(final int dimension)
    {
        long allocated = 0;
        long capacity = 0;
        for (int slot = 0; slot < kernel.maxAgents(); slot++)
        {
            if (kernel.isRegistered(slot))
            {
                allocated += kernel.agentAllocated(slot, dimension);
                capacity += kernel.agentCapacity(slot, dimension);
            }
        }
        return new long[]{allocated, capacity};
    }

    /** @return registered agents counted by state, indexed by {@link AgentState#ordinal()}. */
    int[] agentsByState()
    {
        final int[] counts = new int[AgentState.values().length];
        for (int slot = 0; slot < kernel.maxAgents(); slot++)
        {
            if (kernel.isRegistered(slot))
            {
                counts[kernel.agentState(slot).ordinal()]++;
            }
        }
        return counts;
    }

    /** @return agents ever registered per class, replacements included, indexed by {@link AgentClass#ordinal()}. */
    int[] agentsPerClass()
    {
        return agentsPerClass.clone();
    }

    long lostTasks()
    {
        return lostTasks.count;
    }

    long drains()
    {
        return drains;
    }

    long removals()
    {
        return removals;
    }

    long replacements()
    {
        return replacements;
    }

    private static void expectOk(final Reason reason, final String operation)
    {
        if (reason != Reason.OK)
        {
            throw new IllegalStateException(operation + " was refused: " + reason);
        }
    }

    /** Counts the tasks the kernel reports lost with their agents. */
    private static final class LostTasks implements DecisionListener
    {
        long count;

        @Override
        public void onTaskEnded(final long taskId, final int framework, final int agentSlot, final TaskEndCause cause)
        {
            if (cause == TaskEndCause.LOST)
            {
                count++;
            }
        }
    }
}
