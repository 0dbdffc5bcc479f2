package io.stowage.sim.report;

import org.knowm.xchart.XYChart;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code utilisation.png}: the allocated fraction of each resource dimension over simulated time (solid) and its
 * measured usage (dashed, the same colour).
 */
final class UtilisationChart
{
    static final String FILE = "utilisation.png";

    private UtilisationChart()
    {
    }

    /**
     * @param labels the runs' labels.
     * @param runs   the runs, all {@link TimeCharts#drawable}.
     * @return one chart per run.
     */
    static List<XYChart> draw(final List<String> labels, final RunReport... runs)
    {
        final List<XYChart> charts = TimeCharts.charts("Allocated (solid) and used (dashed)", "fraction of capacity",
            labels);
        double max = 1.0;
        for (int r = 0; r < runs.length; r++)
        {
            final RunSeries series = runs[r].series;
            final XYChart chart = charts.get(r);
            final Set<String> names = new HashSet<>();
            final double[] seconds = series.seconds();
            for (int d = 0; d < series.dimensions().size(); d++)
            {
                final String dimension = series.dimensions().get(d);
                final double[] allocated = series.allocated(d);
                final double[] used = series.used(d);
                ChartStyle.line(chart, names, dimension + " allocated", seconds, allocated, ChartStyle.color(d),
                    ChartStyle.SOLID);
                ChartStyle.line(chart, names, dimension + " used", seconds, used, ChartStyle.color(d),
                    ChartStyle.DASHED);
                max = Math.max(max, Math.max(TimeCharts.max(allocated), TimeCharts.max(used)));
            }
        }
        for (int r = 0; r < runs.length; r++)
        {
            TimeCharts.roundTicks(charts.get(r), runs[r].series.seconds());
        }
        TimeCharts.sameRange(charts, max);
        TimeCharts.percentAxis(charts);
        return charts;
    }
}
