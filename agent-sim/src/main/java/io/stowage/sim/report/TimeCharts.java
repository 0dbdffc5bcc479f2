package io.stowage.sim.report;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the charts over simulated time share: which runs have samples, the chart per run, a common y range. */
final class TimeCharts
{
    static final String SIMULATED_SECONDS = "simulated time (s)";
    /** Name of the hidden series of {@link #roundTicks}: a name no legend shows. */
    private static final String ANCHOR = " anchor";

    private TimeCharts()
    {
    }

    /**
     * @param runs the runs.
     * @return true if every run has at least two samples: a line needs two points, and the charts of a comparison
     * are drawn for both runs or for neither.
     */
    static boolean drawable(final RunReport... runs)
    {
        for (final RunReport run : runs)
        {
            if (run.series == null || run.series.size() < 2)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param title  chart title.
     * @param yTitle y axis title.
     * @param labels the runs' labels, added to the title when there is more than one run.
     * @return one empty chart per run, side by side in the PNG.
     */
    static List<XYChart> charts(final String title, final String yTitle, final List<String> labels)
    {
        final int width = labels.size() == 1 ? ChartStyle.WIDTH : ChartStyle.COMPARE_WIDTH;
        final List<XYChart> charts = new ArrayList<>();
        for (final String label : labels)
        {
            final XYChart chart = ChartStyle.chart(labels.size() == 1 ? title : title + ": " + label,
                SIMULATED_SECONDS, yTitle, width);
            // A column beside the plot: a row below it would be cut off when there are many series.
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
            charts.add(chart);
        }
        return charts;
    }

    /**
     * Gives the charts the same y range, so that a comparison compares heights.
     *
     * @param charts the charts.
     * @param max    the largest y drawn in any of them.
     */
    static void sameRange(final List<XYChart> charts, final double max)
    {
        for (final XYChart chart : charts)
        {
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(max > 0.0 ? max * 1.05 : 1.0);
        }
    }

    /**
     * Labels the y axis as percentages of fractions.
     *
     * @param charts the charts.
     */
    static void percentAxis(final List<XYChart> charts)
    {
        for (final XYChart chart : charts)
        {
            chart.getStyler().setYAxisTickLabelsFormattingFunction(
                fraction -> String.format(Locale.ROOT, "%.0f%%", 100.0 * fraction));
        }
    }

    /**
     * Makes XChart choose round x ticks. When all x values are evenly spaced, as samples are, XChart puts ticks only
     * at sample times and packs them until their labels almost touch; one hidden point off the sampling grid makes the
     * x values uneven, and XChart then spaces round ticks by its tick spacing hint.
     *
     * @param chart   a chart whose series are all added.
     * @param seconds the sample times, at least two.
     */
    static void roundTicks(final XYChart chart, final double[] seconds)
    {
        final XYSeries anchor = chart.addSeries(ANCHOR, new double[] { (seconds[0] + seconds[1]) / 2.0 },
            new double[] { 0.0 });
        anchor.setShowInLegend(false);
        anchor.setEnabled(false);
    }

    static double max(final double[] values)
    {
        double max = 0.0;
        for (final double value : values)
        {
            if (Double.isFinite(value))
            {
                max = Math.max(max, value);
            }
        }
        return max;
    }
}
