package io.stowage.core;

import java.util.ArrayList;
import java.util.List;

/**
 * One allocation round: serves pending tasks in DRF order until every framework with pending tasks is blocked or
 * has none left (see ../shared/SCENARIOS.md, "One allocation round").
 * <p>
 * Order: among frameworks not blocked, those whose next task has the highest priority; among their roles, one below
 * its guarantee if any, the lowest share first (ties by role name); within the role the framework with the lowest
 * share (ties by fewer tasks placed so far, then by name). Two levels of indexed heaps keep that order: one heap of
 * frameworks per role and one heap of roles keyed by their best framework. A placement changes the keys of one
 * framework and one role (and, after preemption, those of the victims), each restored in O(log n): no decision
 * scans frameworks or roles.
 */
final class AllocationRound implements TaskAccounting.AllocationObserver
{
    private final KernelConfig config;
    private final ClusterTotals totals;
    private final TaskPlacer placer;
    private final TaskAccounting accounting;
    private final Preemption preemption;
    private final FrameworkBook frameworks;
    private final RoleBook roles;
    private final TaskLedger ledger;
    private final GuaranteeHeadroom headroom;
    private final int dimensions;
    private final List<IndexedHeap> frameworksOfRole = new ArrayList<>();
    private final IndexedHeap roleOrder;
    private final long[] request;
    private final double[] reciprocalCapacity;
    private double[] frameworkShare = new double[0];
    private double[] roleShare = new double[0];
    private boolean running;
    private int current = -1;

    /**
     * @param preemption the preemption rule, or null if preemption is off.
     */
    AllocationRound(
        final KernelConfig config,
        final ClusterTotals totals,
        final TaskPlacer placer,
        final TaskAccounting accounting,
        final Preemption preemption,
        final FrameworkBook frameworks,
        final RoleBook roles,
        final TaskLedger ledger,
        final int dimensions)
    {
        this.config = config;
        this.totals = totals;
        this.placer = placer;
        this.accounting = accounting;
        this.preemption = preemption;
        this.frameworks = frameworks;
        this.roles = roles;
        this.ledger = ledger;
        this.headroom = new GuaranteeHeadroom(totals, roles, frameworks, ledger, dimensions);
        this.dimensions = dimensions;
        this.request = new long[dimensions];
        this.reciprocalCapacity = new double[dimensions];
        this.roleOrder = new IndexedHeap(this::roleBefore);
    }

    private IndexedHeap heapOf(final int role)
    {
        while (frameworksOfRole.size() <= role)
        {
            frameworksOfRole.add(new IndexedHeap(this::frameworkBefore));
        }
        return frameworksOfRole.get(role);
    }

    private boolean frameworkBefore(final int a, final int b)
    {
        final int pa = frameworks.queue(a).peekPriority();
        final int pb = frameworks.queue(b).peekPriority();
        if (pa != pb)
        {
            return pa > pb;
        }
        final double sa = frameworkShare[a];
        final double sb = frameworkShare[b];
        if (sa != sb)
        {
            return sa < sb;
        }
        final long la = frameworks.placed(a);
        final long lb = frameworks.placed(b);
        if (la != lb)
        {
            return la < lb;
        }
        return frameworks.name(a).compareTo(frameworks.name(b)) < 0;
    }

    private boolean roleBefore(final int a, final int b)
    {
        final int pa = frameworks.queue(heapOf(a).peek()).peekPriority();
        final int pb = frameworks.queue(heapOf(b).peek()).peekPriority();
        if (pa != pb)
        {
            return pa > pb;
        }
        final boolean ga = roles.isBelowGuarantee(a);
        final boolean gb = roles.isBelowGuarantee(b);
        if (ga != gb)
        {
            return ga;
        }
        final double sa = roleShare[a];
        final double sb = roleShare[b];
        if (sa != sb)
        {
            return sa < sb;
        }
        return roles.name(a).compareTo(roles.name(b)) < 0;
    }

    /**
     * Runs one round.
     *
     * @return tasks placed.
     */
    int run()
    {
        cacheShares();
        for (int f = 0; f < frameworks.count(); f++)
        {
            if (!frameworks.queue(f).isEmpty() && !frameworks.isSuppressed(f))
            {
                heapOf(frameworks.role(f)).add(f);
            }
        }
        for (int r = 0; r < frameworksOfRole.size(); r++)
        {
            if (!frameworksOfRole.get(r).isEmpty())
            {
                roleOrder.add(r);
            }
        }
        running = true;
        int placed = 0;
        try
        {
            while (!roleOrder.isEmpty())
            {
                final int role = roleOrder.peek();
                final int framework = heapOf(role).peek();
                final PendingQueue queue = frameworks.queue(framework);
                final int task = queue.peek();
                current = framework;
                if (!tryPlace(role, task))
                {
                    block(role, framework);
                    continue;
                }
                queue.pop();
                placed++;
                reorder(role, framework);
            }
        }
        finally
        {
            running = false;
            current = -1;
            roleOrder.clear();
            for (int i = 0, size = frameworksOfRole.size(); i < size; i++)
            {
                frameworksOfRole.get(i).clear();
            }
        }
        return placed;
    }

    /**
     * Computes every framework's and role's share once per round; within the round the cluster's capacity is fixed,
     * so a share changes only with its own allocation ({@link #onAllocationChanged}).
     */
    private void cacheShares()
    {
        for (int d = 0; d < dimensions; d++)
        {
            final long capacity = totals.capacity(d);
            reciprocalCapacity[d] = config.isFairnessExcluded(d) || capacity <= 0 ? 0 : 1.0 / capacity;
        }
        if (frameworkShare.length < frameworks.count())
        {
            frameworkShare = new double[Math.max(frameworks.count(), frameworkShare.length * 2)];
        }
        if (roleShare.length < roles.count())
        {
            roleShare = new double[Math.max(roles.count(), roleShare.length * 2)];
        }
        for (int f = 0; f < frameworks.count(); f++)
        {
            frameworkShare[f] = share(f);
        }
        for (int r = 0; r < roles.count(); r++)
        {
            roleShare[r] = roleShareOf(r);
        }
    }

    private double share(final int framework)
    {
        double share = 0;
        for (int d = 0; d < dimensions; d++)
        {
            share = Math.max(share, frameworks.allocated(framework, d) * reciprocalCapacity[d]);
        }
        return share;
    }

    private double roleShareOf(final int role)
    {
        double share = 0;
        for (int d = 0; d < dimensions; d++)
        {
            share = Math.max(share, roles.allocated(role, d) * reciprocalCapacity[d]);
        }
        return share / roles.weight(role);
    }

    /**
     * Tries to place a framework's next task: the role's limit, then a feasible agent, else (with preemption on)
     * victims on one agent; in either case the placement must leave free capacity for other roles' unmet guarantees,
     * counting what the victims free.
     *
     * @return true if placed, false if the framework is blocked for the rest of the round.
     */
    private boolean tryPlace(final int role, final int task)
    {
        final boolean quota = !ledger.isRevocable(task);
        for (int d = 0; d < dimensions; d++)
        {
            request[d] = ledger.resource(task, d);
        }
        if (quota && roles.wouldExceedLimit(role, request))
        {
            return false;
        }
        final int slot = placer.findAgentFor(task);
        if (slot >= 0)
        {
            if (quota && headroom.heldBackIn(role, request, null) >= 0)
            {
                return false;
            }
            accounting.startPending(task, slot);
            return true;
        }
        if (preemption == null)
        {
            return false;
        }
        final int victimSlot = preemption.choose(task);
        if (victimSlot < 0 || (quota && headroom.heldBackAfterPreempting(role, request, preemption) >= 0))
        {
            return false;
        }
        preemption.preemptChosen();
        accounting.startPending(task, victimSlot);
        return true;
    }

    private void block(final int role, final int framework)
    {
        final IndexedHeap heap = heapOf(role);
        heap.remove(framework);
        if (heap.isEmpty())
        {
            roleOrder.remove(role);
        }
        else
        {
            roleOrder.update(role);
        }
    }

    private void reorder(final int role, final int framework)
    {
        final IndexedHeap heap = heapOf(role);
        if (frameworks.queue(framework).isEmpty())
        {
            heap.remove(framework);
        }
        else
        {
            heap.update(framework);
        }
        if (heap.isEmpty())
        {
            roleOrder.remove(role);
        }
        else
        {
            roleOrder.update(role);
        }
    }

    /**
     * Updates the framework's and its role's cached shares after its allocation changed, and restores their order
     * if the change came from outside the current placement (a preempted victim).
     */
    @Override
    public void onAllocationChanged(final int framework)
    {
        if (!running)
        {
            return;
        }
        final int role = frameworks.role(framework);
        frameworkShare[framework] = share(framework);
        roleShare[role] = roleShareOf(role);
        if (framework == current)
        {
            return;
        }
        final IndexedHeap heap = heapOf(role);
        if (heap.contains(framework))
        {
            heap.update(framework);
        }
        if (roleOrder.contains(role))
        {
            roleOrder.update(role);
        }
    }
}
