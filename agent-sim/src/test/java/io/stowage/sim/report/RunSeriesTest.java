package io.stowage.sim.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunSeriesTest
{
    private final RunSeries series = new RunSeries(List.of("cpus", "mem"), List.of("a", "b", "c"), List.of("X"));

    @Test
    void shouldKeepEverySampleWhenGrowingPastItsInitialCapacity()
    {
        final int samples = 10_000;
        for (int i = 0; i < samples; i++)
        {
            series.sample(i * 0.5, new double[] { i, -i }, new double[] { 2 * i, 0 }, new double[] { 1, 2, i },
                new long[] { i });
        }

        assertEquals(samples, series.size());
        final double[] seconds = series.seconds();
        assertEquals(samples, seconds.length);
        assertEquals(4_999.5, seconds[samples - 1]);
        assertEquals(1_234.0, series.allocated(0)[1_234]);
        assertEquals(-1_234.0, series.allocated(1)[1_234]);
        assertEquals(2 * 9_999.0, series.used(0)[9_999]);
        assertEquals(777.0, series.dominantShare(2)[777]);
        assertEquals(2.0, series.dominantShare(1)[9_000]);
        assertEquals(4_321L, series.rejections(0)[4_321]);
        assertEquals((long)samples * (samples - 1) / 2, series.rejectionTotal(0));
    }

    @Test
    void shouldCopyWhatItIsGivenAndWhatItReturns()
    {
        final double[] allocated = { 0.5, 0.25 };
        series.sample(1.0, allocated, new double[2], new double[3], new long[1]);
        allocated[0] = 0.9;
        series.allocated(0)[0] = 0.7;

        assertArrayEquals(new double[] { 0.5 }, series.allocated(0));
        assertEquals(List.of("cpus", "mem"), series.dimensions());
        assertEquals(List.of("a", "b", "c"), series.frameworks());
        assertEquals(List.of("X"), series.reasons());
    }

    @Test
    void shouldRefuseAnArrayOfTheWrongLength()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> series.sample(1.0, new double[2], new double[2], new double[2], new long[1]));
        assertTrue(ex.getMessage().contains("frameworkDominantShares has length 2, expected 3"), ex.getMessage());
        assertEquals(0, series.size());
    }

    @Test
    void shouldRefuseASampleBeforeThePreviousOne()
    {
        series.sample(2.0, new double[2], new double[2], new double[3], new long[1]);
        series.sample(2.0, new double[2], new double[2], new double[3], new long[1]);

        assertThrows(IllegalArgumentException.class,
            () -> series.sample(1.0, new double[2], new double[2], new double[3], new long[1]));
        assertEquals(2, series.size());
    }
}
