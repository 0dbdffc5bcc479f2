package io.stowage.core;

import java.util.Arrays;

import static io.stowage.core.AgentTableDescriptor.CAPACITY;
import static io.stowage.core.AgentTableDescriptor.FLAG_AVOIDED;
import static io.stowage.core.AgentTableDescriptor.FLAG_PRESSURED;
import static io.stowage.core.AgentTableDescriptor.FLAG_USAGE_REPORTED;
import static io.stowage.core.AgentTableDescriptor.USAGE;

/**
 * How reported usage drives pressure. Usage above the pressure threshold in any dimension (or the agent's own
 * pressure flag) puts an agent under pressure: nothing is placed on it and its revocable tasks are revoked, youngest
 * first, until usage minus theirs is at or under the threshold. With predictive avoidance on, an exponential moving
 * average of each dimension's usage slope projects usage over a horizon; an agent projected past the threshold is
 * avoided (placed on only when no other agent fits).
 */
final class PressureMonitor
{
    private final KernelConfig config;
    private final AgentTable agents;
    private final TaskLedger ledger;
    private final TaskAccounting accounting;
    private final KernelClock clock;
    private final int dimensions;
    private final long thresholdMillis;
    private final long[] scratchRemaining;
    /** Usage slope per agent and dimension, in milli-units per nanosecond; null without predictive avoidance. */
    private final double[] usageTrend;
    private final long[] lastUsageTime;

    PressureMonitor(
        final KernelConfig config,
        final AgentTable agents,
        final TaskLedger ledger,
        final TaskAccounting accounting,
        final KernelClock clock)
    {
        this.config = config;
        this.agents = agents;
        this.ledger = ledger;
        this.accounting = accounting;
        this.clock = clock;
        this.dimensions = config.schema().dimensions();
        this.thresholdMillis = config.pressureThresholdMillis();
        this.scratchRemaining = new long[dimensions];
        this.usageTrend = config.predictiveAvoidance() ? new double[config.maxAgents() * dimensions] : null;
        this.lastUsageTime = new long[config.maxAgents()];
    }

    /** Forgets the trend of a slot taken by a newly registered agent. */
    void onRegistered(final int slot)
    {
        if (usageTrend != null)
        {
            Arrays.fill(usageTrend, slot * dimensions, (slot + 1) * dimensions, 0.0);
        }
    }

    /**
     * Records a usage report at the kernel's clock.
     *
     * @param flags    the agent's flags so far in this heartbeat.
     * @param pressure the agent reports pressure explicitly.
     * @return the flags with usage reported, pressure and avoidance re-derived.
     */
    int recordUsage(final int slot, final long[] usage, final boolean pressure, final int flags)
    {
        int result = flags;
        if (usageTrend != null)
        {
            result = updateTrend(slot, usage, result);
        }
        for (int d = 0; d < dimensions; d++)
        {
            agents.set(slot, USAGE, d, usage[d]);
        }
        lastUsageTime[slot] = clock.now();
        result |= FLAG_USAGE_REPORTED;
        return pressure || exceedsThreshold(slot) ? result | FLAG_PRESSURED : result & ~FLAG_PRESSURED;
    }

    private boolean exceedsThreshold(final int slot)
    {
        for (int d = 0; d < dimensions; d++)
        {
            if (agents.get(slot, USAGE, d) * 1000 > thresholdMillis * agents.get(slot, CAPACITY, d))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Revokes revocable tasks, youngest first, until reported usage minus theirs is at or under the threshold.
     *
     * @return how many tasks were revoked.
     */
    int revokeUnderPressure(final int slot)
    {
        int revoked = 0;
        for (int d = 0; d < dimensions; d++)
        {
            scratchRemaining[d] = agents.get(slot, USAGE, d);
        }
        int task = ledger.firstOnAgent(slot);
        while (task != TaskLedger.NONE && remainingExceedsThreshold(slot))
        {
            final int older = ledger.nextOnAgent(task);
            if (ledger.isRevocable(task))
            {
                for (int d = 0; d < dimensions; d++)
                {
                    scratchRemaining[d] -= ledger.resource(task, d);
                }
                accounting.end(task, TaskEndCause.REVOKED);
                revoked++;
            }
            task = older;
        }
        return revoked;
    }

    private boolean remainingExceedsThreshold(final int slot)
    {
        for (int d = 0; d < dimensions; d++)
        {
            if (scratchRemaining[d] * 1000 > thresholdMillis * agents.get(slot, CAPACITY, d))
            {
                return true;
            }
        }
        return false;
    }

    private int updateTrend(final int slot, final long[] usage, final int flags)
    {
        final double alpha = config.trendSmoothingMillis() / 1000.0;
        final long elapsed = clock.now() - lastUsageTime[slot];
        boolean avoid = false;
        for (int d = 0; d < dimensions; d++)
        {
            final int i = slot * dimensions + d;
            if ((flags & FLAG_USAGE_REPORTED) != 0 && elapsed > 0)
            {
                final double slope = (usage[d] - agents.get(slot, USAGE, d)) / (double)elapsed;
                usageTrend[i] = alpha * slope + (1 - alpha) * usageTrend[i];
            }
            final double projected = usage[d] + usageTrend[i] * config.predictionHorizonNanos();
            avoid |= projected * 1000 > (double)thresholdMillis * agents.get(slot, CAPACITY, d);
        }
        return avoid ? flags | FLAG_AVOIDED : flags & ~FLAG_AVOIDED;
    }

    /** Mixes an agent's last usage time and trend into the state hash. */
    long hash(final int slot, final long seed)
    {
        long hash = StateHash.mix(seed, lastUsageTime[slot]);
        for (int d = 0; usageTrend != null && d < dimensions; d++)
        {
            hash = StateHash.mix(hash, Double.doubleToLongBits(usageTrend[slot * dimensions + d]));
        }
        return hash;
    }
}
