package io.stowage.sim.cluster;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.Quantities;
import io.stowage.core.Reason;
import io.stowage.core.ResourceSchema;
import io.stowage.core.TaskEndCause;
import io.stowage.sim.report.FrameworkReport;
import io.stowage.sim.report.LatencyReport;
import io.stowage.sim.report.RecoveryReport;
import io.stowage.sim.report.RunReport;

import java.util.List;

import static io.stowage.sim.cluster.ClusterShape.DIMENSIONS;

/** Turns what a {@link ClusterSimulation} booked into its {@link RunReport}. */
final class RunReportBuilder
{
    /** A vanished task is due to be reported lost within this many seconds (lost-after plus a heartbeat interval). */
    static final int LOST_REPORT_SECONDS = 30 + 10;

    private final SimulationSettings settings;
    private final Workload workload;
    private final DecisionLedger ledger;
    private final TaskBook book;
    private final List<AgentShard> shards;
    private final int[] frameworkIds;
    private final SeriesSampler sampler;
    private final boolean[] everOverloaded;

    RunReportBuilder(
        final SimulationSettings settings,
        final Workload workload,
        final DecisionLedger ledger,
        final TaskBook book,
        final List<AgentShard> shards,
        final int[] frameworkIds,
        final SeriesSampler sampler,
        final boolean[] everOverloaded)
    {
        this.everOverloaded = everOverloaded;
        this.settings = settings;
        this.workload = workload;
        this.ledger = ledger;
        this.book = book;
        this.shards = shards;
        this.frameworkIds = frameworkIds;
        this.sampler = sampler;
    }

    RunReport build(
        final AllocatorKernel kernel,
        final long wallNanos,
        final long invariantViolations,
        final long peakPending,
        final RecoveryReport recovery)
    {
        final RunReport run = new RunReport();
        run.label = settings.protections ? "with protections" : "without protections";
        run.seed = settings.seed;
        run.agents = settings.agents;
        run.simulatedSeconds = settings.seconds;
        run.wallSeconds = wallNanos / 1e9;
        run.decisions = ledger.decisions;
        run.decisionsPerSecond = ledger.decisions / Math.max(1e-9, run.wallSeconds);
        run.latencyHistogram = ledger.latency;
        run.latencyMicros = LatencyReport.from(ledger.latency);
        run.allocationOverCapacity = ledger.allocationOverCapacity;
        run.invariantViolations = invariantViolations;
        run.peakPending = peakPending;
        run.lostUnaccounted = lostUnaccounted();
        run.stateHash = Long.toHexString(kernel.view().stateHash());
        run.series = sampler.series;
        run.recovery = recovery;
        run.heapUsedMegabytes = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
        for (final Reason reason : Reason.values())
        {
            final long count = ledger.rejectedByReason[reason.ordinal()];
            if (count > 0)
            {
                run.rejected.put(reason.name(), count);
            }
        }
        for (final AgentShard shard : shards)
        {
            run.guardRefusals += shard.guardRefusals;
            run.overloadEvents += shard.overloadEvents;
            run.isolationKills += shard.isolationKills + shard.oomKills;
        }
        for (final boolean overloaded : everOverloaded)
        {
            run.overloadedAgents += overloaded ? 1 : 0;
        }
        final List<String> dimensions = ClusterShape.SCHEMA.names();
        for (int d = 0; d < DIMENSIONS; d++)
        {
            run.utilisation.put(dimensions.get(d), sampler.allocatedSum[d] / Math.max(1, sampler.samples));
            run.usage.put(dimensions.get(d), sampler.usedSum[d] / Math.max(1, sampler.samples));
        }
        final long[] demand = new long[kernel.schema().dimensions()];
        for (int f = 0; f < frameworkIds.length; f++)
        {
            run.frameworks.add(framework(f));
            unplaceable(kernel, frameworkIds[f], demand, run.frameworks.get(f));
            final FrameworkReport fw = run.frameworks.get(f);
            run.placed += fw.placed;
            run.preempted += fw.preempted;
            run.revoked += fw.revoked;
            run.lost += fw.lost;
            if (workload.specs.get(f).kind().fairnessChecked)
            {
                run.tasksStarved += fw.queued - fw.placed;
            }
        }
        return run;
    }

    private FrameworkReport framework(final int f)
    {
        final FrameworkSpec spec = workload.specs.get(f);
        final int id = frameworkIds[f];
        final FrameworkReport fw = new FrameworkReport();
        fw.name = spec.name();
        fw.kind = spec.kind().label;
        fw.role = spec.name();
        fw.weight = spec.weight();
        fw.queued = ledger.queued[id];
        fw.placed = ledger.placed[id];
        long rejected = 0;
        for (final Reason reason : Reason.values())
        {
            final long count = ledger.rejected(id, reason);
            if (count > 0)
            {
                fw.rejected.put(reason.name(), count);
                rejected += count;
            }
        }
        fw.submitted = fw.queued + rejected;
        fw.preempted = ledger.ended(id, TaskEndCause.PREEMPTED);
        fw.revoked = ledger.ended(id, TaskEndCause.REVOKED);
        fw.lost = ledger.ended(id, TaskEndCause.LOST);
        for (final AgentShard shard : shards)
        {
            fw.finished += shard.finishedByFramework[id];
        }
        fw.finalDominantShare = sampler.lastShare[f];
        fw.meanDominantShare = sampler.shareSamples == 0 ? 0 : sampler.shareSum[f] / sampler.shareSamples;
        fw.fairShare = sampler.shareSamples == 0 ? FrameworkReport.NO_FAIR_SHARE :
            sampler.fairSum[f] / sampler.shareSamples;
        fw.latencyP99Micros = ledger.frameworkLatency[id].getTotalCount() == 0 ? 0 :
            ledger.frameworkLatency[id].getValueAtPercentile(99) / 1000.0;
        return fw;
    }

    /**
     * Fills a framework's autoscaling signal: its pending tasks that no registered agent could hold even empty, and
     * what they ask for. Taken from the kernel once, at the end of the run: the engine shares its kernel only once
     * it is closed. The kernel's query reads and changes nothing, so the run's state hash is the same with it.
     *
     * @param kernel    the kernel at the end of the run.
     * @param framework the kernel's framework id.
     * @param demand    scratch of one element per dimension.
     * @param into      the framework's report.
     */
    static void unplaceable(
        final AllocatorKernel kernel, final int framework, final long[] demand, final FrameworkReport into)
    {
        into.unplaceableTasks = kernel.view().unplaceableDemand(framework, demand);
        final ResourceSchema schema = kernel.schema();
        into.unplaceableDemand.clear();
        for (int d = 0; d < schema.dimensions(); d++)
        {
            into.unplaceableDemand.put(schema.name(d), demand[d] / (double)Quantities.SCALE);
        }
    }

    /**
     * @return the tasks that vanished with a crashed agent long enough before the end but were never reported ended
     * by the allocator.
     */
    long lostUnaccounted()
    {
        long missing = 0;
        for (final AgentShard shard : shards)
        {
            for (int i = 0; i < shard.vanished.size(); i++)
            {
                final long taskId = shard.vanished.getLong(i);
                if (shard.vanishedAt.getLong(i) + LOST_REPORT_SECONDS <= settings.seconds && book.isRunning(taskId))
                {
                    missing++;
                }
            }
        }
        return missing;
    }
}
