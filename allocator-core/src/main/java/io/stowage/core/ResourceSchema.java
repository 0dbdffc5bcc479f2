package io.stowage.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The named resource dimensions of a kernel, fixed at construction: up to {@link #MAX_DIMENSIONS} names such as
 * {@code cpus}, {@code mem}, {@code disk}, {@code gpus}. Quantities are {@code long} milli-units (3 decimal places),
 * see {@link Quantities}.
 * <p>
 * Each dimension has a {@link ResourceUnit} that says how an amount written by a person reads:
 * {@link #of(String...)} gives {@code mem}, {@code memory} and {@code disk} {@link ResourceUnit#MEBIBYTES} and every
 * other name {@link ResourceUnit#COUNT} ({@link ResourceUnit#conventional(String)}); {@link #builder()} declares
 * units for other names. So {@code schema.vector("cpus=2.5 mem=4GiB")} is {@code {2_500, 4_096_000}} without
 * arithmetic by hand. The kernel sees only the milli-units.
 */
public final class ResourceSchema
{
    /** The most dimensions a schema may name. */
    public static final int MAX_DIMENSIONS = 8;

    private final String[] names;
    private final ResourceUnit[] units;

    private ResourceSchema(final String[] names, final ResourceUnit[] units)
    {
        this.names = names;
        this.units = units;
    }

    /**
     * Creates a schema from dimension names, each with its conventional unit ({@link ResourceUnit#conventional}).
     *
     * @param names one to {@link #MAX_DIMENSIONS} distinct, non-blank names.
     * @return the schema.
     * @throws IllegalArgumentException naming the problem if the names are not acceptable.
     */
    public static ResourceSchema of(final String... names)
    {
        final ResourceUnit[] units = new ResourceUnit[names.length];
        for (int i = 0; i < names.length; i++)
        {
            units[i] = ResourceUnit.conventional(names[i]);
        }
        return of(names.clone(), units);
    }

    private static ResourceSchema of(final String[] names, final ResourceUnit[] units)
    {
        if (names.length == 0 || names.length > MAX_DIMENSIONS)
        {
            throw new IllegalArgumentException(
                "a schema needs 1 to " + MAX_DIMENSIONS + " dimensions, got " + names.length);
        }
        for (int i = 0; i < names.length; i++)
        {
            if (names[i] == null || names[i].isBlank())
            {
                throw new IllegalArgumentException("dimension " + i + " has no name");
            }
            if (units[i] == null)
            {
                throw new IllegalArgumentException("dimension \"" + names[i] + "\" has no unit");
            }
            for (int j = 0; j < i; j++)
            {
                if (names[j].equals(names[i]))
                {
                    throw new IllegalArgumentException("dimension \"" + names[i] + "\" is named twice");
                }
            }
        }
        return new ResourceSchema(names, units);
    }

    /**
     * Starts a schema whose dimensions declare their units, for names the convention does not cover:
     * {@code ResourceSchema.builder().count("cpus").mebibytes("ram").build()}.
     *
     * @return an empty builder.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * @param names dimension names.
     * @return the schema.
     * @see #of(String...)
     */
    public static ResourceSchema of(final List<String> names)
    {
        return of(names.toArray(new String[0]));
    }

    /** @return the number of dimensions. */
    public int dimensions()
    {
        return names.length;
    }

    /**
     * @param dimension index of a dimension.
     * @return its name.
     */
    public String name(final int dimension)
    {
        return names[dimension];
    }

    /**
     * @param name a dimension name.
     * @return its index, or -1 if the schema has no such dimension.
     */
    public int indexOf(final String name)
    {
        for (int i = 0; i < names.length; i++)
        {
            if (names[i].equals(name))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param dimension index of a dimension.
     * @return its unit.
     */
    public ResourceUnit unit(final int dimension)
    {
        return units[dimension];
    }

    /**
     * Converts one amount of a named dimension to milli-units, by the dimension's unit and never rounding:
     * {@code quantity("mem", "4GiB")} and {@code quantity("mem", "4096")} are {@code 4_096_000},
     * {@code quantity("cpus", "2.5")} is {@code 2_500}.
     *
     * @param dimension a dimension name.
     * @param amount    a decimal, with a byte suffix ({@code B}, {@code KiB}, {@code MiB}, {@code GiB}, {@code TiB})
     *                  allowed for a {@link ResourceUnit#MEBIBYTES} dimension.
     * @return the amount in milli-units, 0 to {@link AllocatorKernel#MAX_QUANTITY}.
     * @throws IllegalArgumentException naming the dimension and the amount: an unknown dimension, not a number, an
     *                                  unknown suffix, a byte suffix on a count, negative, more precise than a
     *                                  milli-unit, or above {@link AllocatorKernel#MAX_QUANTITY}.
     */
    public long quantity(final String dimension, final String amount)
    {
        return millis(dimensionOf(dimension), amount);
    }

    /**
     * Reads a vector written as {@code name=amount} entries separated by whitespace or commas, e.g.
     * {@code "cpus=2.5 mem=4GiB gpus=1"} or {@code "cpus=2.5,mem=4GiB"}; no space around {@code =} or inside an
     * entry. Dimensions not named are zero. {@link #formatWithUnits(long[])} writes this form.
     *
     * @param spec the entries; blank for an all-zero vector.
     * @return a new vector of {@link #dimensions()} milli-unit quantities.
     * @throws IllegalArgumentException naming the bad entry: not {@code name=amount}, a dimension named twice, or
     *                                  an amount refused by {@link #quantity(String, String)}.
     */
    public long[] vector(final String spec)
    {
        if (spec == null)
        {
            throw new IllegalArgumentException("no resource vector given (null)");
        }
        final long[] vector = new long[names.length];
        final boolean[] named = new boolean[names.length];
        for (final String entry : spec.split("[\\s,]+"))
        {
            if (entry.isEmpty())
            {
                // split leaves one empty string before leading separators; it names nothing.
                continue;
            }
            final int equals = entry.indexOf('=');
            if (equals <= 0)
            {
                throw new IllegalArgumentException(
                    "expected name=amount, got \"" + entry + "\" in \"" + spec + "\"");
            }
            final int dimension = dimensionOf(entry.substring(0, equals));
            if (named[dimension])
            {
                throw new IllegalArgumentException(
                    "resource \"" + names[dimension] + "\" is named twice in \"" + spec + "\"");
            }
            named[dimension] = true;
            vector[dimension] = millis(dimension, entry.substring(equals + 1));
        }
        return vector;
    }

    /**
     * Reads a vector given as name, amount pairs, e.g. {@code vector("cpus", 2.5, "mem", "4GiB")}. Dimensions not
     * named are zero.
     *
     * @param nameAmountPairs a dimension name ({@link String}) followed by its amount (a {@link Number} in the
     *                        dimension's unit, MiB for {@link ResourceUnit#MEBIBYTES}, or a string as
     *                        {@link #quantity(String, String)} reads), repeated.
     * @return a new vector of {@link #dimensions()} milli-unit quantities.
     * @throws IllegalArgumentException naming the bad pair: an odd count, a name that is not a string, a dimension
     *                                  named twice, or an amount refused as by {@link #quantity(String, String)}.
     */
    public long[] vector(final Object... nameAmountPairs)
    {
        if (nameAmountPairs.length % 2 != 0)
        {
            throw new IllegalArgumentException(
                "expected name, amount pairs, got " + nameAmountPairs.length + " arguments");
        }
        final long[] vector = new long[names.length];
        final boolean[] named = new boolean[names.length];
        for (int i = 0; i < nameAmountPairs.length; i += 2)
        {
            if (!(nameAmountPairs[i] instanceof String))
            {
                throw new IllegalArgumentException(
                    "expected a resource name at argument " + i + ", got " + nameAmountPairs[i]);
            }
            final int dimension = dimensionOf((String)nameAmountPairs[i]);
            if (named[dimension])
            {
                throw new IllegalArgumentException("resource \"" + names[dimension] + "\" is named twice");
            }
            named[dimension] = true;
            vector[dimension] = millis(dimension, nameAmountPairs[i + 1]);
        }
        return vector;
    }

    /**
     * Parses a map of dimension name to quantity into a milli-unit vector; dimensions not named are zero.
     *
     * @param quantities name to quantity ({@link BigDecimal}, {@link Number} or decimal {@link String}), read by the
     *                   dimension's unit as {@link #quantity(String, String)} reads it, so {@code "4GiB"} is
     *                   accepted for {@code mem}.
     * @return a new vector of {@link #dimensions()} milli-unit quantities.
     * @throws IllegalArgumentException naming the bad entry: an unknown name, a negative quantity, more than 3
     *                                  decimal places in the dimension's unit, a bad suffix, or above
     *                                  {@link AllocatorKernel#MAX_QUANTITY}.
     */
    public long[] parse(final Map<String, ?> quantities)
    {
        final long[] vector = new long[names.length];
        for (final Map.Entry<String, ?> entry : quantities.entrySet())
        {
            final int dimension = dimensionOf(entry.getKey());
            vector[dimension] = millis(dimension, entry.getValue());
        }
        return vector;
    }

    /**
     * Formats a milli-unit vector as {@code {cpus=1.5, mem=1024}}: plain decimals whatever the units, the form
     * reports and messages have always shown.
     *
     * @param vector milli-unit quantities, one per dimension.
     * @return the text.
     */
    public String format(final long[] vector)
    {
        final StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < names.length; i++)
        {
            if (i > 0)
            {
                sb.append(", ");
            }
            sb.append(names[i]).append('=').append(Quantities.format(vector[i]));
        }
        return sb.append('}').toString();
    }

    /**
     * Formats a milli-unit vector in each dimension's unit, as {@code cpus=2.5 mem=4GiB gpus=0}, the form
     * {@link #vector(String)} reads back to the same vector (see {@link ResourceUnit#format(long)}).
     *
     * @param vector milli-unit quantities, one per dimension.
     * @return the text.
     */
    public String formatWithUnits(final long[] vector)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++)
        {
            if (i > 0)
            {
                sb.append(' ');
            }
            sb.append(names[i]).append('=').append(units[i].format(vector[i]));
        }
        return sb.toString();
    }

    /** @return the dimension names in order. */
    public List<String> names()
    {
        return List.of(names);
    }

    /**
     * @param o another object.
     * @return true if it is a schema with the same names and units in the same order.
     */
    @Override
    public boolean equals(final Object o)
    {
        return o instanceof ResourceSchema && Arrays.equals(names, ((ResourceSchema)o).names) &&
            Arrays.equals(units, ((ResourceSchema)o).units);
    }

    /**
     * @return a hash of the names, mixed with the units only where a unit is not the conventional one, so that a
     *         schema of conventional units hashes as schemas did before units existed.
     */
    @Override
    public int hashCode()
    {
        int hash = Arrays.hashCode(names);
        for (int i = 0; i < names.length; i++)
        {
            if (!isConventional(i))
            {
                hash = 31 * hash + 8 * units[i].ordinal() + i;
            }
        }
        return hash;
    }

    /**
     * The kernel's state hash mixes this text, so a schema of conventional units must keep the text it had before
     * units existed: {@code ResourceSchema[cpus, mem]}. Only a unit other than the conventional one shows, after
     * its name: {@code ResourceSchema[cpus, ram:MiB]}.
     *
     * @return the text.
     */
    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("ResourceSchema[");
        for (int i = 0; i < names.length; i++)
        {
            if (i > 0)
            {
                sb.append(", ");
            }
            sb.append(names[i]);
            if (!isConventional(i))
            {
                sb.append(':').append(units[i].symbol());
            }
        }
        return sb.append(']').toString();
    }

    private boolean isConventional(final int dimension)
    {
        return units[dimension] == ResourceUnit.conventional(names[dimension]);
    }

    private int dimensionOf(final String name)
    {
        final int dimension = indexOf(name);
        if (dimension < 0)
        {
            throw new IllegalArgumentException("unknown resource \"" + name + "\"");
        }
        return dimension;
    }

    private long millis(final int dimension, final Object amount)
    {
        try
        {
            return units[dimension].toMillis(amount);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(names[dimension] + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Builds a {@link ResourceSchema} whose dimensions declare their units, in the order they are added.
     */
    public static final class Builder
    {
        private final List<String> names = new ArrayList<>();
        private final List<ResourceUnit> units = new ArrayList<>();

        private Builder()
        {
        }

        /**
         * @param name a dimension of plain amounts, such as {@code cpus} or {@code gpus}.
         * @return this.
         */
        public Builder count(final String name)
        {
            return dimension(name, ResourceUnit.COUNT);
        }

        /**
         * @param name a dimension of bytes held as milli-MiB, such as {@code ram} or {@code scratch}.
         * @return this.
         */
        public Builder mebibytes(final String name)
        {
            return dimension(name, ResourceUnit.MEBIBYTES);
        }

        /**
         * @param name a dimension name.
         * @param unit its unit.
         * @return this.
         */
        public Builder dimension(final String name, final ResourceUnit unit)
        {
            names.add(name);
            units.add(unit);
            return this;
        }

        /**
         * @return the schema.
         * @throws IllegalArgumentException naming the problem, as {@link ResourceSchema#of(String...)}, or a
         *                                  dimension without a unit.
         */
        public ResourceSchema build()
        {
            return of(names.toArray(new String[0]), units.toArray(new ResourceUnit[0]));
        }
    }
}
