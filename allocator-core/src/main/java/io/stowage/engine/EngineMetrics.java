package io.stowage.engine;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import org.agrona.concurrent.status.CountersReader;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine's own counters as Prometheus metric families, read from the Agrona counters at scrape time (in this
 * process or mapped from another's counters file): nothing is updated on the engine's hot path for Prometheus.
 * <ul>
 *     <li>each {@link CounterFamily} of type {@code counter} as a counter, e.g. {@code stowage_events_total{type}},
 *     and of type {@code gauge} as a gauge, e.g. {@code stowage_pending_tasks};</li>
 *     <li>the latency figures of one publication ({@link LatencySnapshot}, so never two periods mixed) as the
 *     histogram {@code stowage_latency_seconds} (classic buckets, cumulative since start) and the gauge
 *     {@code stowage_latency_max_seconds} (the highest of the last period with samples).</li>
 * </ul>
 * A scrape runs on the HTTP server's threads; {@link #collect()} is synchronized, since the snapshot is reused.
 */
final class EngineMetrics implements MultiCollector
{
    private static final double MICROS_PER_SECOND = 1e6;
    private static final double NANOS_PER_SECOND = 1e9;

    private final CountersReader counters;
    private final LatencySnapshot latency;

    EngineMetrics(final CountersReader counters)
    {
        this.counters = counters;
        this.latency = new LatencySnapshot(counters);
    }

    @Override
    public synchronized MetricSnapshots collect()
    {
        final MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
        final CounterFamily[] families = CounterFamily.values();
        final List<List<Sample>> samplesByFamily = new ArrayList<>();
        for (int i = 0; i < families.length; i++)
        {
            samplesByFamily.add(new ArrayList<>());
        }
        counters.forEach((counterId, typeId, key, label) ->
        {
            final CounterFamily family = CounterFamily.ofTypeId(typeId);
            if (family != null)
            {
                samplesByFamily.get(family.ordinal())
                    .add(new Sample(key.getStringAscii(0), counters.getCounterValue(counterId)));
            }
        });
        for (final CounterFamily family : families)
        {
            final List<Sample> samples = samplesByFamily.get(family.ordinal());
            if ("counter".equals(family.metricType()))
            {
                snapshots.metricSnapshot(counter(family, samples));
            }
            else if ("gauge".equals(family.metricType()) && family != CounterFamily.LATENCY_MAX)
            {
                snapshots.metricSnapshot(gauge(family, samples));
            }
        }
        if (latency.read())
        {
            snapshots.metricSnapshot(latencyHistogram());
            snapshots.metricSnapshot(GaugeSnapshot.builder()
                .name("stowage_latency_max_seconds")
                .help("Highest ingress to decision latency of the last period with samples, in seconds.")
                .unit(Unit.SECONDS)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                    .value(latency.maxMicros() / MICROS_PER_SECOND).build())
                .build());
        }
        return snapshots.build();
    }

    /** The client names a counter without {@code _total} and adds the suffix when it writes the text. */
    private static CounterSnapshot counter(final CounterFamily family, final List<Sample> samples)
    {
        final String name = family.metricName();
        final CounterSnapshot.Builder counter = CounterSnapshot.builder()
            .name(name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name)
            .help(family.help());
        for (final Sample sample : samples)
        {
            counter.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(labels(family, sample.label())).value(sample.value()).build());
        }
        return counter.build();
    }

    private static GaugeSnapshot gauge(final CounterFamily family, final List<Sample> samples)
    {
        final GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(family.metricName()).help(family.help());
        for (final Sample sample : samples)
        {
            gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                .labels(labels(family, sample.label())).value(sample.value()).build());
        }
        return gauge.build();
    }

    private static Labels labels(final CounterFamily family, final String value)
    {
        return family.labelName() == null ? Labels.EMPTY : Labels.of(family.labelName(), value);
    }

    /** The buckets of one publication; the count of each is its cumulative count less the one before. */
    private HistogramSnapshot latencyHistogram()
    {
        final int buckets = latency.buckets();
        final double[] bounds = new double[buckets + 1];
        final long[] counts = new long[buckets + 1];
        long below = 0;
        for (int i = 0; i < buckets; i++)
        {
            bounds[i] = latency.bucketBoundNanos(i) / NANOS_PER_SECOND;
            final long cumulative = Math.min(latency.bucketCumulativeCount(i), latency.count());
            counts[i] = Math.max(0, cumulative - below);
            below = Math.max(below, cumulative);
        }
        bounds[buckets] = Double.POSITIVE_INFINITY;
        counts[buckets] = latency.count() - below;
        return HistogramSnapshot.builder()
            .name("stowage_latency_seconds")
            .help("Ingress to decision latency since start, in seconds.")
            .unit(Unit.SECONDS)
            .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts))
                .sum(latency.sumMicros() / MICROS_PER_SECOND)
                .build())
            .build();
    }

    /**
     * One counter.
     *
     * @param label its label value.
     * @param value its value.
     */
    private record Sample(String label, long value)
    {
    }
}
