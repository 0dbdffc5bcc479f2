package io.stowage.sim.report;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code rejections.png}: rejections per sampling interval over simulated time, stacked by reason. Each band is drawn
 * as the area under the running sum of the reasons up to it, the largest sum first, so that each reason shows as the
 * band between its sum and the one below. Reasons that never occurred are left out.
 */
final class RejectionsChart
{
    static final String FILE = "rejections.png";

    private RejectionsChart()
    {
    }

    /**
     * @param labels the runs' labels.
     * @param runs   the runs, all {@link TimeCharts#drawable}.
     * @return one chart per run.
     */
    static List<XYChart> draw(final List<String> labels, final RunReport... runs)
    {
        final List<XYChart> charts = TimeCharts.charts("Rejections per interval, stacked by reason",
            "rejections per interval", labels);
        final List<String> reasons = reasons(runs);
        double max = 0.0;
        for (int r = 0; r < runs.length; r++)
        {
            final RunSeries series = runs[r].series;
            final XYChart chart = charts.get(r);
            final double[] seconds = series.seconds();
            final List<double[]> stacked = new ArrayList<>();
            final List<String> drawn = new ArrayList<>();
            final List<Integer> colours = new ArrayList<>();
            double[] sum = new double[seconds.length];
            for (int i = 0; i < reasons.size(); i++)
            {
                final int index = series.reasons().indexOf(reasons.get(i));
                if (index >= 0 && series.rejectionTotal(index) > 0)
                {
                    final double[] counts = SeriesPoints.doubles(series.rejections(index));
                    sum = sum.clone();
                    for (int s = 0; s < sum.length; s++)
                    {
                        sum[s] += counts[s];
                    }
                    stacked.add(sum);
                    drawn.add(reasons.get(i));
                    colours.add(i);
                }
            }
            final Set<String> names = new HashSet<>();
            for (int i = stacked.size() - 1; i >= 0; i--)
            {
                final XYSeries band = ChartStyle.line(chart, names, drawn.get(i), seconds, stacked.get(i),
                    ChartStyle.color(colours.get(i)), ChartStyle.THIN);
                band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
                band.setFillColor(ChartStyle.color(colours.get(i)));
            }
            if (stacked.isEmpty())
            {
                ChartStyle.line(chart, names, "no rejections", seconds, new double[seconds.length],
                    ChartStyle.color(0), ChartStyle.SOLID);
            }
            else
            {
                max = Math.max(max, TimeCharts.max(stacked.get(stacked.size() - 1)));
            }
        }
        for (int r = 0; r < runs.length; r++)
        {
            TimeCharts.roundTicks(charts.get(r), runs[r].series.seconds());
        }
        TimeCharts.sameRange(charts, max);
        return charts;
    }

    /** The reasons of all runs, in order of first appearance, so that a reason has one colour in every chart. */
    private static List<String> reasons(final RunReport... runs)
    {
        final List<String> reasons = new ArrayList<>();
        for (final RunReport run : runs)
        {
            for (final String reason : run.series.reasons())
            {
                if (!reasons.contains(reason))
                {
                    reasons.add(reason);
                }
            }
        }
        return reasons;
    }
}
