package io.stowage.core;

import java.util.Arrays;

import static io.stowage.core.AgentTableDescriptor.CAPACITY;
import static io.stowage.core.AgentTableDescriptor.FLAG_AVOIDED;
import static io.stowage.core.AgentTableDescriptor.FLAG_PRESSURED;
import static io.stowage.core.AgentTableDescriptor.FLAG_UNREACHABLE;
import static io.stowage.core.AgentTableDescriptor.FLAG_USAGE_REPORTED;
import static io.stowage.core.AgentTableDescriptor.USAGE;

/**
 * How heartbeats drive an agent's state: liveness (epoch and sequence checks, the heartbeat order) and pressure.
 * Usage above the pressure threshold in any dimension (or the agent's own pressure flag) puts an agent under
 * pressure: nothing is placed on it and its revocable tasks are revoked, youngest first, until usage minus theirs is
 * at or under the threshold; a later report under the threshold without the flag ends it. With predictive avoidance
 * on, an exponential moving average of each dimension's usage slope projects usage over a horizon; an agent projected
 * past the threshold is avoided (placed on only when no other agent fits). Heartbeat timeouts are
 * {@link HeartbeatTimeouts}'.
 * <p>
 * Liveness and pressure share this class on purpose: a heartbeat with usage is the kernel's most frequent input, and
 * keeping its whole path in one object measured about 15% faster in {@code HeartbeatBenchmark} than handing the usage
 * to a second object.
 */
final class HeartbeatMonitor
{
    private final KernelConfig config;
    private final AgentTable agents;
    private final TaskLedger ledger;
    private final HeartbeatOrder order;
    private final TaskAccounting accounting;
    private final AgentEligibility eligibility;
    private final IndexUpkeep upkeep;
    /** Whether revocable headroom exists, read once: every usage report re-derives it when it does. */
    private final boolean oversubscribed;
    private final KernelCounters counters;
    private final KernelClock clock;
    private final int dimensions;
    private final long thresholdMillis;
    private final long[] scratchRemaining;
    /** Usage slope per agent and dimension, in milli-units per nanosecond; null without predictive avoidance. */
    private final double[] usageTrend;
    private final long[] lastUsageTime;

    HeartbeatMonitor(
        final KernelConfig config,
        final AgentTable agents,
        final TaskLedger ledger,
        final HeartbeatOrder order,
        final TaskAccounting accounting,
        final AgentEligibility eligibility,
        final IndexUpkeep upkeep,
        final Oversubscription oversubscription,
        final KernelCounters counters,
        final KernelClock clock)
    {
        this.config = config;
        this.agents = agents;
        this.ledger = ledger;
        this.order = order;
        this.accounting = accounting;
        this.eligibility = eligibility;
        this.upkeep = upkeep;
        this.oversubscribed = oversubscription.isEnabled();
        this.counters = counters;
        this.clock = clock;
        this.dimensions = config.schema().dimensions();
        this.thresholdMillis = config.pressureThresholdMillis();
        this.scratchRemaining = new long[dimensions];
        this.usageTrend = config.predictiveAvoidance() ? new double[config.maxAgents() * dimensions] : null;
        this.lastUsageTime = new long[config.maxAgents()];
    }

    /** Starts a newly registered agent's heartbeat order and forgets the trend of the slot it took. */
    void onRegistered(final int slot)
    {
        order.touch(slot);
        if (usageTrend != null)
        {
            Arrays.fill(usageTrend, slot * dimensions, (slot + 1) * dimensions, 0.0);
        }
    }

    /** Takes a removed agent out of the heartbeat order. */
    void onRemoved(final int slot)
    {
        order.remove(slot);
    }

    /** See {@link AllocatorKernel#heartbeat(int, int, long, long[], boolean, long)}. */
    Reason heartbeat(
        final int slot,
        final int epoch,
        final long sequence,
        final long[] usage,
        final boolean pressured,
        final long timeNanos)
    {
        if (!agents.isRegistered(slot))
        {
            return counters.refuse(Reason.UNKNOWN_AGENT);
        }
        if (agents.epoch(slot) != epoch)
        {
            return counters.refuse(Reason.STALE_EPOCH);
        }
        if (usage != null && !RequestChecks.isValidVector(usage, dimensions, true))
        {
            return counters.refuse(Reason.INVALID_REQUEST);
        }
        if (sequence <= agents.lastSequence(slot))
        {
            return counters.refuse(Reason.STALE_UPDATE);
        }
        final long now = clock.advance(timeNanos);
        agents.lastSequence(slot, sequence);
        agents.lastHeartbeat(slot, now);
        order.touch(slot);
        counters.onHeartbeat();
        // Usage is recorded below, but nothing before setFlags writes the flags: read them once.
        final int before = agents.flags(slot);
        int flags = before & ~FLAG_UNREACHABLE;
        if (usage != null)
        {
            flags = recordUsage(slot, usage, pressured, flags, now);
        }
        else if (pressured)
        {
            flags |= FLAG_PRESSURED;
        }
        eligibility.setFlags(slot, before, flags);
        int revoked = 0;
        if ((flags & FLAG_PRESSURED) != 0 && (usage != null || pressured))
        {
            revoked = revokeUnderPressure(slot);
        }
        if (flags != before || revoked > 0 || (usage != null && oversubscribed))
        {
            upkeep.refreshAgent(slot);
        }
        return Reason.OK;
    }

    /** Records a usage report and returns the flags with usage reported, pressure and avoidance re-derived. */
    private int recordUsage(
        final int slot, final long[] usage, final boolean pressured, final int flags, final long now)
    {
        int result = flags;
        if (usageTrend != null)
        {
            result = updateTrend(slot, usage, result, now);
        }
        // usage.length is the dimension count (checked on entry); as the bound it spares a range check per element.
        for (int d = 0; d < usage.length; d++)
        {
            agents.set(slot, USAGE, d, usage[d]);
        }
        lastUsageTime[slot] = now;
        result |= FLAG_USAGE_REPORTED;
        return pressured || exceedsThreshold(slot) ? result | FLAG_PRESSURED : result & ~FLAG_PRESSURED;
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
    private int revokeUnderPressure(final int slot)
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

    private int updateTrend(final int slot, final long[] usage, final int flags, final long now)
    {
        final double alpha = config.trendSmoothingMillis() / 1000.0;
        final long elapsed = now - lastUsageTime[slot];
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

    void writeTo(final SnapshotWriter out)
    {
        out.putLongs(lastUsageTime, lastUsageTime.length);
        out.putBoolean(usageTrend != null);
        if (usageTrend != null)
        {
            out.putDoubles(usageTrend, usageTrend.length);
        }
    }

    void readFrom(final SnapshotReader in)
    {
        Snapshots.exact(in, "last usage times", in.getLongs("last usage times", lastUsageTime), lastUsageTime.length);
        final boolean trends = in.getBoolean("usage trends kept");
        if (trends != (usageTrend != null))
        {
            throw in.fail("usage trends were " + (trends ? "" : "not ") + "kept, this configuration's predictive " +
                "avoidance is " + (usageTrend != null ? "on" : "off"));
        }
        if (usageTrend != null)
        {
            Snapshots.exact(in, "usage trends", in.getDoubles("usage trends", usageTrend), usageTrend.length);
        }
    }
}
