package io.stowage.sim.scenario;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.Quantities;
import io.stowage.core.ResourceSchema;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * Reads resource maps such as {@code {"cpus": 1.5, "mem": 4}} into milli-unit vectors of the file's schema. In the
 * declarative sections (agents, roles, policy, usage reports) a bad quantity makes the file malformed; in a submit it
 * makes the task an invalid request, which the kernel refuses and counts.
 */
final class ResourceVectors
{
    private final ResourceSchema schema;

    /**
     * @param schema the file's resources.
     */
    ResourceVectors(final ResourceSchema schema)
    {
        this.schema = schema;
    }

    /** @return the file's resources. */
    ResourceSchema schema()
    {
        return schema;
    }

    /**
     * @param node    a map of resource name to quantity.
     * @param unnamed the milli-units of a dimension the map does not name.
     * @param what    what the vector is, for the message if all of it is zero; null if zero is allowed.
     * @return the vector.
     * @throws MalformedScenarioException at an unknown name or a bad quantity, or if the map is all zero.
     */
    long[] declared(final ScenarioNode node, final long unnamed, final String what) throws MalformedScenarioException
    {
        final long[] vector = new long[schema.dimensions()];
        Arrays.fill(vector, unnamed);
        boolean positive = false;
        for (final String name : node.keys())
        {
            final ScenarioNode quantity = node.get(name);
            final int dimension = dimension(quantity, name);
            vector[dimension] = quantity.millis();
            if (vector[dimension] > AllocatorKernel.MAX_QUANTITY)
            {
                throw quantity.error("quantity " + quantity.shown() + " is above the largest the kernel takes, " +
                    Quantities.format(AllocatorKernel.MAX_QUANTITY));
            }
            positive |= vector[dimension] > 0;
        }
        if (what != null && !positive)
        {
            throw node.error(what + " must not be all zero");
        }
        return vector;
    }

    /**
     * @param node a resource name, in an array such as {@code fairnessExcluded}, or a key of a map.
     * @param name the name.
     * @return its dimension.
     * @throws MalformedScenarioException if the schema has no such resource.
     */
    int dimension(final ScenarioNode node, final String name) throws MalformedScenarioException
    {
        final int dimension = schema.indexOf(name);
        if (dimension < 0)
        {
            throw node.error("unknown resource \"" + name + "\"");
        }
        return dimension;
    }

    /**
     * Reads a submitted task's resources. An unknown name or a quantity that is not a number, negative or more
     * precise than 3 decimal places makes the request invalid rather than the file malformed.
     *
     * @param node a map of resource name to quantity.
     * @return the vector, or null if the request is invalid.
     * @throws MalformedScenarioException if the node is not a map at all.
     */
    long[] requested(final ScenarioNode node) throws MalformedScenarioException
    {
        final long[] vector = new long[schema.dimensions()];
        for (final String name : node.keys())
        {
            final int dimension = schema.indexOf(name);
            final ScenarioNode quantity = node.get(name);
            final long millis = dimension < 0 ? -1 : requestedMillis(quantity);
            if (millis < 0)
            {
                return null;
            }
            vector[dimension] = millis;
        }
        return vector;
    }

    private static long requestedMillis(final ScenarioNode quantity)
    {
        try
        {
            final BigDecimal value = quantity.number();
            return Quantities.toMillis(value);
        }
        catch (final MalformedScenarioException | IllegalArgumentException ex)
        {
            return -1;
        }
    }
}
