package io.stowage.core;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The named resource dimensions of a kernel, fixed at construction: up to {@link #MAX_DIMENSIONS} names such as
 * {@code cpus}, {@code mem}, {@code disk}, {@code gpus}. Quantities are {@code long} milli-units (3 decimal places),
 * see {@link Quantities}.
 */
public final class ResourceSchema
{
    /** The most dimensions a schema may name. */
    public static final int MAX_DIMENSIONS = 8;

    private final String[] names;

    private ResourceSchema(final String[] names)
    {
        this.names = names;
    }

    /**
     * Creates a schema from dimension names.
     *
     * @param names one to {@link #MAX_DIMENSIONS} distinct, non-blank names.
     * @return the schema.
     * @throws IllegalArgumentException naming the problem if the names are not acceptable.
     */
    public static ResourceSchema of(final String... names)
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
            for (int j = 0; j < i; j++)
            {
                if (names[j].equals(names[i]))
                {
                    throw new IllegalArgumentException("dimension \"" + names[i] + "\" is named twice");
                }
            }
        }
        return new ResourceSchema(names.clone());
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
     * Parses a map of dimension name to decimal quantity into a milli-unit vector; dimensions not named are zero.
     *
     * @param quantities name to quantity ({@link BigDecimal}, {@link Number} or decimal {@link String}).
     * @return a new vector of {@link #dimensions()} milli-unit quantities.
     * @throws IllegalArgumentException naming the bad entry: an unknown name, a negative quantity or more than 3
     *                                  decimal places.
     */
    public long[] parse(final Map<String, ?> quantities)
    {
        final long[] vector = new long[names.length];
        for (final Map.Entry<String, ?> entry : quantities.entrySet())
        {
            final int dimension = indexOf(entry.getKey());
            if (dimension < 0)
            {
                throw new IllegalArgumentException("unknown resource \"" + entry.getKey() + "\"");
            }
            try
            {
                vector[dimension] = Quantities.toMillis(entry.getValue());
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(entry.getKey() + ": " + ex.getMessage(), ex);
            }
        }
        return vector;
    }

    /**
     * Formats a milli-unit vector as {@code {cpus=1.5, mem=1024}}.
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

    /** @return the dimension names in order. */
    public List<String> names()
    {
        return List.of(names);
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof ResourceSchema && Arrays.equals(names, ((ResourceSchema)o).names);
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(names);
    }

    @Override
    public String toString()
    {
        return "ResourceSchema" + Arrays.toString(names);
    }
}
