package io.stowage.sim.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.HdrHistogram.Histogram;

import java.util.Objects;

/** Decision latency in microseconds: a few percentiles of a histogram recorded in nanoseconds. */
@JsonPropertyOrder({ "p50", "p99", "p999", "max", "mean", "count" })
public final class LatencyReport
{
    private static final double NANOS_PER_MICRO = 1_000.0;

    /** Median, microseconds. */
    public double p50;
    /** 99th percentile, microseconds. */
    public double p99;
    /** 99.9th percentile, microseconds. */
    public double p999;
    /** Largest value recorded, microseconds. */
    public double max;
    /** Mean, microseconds. */
    public double mean;
    /** Values recorded. */
    public long count;

    /**
     * Summarises a histogram of nanoseconds in microseconds; all zero when it is empty.
     *
     * @param nanos the histogram, values in nanoseconds.
     * @return a new report.
     */
    public static LatencyReport from(final Histogram nanos)
    {
        Objects.requireNonNull(nanos, "nanos");
        final LatencyReport report = new LatencyReport();
        report.count = nanos.getTotalCount();
        if (report.count > 0)
        {
            report.p50 = nanos.getValueAtPercentile(50.0) / NANOS_PER_MICRO;
            report.p99 = nanos.getValueAtPercentile(99.0) / NANOS_PER_MICRO;
            report.p999 = nanos.getValueAtPercentile(99.9) / NANOS_PER_MICRO;
            report.max = nanos.getMaxValue() / NANOS_PER_MICRO;
            report.mean = nanos.getMean() / NANOS_PER_MICRO;
        }
        return report;
    }
}
