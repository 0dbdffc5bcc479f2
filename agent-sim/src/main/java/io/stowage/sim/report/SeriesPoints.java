package io.stowage.sim.report;

/** Fewer points for a chart: a long series is averaged in equal buckets, which keeps its shape and its level. */
final class SeriesPoints
{
    private SeriesPoints()
    {
    }

    /**
     * @param x   x values, ascending.
     * @param y   y values, as many.
     * @param max most points wanted.
     * @return {x, y} with at most {@code max} points: the inputs themselves when they are short enough, else each
     * bucket's mean x and mean y.
     */
    static double[][] downsample(final double[] x, final double[] y, final int max)
    {
        if (x.length <= max)
        {
            return new double[][] { x, y };
        }
        final int bucket = (x.length + max - 1) / max;
        final int points = (x.length + bucket - 1) / bucket;
        final double[] meanX = new double[points];
        final double[] meanY = new double[points];
        for (int p = 0; p < points; p++)
        {
            final int from = p * bucket;
            final int to = Math.min(x.length, from + bucket);
            double sumX = 0;
            double sumY = 0;
            for (int i = from; i < to; i++)
            {
                sumX += x[i];
                sumY += y[i];
            }
            meanX[p] = sumX / (to - from);
            meanY[p] = sumY / (to - from);
        }
        return new double[][] { meanX, meanY };
    }

    /**
     * @param values counts.
     * @return the same as doubles.
     */
    static double[] doubles(final long[] values)
    {
        final double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++)
        {
            doubles[i] = values[i];
        }
        return doubles;
    }
}
