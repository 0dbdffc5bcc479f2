package io.stowage.core;

import static io.stowage.core.AgentTableDescriptor.ALLOCATED;
import static io.stowage.core.AgentTableDescriptor.CAPACITY;

/**
 * Per-agent tests of one task, for preemption, which judges agents one at a time rather than through the placement
 * index: may the task go on this agent as it stands (eligible, attribute predicates, maxPerAgent), and would it fit
 * once given quantities are freed.
 */
final class AgentFit
{
    private final AgentTable agents;
    private final TaskLedger ledger;
    private final ConstraintBook constraints;
    private final AgentEligibility eligibility;
    private final Oversubscription oversubscription;
    private final int dimensions;

    AgentFit(
        final AgentTable agents,
        final TaskLedger ledger,
        final ConstraintBook constraints,
        final AgentEligibility eligibility,
        final Oversubscription oversubscription,
        final int dimensions)
    {
        this.agents = agents;
        this.ledger = ledger;
        this.constraints = constraints;
        this.eligibility = eligibility;
        this.oversubscription = oversubscription;
        this.dimensions = dimensions;
    }

    /**
     * @return true if the agent is eligible and the task's constraints hold on it as it stands: its attribute
     * predicates, and fewer than maxPerAgent running tasks of the task's framework and label (a hard constraint,
     * which preemption must not break either).
     */
    boolean isEligibleFor(final int slot, final int task)
    {
        if (!eligibility.isEligibleAgent(slot))
        {
            return false;
        }
        final ConstraintBook.Compiled set = constraints.get(ledger.constraintSet(task));
        if (!constraints.attributesHold(set, agents.attributeSet(slot)))
        {
            return false;
        }
        if (set.maxPerAgent == 0)
        {
            return true;
        }
        final int framework = ledger.framework(task);
        final int label = ledger.label(task);
        int count = 0;
        for (int t = ledger.firstOnAgent(slot); t != TaskLedger.NONE; t = ledger.nextOnAgent(t))
        {
            if (ledger.framework(t) == framework && ledger.label(t) == label && ++count >= set.maxPerAgent)
            {
                return false;
            }
        }
        return true;
    }

    /** @return true if the task fits the agent once the given quantities are freed. */
    boolean fitsAfterFreeing(final int slot, final int task, final long[] freed)
    {
        final boolean revocable = ledger.isRevocable(task);
        for (int d = 0; d < dimensions; d++)
        {
            if (ledger.resource(task, d) > room(slot, revocable, d) + freed[d])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return what a task of the kind may take on the agent in a dimension: revocable headroom for a revocable task,
     * else capacity − non-revocable allocated.
     */
    long room(final int slot, final boolean revocable, final int dimension)
    {
        return revocable ? oversubscription.headroom(slot, dimension) :
            agents.get(slot, CAPACITY, dimension) - agents.get(slot, ALLOCATED, dimension);
    }
}
