package io.stowage.sim.scenario;

import io.stowage.core.Constraint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a submit's {@code constraints} list. An unknown key in a constraint makes the file malformed; an unknown op,
 * a missing field, a field the op does not take or a value of the wrong type makes the request invalid (the kernel
 * refuses it as {@code INVALID_REQUEST}).
 */
final class ConstraintParser
{
    private static final Set<String> KEYS = ScenarioNode.allowedKeys("attribute", "op", "value", "values");

    private ConstraintParser()
    {
    }

    /**
     * @param node the constraints array.
     * @return the constraints, or null if any of them is invalid.
     * @throws MalformedScenarioException if the node is not an array of objects with known keys.
     */
    static List<Constraint> parse(final ScenarioNode node) throws MalformedScenarioException
    {
        final List<ScenarioNode> elements = node.elements();
        for (final ScenarioNode element : elements)
        {
            element.object(KEYS);
        }
        final List<Constraint> constraints = new ArrayList<>(elements.size());
        for (final ScenarioNode element : elements)
        {
            final Constraint constraint = constraint(element);
            if (constraint == null || constraint.problem() != null)
            {
                return null;
            }
            constraints.add(constraint);
        }
        return constraints;
    }

    private static Constraint constraint(final ScenarioNode node)
    {
        final String op = textOrNull(node.get("op"));
        if (op == null)
        {
            return null;
        }
        final ScenarioNode value = node.get("value");
        final ScenarioNode values = node.get("values");
        final String attribute = textOrNull(node.get("attribute"));
        final boolean hasAttribute = attribute != null;
        switch (op)
        {
            case "eq":
            case "ne":
                final String single = textOrNull(value);
                if (!hasAttribute || single == null || values.isPresent())
                {
                    return null;
                }
                return "eq".equals(op) ? Constraint.eq(attribute, single) : Constraint.ne(attribute, single);
            case "in":
            case "notIn":
                final List<String> list = textsOrNull(values);
                if (!hasAttribute || list == null || value.isPresent())
                {
                    return null;
                }
                return "in".equals(op) ? Constraint.in(attribute, list) : Constraint.notIn(attribute, list);
            case "exists":
            case "spread":
                if (!hasAttribute || value.isPresent() || values.isPresent())
                {
                    return null;
                }
                return "exists".equals(op) ? Constraint.exists(attribute) : Constraint.spread(attribute);
            case "maxPerAgent":
                if (node.get("attribute").isPresent() || values.isPresent())
                {
                    return null;
                }
                return limitOrNull(value);
            default:
                return null;
        }
    }

    private static Constraint limitOrNull(final ScenarioNode value)
    {
        try
        {
            return Constraint.maxPerAgent((int)value.integer(1, Integer.MAX_VALUE));
        }
        catch (final MalformedScenarioException ex)
        {
            return null;
        }
    }

    private static String textOrNull(final ScenarioNode node)
    {
        try
        {
            return node.isPresent() ? node.text() : null;
        }
        catch (final MalformedScenarioException ex)
        {
            return null;
        }
    }

    private static List<String> textsOrNull(final ScenarioNode node)
    {
        try
        {
            if (!node.isPresent())
            {
                return null;
            }
            final List<String> texts = new ArrayList<>();
            for (final ScenarioNode element : node.elements())
            {
                texts.add(element.text());
            }
            return texts;
        }
        catch (final MalformedScenarioException ex)
        {
            return null;
        }
    }
}
