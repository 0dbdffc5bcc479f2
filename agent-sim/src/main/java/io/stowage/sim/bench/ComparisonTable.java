package io.stowage.sim.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The comparison as Markdown: the run's context, one row per trial, the footnotes, and the targets (reported,
 * not asserted). The same text is printed by {@code stowage bench} and written into {@code docs/benchmarks.md}.
 */
public final class ComparisonTable
{
    /** Tasks per batch, one benchmark operation. */
    static final int BATCH = 100;
    /** Cluster size the targets are stated for. */
    static final int TARGET_AGENTS = 10_000;
    /** Stowage over Fenzo's full scan, at least. */
    static final double TARGET_OVER_FULL_SCAN = 1_000;
    /** Stowage over Fenzo's first fit, at least. */
    static final double TARGET_OVER_FIRST_FIT = 100;
    /** Stowage's agents in use over Fenzo's, at most. */
    static final double TARGET_PACKING = 1.05;

    private ComparisonTable()
    {
    }

    /**
     * @param rows    the trials, by cluster size then engine.
     * @param context where the figures come from.
     * @return the Markdown.
     */
    public static String render(final List<ComparisonRow> rows, final RunContext context)
    {
        final StringBuilder out = new StringBuilder();
        out.append("Run of ").append(context.date()).append(" on ").append(context.cores()).append(" cores (`nproc`), ")
            .append(context.cpuModel()).append(", ").append(jdks(rows)).append(". Command: `")
            .append(context.command()).append("` (").append(context.duration()).append("), which ran JMH ")
            .append(context.jmhCommands().size() == 1 ? "once" : context.jmhCommands().size() + " times")
            .append(":\n\n```\n");
        for (final String jmh : context.jmhCommands())
        {
            out.append(jmh).append('\n');
        }
        out.append("```\n\nJMH's JSON: `").append(context.resultFile()).append("`. Scores are tasks placed per second ")
            .append("(one operation = 100 tasks finished and 100 placed; JMH counts each task). Agents in use and ")
            .append("the lower bound are the cluster's state at the end of the trial.\n\n");
        table(out, rows);
        out.append('\n');
        footnotes(out, rows);
        targets(out, rows);
        return out.toString();
    }

    private static void table(final StringBuilder out, final List<ComparisonRow> rows)
    {
        out.append("| agents | engine | Fenzo's offers | tasks/s | ± 99.9 % | Stowage ÷ engine | agents in use ")
            .append("| lower bound | in use ÷ bound | batches measured |\n")
            .append("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (final ComparisonRow row : rows)
        {
            out.append("| ").append(integer(row.agents()))
                .append(" | ").append(row.engine().label()).append(row.bounded() ? " †" : "")
                .append(" | ").append(row.engine().offers().isEmpty() ? "—" : row.engine().offers())
                .append(" | ").append(rate(row.tasksPerSecond()))
                .append(" | ").append(Double.isNaN(row.error()) ? "—" : integer(Math.round(row.error())))
                .append(" | ").append(stowageOver(rows, row).map(ComparisonTable::ratio).orElse("—"))
                .append(" | ").append(integer(row.agentsInUse()))
                .append(" | ").append(integer(row.agentsLowerBound()))
                .append(" | ").append(decimal(row.packingRatio(), 3))
                .append(" | ").append(integer(row.batches()))
                .append(" |\n");
        }
    }

    private static void footnotes(final StringBuilder out, final List<ComparisonRow> rows)
    {
        final List<ComparisonRow> bounded = rows.stream().filter(ComparisonRow::bounded).toList();
        if (!bounded.isEmpty())
        {
            out.append("† Bounded: Fenzo with leases that never expire spends minutes per call at this size, so the ")
                .append("trial measured one batch with no warm-up (`-wi 0 -i 1`): a single `scheduleOnce` call, cold.");
            for (final ComparisonRow row : bounded)
            {
                out.append(" ").append(row.engine().label()).append(" at ").append(integer(row.agents()))
                    .append(" agents: ").append(decimal(BATCH / row.tasksPerSecond(), 0)).append(" s for the batch.");
            }
            out.append("\n\n");
        }
        if (rows.stream().anyMatch(row -> Double.isNaN(row.error())))
        {
            out.append("\"—\" in the error column: JMH gives no error with fewer than three measured ")
                .append("iterations.\n\n");
        }
    }

    private static void targets(final StringBuilder out, final List<ComparisonRow> rows)
    {
        final List<ComparisonRow> fenzo = rows.stream()
            .filter(row -> row.engine().isFenzo() && row.agents() >= TARGET_AGENTS)
            .filter(row -> find(rows, Engine.STOWAGE, row.agents()).isPresent())
            .toList();
        if (fenzo.isEmpty())
        {
            return;
        }
        out.append("Targets (reported, not asserted; stated for ").append(integer(TARGET_AGENTS))
            .append(" agents, the gap at larger sizes for comparison):\n\n")
            .append("| agents | against | Stowage ÷ Fenzo, tasks/s | target | Stowage's agents in use ÷ Fenzo's ")
            .append("| target |\n|---:|---|---:|---|---:|---|\n");
        for (final ComparisonRow row : fenzo)
        {
            final ComparisonRow stowage = find(rows, Engine.STOWAGE, row.agents()).orElseThrow();
            final boolean firstFit = row.engine() == Engine.FENZO_FIRST_FIT ||
                row.engine() == Engine.FENZO_FIRST_FIT_NEVER_EXPIRE;
            final double speed = stowage.tasksPerSecond() / row.tasksPerSecond();
            final double packing = (double)stowage.agentsInUse() / row.agentsInUse();
            final boolean stated = row.agents() == TARGET_AGENTS;
            final double speedTarget = firstFit ? TARGET_OVER_FIRST_FIT : TARGET_OVER_FULL_SCAN;
            out.append("| ").append(integer(row.agents()))
                .append(" | ").append(row.engine().label()).append(", offers ").append(row.engine().offers())
                .append(row.bounded() ? " †" : "")
                .append(" | ").append(ratio(speed))
                .append(" | ").append(stated ? "≥ " + ratio(speedTarget) + ": " + met(speed >= speedTarget) : "—")
                .append(" | ").append(decimal(packing, 3))
                .append(" | ").append(stated ? "≤ " + TARGET_PACKING + ": " + met(packing <= TARGET_PACKING) : "—")
                .append(" |\n");
        }
        out.append('\n');
    }

    private static Optional<Double> stowageOver(final List<ComparisonRow> rows, final ComparisonRow row)
    {
        return find(rows, Engine.STOWAGE, row.agents()).map(stowage -> stowage.tasksPerSecond() / row.tasksPerSecond());
    }

    private static Optional<ComparisonRow> find(final List<ComparisonRow> rows, final Engine engine, final int agents)
    {
        return rows.stream().filter(row -> row.engine() == engine && row.agents() == agents).findFirst();
    }

    private static String jdks(final List<ComparisonRow> rows)
    {
        final List<String> jdks = rows.stream().map(ComparisonRow::jdk).distinct().toList();
        return jdks.isEmpty() ? "no trials" : String.join(" / ", jdks);
    }

    private static String met(final boolean met)
    {
        return met ? "met" : "not met";
    }

    /** @return tasks per second: whole numbers from 100, one or two decimals below. */
    static String rate(final double tasksPerSecond)
    {
        if (tasksPerSecond >= 100)
        {
            return integer(Math.round(tasksPerSecond));
        }
        return decimal(tasksPerSecond, tasksPerSecond >= 10 ? 1 : 2);
    }

    static String ratio(final double ratio)
    {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio))
        {
            return "—";
        }
        return (ratio >= 10 ? integer(Math.round(ratio)) : decimal(ratio, 1)) + "×";
    }

    static String integer(final long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String decimal(final double value, final int places)
    {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%." + places + "f", value);
    }
}
