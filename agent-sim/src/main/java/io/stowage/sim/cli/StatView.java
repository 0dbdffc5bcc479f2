package io.stowage.sim.cli;

import io.stowage.engine.CounterFamily;
import io.stowage.engine.EngineCountersReader;
import io.stowage.engine.EngineCountersReader.Entry;
import org.agrona.collections.Long2LongHashMap;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One screen of {@code stowage stat}: the engine's identity and uptime, then each counter family with its counters
 * and, for counts, the rate per second since the previous screen. Counts that are still zero are left out so the
 * screen shows what happens; gauges and latency figures are always shown. Ends with the distinct errors recorded.
 */
final class StatView
{
    private static final int MAX_ERRORS_SHOWN = 5;

    private final EngineCountersReader reader;
    private final Long2LongHashMap previous = new Long2LongHashMap(Long.MIN_VALUE);
    private long previousNanos;

    StatView(final EngineCountersReader reader)
    {
        this.reader = reader;
    }

    void print(final PrintWriter out, final long nowNanos)
    {
        final List<Entry> entries = reader.entries();
        final double seconds = previousNanos == 0 ? 0 : (nowNanos - previousNanos) / 1e9;
        final boolean alive = ProcessHandle.of(reader.pid()).map(ProcessHandle::isAlive).orElse(false);
        final Duration up = Duration.ofMillis(Math.max(0, System.currentTimeMillis() - reader.startTimeMillis()));
        out.printf(Locale.ROOT, "Stowage engine pid %d%s, started %s, up %s%n", reader.pid(),
            alive ? "" : " (not running)", Instant.ofEpochMilli(reader.startTimeMillis()), format(up));
        out.printf(Locale.ROOT, "%s%n%n", reader.file());
        out.printf(Locale.ROOT, "%-44s %18s %14s%n", "counter", "value", "per second");

        for (final CounterFamily family : CounterFamily.values())
        {
            if (family == CounterFamily.LATENCY_BUCKET)
            {
                continue; // the histogram's buckets are for Prometheus; the screen shows the period's percentiles
            }
            final List<Entry> shown = new ArrayList<>();
            for (final Entry entry : entries)
            {
                if (entry.family() == family && (entry.value() != 0 || !isCount(family)))
                {
                    shown.add(entry);
                }
            }
            if (shown.isEmpty())
            {
                continue;
            }
            final boolean micros = family != CounterFamily.LATENCY_COUNT && family.metricName().contains("micro");
            final String title = family.name().toLowerCase(Locale.ROOT).replace('_', ' ') + (micros ? " (us)" : "");
            if (family.labelName() != null)
            {
                out.printf(Locale.ROOT, "%s%n", title + " by " + family.labelName());
            }
            for (final Entry entry : shown)
            {
                final String name = family.labelName() == null ? title : "  " + entry.labelValue();
                out.printf(Locale.ROOT, "%-44s %18d %14s%n", name, entry.value(), rate(entry, family, seconds));
            }
        }
        for (final Entry entry : entries)
        {
            previous.put(entry.id(), entry.value());
        }
        previousNanos = nowNanos;
        printErrors(out);
    }

    private void printErrors(final PrintWriter out)
    {
        final List<String> errors = new ArrayList<>();
        final int distinct = reader.readErrors((observations, first, last, text) ->
        {
            final int newline = text.indexOf('\n');
            errors.add(observations + "x, last " + Instant.ofEpochMilli(last) + ": " +
                (newline < 0 ? text : text.substring(0, newline)).trim());
        });
        if (distinct == 0)
        {
            return;
        }
        out.printf(Locale.ROOT, "%n%d distinct errors recorded%n", distinct);
        for (int i = 0; i < Math.min(MAX_ERRORS_SHOWN, errors.size()); i++)
        {
            out.printf(Locale.ROOT, "  %s%n", errors.get(i));
        }
    }

    private String rate(final Entry entry, final CounterFamily family, final double seconds)
    {
        final long before = previous.get(entry.id());
        if (!isCount(family) || before == Long.MIN_VALUE || seconds <= 0)
        {
            return "";
        }
        return String.format(Locale.ROOT, "%.1f", (entry.value() - before) / seconds);
    }

    private static boolean isCount(final CounterFamily family)
    {
        return "counter".equals(family.metricType());
    }

    private static String format(final Duration duration)
    {
        return String.format(Locale.ROOT, "%d:%02d:%02d",
            duration.toHours(), duration.toMinutesPart(), duration.toSecondsPart());
    }
}
