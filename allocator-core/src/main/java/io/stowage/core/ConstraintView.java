package io.stowage.core;

/**
 * The placement index as one constraint sees it: a {@link FreeCapacityTree} over the same positions as the
 * {@link PlacementIndex} whose leaf is the index's leaf for an agent that the constraint allows and
 * {@link FreeCapacityTree#NEVER} for any other. A search of this tree is the index search with the constraint applied,
 * and it skips every subtree that holds no allowed agent that fits, whatever the constraint's selectivity.
 * <p>
 * An agent is allowed when its attribute set satisfies the constraint set's attribute predicates (cached per
 * attribute set, which never changes once interned; an agent whose attributes are replaced holds another set, and
 * {@link ConstraintViews#onAttributesChanged} re-syncs its leaf), when it holds the spread value this view is for
 * (if any), and, for a set with {@code maxPerAgent}, when it runs fewer than that many tasks of the view's framework
 * and label (counted here, per agent, as tasks start and end).
 */
final class ConstraintView
{
    private static final byte UNKNOWN = 0;
    private static final byte HOLDS = 1;
    private static final byte FAILS = 2;

    final int constraintSet;
    final int spreadValue;
    final int framework;
    final int label;
    final boolean revocable;
    final int maxPerAgent;
    final FreeCapacityTree tree;

    private final ConstraintBook.Compiled compiled;
    private final ConstraintBook constraints;
    private final AttributeInterner attributes;
    private final AgentTable agents;
    private final int[] tasksOnAgent;
    private byte[] matchBySet = new byte[16];
    long lastUsed;

    /**
     * @param key         the constraint set, spread value (or -1), framework and label (or -1, -1 without
     *                    maxPerAgent) and kind this view answers for.
     * @param shape       the index tree this view mirrors.
     */
    ConstraintView(
        final ViewKey key,
        final FreeCapacityTree shape,
        final ConstraintBook constraints,
        final AttributeInterner attributes,
        final AgentTable agents)
    {
        this.constraintSet = key.constraintSet;
        this.spreadValue = key.spreadValue;
        this.framework = key.framework;
        this.label = key.label;
        this.revocable = key.revocable;
        this.constraints = constraints;
        this.compiled = constraints.get(key.constraintSet);
        this.maxPerAgent = compiled.maxPerAgent;
        this.attributes = attributes;
        this.agents = agents;
        this.tree = new FreeCapacityTree(shape);
        this.tasksOnAgent = maxPerAgent > 0 ? new int[agents.maxAgents()] : null;
    }

    /** The identity of a view: what a search asks for. */
    static final class ViewKey
    {
        int constraintSet;
        int spreadValue;
        int framework;
        int label;
        boolean revocable;

        ViewKey set(
            final int constraintSet, final int spreadValue, final int framework, final int label,
            final boolean revocable)
        {
            this.constraintSet = constraintSet;
            this.spreadValue = spreadValue;
            this.framework = framework;
            this.label = label;
            this.revocable = revocable;
            return this;
        }
    }

    boolean is(final ViewKey key)
    {
        return constraintSet == key.constraintSet && spreadValue == key.spreadValue && framework == key.framework &&
            label == key.label && revocable == key.revocable;
    }

    /** @return true if this view counts tasks of that framework and label. */
    boolean counts(final int taskFramework, final int taskLabel)
    {
        return tasksOnAgent != null && framework == taskFramework && label == taskLabel;
    }

    /**
     * Counts a task of the view's framework and label starting (+1) or ending (-1) on an agent.
     *
     * @return true if the agent crossed the limit either way, which changes whether the view allows it.
     */
    boolean countTask(final int slot, final int delta)
    {
        final int before = tasksOnAgent[slot];
        tasksOnAgent[slot] = before + delta;
        return delta > 0 ? before + delta == maxPerAgent : before == maxPerAgent;
    }

    /** Sets the count from the ledger, when the view is built. */
    void tasksOnAgent(final int slot, final int count)
    {
        tasksOnAgent[slot] = count;
    }

    /** @return the running tasks of the view's framework and label on an agent, as counted (maxPerAgent views). */
    int tasksOnAgent(final int slot)
    {
        return tasksOnAgent[slot];
    }

    /** @return true if the view lets the agent in this slot be chosen (its leaf then mirrors the index's). */
    boolean allows(final int slot)
    {
        if (!attributesHold(agents.attributeSet(slot)))
        {
            return false;
        }
        return tasksOnAgent == null || tasksOnAgent[slot] < maxPerAgent;
    }

    private boolean attributesHold(final int attributeSet)
    {
        if (attributeSet >= matchBySet.length)
        {
            matchBySet = java.util.Arrays.copyOf(matchBySet, Math.max(attributeSet + 1, matchBySet.length * 2));
        }
        byte match = matchBySet[attributeSet];
        if (match == UNKNOWN)
        {
            final boolean holds = constraints.attributesHold(compiled, attributeSet) &&
                (spreadValue < 0 || attributes.valueOf(attributeSet, compiled.spreadName) == spreadValue);
            match = holds ? HOLDS : FAILS;
            matchBySet[attributeSet] = match;
        }
        return match == HOLDS;
    }

    /**
     * Brings one leaf in line with the index: a copy of the index's leaf if the agent is allowed, excluded otherwise.
     *
     * @param source   the index tree this view mirrors.
     * @param position the leaf's position.
     * @param slot     the agent at that position.
     */
    void sync(final FreeCapacityTree source, final int position, final int slot)
    {
        if (allows(slot))
        {
            tree.copyLeaf(source, position);
        }
        else if (!tree.isExcluded(position))
        {
            tree.exclude(position);
        }
    }
}
