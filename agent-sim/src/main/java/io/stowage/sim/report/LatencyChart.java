package io.stowage.sim.report;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code latency.png}: the percentile distribution of the decision latency, HdrHistogram's classic plot. The x axis
 * is 1/(1-p) on a log scale, so that 90%, 99%, 99.9% and 99.99% are evenly spaced; the runs of a comparison are
 * drawn on the same axes.
 */
final class LatencyChart
{
    static final String FILE = "latency.png";
    /** Percentile levels reported between each halving of the distance to 100%. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;
    /** Rightmost point: 99.9999%. */
    private static final int MAX_NINES = 6;
    /** A tail this many times the median is drawn on a log y axis, or the median would sit on the x axis. */
    private static final double LOG_Y_RATIO = 50.0;
    private static final double NANOS_PER_MICRO = 1_000.0;

    private LatencyChart()
    {
    }

    /**
     * @param runs the runs; those without recorded latencies are left out.
     * @return true if some run has recorded latencies to draw.
     */
    static boolean drawable(final RunReport... runs)
    {
        for (final RunReport run : runs)
        {
            if (run.latencyHistogram != null && run.latencyHistogram.getTotalCount() > 0)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param labels the runs' labels.
     * @param runs   the runs, at least one of them {@link #drawable}.
     * @return the chart.
     */
    static XYChart draw(final List<String> labels, final RunReport... runs)
    {
        final XYChart chart = ChartStyle.chart("Decision latency by percentile", "percentile", "microseconds",
            ChartStyle.WIDTH);
        final double maxX = maxX(runs);
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(false);
        chart.getStyler().setXAxisMin(1.0);
        chart.getStyler().setXAxisMax(maxX);
        chart.getStyler().setXAxisTickLabelsFormattingFunction(LatencyChart::percentileLabel);
        chart.getStyler().setYAxisMin(0.0);
        final Set<String> names = new HashSet<>();
        double lowest = Double.MAX_VALUE;
        double highest = 0.0;
        for (int i = 0; i < runs.length; i++)
        {
            final Histogram histogram = runs[i].latencyHistogram;
            if (histogram == null || histogram.getTotalCount() == 0)
            {
                continue;
            }
            final double[][] points = points(histogram, maxX);
            ChartStyle.line(chart, names, labels.get(i), points[0], points[1], ChartStyle.color(i), ChartStyle.SOLID);
            lowest = Math.min(lowest, histogram.getValueAtPercentile(50.0) / NANOS_PER_MICRO);
            highest = Math.max(highest, histogram.getMaxValue() / NANOS_PER_MICRO);
        }
        if (lowest > 0.0 && highest / lowest > LOG_Y_RATIO)
        {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisMin(null);
            chart.setYAxisTitle("microseconds (log scale)");
        }
        return chart;
    }

    /**
     * @param histogram latencies, nanoseconds.
     * @param maxX      rightmost x: later percentiles, the 100% of the maximum among them, are drawn there.
     * @return {x, y}: x is 1/(1-p), y microseconds.
     */
    static double[][] points(final Histogram histogram, final double maxX)
    {
        final List<double[]> points = new ArrayList<>();
        for (final HistogramIterationValue value : histogram.percentiles(TICKS_PER_HALF_DISTANCE))
        {
            final double remaining = 1.0 - value.getPercentileLevelIteratedTo() / 100.0;
            final double x = remaining <= 1.0 / maxX ? maxX : 1.0 / remaining;
            points.add(new double[] { x, value.getValueIteratedTo() / NANOS_PER_MICRO });
        }
        final double[][] xy = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++)
        {
            xy[0][i] = points.get(i)[0];
            xy[1][i] = points.get(i)[1];
        }
        return xy;
    }

    /** 10^k where k nines are the most that the largest run resolves (between 2 and 6). */
    private static double maxX(final RunReport... runs)
    {
        long count = 0;
        for (final RunReport run : runs)
        {
            if (run.latencyHistogram != null)
            {
                count = Math.max(count, run.latencyHistogram.getTotalCount());
            }
        }
        final int nines = (int)Math.max(2, Math.min(MAX_NINES, Math.ceil(Math.log10(Math.max(1, count)))));
        return Math.pow(10.0, nines);
    }

    /** The label of x = 1/(1-p) at the median and at the decades from 90%; other grid lines go unlabelled. */
    static String percentileLabel(final Double x)
    {
        final double log = Math.log10(x);
        if (Math.abs(x - 2.0) < 1e-9)
        {
            return "50%";
        }
        if (Math.abs(log - Math.rint(log)) > 1e-9 || log < 0.5)
        {
            return "";
        }
        final double percentile = 100.0 * (1.0 - 1.0 / x);
        final int decimals = Math.max(0, (int)Math.rint(log) - 2);
        return String.format(Locale.ROOT, "%." + decimals + "f%%", percentile);
    }
}
