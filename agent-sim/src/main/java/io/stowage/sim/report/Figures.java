package io.stowage.sim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How the report writes its figures as text: one place, so the console table and the page agree. */
final class Figures
{
    /** Written for a figure that has no value, such as a mean over nothing. */
    static final String NONE = "n/a";
    /** Amounts from this size on are written in scientific notation by {@link #amount}. */
    private static final double AMOUNT_IN_FULL = 1e7;

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

    /**
     * An amount of a resource in units: as {@link #decimal} below ten million, in scientific notation above (4.1e11),
     * so that the demand of an absurd request stays short in a table.
     */
    static String amount(final double value)
    {
        if (!Double.isFinite(value) || Math.abs(value) < AMOUNT_IN_FULL)
        {
            return decimal(value);
        }
        // "4.1e+11" -> "4.1e11"
        return String.format(Locale.ROOT, "%.1e", value).replace("e+0", "e").replace("e+", "e");
    }

    /**
     * @param demand amounts in units by dimension name, or null.
     * @return "name amount" of each dimension with a non-zero amount, in the map's order, such as ["cpus 1.5",
     * "mem 4,096"].
     */
    static List<String> demand(final Map<String, Double> demand)
    {
        final List<String> parts = new ArrayList<>();
        if (demand != null)
        {
            for (final Map.Entry<String, Double> entry : demand.entrySet())
            {
                final Double amount = entry.getValue();
                if (amount != null && amount != 0.0)
                {
                    parts.add(entry.getKey() + " " + amount(amount));
                }
            }
        }
        return parts;
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
