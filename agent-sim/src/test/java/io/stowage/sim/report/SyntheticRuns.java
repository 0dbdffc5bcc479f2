package io.stowage.sim.report;

import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Random;

/** Runs with realistic content for the report tests: a cluster of frameworks, latencies and a sampled series. */
final class SyntheticRuns
{
    static final List<String> DIMENSIONS = List.of("cpus", "mem", "disk");
    static final List<String> REASONS = List.of("RATE_LIMITED", "PENDING_LIMIT", "ADMISSION_CLOSED",
        "INSUFFICIENT_CAPACITY");
    static final String[][] FRAMEWORKS = {
        { "web", "service" }, { "etl", "batch" }, { "flood", "flooder" }, { "huge", "absurd" },
        { "never", "unsatisfiable" }, { "payments", "priority" }, { "scavenger", "best-effort" } };
    static final int SAMPLES = 400;

    private SyntheticRuns()
    {
    }

    /**
     * @param protections true for the run with the protections.
     * @param seed        seed of the synthetic figures.
     * @return a run.
     */
    static RunReport run(final boolean protections, final long seed)
    {
        final Random random = new Random(seed);
        final RunReport run = new RunReport();
        run.label = protections ? "with protections" : "without protections";
        run.seed = seed;
        run.agents = 1_000;
        run.simulatedSeconds = SAMPLES;
        run.wallSeconds = 12.5;
        run.decisions = 2_345_678;
        run.decisionsPerSecond = run.decisions / run.wallSeconds;
        run.phaseSeconds.put("agents", 3.0);
        run.phaseSeconds.put("round", 6.25);
        run.roundPlacementsPerSecond = 1_234_567 / 6.25;
        run.latencyHistogram = latencies(random, protections ? 1.0 : 3.0);
        run.latencyMicros = LatencyReport.from(run.latencyHistogram);
        run.placed = 1_234_567;
        run.rejected.put("RATE_LIMITED", protections ? 45_000L : 0L);
        run.rejected.put("PENDING_LIMIT", protections ? 12_000L : 0L);
        run.rejected.put("INSUFFICIENT_CAPACITY", 3_456L);
        run.preempted = protections ? 321 : 4_321;
        run.revoked = protections ? 87 : 876;
        run.lost = 12;
        run.guardRefusals = protections ? 5 : 0;
        run.overloadEvents = protections ? 0 : 5_432;
        run.isolationKills = protections ? 17 : 0;
        run.tasksStarved = protections ? 0 : 765;
        run.peakPending = protections ? 2_000 : 98_765;
        run.stateHash = protections ? "9f3c2a7b11d04e55" : "0a1b2c3d4e5f6789";
        run.heapUsedMegabytes = 512;
        run.utilisation.put("cpus", 0.71);
        run.utilisation.put("mem", 0.64);
        run.utilisation.put("disk", 0.22);
        run.usage.put("cpus", 0.52);
        run.usage.put("mem", protections ? 0.58 : 0.93);
        run.usage.put("disk", 0.18);
        for (int f = 0; f < FRAMEWORKS.length; f++)
        {
            run.frameworks.add(framework(FRAMEWORKS[f][0], FRAMEWORKS[f][1], f, protections));
        }
        if (protections)
        {
            final RecoveryReport recovery = new RecoveryReport();
            recovery.killedAtSeconds = 200.0;
            recovery.fromSnapshot = true;
            recovery.snapshotBytes = 41_943_040;
            recovery.snapshotMillis = 212.5;
            recovery.snapshotEncodeMillis = 98.1;
            recovery.snapshotsTaken = 4;
            recovery.runningTasks = 262_144;
            recovery.snapshotBytesPerRunningTask = 160;
            recovery.snapshotLoadMillis = 140.7;
            recovery.recordsReplayed = 1_048_576;
            recovery.replayMillis = 834.2;
            recovery.recoveryMillis = 990.3;
            recovery.stateHashMatches = true;
            run.recovery = recovery;
        }
        run.series = series(random, protections);
        return run;
    }

    private static FrameworkReport framework(
        final String name, final String kind, final int index, final boolean protections)
    {
        final FrameworkReport framework = new FrameworkReport();
        framework.name = name;
        framework.kind = kind;
        framework.role = index < 3 ? "prod" : "dev";
        framework.weight = index == 0 ? 2.0 : 1.0;
        framework.submitted = 200_000 + index * 1_000;
        framework.placed = 150_000 + index * 900;
        framework.queued = 40 * index;
        if ("flooder".equals(kind))
        {
            framework.rejected.put("RATE_LIMITED", protections ? 45_000L : 0L);
            framework.rejected.put("PENDING_LIMIT", protections ? 12_000L : 0L);
        }
        framework.preempted = 10L * index;
        framework.revoked = 3L * index;
        framework.finished = 140_000 + index * 800;
        framework.meanDominantShare = 0.05 + 0.02 * index;
        framework.finalDominantShare = 0.06 + 0.02 * index;
        framework.fairShare = "best-effort".equals(kind) ? FrameworkReport.NO_FAIR_SHARE : 0.1 + 0.01 * index;
        framework.latencyP99Micros = protections ? 20.0 + index : 80.0 + 5 * index;
        // what the absurd and the unsatisfiable frameworks queue stays pending and fits no agent
        final boolean unplaceable = "absurd".equals(kind) || "unsatisfiable".equals(kind);
        framework.unplaceableTasks = unplaceable ? framework.queued : 0;
        final double cpusEach = "absurd".equals(kind) ? 1e6 : 1.5;
        for (final String dimension : DIMENSIONS)
        {
            final double each = switch (dimension)
            {
                case "cpus" -> cpusEach;
                case "mem" -> cpusEach * 4096;
                default -> 0.0;
            };
            framework.unplaceableDemand.put(dimension, framework.unplaceableTasks * each);
        }
        return framework;
    }

    private static Histogram latencies(final Random random, final double slowdown)
    {
        final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        for (int i = 0; i < 200_000; i++)
        {
            final double micros = Math.exp(0.6 * random.nextGaussian()) * 2.0 * slowdown;
            final double tail = random.nextDouble() < 0.001 ? 50.0 * slowdown : 1.0;
            histogram.recordValue((long)(micros * tail * 1_000.0));
        }
        return histogram;
    }

    private static RunSeries series(final Random random, final boolean protections)
    {
        final String[] names = new String[FRAMEWORKS.length];
        for (int f = 0; f < FRAMEWORKS.length; f++)
        {
            names[f] = FRAMEWORKS[f][0];
        }
        final RunSeries series = new RunSeries(DIMENSIONS, List.of(names), REASONS);
        final double[] allocated = new double[DIMENSIONS.size()];
        final double[] used = new double[DIMENSIONS.size()];
        final double[] shares = new double[FRAMEWORKS.length];
        final long[] rejections = new long[REASONS.size()];
        for (int s = 0; s < SAMPLES; s++)
        {
            final double ramp = Math.min(1.0, s / 60.0);
            for (int d = 0; d < allocated.length; d++)
            {
                allocated[d] = ramp * (0.75 - 0.2 * d) + 0.02 * random.nextGaussian();
                used[d] = allocated[d] * (protections ? 0.75 : 1.15) + 0.02 * random.nextGaussian();
            }
            for (int f = 0; f < shares.length; f++)
            {
                shares[f] = ramp * (0.05 + 0.02 * f) + 0.005 * random.nextGaussian();
            }
            rejections[0] = protections ? 100 + random.nextInt(50) : 0;
            rejections[1] = protections ? 20 + random.nextInt(20) : 0;
            rejections[2] = 0;
            rejections[3] = s > 200 ? random.nextInt(30) : 0;
            series.sample(s, allocated, used, shares, rejections);
        }
        return series;
    }
}
