package io.stowage.core;

import java.util.List;

/**
 * A placement constraint of a task, as a framework states it. Hard constraints on agent attributes ({@code eq},
 * {@code in}, {@code ne}, {@code notIn}, {@code exists}) and {@code maxPerAgent} are part of feasibility;
 * {@code spread} chooses the attribute value with the fewest running tasks of the same framework and label.
 * Constraints are checked when interned by {@link AllocatorKernel#internConstraints(List)}, before any task uses
 * them.
 *
 * @param op        the operator.
 * @param attribute the agent attribute name (not used by {@code maxPerAgent}).
 * @param values    the operand values: one for {@code eq} and {@code ne}, one or more for {@code in} and
 *                  {@code notIn}, none for {@code exists} and {@code spread}.
 * @param limit     the most running tasks of the same framework and label per agent, for {@code maxPerAgent}.
 */
public record Constraint(Op op, String attribute, List<String> values, int limit)
{
    /** The constraint operators. */
    public enum Op
    {
        /** The attribute equals the value. */
        EQ,
        /** The attribute is one of the values. */
        IN,
        /** The attribute is absent or differs from the value. */
        NE,
        /** The attribute is absent or none of the values. */
        NOT_IN,
        /** The agent has the attribute. */
        EXISTS,
        /** At most {@code limit} running tasks of the same framework and label on one agent. */
        MAX_PER_AGENT,
        /** Place in the attribute value with the fewest running tasks of the same framework and label. */
        SPREAD
    }

    /**
     * @param attribute name.
     * @param value     required value.
     * @return an {@code eq} constraint.
     */
    public static Constraint eq(final String attribute, final String value)
    {
        return new Constraint(Op.EQ, attribute, List.of(value), 0);
    }

    /**
     * @param attribute name.
     * @param values    allowed values.
     * @return an {@code in} constraint.
     */
    public static Constraint in(final String attribute, final List<String> values)
    {
        return new Constraint(Op.IN, attribute, List.copyOf(values), 0);
    }

    /**
     * @param attribute name.
     * @param value     excluded value.
     * @return a {@code ne} constraint.
     */
    public static Constraint ne(final String attribute, final String value)
    {
        return new Constraint(Op.NE, attribute, List.of(value), 0);
    }

    /**
     * @param attribute name.
     * @param values    excluded values.
     * @return a {@code notIn} constraint.
     */
    public static Constraint notIn(final String attribute, final List<String> values)
    {
        return new Constraint(Op.NOT_IN, attribute, List.copyOf(values), 0);
    }

    /**
     * @param attribute name.
     * @return an {@code exists} constraint.
     */
    public static Constraint exists(final String attribute)
    {
        return new Constraint(Op.EXISTS, attribute, List.of(), 0);
    }

    /**
     * @param limit most tasks of the same framework and label per agent.
     * @return a {@code maxPerAgent} constraint.
     */
    public static Constraint maxPerAgent(final int limit)
    {
        return new Constraint(Op.MAX_PER_AGENT, null, List.of(), limit);
    }

    /**
     * @param attribute name.
     * @return a {@code spread} constraint.
     */
    public static Constraint spread(final String attribute)
    {
        return new Constraint(Op.SPREAD, attribute, List.of(), 0);
    }

    /**
     * @return null if the constraint is well formed, else what is wrong with it.
     */
    public String problem()
    {
        if (op == null)
        {
            return "missing op";
        }
        if (op != Op.MAX_PER_AGENT && (attribute == null || attribute.isBlank()))
        {
            return op + " needs an attribute";
        }
        if (values == null)
        {
            return op + " has no value list";
        }
        for (final String v : values)
        {
            if (v == null)
            {
                return op + " has a null value";
            }
        }
        switch (op)
        {
            case EQ:
            case NE:
                return values.size() == 1 ? null : op + " needs exactly one value";
            case IN:
            case NOT_IN:
                return values.isEmpty() ? op + " needs at least one value" : null;
            case MAX_PER_AGENT:
                return limit >= 1 ? null : "maxPerAgent needs a value of at least 1";
            default:
                return values.isEmpty() ? null : op + " takes no value";
        }
    }
}
