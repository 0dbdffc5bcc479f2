package io.stowage.core;

import java.math.BigDecimal;

/**
 * Fixed-point quantities: a resource amount is a {@code long} count of milli-units, so {@code 1.5} cpus is
 * {@code 1500}. Parsing never rounds: more than 3 decimal places, a negative amount or a non-number is refused.
 */
public final class Quantities
{
    /** Milli-units in one unit. */
    public static final long SCALE = 1000L;

    private Quantities()
    {
    }

    /**
     * Converts a decimal amount in units to milli-units.
     *
     * @param amount a {@link BigDecimal}, any other {@link Number} (through its decimal text) or a decimal string.
     * @return the amount in milli-units.
     * @throws IllegalArgumentException naming the problem: not a number, negative, more than 3 decimal places, or
     *                                  too large for a {@code long} of milli-units.
     */
    public static long toMillis(final Object amount)
    {
        final BigDecimal decimal;
        if (amount instanceof BigDecimal)
        {
            decimal = (BigDecimal)amount;
        }
        else if (amount instanceof Double || amount instanceof Float)
        {
            final double value = ((Number)amount).doubleValue();
            if (Double.isNaN(value) || Double.isInfinite(value))
            {
                throw new IllegalArgumentException("not a finite number: " + amount);
            }
            decimal = new BigDecimal(Double.toString(value));
        }
        else if (amount instanceof Number)
        {
            decimal = new BigDecimal(amount.toString());
        }
        else if (amount instanceof String)
        {
            try
            {
                decimal = new BigDecimal(((String)amount).trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("not a number: \"" + amount + "\"", ex);
            }
        }
        else
        {
            throw new IllegalArgumentException("not a number: " + amount);
        }
        return toMillis(decimal);
    }

    /**
     * @param decimal an amount in units.
     * @return the amount in milli-units.
     * @throws IllegalArgumentException if negative, more precise than 3 decimal places, or out of range.
     */
    public static long toMillis(final BigDecimal decimal)
    {
        if (decimal.signum() < 0)
        {
            throw new IllegalArgumentException("negative quantity " + decimal.toPlainString());
        }
        final BigDecimal stripped = decimal.stripTrailingZeros();
        if (stripped.scale() > 3)
        {
            throw new IllegalArgumentException(
                "quantity " + decimal.toPlainString() + " has more than 3 decimal places");
        }
        try
        {
            return decimal.movePointRight(3).longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException("quantity " + decimal.toPlainString() + " is too large", ex);
        }
    }

    /**
     * @param millis an amount in milli-units.
     * @return its shortest decimal text in units, e.g. {@code "1.5"}.
     */
    public static String format(final long millis)
    {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }

    /**
     * @param millis an amount in milli-units.
     * @return the amount in units as a double, for reports only.
     */
    public static double toUnits(final long millis)
    {
        return millis / (double)SCALE;
    }
}
