package io.stowage.core;

import java.util.Arrays;

/**
 * Makes room for a task that fits nowhere by preempting strictly lower-priority tasks on one agent. On each
 * eligible agent whose constraints hold (attribute predicates, and maxPerAgent as the agent stands), victims are taken
 * among running tasks of strictly lower priority (and of the same kind, revocable or not, since only those free what
 * the task needs), lowest priority first and youngest first within a priority, until the task fits. Among agents
 * where it then fits, the one whose highest victim priority is lowest wins, then the one with the fewest victims,
 * then the earliest registered.
 * <p>
 * The agent is found through the {@link PreemptionIndex}: the lowest top victim priority from its level trees, then
 * the fewest victims and earliest registration from its count trees, with the task's constraints tested on the
 * candidate leaves only. When the index cannot answer exactly (a running priority it does not track, or more than
 * {@link PreemptionIndex#MAX_VICTIMS} victims needed) the decision falls back to {@link #chooseByScan}, a scan of
 * every agent in registration order, which is also the reference the tests compare the index with.
 */
final class Preemption implements PreemptionIndex.LeafFilter
{
    private final AgentFit fit;
    private final RegistrationOrder registrationOrder;
    private final TaskAccounting accounting;
    private final IndexUpkeep upkeep;
    private final TaskLedger ledger;
    private final int dimensions;
    private final long[] freed;
    private final PreemptionIndex index;
    private final long[] request;
    private int filterTask;
    private long fallbacks;
    private int[] victims = new int[16];
    private int victimCount;
    private int chosenSlot = -1;
    private int chosenCount;

    Preemption(
        final AgentFit fit,
        final RegistrationOrder registrationOrder,
        final TaskAccounting accounting,
        final IndexUpkeep upkeep,
        final TaskLedger ledger,
        final PreemptionIndex index,
        final int dimensions)
    {
        this.fit = fit;
        this.registrationOrder = registrationOrder;
        this.accounting = accounting;
        this.upkeep = upkeep;
        this.ledger = ledger;
        this.index = index;
        this.dimensions = dimensions;
        this.freed = new long[dimensions];
        this.request = new long[dimensions + 1];
    }

    /**
     * Chooses the agent and the victims that make room for a task, without ending anything yet.
     *
     * @param task a pending task's ledger slot.
     * @return the chosen agent, whose victims {@link #preemptChosen} ends and whose freed quantities
     * {@link #freed(int)} gives; -1 if no agent can make room.
     */
    int choose(final int task)
    {
        final int priority = ledger.priority(task);
        if (priority <= ledger.lowestStartedPriority())
        {
            chosenSlot = -1;
            return -1; // no running task has a lower priority: nothing anywhere can be preempted for it
        }
        final PreemptionKind kind = index.prepare(ledger.isRevocable(task), priority);
        final int position = kind == null ? -2 : findByIndex(kind, task, priority);
        if (position == -2)
        {
            fallbacks++;
            return chooseByScan(task);
        }
        if (position < 0)
        {
            chosenSlot = -1;
            return -1;
        }
        final int slot = index.slotAt(position);
        chosenCount = chooseVictims(slot, task, priority, Integer.MAX_VALUE);
        chosenSlot = slot;
        return slot;
    }

    /**
     * @return the position of the agent the rule picks, -1 if no agent can make room, -2 if the index cannot say
     * exactly (the winner needs more victims than the count trees hold).
     */
    private int findByIndex(final PreemptionKind kind, final int task, final int priority)
    {
        for (int d = 0; d < dimensions; d++)
        {
            request[d] = ledger.resource(task, d);
        }
        filterTask = task;
        // No agent takes the task as it stands (the round asks only then), so every candidate needs a victim.
        // Levels rise in priority and an agent that makes room at one level makes room at every higher one, so the
        // first level with a covering leaf that passes the constraints is the lowest top victim priority.
        if (ledger.constraintSet(task) != ConstraintBook.NONE && !anyAgentAtHighestLevel(kind, priority))
        {
            return -1;
        }
        int top = Integer.MIN_VALUE;
        int first = -1;
        for (int i = 0; i < kind.levelCount() && kind.levelValue(i) < priority && first < 0; i++)
        {
            first = kind.levelTree(i).findFirst(request, this);
            top = kind.levelValue(i);
        }
        if (first < 0)
        {
            return -1;
        }
        request[dimensions] = -(long)top;
        // An agent that makes room with m victims up to top covers the request at that level too, so none lies left
        // of the level's first: the count trees are searched from there (often the answer itself).
        for (int m = 1; m <= PreemptionIndex.MAX_VICTIMS; m++)
        {
            final int position = kind.countTree(m).findFirstFrom(request, this, first);
            if (position >= 0)
            {
                return position;
            }
        }
        return -2;
    }

    /**
     * A constrained task is first tried at the highest level it may preempt up to: when its constraints hold on no
     * agent that could make room, this one pass says so, where the search from the lowest level would refuse the same
     * agents again at every level.
     */
    private boolean anyAgentAtHighestLevel(final PreemptionKind kind, final int priority)
    {
        int highest = -1;
        for (int i = 0; i < kind.levelCount() && kind.levelValue(i) < priority; i++)
        {
            highest = i;
        }
        return highest >= 0 && kind.levelTree(highest).findFirst(request, this) >= 0;
    }

    @Override
    public boolean accept(final int position)
    {
        return fit.isEligibleFor(index.slotAt(position), filterTask);
    }

    /** @return the index behind {@link #choose}. */
    PreemptionIndex index()
    {
        return index;
    }

    /** @return decisions the index could not answer exactly and that scanned every agent instead. */
    long fallbacks()
    {
        return fallbacks;
    }

    /**
     * The reference rule by a scan of every registered agent in registration order: the fallback of {@link #choose}
     * and the oracle of the tests. Same contract as {@link #choose}.
     *
     * @param task a pending task's ledger slot.
     * @return the chosen agent, or -1.
     */
    int chooseByScan(final int task)
    {
        final int priority = ledger.priority(task);
        if (priority <= ledger.lowestStartedPriority())
        {
            chosenSlot = -1;
            return -1;
        }
        // Agents are scanned in registration order, so the first agent that reaches the best any agent can (one
        // victim of the lowest priority running anywhere) wins every tie that could follow: the scan stops there.
        // Preemption only runs when no agent can take the task as it stands, so none needs zero victims.
        final int floor = ledger.lowestStartedPriority();
        int bestSlot = -1;
        int bestTopPriority = Integer.MAX_VALUE;
        int bestCount = Integer.MAX_VALUE;
        for (int slot = registrationOrder.first(); slot >= 0; slot = registrationOrder.next(slot))
        {
            if (!fit.isEligibleFor(slot, task))
            {
                continue;
            }
            // Once the best has victims of the lowest priority only, another agent wins only with fewer victims.
            final int limit = bestTopPriority <= floor ? bestCount - 1 : Integer.MAX_VALUE;
            final int count = chooseVictims(slot, task, priority, limit);
            if (count < 0)
            {
                continue;
            }
            final int top = count == 0 ? Integer.MIN_VALUE : ledger.priority(victims[count - 1]);
            if (top < bestTopPriority || (top == bestTopPriority && count < bestCount))
            {
                bestSlot = slot;
                bestTopPriority = top;
                bestCount = count;
                if (count <= 1 && top <= floor)
                {
                    break;
                }
            }
        }
        if (bestSlot < 0)
        {
            chosenSlot = -1;
            return -1;
        }
        chosenCount = chooseVictims(bestSlot, task, priority, Integer.MAX_VALUE);
        chosenSlot = bestSlot;
        return bestSlot;
    }

    /**
     * @param dimension a dimension index.
     * @return what the chosen victims free in that dimension.
     */
    long freed(final int dimension)
    {
        return freed[dimension];
    }

    /** @return how many victims the last {@link #choose} picked. */
    int chosenCount()
    {
        return chosenCount;
    }

    /**
     * @param i 0 to {@link #chosenCount()} - 1.
     * @return the ledger slot of a chosen victim.
     */
    int chosenVictim(final int i)
    {
        return victims[i];
    }

    /** Ends the victims chosen by the last {@link #choose}, as {@link TaskEndCause#PREEMPTED}. */
    void preemptChosen()
    {
        for (int i = 0; i < chosenCount; i++)
        {
            accounting.end(victims[i], TaskEndCause.PREEMPTED);
        }
        upkeep.refreshAgent(chosenSlot);
        chosenSlot = -1;
        chosenCount = 0;
    }

    /**
     * Fills {@link #victims} for one agent, lowest priority first, youngest first within a priority.
     *
     * @param limit the most victims worth taking.
     * @return how many victims make the task fit, or -1 if even all candidates (or {@code limit} of them) do not.
     */
    private int chooseVictims(final int slot, final int task, final int priority, final int limit)
    {
        final boolean revocable = ledger.isRevocable(task);
        victimCount = 0;
        for (int t = ledger.firstOnAgent(slot); t != TaskLedger.NONE; t = ledger.nextOnAgent(t))
        {
            if (ledger.priority(t) < priority && ledger.isRevocable(t) == revocable)
            {
                if (victimCount == victims.length)
                {
                    victims = Arrays.copyOf(victims, victimCount * 2);
                }
                insertSorted(t);
            }
        }
        Arrays.fill(freed, 0);
        for (int taken = 0; ; taken++)
        {
            if (fit.fitsAfterFreeing(slot, task, freed))
            {
                return taken;
            }
            if (taken == victimCount || taken == limit)
            {
                return -1;
            }
            final int victim = victims[taken];
            for (int d = 0; d < dimensions; d++)
            {
                freed[d] += ledger.resource(victim, d);
            }
        }
    }

    /** Insertion into the victim order: priority ascending, then youngest (largest start sequence) first. */
    private void insertSorted(final int t)
    {
        int i = victimCount++;
        while (i > 0 && before(t, victims[i - 1]))
        {
            victims[i] = victims[i - 1];
            i--;
        }
        victims[i] = t;
    }

    private boolean before(final int a, final int b)
    {
        final int pa = ledger.priority(a);
        final int pb = ledger.priority(b);
        return pa < pb || (pa == pb && ledger.startSequence(a) > ledger.startSequence(b));
    }
}
