package io.stowage.sim.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class SeriesPointsTest
{
    @Test
    void shouldLeaveAShortSeriesAsItIs()
    {
        final double[] x = { 0, 1, 2 };
        final double[] y = { 5, 6, 7 };
        final double[][] points = SeriesPoints.downsample(x, y, 3);

        assertSame(x, points[0]);
        assertSame(y, points[1]);
    }

    @Test
    void shouldAverageALongSeriesInBuckets()
    {
        final double[] x = new double[10];
        final double[] y = new double[10];
        for (int i = 0; i < x.length; i++)
        {
            x[i] = i;
            y[i] = i % 2 == 0 ? 0 : 10;
        }
        final double[][] points = SeriesPoints.downsample(x, y, 4);

        assertEquals(4, points[0].length);
        assertArrayEquals(new double[] { 1, 4, 7, 9 }, points[0]);
        assertArrayEquals(new double[] { 10.0 / 3, 20.0 / 3, 10.0 / 3, 10 }, points[1], 1e-9);
    }
}
