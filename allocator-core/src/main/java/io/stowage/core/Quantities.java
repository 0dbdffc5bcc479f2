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
        return toMillis(decimal(amount));
    }

    /**
     * Reads an amount as an exact decimal, shared with {@link ResourceUnit} so that a number means the same to both.
     *
     * @param amount a {@link BigDecimal}, any other {@link Number} (through its decimal text) or a decimal string.
     * @return the amount, neither checked for sign nor for precision.
     * @throws IllegalArgumentException if the amount is not a finite number.
     */
    static BigDecimal decimal(final Object amount)
    {
        if (amount instanceof BigDecimal)
        {
            return (BigDecimal)amount;
        }
        if (amount instanceof Double || amount instanceof Float)
        {
            final double value = ((Number)amount).doubleValue();
            if (Double.isNaN(value) || Double.isInfinite(value))
            {
                throw new IllegalArgumentException("not a finite number: " + amount);
            }
            // Double.toString is the shortest text that reads back as the same double, so 0.1d is 0.1, not the
            // binary fraction's 55 digits, which would then be refused as too precise.
            return new BigDecimal(Double.toString(value));
        }
        final String text;
        if (amount instanceof Number)
        {
            text = amount.toString();
        }
        else if (amount instanceof String)
        {
            text = ((String)amount).trim();
        }
        else
        {
            throw new IllegalArgumentException("not a number: " + amount);
        }
        try
        {
            return new BigDecimal(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(
                "not a number: " + (amount instanceof String ? "\"" + amount + "\"" : amount), ex);
        }
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
