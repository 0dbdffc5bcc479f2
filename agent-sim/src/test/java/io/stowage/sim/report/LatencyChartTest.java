package io.stowage.sim.report;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyChartTest
{
    @Test
    void shouldLabelTheMedianAndEachNineOfThePercentileAxis()
    {
        assertEquals("50%", LatencyChart.percentileLabel(2.0));
        assertEquals("90%", LatencyChart.percentileLabel(10.0));
        assertEquals("99%", LatencyChart.percentileLabel(100.0));
        assertEquals("99.9%", LatencyChart.percentileLabel(1_000.0));
        assertEquals("99.99%", LatencyChart.percentileLabel(10_000.0));
        assertEquals("99.999%", LatencyChart.percentileLabel(100_000.0));
        assertEquals("", LatencyChart.percentileLabel(1.0));
        assertEquals("", LatencyChart.percentileLabel(3.0));
        assertEquals("", LatencyChart.percentileLabel(20.0));
    }

    @Test
    void shouldPlotPercentilesAsOneOverTheRemainingFractionEndingAtTheMaximum()
    {
        final Histogram nanos = new Histogram(3_600_000_000_000L, 3);
        for (long value = 1; value <= 10_000; value++)
        {
            nanos.recordValue(value * 100);
        }
        final double[][] points = LatencyChart.points(nanos, 10_000.0);

        assertEquals(points[0].length, points[1].length);
        for (int i = 1; i < points[0].length; i++)
        {
            assertTrue(points[0][i] >= points[0][i - 1], "x ascending");
            assertTrue(points[1][i] >= points[1][i - 1], "y ascending");
        }
        assertEquals(10_000.0, points[0][points[0].length - 1]);
        assertEquals(nanos.getMaxValue() / 1_000.0, points[1][points[1].length - 1]);
    }
}
