package io.stowage.sim.report;

import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws the charts the runs have data for: the latency chart when a run recorded latencies, the three time charts
 * when every run has samples.
 */
final class ReportCharts
{
    private ReportCharts()
    {
    }

    /**
     * @param dir  the report directory.
     * @param runs the runs, the protected one first.
     * @return the charts written, in the order the page shows them.
     * @throws IOException if a file cannot be written.
     */
    static List<Chart> write(final Path dir, final RunReport... runs) throws IOException
    {
        final List<String> labels = SummaryRows.labels(runs);
        final List<Chart> charts = new ArrayList<>();
        if (LatencyChart.drawable(runs))
        {
            charts.add(save(dir, LatencyChart.FILE, List.of(LatencyChart.draw(labels, runs)),
                "Decision latency by percentile (HdrHistogram percentile distribution). The x axis is 1/(1-p) on a " +
                "log scale, so that each further nine gets the same width."));
        }
        if (TimeCharts.drawable(runs))
        {
            charts.add(save(dir, UtilisationChart.FILE, UtilisationChart.draw(labels, runs),
                "Allocated fraction of the cluster's capacity per resource dimension (solid) and measured usage " +
                "(dashed) over simulated time."));
            charts.add(save(dir, SharesChart.FILE, SharesChart.draw(labels, runs),
                "Dominant share per framework over simulated time (solid) against its weighted fair share (dashed)."));
            charts.add(save(dir, RejectionsChart.FILE, RejectionsChart.draw(labels, runs),
                "Rejections per sampling interval over simulated time, stacked by reason."));
        }
        return charts;
    }

    private static Chart save(
        final Path dir,
        final String name,
        final List<XYChart> charts,
        final String caption) throws IOException
    {
        final Path file = dir.resolve(name);
        ChartStyle.save(file, charts);
        return new Chart(file, caption);
    }

    /**
     * A chart written.
     *
     * @param file    its PNG.
     * @param caption what it shows.
     */
    record Chart(Path file, String caption)
    {
    }
}
