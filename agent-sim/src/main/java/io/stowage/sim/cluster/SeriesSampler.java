package io.stowage.sim.cluster;

import io.stowage.core.Reason;
import io.stowage.sim.report.RunSeries;

import java.util.ArrayList;
import java.util.List;

import static io.stowage.sim.cluster.ClusterShape.CPUS;
import static io.stowage.sim.cluster.ClusterShape.DIMENSIONS;
import static io.stowage.sim.cluster.ClusterShape.MEM;

/**
 * Samples the cluster at a fixed simulated interval for the report: allocated and used fraction per dimension, each
 * framework's dominant share (cpus and memory) and its weighted fair share ({@link FairShare} of what is allocated,
 * given what each framework asks for: running, pending and held back, no more than the cluster's GPUs can hold for
 * a framework that needs them), and rejections by reason in the interval.
 * Keeps the means over the run; the shares' means count over the second half of the run (after the ramp-up).
 * Runs on the driver thread after the engine has applied the second.
 */
final class SeriesSampler
{
    /** Tasks ask for their framework's unit or twice it, 60:40: 1.4 units on average. */
    private static final double MEAN_SIZE_FACTOR = 1.4;
    private final ClusterShape shape;
    private final Workload workload;
    private final DecisionLedger ledger;
    private final int every;
    private final int startOfShares;
    final RunSeries series;
    final double[] allocatedSum = new double[DIMENSIONS];
    final double[] usedSum = new double[DIMENSIONS];
    final double[] shareSum;
    final double[] fairSum;
    final double[] lastShare;
    int samples;
    int shareSamples;
    private final long[] lastRejections = new long[Reason.values().length];
    private final double[] demand;
    private final double[] weight;
    private final double[] fair;

    SeriesSampler(
        final ClusterShape shape, final Workload workload, final DecisionLedger ledger, final int every, final int seconds)
    {
        this.startOfShares = seconds / 2;
        this.shape = shape;
        this.workload = workload;
        this.ledger = ledger;
        this.every = every;
        final int n = workload.specs.size();
        final List<String> names = new ArrayList<>();
        workload.specs.forEach(spec -> names.add(spec.name()));
        final List<String> reasons = new ArrayList<>();
        for (final Reason reason : Reason.values())
        {
            reasons.add(reason.name());
        }
        series = new RunSeries(ClusterShape.SCHEMA.names(), names, reasons);
        shareSum = new double[n];
        fairSum = new double[n];
        lastShare = new double[n];
        demand = new double[n];
        weight = new double[n];
        fair = new double[n];
    }

    void sample(final int second, final int[] frameworkIds, final long[] lastUsage, final long[] pending)
    {
        if (second % every != 0)
        {
            return;
        }
        final double[] allocated = new double[DIMENSIONS];
        final double[] used = new double[DIMENSIONS];
        for (int a = 0; a < shape.agents; a++)
        {
            for (int d = 0; d < DIMENSIONS; d++)
            {
                allocated[d] += ledger.agentAllocated[a * DIMENSIONS + d] + ledger.agentRevocable[a * DIMENSIONS + d];
                used[d] += lastUsage[a * DIMENSIONS + d];
            }
        }
        for (int d = 0; d < DIMENSIONS; d++)
        {
            final double capacity = Math.max(1, shape.clusterCapacity[d]);
            allocated[d] /= capacity;
            used[d] /= capacity;
            allocatedSum[d] += allocated[d];
            usedSum[d] += used[d];
        }
        double divided = 0;
        for (int f = 0; f < frameworkIds.length; f++)
        {
            final FrameworkSpec spec = workload.specs.get(f);
            final int id = frameworkIds[f];
            final double share = Math.max(
                ledger.frameworkAllocated[id * DIMENSIONS + CPUS] / (double)shape.clusterCapacity[CPUS],
                ledger.frameworkAllocated[id * DIMENSIONS + MEM] / (double)shape.clusterCapacity[MEM]);
            lastShare[f] = share;
            divided += share;
            final double unit = Math.max(spec.cpusMilli() / (double)shape.clusterCapacity[CPUS],
                spec.memMiBMilli() / (double)shape.clusterCapacity[MEM]) * MEAN_SIZE_FACTOR;
            final long waiting = spec.kind() == FrameworkKind.UNSATISFIABLE || spec.kind() == FrameworkKind.ABSURD ?
                0 : pending[f] + workload.backlog(f);
            demand[f] = share + waiting * unit;
            if (spec.gpusMilli() > 0)
            {
                final long placeable = shape.clusterCapacity[ClusterShape.GPUS] / spec.gpusMilli();
                demand[f] = Math.min(demand[f], placeable * unit);
            }
            weight[f] = spec.weight();
        }
        FairShare.divide(divided, demand, weight, fair);
        final boolean counted = second >= startOfShares;
        if (counted)
        {
            shareSamples++;
        }
        for (int f = 0; f < frameworkIds.length; f++)
        {
            if (counted)
            {
                shareSum[f] += lastShare[f];
                fairSum[f] += fair[f];
            }
        }
        final long[] rejections = new long[lastRejections.length];
        for (int r = 0; r < rejections.length; r++)
        {
            rejections[r] = ledger.rejectedByReason[r] - lastRejections[r];
            lastRejections[r] = ledger.rejectedByReason[r];
        }
        series.sample(second, allocated, used, lastShare.clone(), rejections);
        samples++;
    }
}
