package io.stowage.sim.report;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatencyReportTest
{
    @Test
    void shouldConvertNanosecondsToMicroseconds()
    {
        final Histogram nanos = new Histogram(3_600_000_000_000L, 3);
        for (long value = 1; value <= 1_000; value++)
        {
            nanos.recordValue(value * 1_000);
        }
        final LatencyReport report = LatencyReport.from(nanos);

        assertEquals(1_000, report.count);
        assertEquals(nanos.getValueAtPercentile(50.0) / 1_000.0, report.p50);
        assertEquals(nanos.getValueAtPercentile(99.0) / 1_000.0, report.p99);
        assertEquals(nanos.getValueAtPercentile(99.9) / 1_000.0, report.p999);
        assertEquals(nanos.getMaxValue() / 1_000.0, report.max);
        assertEquals(nanos.getMean() / 1_000.0, report.mean);
        assertEquals(500.0, report.p50, 1.0);
        assertEquals(990.0, report.p99, 1.0);
        assertEquals(1_000.0, report.max, 1.0);
    }

    @Test
    void shouldReportZerosForAnEmptyHistogram()
    {
        final LatencyReport report = LatencyReport.from(new Histogram(3));

        assertEquals(0, report.count);
        assertEquals(0.0, report.p50);
        assertEquals(0.0, report.max);
        assertEquals(0.0, report.mean);
    }
}
