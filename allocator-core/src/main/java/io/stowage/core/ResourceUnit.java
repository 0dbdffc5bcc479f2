package io.stowage.core;

import java.math.BigDecimal;

/**
 * The unit of one dimension of a {@link ResourceSchema}: what an amount written by a person means before it becomes
 * the kernel's {@code long} milli-units. The kernel itself never sees a unit; it compares milli-units of the same
 * dimension only.
 * <p>
 * Conversion never rounds, as {@link Quantities#toMillis(Object)}: an amount that is not a whole number of
 * milli-units of the dimension's unit is refused, as is a negative one or one above
 * {@link AllocatorKernel#MAX_QUANTITY}.
 */
public enum ResourceUnit
{
    /**
     * Plain decimal amounts such as {@code 2.5} cpus or {@code 1} gpu, held as milli-units ({@code 2.5} is
     * {@code 2500}). A suffix is refused.
     */
    COUNT("count"),
    /**
     * Memory and disk, held as milli-MiB ({@code 4GiB} is {@code 4_096_000}). An amount is a decimal with one of
     * the binary suffixes {@code B}, {@code KiB}, {@code MiB}, {@code GiB}, {@code TiB} (spelled exactly so, a space
     * before it allowed), or a bare decimal or {@link Number} meaning MiB. Decimal suffixes such as {@code GB} are
     * refused rather than guessed.
     */
    MEBIBYTES("MiB");

    /** 1024: each binary suffix is this many of the one below it. */
    private static final long BINARY_STEP = 1024L;
    /** The suffixes {@link #MEBIBYTES} reads, smallest first; index i is 1024^(i - 2) MiB. */
    private static final String[] BYTE_SUFFIXES = {"B", "KiB", "MiB", "GiB", "TiB"};
    /** Index of MiB in {@link #BYTE_SUFFIXES}. */
    private static final int MIB = 2;
    private static final BigDecimal MAX_QUANTITY = BigDecimal.valueOf(AllocatorKernel.MAX_QUANTITY);

    private final String symbol;

    ResourceUnit(final String symbol)
    {
        this.symbol = symbol;
    }

    /**
     * The unit the project's convention gives a dimension name, which {@link ResourceSchema#of(String...)} uses:
     * {@code mem}, {@code memory} and {@code disk} (exactly so spelled) are {@link #MEBIBYTES}, every other name is
     * {@link #COUNT}.
     *
     * @param dimensionName a dimension name.
     * @return the conventional unit for that name.
     */
    public static ResourceUnit conventional(final String dimensionName)
    {
        if ("mem".equals(dimensionName) || "memory".equals(dimensionName) || "disk".equals(dimensionName))
        {
            return MEBIBYTES;
        }
        return COUNT;
    }

    /**
     * @return the unit's short name as shown by {@link ResourceSchema#toString()} for a dimension whose unit is not
     *         the conventional one: {@code count} or {@code MiB}.
     */
    public String symbol()
    {
        return symbol;
    }

    /**
     * Converts an amount in this unit to milli-units, exactly.
     *
     * @param amount a {@link Number} (in units; MiB for {@link #MEBIBYTES}) or a string: a decimal, and for
     *               {@link #MEBIBYTES} an optional byte suffix, such as {@code "2.5"} or {@code "4GiB"}.
     * @return the amount in milli-units, 0 to {@link AllocatorKernel#MAX_QUANTITY}.
     * @throws IllegalArgumentException naming the amount: not a number, an unknown suffix, a byte suffix on a
     *                                  {@link #COUNT}, negative, not a whole number of milli-units (more than 3
     *                                  decimal places once in units) or above {@link AllocatorKernel#MAX_QUANTITY}.
     */
    public long toMillis(final Object amount)
    {
        final String shown = amount instanceof String ? "\"" + amount + "\"" : String.valueOf(amount);
        BigDecimal units;
        // A bare amount of MEBIBYTES is MiB, and a COUNT is never scaled: both read as the MiB step (none).
        int suffix = MIB;
        if (amount instanceof String)
        {
            final String text = ((String)amount).trim();
            int letters = text.length();
            while (letters > 0 && isAsciiLetter(text.charAt(letters - 1)))
            {
                letters--;
            }
            final String suffixText = text.substring(letters);
            final String number = text.substring(0, letters).trim();
            if (!suffixText.isEmpty())
            {
                suffix = byteSuffix(suffixText);
                if (number.isEmpty())
                {
                    // "GiB" alone or "Infinity" is not an amount; say so rather than name a suffix.
                    throw new IllegalArgumentException("not a number: " + shown);
                }
                if (this == COUNT)
                {
                    if (suffix >= 0)
                    {
                        throw new IllegalArgumentException("quantity " + shown + " has the byte suffix \"" +
                            suffixText + "\" but the dimension is a plain count");
                    }
                    throw new IllegalArgumentException("not a number: " + shown);
                }
                if (suffix < 0)
                {
                    throw new IllegalArgumentException("quantity " + shown + " has an unknown suffix \"" +
                        suffixText + "\"; the binary suffixes are B, KiB, MiB, GiB and TiB (1 GiB = 1024 MiB)");
                }
            }
            try
            {
                units = Quantities.decimal(number);
            }
            catch (final IllegalArgumentException ex)
            {
                // Name the whole amount as given, not the number left once a suffix is taken off.
                throw new IllegalArgumentException("not a number: " + shown, ex);
            }
        }
        else
        {
            units = Quantities.decimal(amount);
        }
        if (units.signum() < 0)
        {
            throw new IllegalArgumentException("negative quantity " + shown);
        }
        try
        {
            if (suffix != MIB)
            {
                units = toMebibytes(units, suffix);
            }
            final BigDecimal millis = units.movePointRight(3).stripTrailingZeros();
            if (millis.scale() > 0)
            {
                throw new IllegalArgumentException(suffix == MIB ?
                    "quantity " + shown + " has more than 3 decimal places" :
                    "quantity " + shown + " is " + shownMebibytes(units) + " MiB, which has more than 3 decimal " +
                        "places (the smallest step is 0.001 MiB = 1048.576 B)");
            }
            if (millis.compareTo(MAX_QUANTITY) > 0)
            {
                throw new IllegalArgumentException("quantity " + shown + " is above the largest the kernel takes, " +
                    Quantities.format(AllocatorKernel.MAX_QUANTITY) + (this == MEBIBYTES ? " MiB" : ""));
            }
            return millis.longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            // Only an exponent beyond an int's range gets here, e.g. "1e2147483647".
            throw new IllegalArgumentException("quantity " + shown + " is out of range", ex);
        }
    }

    /**
     * Formats milli-units in this unit so that {@link #toMillis(Object)} reads the text back to the same value.
     * {@link #COUNT} is the shortest decimal ({@code 2500} is {@code "2.5"}); {@link #MEBIBYTES} takes the largest
     * of TiB, GiB and MiB in which the amount is at least 1 with at most 3 decimal places ({@code 4_096_000} is
     * {@code "4GiB"}, {@code 1_536_000} is {@code "1.5GiB"}, {@code 1_000_000} is {@code "1000MiB"}).
     *
     * @param millis an amount in milli-units.
     * @return the text.
     */
    public String format(final long millis)
    {
        if (this == COUNT)
        {
            return Quantities.format(millis);
        }
        final BigDecimal mebibytes = BigDecimal.valueOf(millis, 3);
        for (int suffix = BYTE_SUFFIXES.length - 1; suffix > MIB; suffix--)
        {
            // Dividing a decimal by a power of two always terminates, so this division is exact.
            final BigDecimal inUnit = mebibytes.divide(BigDecimal.valueOf(power(suffix - MIB)));
            final BigDecimal stripped = inUnit.stripTrailingZeros();
            if (inUnit.compareTo(BigDecimal.ONE) >= 0 && stripped.scale() <= 3)
            {
                return stripped.toPlainString() + BYTE_SUFFIXES[suffix];
            }
        }
        return Quantities.format(millis) + BYTE_SUFFIXES[MIB];
    }

    private static String shownMebibytes(final BigDecimal mebibytes)
    {
        // Plain digits read best, but "1e-999999999B" would spell out a billion zeros; past 40 places, use E form.
        final BigDecimal stripped = mebibytes.stripTrailingZeros();
        return stripped.scale() <= 40 ? stripped.toPlainString() : stripped.toString();
    }

    private static BigDecimal toMebibytes(final BigDecimal amount, final int suffix)
    {
        if (suffix > MIB)
        {
            return amount.multiply(BigDecimal.valueOf(power(suffix - MIB)));
        }
        // Exact: a decimal divided by a power of two always terminates.
        return amount.divide(BigDecimal.valueOf(power(MIB - suffix)));
    }

    private static long power(final int steps)
    {
        long value = 1;
        for (int i = 0; i < steps; i++)
        {
            value *= BINARY_STEP;
        }
        return value;
    }

    private static int byteSuffix(final String text)
    {
        for (int i = 0; i < BYTE_SUFFIXES.length; i++)
        {
            if (BYTE_SUFFIXES[i].equals(text))
            {
                return i;
            }
        }
        return -1;
    }

    private static boolean isAsciiLetter(final char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
