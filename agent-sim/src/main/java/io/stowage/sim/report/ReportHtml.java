package io.stowage.sim.report;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code report.html}: one self-contained page (inline CSS, no script, nothing fetched) with the summary table (a
 * column per run, differences highlighted), the frameworks, the allocator recovery and the charts.
 */
final class ReportHtml
{
    /**
     * The narrowest browser window, in CSS pixels, whose page shows the frameworks table without scrolling sideways:
     * a laptop's. The table keeps to {@link #FRAMEWORK_COLUMNS} columns, in a smaller font, and every cell but a single
     * number may wrap, so that the widths of its narrowest layout add up to less than this less the page's margins.
     */
    static final int NARROWEST_WINDOW_PX = 1280;
    /** Columns of the frameworks table. */
    static final int FRAMEWORK_COLUMNS = 15;
    /** Font size of the frameworks table, relative to the page's. */
    static final String FRAMEWORKS_FONT = ".85em";
    /** Horizontal padding of each of its cells, in its own ems. */
    static final String FRAMEWORKS_CELL_PADDING = ".45em";

    private static final String FRAMEWORKS_HEAD = "<table class=\"frameworks\">\n<thead><tr>" +
        "<th rowspan=\"2\">framework</th><th rowspan=\"2\">weight</th><th colspan=\"5\">tasks</th>" +
        "<th colspan=\"4\">ended</th><th colspan=\"3\">dominant share</th>" +
        "<th rowspan=\"2\" title=\"99th percentile of the framework's decision latency\">p99 latency (ms)</th></tr>\n" +
        "<tr><th>submitted</th><th>placed</th><th>queued</th><th>rejected</th>" +
        "<th title=\"pending at the end, and no registered agent could hold them even empty: the autoscaling " +
        "signal\">fits no agent</th><th>preempted</th><th>revoked</th><th>lost</th><th>finished</th>" +
        "<th title=\"mean over the second half of the run\">mean</th><th title=\"at the end\">end</th>" +
        "<th title=\"weighted max-min fair share, mean over the second half of the run\">fair</th></tr></thead>\n" +
        "<tbody>\n";

    private static final String CSS = String.join("\n",
        "body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:2em auto;max-width:1640px;",
        "padding:0 1.5em;color:#222;line-height:1.4}",
        "h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}",
        "h3{font-size:1.05em}p.lead{color:#555;margin-top:0}p.note{color:#555;font-size:.9em}",
        "table{border-collapse:collapse;font-size:.92em}th,td{padding:.25em .7em;border:1px solid #ddd}",
        "thead th{background:#f2f2f2;text-align:center}td.num{text-align:right;font-variant-numeric:tabular-nums;",
        "white-space:nowrap}td.text{text-align:left}tbody th{text-align:left;font-weight:normal}",
        "tr.section th{background:#fafafa;font-weight:bold;padding-top:.6em}tr.section th::first-letter{text-transform:uppercase}",
        "tr.differs td{background:#fff4c2}td.fail{background:#f6c6c6 !important;font-weight:bold;color:#900}",
        "small{color:#666}dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{color:#555}",
        "dd{margin:0}figure{margin:1.5em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}",
        "figcaption{color:#444;font-size:.92em;margin-top:.3em}",
        // the frameworks table: smaller and tighter than the summary; a name or a breakdown wraps, a number does not
        "table.frameworks{font-size:" + FRAMEWORKS_FONT + "}table.frameworks th,table.frameworks td{padding:.2em " +
            FRAMEWORKS_CELL_PADDING + "}",
        "table.frameworks td.text{overflow-wrap:anywhere}table.frameworks small.parts{white-space:normal}");

    private final StringBuilder sb = new StringBuilder(32 * 1024);
    private final List<String> labels;
    private final RunReport[] runs;

    private ReportHtml(final RunReport[] runs)
    {
        this.runs = runs;
        this.labels = SummaryRows.labels(runs);
    }

    /**
     * @param charts the charts written, in the order to show them.
     * @param runs   the runs, the protected one first.
     * @return the page.
     */
    static String page(final List<ReportCharts.Chart> charts, final RunReport... runs)
    {
        final ReportHtml html = new ReportHtml(runs);
        html.head();
        html.summary();
        html.frameworks();
        html.recovery();
        html.charts(charts);
        html.sb.append("</body>\n</html>\n");
        return html.sb.toString();
    }

    private void head()
    {
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<title>Stowage simulation report</title>\n<style>\n").append(CSS).append("\n</style>\n")
            .append("</head>\n<body>\n<h1>Stowage simulation report</h1>\n<p class=\"lead\">");
        for (int i = 0; i < runs.length; i++)
        {
            sb.append(i == 0 ? "" : "; compared with ").append("<strong>").append(Html.escape(labels.get(i)))
                .append("</strong>: seed ").append(runs[i].seed).append(", ").append(Figures.count(runs[i].agents))
                .append(" agents, ").append(Html.escape(Figures.seconds(runs[i].simulatedSeconds))).append(" simulated");
        }
        sb.append("</p>\n");
    }

    private void summary()
    {
        final List<SummaryRow> rows = SummaryRows.of(runs);
        sb.append("<h2>Summary</h2>\n<table class=\"summary\">\n<thead><tr><th></th>");
        for (final String label : labels)
        {
            sb.append("<th>").append(Html.escape(label)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        String section = null;
        for (final SummaryRow row : rows)
        {
            if (SummaryRows.RECOVERY.equals(row.section()))
            {
                continue;
            }
            if (!row.section().equals(section))
            {
                section = row.section();
                sb.append("<tr class=\"section\"><th colspan=\"").append(runs.length + 1).append("\">")
                    .append(Html.escape(section)).append("</th></tr>\n");
            }
            sb.append(runs.length > 1 && row.differs() ? "<tr class=\"differs\">" : "<tr>")
                .append("<th>").append(Html.escape(row.label())).append("</th>");
            for (int run = 0; run < runs.length; run++)
            {
                sb.append(row.failed(run) ? "<td class=\"num fail\">" : "<td class=\"num\">")
                    .append(Html.escape(row.values().get(run))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n<p class=\"note\">")
            .append(runs.length > 1 ? "Highlighted rows differ between the runs. " : "")
            .append("A figure marked \"must be 0\" is shown in red when it is not. Latencies are of the kernel's " +
                "decisions; shares are fractions of the cluster.</p>\n");
    }

    private void frameworks()
    {
        sb.append("<h2>Frameworks</h2>\n");
        boolean tables = false;
        for (int i = 0; i < runs.length; i++)
        {
            if (runs.length > 1)
            {
                sb.append("<h3>").append(Html.escape(labels.get(i))).append("</h3>\n");
            }
            final List<FrameworkReport> frameworks = runs[i].frameworks;
            if (frameworks == null || frameworks.isEmpty())
            {
                sb.append("<p>No framework.</p>\n");
                continue;
            }
            tables = true;
            sb.append(FRAMEWORKS_HEAD);
            for (final FrameworkReport framework : frameworks)
            {
                framework(framework);
            }
            sb.append("</tbody>\n</table>\n");
        }
        if (!tables)
        {
            return;
        }
        sb.append("<p class=\"note\">Queued counts every task the allocator accepted, placed or still pending. ")
            .append("<em>Fits no agent</em> is the autoscaling signal: the tasks pending at the end that no ")
            .append("registered agent could hold even empty (too big, or constrained to attributes no agent has), ")
            .append("with what they ask for in units. Dominant shares are of the cpus and memory.</p>\n");
    }

    /**
     * One framework's row. Its kind (and its role where it is not named after the framework) go under its name, and
     * the breakdowns under their totals, so that the table keeps to {@link #FRAMEWORK_COLUMNS} narrow columns.
     */
    private void framework(final FrameworkReport framework)
    {
        sb.append("<tr><td class=\"text\">").append(Html.escape(Figures.text(framework.name)))
            .append("<br><small>").append(Html.escape(Figures.text(framework.kind)));
        if (framework.role != null && !framework.role.equals(framework.name))
        {
            sb.append(", role ").append(Html.escape(framework.role));
        }
        sb.append("</small></td>");
        number(Figures.decimal(framework.weight));
        number(Figures.count(framework.submitted));
        number(Figures.count(framework.placed));
        number(Figures.count(framework.queued));
        final List<String> reasons = new ArrayList<>();
        if (framework.rejected != null)
        {
            framework.rejected.forEach((reason, count) ->
                reasons.add(reason + " " + Figures.count(count == null ? 0 : count)));
        }
        breakdown(Figures.count(framework.rejectedTotal()), reasons);
        breakdown(Figures.count(framework.unplaceableTasks), Figures.demand(framework.unplaceableDemand));
        number(Figures.count(framework.preempted));
        number(Figures.count(framework.revoked));
        number(Figures.count(framework.lost));
        number(Figures.count(framework.finished));
        number(Figures.percent(framework.meanDominantShare));
        number(Figures.percent(framework.finalDominantShare));
        number(framework.hasFairShare() ? Figures.percent(framework.fairShare) : Figures.NONE);
        number(Figures.decimal(framework.latencyP99Micros / 1000.0));
        sb.append("</tr>\n");
    }

    /**
     * A total with its parts in small print under it, a part a line. A part may wrap at a space, or after an
     * underscore: a reason such as ADMISSION_CLOSED is otherwise the widest word of the table.
     */
    private void breakdown(final String total, final List<String> parts)
    {
        sb.append("<td class=\"num\">").append(Html.escape(total));
        if (!parts.isEmpty())
        {
            sb.append("<small class=\"parts\">");
            for (final String part : parts)
            {
                sb.append("<br>").append(Html.escape(part).replace("_", "_<wbr>"));
            }
            sb.append("</small>");
        }
        sb.append("</td>");
    }

    private void recovery()
    {
        boolean heading = false;
        for (int i = 0; i < runs.length; i++)
        {
            final RecoveryReport recovery = runs[i].recovery;
            if (recovery == null)
            {
                continue;
            }
            if (!heading)
            {
                sb.append("<h2>Allocator recovery</h2>\n");
                heading = true;
            }
            if (runs.length > 1)
            {
                sb.append("<h3>").append(Html.escape(labels.get(i))).append("</h3>\n");
            }
            sb.append("<dl class=\"recovery\">\n");
            item("allocator killed at", Figures.seconds(recovery.killedAtSeconds) + " simulated");
            item("started from", recovery.fromSnapshot ? "a snapshot of " +
                Figures.count(recovery.snapshotBytes) + " bytes (" +
                String.format("%.0f", recovery.snapshotBytesPerRunningTask) + " per running task), loaded in " +
                Figures.millis(recovery.snapshotLoadMillis) : "the start of the journal (no snapshot)");
            item("last snapshot took", Figures.millis(recovery.snapshotMillis) + " (" +
                Figures.millis(recovery.snapshotEncodeMillis) + " encoding); " +
                Figures.count(recovery.snapshotsTaken) + " taken");
            item("journal records replayed", Figures.count(recovery.recordsReplayed));
            item("replay time", Figures.millis(recovery.replayMillis));
            item("recovery time", Figures.millis(recovery.recoveryMillis));
            sb.append("<dt>state hash after recovery</dt><dd").append(recovery.stateHashMatches ? ">" : " class=\"fail\">")
                .append(recovery.stateHashMatches ? "matches the killed allocator's" : "DIFFERS from the killed allocator's")
                .append("</dd>\n</dl>\n");
        }
    }

    private void charts(final List<ReportCharts.Chart> charts)
    {
        if (charts.isEmpty())
        {
            return;
        }
        sb.append("<h2>Charts</h2>\n");
        for (final ReportCharts.Chart chart : charts)
        {
            final String name = Html.escape(chart.file().getFileName().toString());
            final String caption = Html.escape(chart.caption() +
                (runs.length > 1 && !LatencyChart.FILE.equals(chart.file().getFileName().toString()) ?
                " Left: " + labels.get(0) + "; right: " + labels.get(1) + "; same y scale." : ""));
            sb.append("<figure><img src=\"").append(name).append("\" alt=\"").append(caption).append("\">")
                .append("<figcaption>").append(caption).append("</figcaption></figure>\n");
        }
    }

    private void item(final String term, final String value)
    {
        sb.append("<dt>").append(Html.escape(term)).append("</dt><dd>").append(Html.escape(value)).append("</dd>\n");
    }

    private void number(final String value)
    {
        sb.append("<td class=\"num\">").append(Html.escape(value)).append("</td>");
    }
}
