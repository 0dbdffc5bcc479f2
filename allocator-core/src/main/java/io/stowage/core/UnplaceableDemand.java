package io.stowage.core;

import java.util.Arrays;

/**
 * The autoscaling signal: a framework's pending tasks that fit no registered agent even if it were empty (capacity
 * and attribute constraints), found through the capacity tree, so demand only more or bigger agents can serve.
 */
final class UnplaceableDemand
{
    private final FrameworkBook frameworks;
    private final TaskLedger ledger;
    private final ConstraintBook constraints;
    private final FreeCapacityTree capacities;
    private final AgentTable agents;
    private final long[] request;

    UnplaceableDemand(
        final FrameworkBook frameworks,
        final TaskLedger ledger,
        final ConstraintBook constraints,
        final FreeCapacityTree capacities,
        final AgentTable agents,
        final int dimensions)
    {
        this.frameworks = frameworks;
        this.ledger = ledger;
        this.constraints = constraints;
        this.capacities = capacities;
        this.agents = agents;
        this.request = new long[dimensions];
    }

    /** See {@link KernelView#unplaceableDemand(int, long[])}. */
    int measure(final int framework, final long[] demand)
    {
        Arrays.fill(demand, 0);
        final PendingQueue queue = frameworks.queue(framework);
        int count = 0;
        for (final int task : queue.slots())
        {
            for (int d = 0; d < request.length; d++)
            {
                request[d] = ledger.resource(task, d);
            }
            final ConstraintBook.Compiled set = constraints.get(ledger.constraintSet(task));
            final int fit = capacities.findFirst(request,
                set.hasAttributePredicates() ?
                position -> constraints.attributesHold(set, agents.attributeSet(position)) : null);
            if (fit < 0)
            {
                count++;
                for (int d = 0; d < request.length; d++)
                {
                    demand[d] += request[d];
                }
            }
        }
        return count;
    }
}
