package io.stowage.core;

import org.agrona.collections.IntArrayList;

import static io.stowage.core.AgentTableDescriptor.FLAG_AVOIDED;

/**
 * Chooses the agent for one task: feasible in every dimension, satisfying the task's constraints, preferring agents
 * that are not trending into pressure, and placed by the policy (binpack or spread).
 * <ul>
 *     <li>No constraints: one search of the placement index.</li>
 *     <li>Attribute predicates and {@code maxPerAgent}: one search of the constraint's {@link ConstraintView}, a copy
 *     of the index in which agents the constraint does not allow are excluded, so that subtrees without an allowed
 *     agent that fits are skipped whole. When no view can be kept the index search tests the constraint at each
 *     candidate leaf instead; the answer is the same.</li>
 *     <li>Agents trending into pressure are skipped in a first pass and taken only when nothing else fits.</li>
 *     <li>{@code spread}: the attribute value with the fewest running tasks of the framework and label, among values
 *     with a feasible agent, then one view search within that value.</li>
 * </ul>
 * In every case the chosen agent is the right-most (binpack) or left-most (spread) position of the index that is
 * feasible and allowed, and, in the first pass, not avoided.
 */
final class PlacementSearch implements FreeCapacityTree.LeafFilter
{
    /**
     * The avoidance pass skips at most this many avoided agents that would otherwise be chosen; then it is abandoned
     * for the plain search, so that a cluster where most fitting agents are avoided costs no more than a bounded walk.
     */
    static final int AVOIDED_SKIP_LIMIT = 64;

    private final AgentTable agents;
    private final PlacementIndex index;
    private final TaskLedger ledger;
    private final AttributeInterner attributes;
    private final ConstraintBook constraints;
    private final ConstraintViews views;
    private final PlacementPolicy policy;

    private int avoidedAgents;
    private int avoidedSkips;
    private boolean avoidanceAbandoned;

    private ConstraintBook.Compiled filterSet;
    private boolean filterConstraints;
    private int filterFramework;
    private int filterLabel;
    private boolean filterAvoided;
    private int filterSpreadName = -1;
    private int filterSpreadValue = -1;

    PlacementSearch(
        final AgentTable agents,
        final PlacementIndex index,
        final TaskLedger ledger,
        final AttributeInterner attributes,
        final ConstraintBook constraints,
        final ConstraintViews views,
        final PlacementPolicy policy)
    {
        this.agents = agents;
        this.index = index;
        this.ledger = ledger;
        this.attributes = attributes;
        this.constraints = constraints;
        this.views = views;
        this.policy = policy;
    }

    void avoidedAgents(final int count)
    {
        avoidedAgents = count;
    }

    /**
     * @return the slot of the chosen agent, or -1 if no eligible agent is feasible under the constraints.
     */
    int find(
        final long[] request, final boolean revocable, final int constraintSet, final int framework, final int label)
    {
        final ConstraintBook.Compiled set = constraints.get(constraintSet);
        filterSet = set;
        filterFramework = framework;
        filterLabel = label;
        filterSpreadName = -1;
        filterSpreadValue = -1;
        if (set.spreadName >= 0)
        {
            return findSpread(request, revocable, set, constraintSet, framework, label);
        }
        return findWithConstraints(request, revocable, set, constraintSet, -1);
    }

    private int findWithConstraints(
        final long[] request, final boolean revocable, final ConstraintBook.Compiled set, final int constraintSet,
        final int spreadValue)
    {
        final boolean constrained = set.hasAttributePredicates() || set.maxPerAgent > 0 || spreadValue >= 0;
        final ConstraintView view = constrained ?
            views.view(constraintSet, spreadValue, filterFramework, filterLabel, revocable) : null;
        filterConstraints = constrained && view == null;
        if (avoidedAgents > 0)
        {
            filterAvoided = true;
            avoidedSkips = 0;
            avoidanceAbandoned = false;
            final int slot = search(view, request, revocable, this);
            if (slot >= 0 && !avoidanceAbandoned)
            {
                return slot;
            }
        }
        filterAvoided = false;
        return search(view, request, revocable, filterConstraints ? this : null);
    }

    private int search(
        final ConstraintView view, final long[] request, final boolean revocable,
        final FreeCapacityTree.LeafFilter filter)
    {
        return view != null ?
            index.find(view, request, policy, filter) : index.find(request, policy, revocable, filter);
    }

    @Override
    public boolean accept(final int position)
    {
        final int slot = index.slotAt(position);
        if (filterConstraints && !allowedByConstraints(slot))
        {
            return false;
        }
        if (filterAvoided && (agents.flags(slot) & FLAG_AVOIDED) != 0)
        {
            if (++avoidedSkips >= AVOIDED_SKIP_LIMIT)
            {
                avoidanceAbandoned = true;
                return true;
            }
            return false;
        }
        return true;
    }

    /** The same test a {@link ConstraintView} makes, for searches that have no view. */
    private boolean allowedByConstraints(final int slot)
    {
        final int attributeSet = agents.attributeSet(slot);
        if (filterSpreadName >= 0 && attributes.valueOf(attributeSet, filterSpreadName) != filterSpreadValue)
        {
            return false;
        }
        if (!constraints.attributesHold(filterSet, attributeSet))
        {
            return false;
        }
        return filterSet.maxPerAgent == 0 || tasksOnAgent(slot) < filterSet.maxPerAgent;
    }

    private int tasksOnAgent(final int slot)
    {
        int count = 0;
        for (int task = ledger.firstOnAgent(slot); task != TaskLedger.NONE; task = ledger.nextOnAgent(task))
        {
            if (ledger.framework(task) == filterFramework && ledger.label(task) == filterLabel)
            {
                count++;
            }
        }
        return count;
    }

    private int findSpread(
        final long[] request, final boolean revocable, final ConstraintBook.Compiled set, final int constraintSet,
        final int framework, final int label)
    {
        final IntArrayList values = attributes.valuesOf(set.spreadName);
        final int valueCount = values.size();
        final SpreadTally tally = views.tally(framework, label, set.spreadName);
        int chosenSlot = -1;
        int chosenIndex = -1;
        int chosenCount = 0;
        for (int i = 0; i < valueCount; i++)
        {
            final int value = values.getInt(i);
            final int count = tally != null ?
                tally.count(value) : countByWalking(framework, label, set.spreadName, value);
            if (chosenIndex >= 0 && (count > chosenCount || (count == chosenCount &&
                attributes.value(value).compareTo(attributes.value(values.getInt(chosenIndex))) > 0)))
            {
                continue;
            }
            filterSpreadName = set.spreadName;
            filterSpreadValue = value;
            filterSet = set;
            final int slot = findWithConstraints(request, revocable, set, constraintSet, value);
            if (slot >= 0)
            {
                chosenSlot = slot;
                chosenIndex = i;
                chosenCount = count;
            }
        }
        filterSpreadName = -1;
        return chosenSlot;
    }

    /** The running tasks of a framework and label on agents holding an attribute value, without a tally. */
    private int countByWalking(final int framework, final int label, final int name, final int value)
    {
        int count = 0;
        for (int task = ledger.firstOfFramework(framework); task != TaskLedger.NONE;
            task = ledger.nextOfFramework(task))
        {
            if (ledger.label(task) == label &&
                attributes.valueOf(agents.attributeSet(ledger.agent(task)), name) == value)
            {
                count++;
            }
        }
        return count;
    }
}
