package io.stowage.sim.report;

import java.util.Locale;
import java.util.Map;

/** How the report writes its figures as text: one place, so the console table and the page agree. */
final class Figures
{
    /** Written for a figure that has no value, such as a mean over nothing. */
    static final String NONE = "n/a";

    private Figures()
    {
    }

    static long sum(final Map<String, Long> counts)
    {
        long total = 0;
        if (counts != null)
        {
            for (final Long count : counts.values())
            {
                total += count == null ? 0 : count;
            }
        }
        return total;
    }

    static String count(final long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String rate(final double value)
    {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%,.0f", value) : NONE;
    }

    static String seconds(final double value)
    {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%,.1f s", value) : NONE;
    }

    static String millis(final double value)
    {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%,.1f ms", value) : NONE;
    }

    /** A measure with the precision that matters at its size: 0.85, 12.3, 1,204. */
    static String decimal(final double value)
    {
        if (!Double.isFinite(value))
        {
            return NONE;
        }
        final double magnitude = Math.abs(value);
        final String pattern = magnitude < 10.0 ? "%,.2f" : magnitude < 1_000.0 ? "%,.1f" : "%,.0f";
        return String.format(Locale.ROOT, pattern, value);
    }

    static String percent(final double fraction)
    {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f%%", 100.0 * fraction) : NONE;
    }

    static String text(final String value)
    {
        return value == null || value.isEmpty() ? "-" : value;
    }
}
