package io.stowage.core;

import org.agrona.collections.Object2IntHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * Interned constraint sets. A framework's constraint list is checked and compiled once into arrays of interned
 * attribute ids; tasks refer to it by id, so placement evaluates constraints without strings or allocation. Set 0 is
 * the empty set.
 */
final class ConstraintBook
{
    /** The id of the empty constraint set. */
    static final int NONE = 0;
    /** The id a task carries when its constraints were malformed. */
    static final int INVALID = -1;

    /** One compiled set. */
    static final class Compiled
    {
        final Constraint.Op[] ops;
        final int[] names;
        final int[][] values;
        final int maxPerAgent;
        final int spreadName;
        final List<Constraint> source;

        Compiled(final Constraint.Op[] ops, final int[] names, final int[][] values, final int maxPerAgent,
            final int spreadName, final List<Constraint> source)
        {
            this.ops = ops;
            this.names = names;
            this.values = values;
            this.maxPerAgent = maxPerAgent;
            this.spreadName = spreadName;
            this.source = source;
        }

        boolean hasAttributePredicates()
        {
            return ops.length > 0;
        }
    }

    private final AttributeInterner attributes;
    private final Object2IntHashMap<List<Constraint>> idBySource = new Object2IntHashMap<>(-1);
    private final List<Compiled> sets = new ArrayList<>();

    ConstraintBook(final AttributeInterner attributes)
    {
        this.attributes = attributes;
        sets.add(new Compiled(new Constraint.Op[0], new int[0], new int[0][], 0, -1, List.of()));
        idBySource.put(List.of(), NONE);
    }

    /**
     * @param constraints a task's constraints.
     * @return the id of the compiled set, or {@link #INVALID} if any constraint is malformed.
     */
    int intern(final List<Constraint> constraints)
    {
        if (constraints == null)
        {
            return INVALID;
        }
        final int existing = idBySource.getValue(constraints);
        if (existing >= 0)
        {
            return existing;
        }
        int predicates = 0;
        int maxPerAgent = 0;
        int spreadName = -1;
        for (final Constraint c : constraints)
        {
            if (c == null || c.problem() != null)
            {
                return INVALID;
            }
            if (c.op() == Constraint.Op.MAX_PER_AGENT)
            {
                maxPerAgent = maxPerAgent == 0 ? c.limit() : Math.min(maxPerAgent, c.limit());
            }
            else if (c.op() == Constraint.Op.SPREAD)
            {
                if (spreadName >= 0)
                {
                    return INVALID;
                }
                spreadName = attributes.internConstraintName(c.attribute());
            }
            else
            {
                predicates++;
            }
        }
        final Constraint.Op[] ops = new Constraint.Op[predicates];
        final int[] names = new int[predicates];
        final int[][] values = new int[predicates][];
        int i = 0;
        for (final Constraint c : constraints)
        {
            if (c.op() == Constraint.Op.MAX_PER_AGENT || c.op() == Constraint.Op.SPREAD)
            {
                continue;
            }
            ops[i] = c.op();
            names[i] = attributes.internConstraintName(c.attribute());
            values[i] = new int[c.values().size()];
            for (int v = 0; v < values[i].length; v++)
            {
                values[i][v] = attributes.internConstraintValue(c.values().get(v));
            }
            i++;
        }
        final List<Constraint> source = List.copyOf(constraints);
        final int id = sets.size();
        sets.add(new Compiled(ops, names, values, maxPerAgent, spreadName, source));
        idBySource.put(source, id);
        return id;
    }

    Compiled get(final int id)
    {
        return sets.get(id);
    }

    int count()
    {
        return sets.size();
    }

    /** @return true if an agent with the given attribute set satisfies every attribute predicate. */
    boolean attributesHold(final Compiled set, final int attributeSet)
    {
        for (int i = 0; i < set.ops.length; i++)
        {
            final int value = attributes.valueOf(attributeSet, set.names[i]);
            if (!holds(set.ops[i], value, set.values[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(final Constraint.Op op, final int value, final int[] operands)
    {
        switch (op)
        {
            case EQ:
            case IN:
                return value >= 0 && contains(operands, value);
            case NE:
            case NOT_IN:
                return value < 0 || !contains(operands, value);
            case EXISTS:
                return value >= 0;
            default:
                return true;
        }
    }

    private static boolean contains(final int[] operands, final int value)
    {
        for (final int operand : operands)
        {
            if (operand == value)
            {
                return true;
            }
        }
        return false;
    }

    long hash(final long seed)
    {
        long hash = StateHash.mix(seed, sets.size());
        for (final Compiled set : sets)
        {
            hash = StateHash.mix(hash, set.source.toString());
        }
        return hash;
    }

    void writeTo(final SnapshotWriter out)
    {
        out.putInt(sets.size());
        for (int id = 1; id < sets.size(); id++)
        {
            final List<Constraint> source = sets.get(id).source;
            out.putInt(source.size());
            for (final Constraint c : source)
            {
                out.putString(c.op().name());
                out.putString(c.attribute());
                out.putInt(c.values().size());
                for (final String value : c.values())
                {
                    out.putString(value);
                }
                out.putInt(c.limit());
            }
        }
    }

    /** Reads after the attribute interner, whose names and values the constraint sets use. */
    void readFrom(final SnapshotReader in)
    {
        if (sets.size() != 1)
        {
            throw new IllegalStateException("a snapshot is read into a new constraint book only");
        }
        final int count = in.getInt("constraint sets", 1, Integer.MAX_VALUE);
        for (int id = 1; id < count; id++)
        {
            final int size = in.getInt("constraints in a set", 0, in.remaining());
            final List<Constraint> source = new ArrayList<>(size);
            for (int i = 0; i < size; i++)
            {
                final Constraint.Op op;
                try
                {
                    op = Constraint.Op.valueOf(String.valueOf(in.getString("constraint operator")));
                }
                catch (final IllegalArgumentException ex)
                {
                    throw in.fail("constraint set " + id + " has an unknown operator");
                }
                final String attribute = in.getString("constraint attribute");
                final int valueCount = in.getInt("constraint values", 0, in.remaining());
                final List<String> values = new ArrayList<>(valueCount);
                for (int v = 0; v < valueCount; v++)
                {
                    final String value = in.getString("constraint value");
                    if (value == null)
                    {
                        throw in.fail("constraint set " + id + " has a null value");
                    }
                    values.add(value);
                }
                source.add(new Constraint(op, attribute, List.copyOf(values), in.getInt("constraint limit")));
            }
            if (intern(source) != id)
            {
                throw in.fail("constraint set " + id + " is invalid or a duplicate");
            }
        }
    }
}
