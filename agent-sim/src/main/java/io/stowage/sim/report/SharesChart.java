package io.stowage.sim.report;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code shares.png}: each framework's dominant share over simulated time (solid) against its weighted fair share
 * (dashed, the same colour, left out of the legend).
 */
final class SharesChart
{
    static final String FILE = "shares.png";

    private SharesChart()
    {
    }

    /**
     * @param labels the runs' labels.
     * @param runs   the runs, all {@link TimeCharts#drawable}.
     * @return one chart per run.
     */
    static List<XYChart> draw(final List<String> labels, final RunReport... runs)
    {
        final List<XYChart> charts = TimeCharts.charts("Dominant share (solid) against fair share (dashed)",
            "dominant share", labels);
        double max = 0.0;
        for (int r = 0; r < runs.length; r++)
        {
            final RunSeries series = runs[r].series;
            final XYChart chart = charts.get(r);
            final Set<String> names = new HashSet<>();
            final double[] seconds = series.seconds();
            final double[] ends = { seconds[0], seconds[seconds.length - 1] };
            for (int f = 0; f < series.frameworks().size(); f++)
            {
                final String name = series.frameworks().get(f);
                final double[] shares = series.dominantShare(f);
                ChartStyle.line(chart, names, name, seconds, shares, ChartStyle.color(f), ChartStyle.SOLID);
                max = Math.max(max, TimeCharts.max(shares));
                final FrameworkReport framework = framework(runs[r], name);
                if (framework != null && framework.hasFairShare())
                {
                    final XYSeries fair = ChartStyle.line(chart, names, name + " fair share", ends,
                        new double[] { framework.fairShare, framework.fairShare }, ChartStyle.color(f),
                        ChartStyle.DASHED);
                    fair.setShowInLegend(false);
                    max = Math.max(max, framework.fairShare);
                }
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

    private static FrameworkReport framework(final RunReport run, final String name)
    {
        if (run.frameworks != null)
        {
            for (final FrameworkReport framework : run.frameworks)
            {
                if (name.equals(framework.name))
                {
                    return framework;
                }
            }
        }
        return null;
    }
}
