package io.stowage.core;

import org.agrona.collections.IntArrayList;

import static io.stowage.core.AgentTableDescriptor.FLAG_AVOIDED;

/**
 * Chooses the agent for one task: feasible in every dimension, satisfying the task's constraints, preferring agents
 * that are not trending into pressure, and placed by the policy (binpack or spread).
 * <ul>
 *     <li>No constraints and nothing avoided: one search of the placement index.</li>
 *     <li>A selective {@code eq}, {@code in} or {@code exists} constraint (at most {@link #SELECTIVE_LIMIT} agents
 *     hold a matching attribute): the matching agents are looked at directly, through the attribute index.</li>
 *     <li>Otherwise the index search tests constraints at each candidate leaf and goes on past those that fail.</li>
 *     <li>Agents trending into pressure are skipped in a first pass and taken only when nothing else fits.</li>
 *     <li>{@code spread}: the attribute value with the fewest running tasks of the framework and label, among values
 *     with a feasible agent.</li>
 * </ul>
 */
final class PlacementSearch implements FreeCapacityTree.LeafFilter
{
    /** Candidate agents up to which a positive constraint is served by looking at its agents directly. */
    static final int SELECTIVE_LIMIT = 256;

    private final AgentTable agents;
    private final PlacementIndex index;
    private final TaskLedger ledger;
    private final AttributeInterner attributes;
    private final ConstraintBook constraints;
    private final PlacementPolicy policy;
    /**
     * The avoidance pass skips at most this many avoided agents that would otherwise fit; then it is abandoned for the
     * plain search, so that a cluster where most fitting agents are avoided costs no more than a bounded walk.
     */
    static final int AVOIDED_SKIP_LIMIT = 64;

    private int avoidedAgents;
    private int avoidedSkips;
    private boolean avoidanceAbandoned;

    private ConstraintBook.Compiled filterSet;
    private int filterFramework;
    private int filterLabel;
    private boolean filterAvoided;
    private int filterSpreadName = -1;
    private int filterSpreadValue = -1;
    private int[] spreadCounts = new int[8];

    PlacementSearch(
        final AgentTable agents,
        final PlacementIndex index,
        final TaskLedger ledger,
        final AttributeInterner attributes,
        final ConstraintBook constraints,
        final PlacementPolicy policy)
    {
        this.agents = agents;
        this.index = index;
        this.ledger = ledger;
        this.attributes = attributes;
        this.constraints = constraints;
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
            return findSpread(request, revocable, set, framework, label);
        }
        return findWithConstraints(request, revocable, set);
    }

    private int findWithConstraints(final long[] request, final boolean revocable, final ConstraintBook.Compiled set)
    {
        final int selective = mostSelectivePredicate(set);
        if (selective >= 0)
        {
            return scanCandidates(request, revocable, set, selective);
        }
        final boolean constrained = set.hasAttributePredicates() || set.maxPerAgent > 0 || filterSpreadName >= 0;
        if (avoidedAgents > 0)
        {
            filterAvoided = true;
            avoidedSkips = 0;
            avoidanceAbandoned = false;
            final int slot = index.find(request, policy, revocable, this);
            if (slot >= 0 && !avoidanceAbandoned)
            {
                return slot;
            }
        }
        filterAvoided = false;
        return index.find(request, policy, revocable, constrained ? this : null);
    }

    @Override
    public boolean accept(final int position)
    {
        return acceptSlot(index.slotAt(position));
    }

    private boolean acceptSlot(final int slot)
    {
        if (filterAvoided && (agents.flags(slot) & FLAG_AVOIDED) != 0)
        {
            if (++avoidedSkips >= AVOIDED_SKIP_LIMIT)
            {
                avoidanceAbandoned = true;
                return true;
            }
            return false;
        }
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

    /** @return the index of an eq, in or exists predicate held by at most SELECTIVE_LIMIT agents, or -1. */
    private int mostSelectivePredicate(final ConstraintBook.Compiled set)
    {
        int best = -1;
        long bestCount = SELECTIVE_LIMIT + 1;
        for (int i = 0; i < set.ops.length; i++)
        {
            final Constraint.Op op = set.ops[i];
            if (op != Constraint.Op.EQ && op != Constraint.Op.IN && op != Constraint.Op.EXISTS)
            {
                continue;
            }
            long count = 0;
            if (op == Constraint.Op.EXISTS)
            {
                count = countMembers(attributes.setsWithName(set.names[i]));
            }
            else
            {
                for (final int value : set.values[i])
                {
                    count += countMembers(attributes.setsWith(set.names[i], value));
                    if (count >= bestCount)
                    {
                        break;
                    }
                }
            }
            if (count < bestCount)
            {
                best = i;
                bestCount = count;
            }
        }
        return best;
    }

    private long countMembers(final IntArrayList sets)
    {
        if (sets == null)
        {
            return 0;
        }
        long count = 0;
        for (int i = 0, n = sets.size(); i < n && count <= SELECTIVE_LIMIT; i++)
        {
            count += attributes.members(sets.getInt(i)).size();
        }
        return count;
    }

    private int scanCandidates(
        final long[] request, final boolean revocable, final ConstraintBook.Compiled set, final int predicate)
    {
        int best = -1;
        int bestAvoided = -1;
        if (set.ops[predicate] == Constraint.Op.EXISTS)
        {
            final long packed = scanSets(attributes.setsWithName(set.names[predicate]), request, revocable, -1, -1);
            best = (int)(packed >> 32);
            bestAvoided = (int)packed;
        }
        else
        {
            for (final int value : set.values[predicate])
            {
                final long packed = scanSets(
                    attributes.setsWith(set.names[predicate], value), request, revocable, best, bestAvoided);
                best = (int)(packed >> 32);
                bestAvoided = (int)packed;
            }
        }
        return best >= 0 ? best : bestAvoided;
    }

    /** @return the best non-avoided slot in the high half and the best avoided slot in the low half, -1 if none. */
    private long scanSets(
        final IntArrayList sets, final long[] request, final boolean revocable, final int bestSoFar,
        final int bestAvoidedSoFar)
    {
        int best = bestSoFar;
        int bestAvoided = bestAvoidedSoFar;
        filterAvoided = false;
        if (sets != null)
        {
            for (int s = 0, n = sets.size(); s < n; s++)
            {
                final IntArrayList members = attributes.members(sets.getInt(s));
                for (int m = 0, size = members.size(); m < size; m++)
                {
                    final int slot = members.getInt(m);
                    if (!index.fits(slot, request, revocable) || !acceptSlot(slot))
                    {
                        continue;
                    }
                    if ((agents.flags(slot) & FLAG_AVOIDED) != 0)
                    {
                        bestAvoided = better(slot, bestAvoided);
                    }
                    else
                    {
                        best = better(slot, best);
                    }
                }
            }
        }
        return ((long)best << 32) | (bestAvoided & 0xFFFF_FFFFL);
    }

    private int better(final int candidate, final int incumbent)
    {
        if (incumbent < 0)
        {
            return candidate;
        }
        final int c = index.bucketOf(candidate);
        final int i = index.bucketOf(incumbent);
        return policy == PlacementPolicy.BINPACK ? (c > i ? candidate : incumbent) : (c < i ? candidate : incumbent);
    }

    private int findSpread(
        final long[] request, final boolean revocable, final ConstraintBook.Compiled set, final int framework,
        final int label)
    {
        final IntArrayList values = attributes.valuesOf(set.spreadName);
        final int valueCount = values.size();
        if (spreadCounts.length < valueCount)
        {
            spreadCounts = new int[Math.max(valueCount, spreadCounts.length * 2)];
        }
        java.util.Arrays.fill(spreadCounts, 0, valueCount, 0);
        for (int task = ledger.firstOfFramework(framework); task != TaskLedger.NONE;
            task = ledger.nextOfFramework(task))
        {
            if (ledger.label(task) == label)
            {
                final int value = attributes.valueOf(agents.attributeSet(ledger.agent(task)), set.spreadName);
                final int i = value < 0 ? -1 : values.indexOf(value);
                if (i >= 0)
                {
                    spreadCounts[i]++;
                }
            }
        }
        int chosenSlot = -1;
        int chosenIndex = -1;
        for (int i = 0; i < valueCount; i++)
        {
            if (chosenIndex >= 0 && (spreadCounts[i] > spreadCounts[chosenIndex] ||
                (spreadCounts[i] == spreadCounts[chosenIndex] &&
                attributes.value(values.getInt(i)).compareTo(attributes.value(values.getInt(chosenIndex))) > 0)))
            {
                continue;
            }
            filterSpreadName = set.spreadName;
            filterSpreadValue = values.getInt(i);
            filterSet = set;
            final int slot = findWithConstraints(request, revocable, set);
            if (slot >= 0)
            {
                chosenSlot = slot;
                chosenIndex = i;
            }
        }
        filterSpreadName = -1;
        return chosenSlot;
    }
}
