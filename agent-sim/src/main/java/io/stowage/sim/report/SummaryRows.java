package io.stowage.sim.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The summary of one or more runs as rows of text: shared by the console table and the page. */
final class SummaryRows
{
    static final String RUN = "run";
    static final String LATENCY = "decision latency";
    static final String TASKS = "tasks";
    static final String PROTECTIONS = "protections and safety";
    static final String RESOURCES = "resources";
    static final String SHARES = "dominant share against fair share";
    static final String UNPLACEABLE = "pending at the end that fits no agent (autoscaling signal)";
    static final String RECOVERY = "allocator recovery";
    static final String REPLICATION = "allocator replicas";

    private final RunReport[] runs;
    private final List<SummaryRow> rows = new ArrayList<>();

    private SummaryRows(final RunReport[] runs)
    {
        this.runs = runs;
    }

    /**
     * @param runs the runs, one column each.
     * @return the rows, grouped by section in a fixed order.
     */
    static List<SummaryRow> of(final RunReport... runs)
    {
        if (runs.length == 0)
        {
            throw new IllegalArgumentException("no run to summarise");
        }
        final SummaryRows summary = new SummaryRows(runs);
        summary.run();
        summary.latency();
        summary.tasks();
        summary.protections();
        summary.resources();
        summary.shares();
        summary.unplaceable();
        summary.recovery();
        summary.replication();
        return List.copyOf(summary.rows);
    }

    /**
     * @param runs the runs.
     * @return each run's label, or "run N" where it has none.
     */
    static List<String> labels(final RunReport... runs)
    {
        final List<String> labels = new ArrayList<>();
        for (int i = 0; i < runs.length; i++)
        {
            final String label = runs[i].label;
            labels.add(label == null || label.isBlank() ? "run " + (i + 1) : label);
        }
        return labels;
    }

    private void run()
    {
        add(RUN, "seed", run -> Long.toString(run.seed));
        add(RUN, "agents", run -> Figures.count(run.agents));
        add(RUN, "frameworks", run -> Figures.count(run.frameworks == null ? 0 : run.frameworks.size()));
        add(RUN, "simulated time", run -> Figures.seconds(run.simulatedSeconds));
        add(RUN, "wall time", run -> Figures.seconds(run.wallSeconds));
        for (final String phase : keys(run -> run.phaseSeconds))
        {
            add(RUN, "  of which " + phase, run -> Figures.seconds(phase(run, phase)));
        }
        add(RUN, "placements per second of round time", run -> Figures.rate(run.roundPlacementsPerSecond));
        add(RUN, "decisions", run -> Figures.count(run.decisions));
        add(RUN, "decisions/s (wall clock)", run -> Figures.rate(run.decisionsPerSecond));
        add(RUN, "heap used (MiB)", run -> Figures.count(run.heapUsedMegabytes));
        add(RUN, "state hash", run -> Figures.text(run.stateHash));
    }

    private static double phase(final RunReport run, final String phase)
    {
        final Double seconds = run.phaseSeconds == null ? null : run.phaseSeconds.get(phase);
        return seconds == null ? Double.NaN : seconds;
    }

    private void latency()
    {
        add(LATENCY, "p50 (us)", run -> Figures.decimal(latency(run).p50));
        add(LATENCY, "p99 (us)", run -> Figures.decimal(latency(run).p99));
        add(LATENCY, "p99.9 (us)", run -> Figures.decimal(latency(run).p999));
        add(LATENCY, "max (us)", run -> Figures.decimal(latency(run).max));
        add(LATENCY, "p99 of the other frameworks (us)", run -> Figures.decimal(run.nonFlooderLatencyP99Micros()));
    }

    private void tasks()
    {
        add(TASKS, "placed", run -> Figures.count(run.placed));
        for (final String reason : keys(run -> run.rejected))
        {
            add(TASKS, "rejected " + reason, run -> Figures.count(count(run.rejected, reason)));
        }
        add(TASKS, "rejected in all", run -> Figures.count(run.rejectedTotal()));
        add(TASKS, "peak pending", run -> Figures.count(run.peakPending));
        add(TASKS, "preempted", run -> Figures.count(run.preempted));
        add(TASKS, "revoked", run -> Figures.count(run.revoked));
        add(TASKS, "lost", run -> Figures.count(run.lost));
        add(TASKS, "starved (well-behaved, never placed)", run -> Figures.count(run.tasksStarved));
    }

    private void protections()
    {
        add(PROTECTIONS, "guard refusals", run -> Figures.count(run.guardRefusals));
        add(PROTECTIONS, "isolation kills", run -> Figures.count(run.isolationKills));
        add(PROTECTIONS, "overload events", run -> Figures.count(run.overloadEvents));
        add(PROTECTIONS, "agents ever over capacity in usage", run -> Figures.count(run.overloadedAgents));
        rows.add(new SummaryRow(PROTECTIONS, "allocation over capacity (must be 0)",
            values(run -> Figures.count(run.allocationOverCapacity)), true));
        rows.add(new SummaryRow(PROTECTIONS, "invariant violations (must be 0)",
            values(run -> Figures.count(run.invariantViolations)), true));
        rows.add(new SummaryRow(PROTECTIONS, "lost tasks never reported (must be 0)",
            values(run -> Figures.count(run.lostUnaccounted)), true));
    }

    private void resources()
    {
        final Set<String> dimensions = keys(run -> run.utilisation);
        dimensions.addAll(keys(run -> run.usage));
        for (final String dimension : dimensions)
        {
            add(RESOURCES, dimension + " allocated (mean)", run -> Figures.percent(fraction(run.utilisation, dimension)));
            add(RESOURCES, dimension + " used (mean)", run -> Figures.percent(fraction(run.usage, dimension)));
        }
    }

    private void shares()
    {
        final Set<String> names = new LinkedHashSet<>();
        for (final RunReport run : runs)
        {
            if (run.frameworks != null)
            {
                run.frameworks.forEach(framework -> names.add(framework.name));
            }
        }
        for (final String name : names)
        {
            add(SHARES, Figures.text(name), run -> share(framework(run, name)));
        }
    }

    /**
     * The tasks of all frameworks that no agent could hold even empty, then each framework that has such tasks in
     * some run: most have none, and a row of zeros per framework would bury the ones that do.
     */
    private void unplaceable()
    {
        add(UNPLACEABLE, "in all", run -> unplaceable(totalUnplaceableTasks(run), totalUnplaceableDemand(run)));
        final Set<String> names = new LinkedHashSet<>();
        for (final RunReport run : runs)
        {
            if (run.frameworks != null)
            {
                run.frameworks.stream().filter(framework -> framework.unplaceableTasks > 0)
                    .forEach(framework -> names.add(framework.name));
            }
        }
        for (final String name : names)
        {
            add(UNPLACEABLE, Figures.text(name), run ->
            {
                final FrameworkReport framework = framework(run, name);
                return framework == null ? "-" : unplaceable(framework.unplaceableTasks, framework.unplaceableDemand);
            });
        }
    }

    private static long totalUnplaceableTasks(final RunReport run)
    {
        long tasks = 0;
        if (run.frameworks != null)
        {
            for (final FrameworkReport framework : run.frameworks)
            {
                tasks += framework.unplaceableTasks;
            }
        }
        return tasks;
    }

    private static Map<String, Double> totalUnplaceableDemand(final RunReport run)
    {
        final Map<String, Double> demand = new LinkedHashMap<>();
        if (run.frameworks != null)
        {
            for (final FrameworkReport framework : run.frameworks)
            {
                if (framework.unplaceableDemand != null)
                {
                    framework.unplaceableDemand.forEach((dimension, amount) ->
                        demand.merge(dimension, amount == null ? 0.0 : amount, Double::sum));
                }
            }
        }
        return demand;
    }

    /** Tasks and what they ask for, such as "100 (cpus 1.0e8, mem 4.1e11)", or "0". */
    static String unplaceable(final long tasks, final Map<String, Double> demand)
    {
        final List<String> parts = Figures.demand(demand);
        return parts.isEmpty() ? Figures.count(tasks) : Figures.count(tasks) + " (" + String.join(", ", parts) + ")";
    }

    private void recovery()
    {
        boolean any = false;
        for (final RunReport run : runs)
        {
            any |= run.recovery != null;
        }
        if (any)
        {
            add(RECOVERY, "allocator killed at", run -> run.recovery == null ? "-" :
                Figures.seconds(run.recovery.killedAtSeconds));
            add(RECOVERY, "from a snapshot", run -> run.recovery == null ? "-" :
                run.recovery.fromSnapshot ? "yes" : "no");
            add(RECOVERY, "snapshot bytes", run -> run.recovery == null ? "-" :
                Figures.count(run.recovery.snapshotBytes));
            add(RECOVERY, "snapshot time", run -> run.recovery == null ? "-" :
                Figures.millis(run.recovery.snapshotMillis));
            add(RECOVERY, "journal records replayed", run -> run.recovery == null ? "-" :
                Figures.count(run.recovery.recordsReplayed));
            add(RECOVERY, "recovery time", run -> run.recovery == null ? "-" :
                Figures.millis(run.recovery.recoveryMillis));
            add(RECOVERY, "state hash matches", run -> run.recovery == null ? "-" :
                run.recovery.stateHashMatches ? "yes" : "NO");
        }
    }

    private void replication()
    {
        boolean any = false;
        for (final RunReport run : runs)
        {
            any |= run.replication != null;
        }
        if (any)
        {
            add(REPLICATION, "replicas (alive at the end)", run -> run.replication == null ? "-" :
                run.replication.nodes + " (" + run.replication.liveNodes + ")");
            add(REPLICATION, "leader changes", run -> run.replication == null ? "-" :
                Figures.count(run.replication.leaderChanges));
            add(REPLICATION, "failover time", run -> run.replication == null ? "-" :
                Figures.millis(run.replication.failoverMillis));
            add(REPLICATION, "decisions lost (must be 0)", run -> run.replication == null ? "-" :
                Figures.count(run.replication.decisionsLost));
            add(REPLICATION, "decisions duplicated (must be 0)", run -> run.replication == null ? "-" :
                Figures.count(run.replication.decisionsDuplicated));
            add(REPLICATION, "state hashes", run -> run.replication == null ? "-" :
                String.join(" ", run.replication.stateHashes));
            add(REPLICATION, "equal to the single-node reference", run -> run.replication == null ? "-" :
                run.replication.stateHashes.stream().allMatch(h -> h.equals(run.replication.referenceStateHash)) ?
                    "yes" : "NO");
        }
    }

    private void add(final String section, final String label, final Function<RunReport, String> figure)
    {
        rows.add(new SummaryRow(section, label, values(figure), false));
    }

    private List<String> values(final Function<RunReport, String> figure)
    {
        final List<String> values = new ArrayList<>(runs.length);
        for (final RunReport run : runs)
        {
            values.add(figure.apply(run));
        }
        return values;
    }

    private <V> Set<String> keys(final Function<RunReport, Map<String, V>> map)
    {
        final Set<String> keys = new LinkedHashSet<>();
        for (final RunReport run : runs)
        {
            final Map<String, V> values = map.apply(run);
            if (values != null)
            {
                keys.addAll(values.keySet());
            }
        }
        return keys;
    }

    private static LatencyReport latency(final RunReport run)
    {
        return run.latencyMicros == null ? new LatencyReport() : run.latencyMicros;
    }

    private static long count(final Map<String, Long> counts, final String key)
    {
        final Long count = counts == null ? null : counts.get(key);
        return count == null ? 0 : count;
    }

    private static double fraction(final Map<String, Double> fractions, final String key)
    {
        final Double fraction = fractions == null ? null : fractions.get(key);
        return fraction == null ? Double.NaN : fraction;
    }

    private static FrameworkReport framework(final RunReport run, final String name)
    {
        if (run.frameworks != null)
        {
            for (final FrameworkReport framework : run.frameworks)
            {
                if (name == null ? framework.name == null : name.equals(framework.name))
                {
                    return framework;
                }
            }
        }
        return null;
    }

    /**
     * Mean and final dominant share against the fair share, such as "mean  30.1%, end  31.2%, fair  33.3%": the
     * percentages padded to one width, so that the rows line up in the console.
     */
    static String share(final FrameworkReport framework)
    {
        if (framework == null)
        {
            return "-";
        }
        return String.format(Locale.ROOT, "mean %6s, end %6s, fair %6s", Figures.percent(framework.meanDominantShare),
            Figures.percent(framework.finalDominantShare),
            framework.hasFairShare() ? Figures.percent(framework.fairShare) : Figures.NONE);
    }
}
