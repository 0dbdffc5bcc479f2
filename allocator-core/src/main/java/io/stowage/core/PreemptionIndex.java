package io.stowage.core;

import java.util.Arrays;

import static io.stowage.core.AgentTableDescriptor.ALLOCATED;
import static io.stowage.core.AgentTableDescriptor.CAPACITY;

/**
 * What each eligible agent could free for a preempting task, in trees over agents in registration order, so that
 * {@link Preemption} finds the agent the preemption rule picks without looking at every agent.
 * <p>
 * For one kind of task (non-revocable, or revocable when oversubscription is on) an agent's candidate victims are its
 * running tasks of that kind in the victim order: priority ascending, youngest (largest start sequence) first within
 * a priority. With {@code room} the agent's free capacity (revocable headroom for the revocable kind) and
 * {@code v1, v2, …} that order:
 * <ul>
 *     <li><b>Level trees</b>, one per tracked priority {@code q}: the leaf is {@code room + Σ tasks of priority ≤ q}.
 *     An agent can make room for a request {@code r} with victims of priority at most {@code q} exactly when its leaf
 *     covers {@code r}, which is monotone in {@code q}: the lowest tracked level below the task's priority with a
 *     covering leaf (that also passes the constraints) is the lowest top victim priority {@code q*} any agent can
 *     reach.</li>
 *     <li><b>Count trees</b>, for {@code m = 1 … MAX_VICTIMS}: the leaf is {@code room + Σ v1…vm} in the resource
 *     dimensions and {@code −priority(vm)} in one more ({@link PreemptionTree#NEVER} when the agent has fewer than m
 *     candidates). Preemption is asked only when no agent takes the task as it stands, so no agent needs zero
 *     victims and there is no tree for m = 0. A leaf covering {@code (r, −q*)} is an agent that makes room with at most
 *     m victims, none above {@code q*}; since no agent does better than {@code q*}, the smallest such m is the fewest
 *     victims at {@code q*}, and the left-most covering leaf of that tree is the earliest registered agent with
 *     it.</li>
 * </ul>
 * Exactness needs every running priority that could be a victim's to be tracked. The index tracks the lowest
 * {@link #MAX_LEVELS} distinct priorities running on eligible agents (per kind), chosen at a full rebuild, and counts
 * the tasks whose priority is not tracked (one that started since, or more distinct priorities than levels) with a
 * lower bound of their lowest priority: a task of a priority above that bound could preempt one of them, and for it
 * {@link #prepare} rebuilds (if that can help, at most once per {@link #REBUILD_INTERVAL} decisions) or says the
 * caller must fall back to the scan.
 * <p>
 * Upkeep is lazy: the kernel {@link #touch touches} an agent whenever it re-derives the agent's index leaves
 * (tasks started or ended, capacity, usage, eligibility), which only marks it; {@link #prepare} rewrites the leaves
 * of the marked agents before a decision, each in {@code O((levels + MAX_VICTIMS) × D × log n)} at worst. Nothing
 * is allocated before the first preempting decision asks for the index; after that, only when the number of agents
 * outgrows the trees, a kind gets its first running task, or an agent runs more tasks than the scratch array holds.
 */
final class PreemptionIndex
{
    /** The most distinct running priorities tracked per kind of task. */
    static final int MAX_LEVELS = 8;
    /** The most victims the count trees answer for; a decision that needs more falls back to the scan. */
    static final int MAX_VICTIMS = 4;
    /**
     * Decisions between two rebuilds forced by an untracked priority, so that churn of priorities costs at most one
     * rebuild per this many decisions on top of the scans they fall back to.
     */
    static final int REBUILD_INTERVAL = 16;

    /** A further test of a leaf that covers a request: the task's constraints on that agent. */
    interface LeafFilter
    {
        /**
         * @param position a leaf position.
         * @return true if the leaf may be chosen.
         */
        boolean accept(int position);
    }

    private final RegistrationOrder registrationOrder;
    private final AgentEligibility eligibility;
    private final Oversubscription oversubscription;
    private final AgentTable agents;
    private final TaskLedger ledger;
    private final int dimensions;
    private final int maxAgents;
    private final PreemptionKind nonRevocable = new PreemptionKind(false);
    private final PreemptionKind revocable;
    private final long[] values;
    private final long[] room;
    private int[] sorted = new int[16];
    private boolean built;
    private boolean stale;
    private int leafCount;
    private int nextPosition;
    private int[] positionOf;
    private int[] slotAt;
    private int[] dirty;
    private boolean[] isDirty;
    private int dirtyCount;
    private int decisionsSinceRebuild;

    /**
     * @param registrationOrder agents in registration order, the order of the leaves.
     * @param eligibility       which agents may take tasks.
     * @param oversubscription  the revocable headroom rule; enabled means a revocable kind exists.
     * @param agents            the agent records.
     * @param ledger            the running tasks.
     * @param dimensions        resource dimensions.
     * @param maxAgents         agent slots.
     */
    PreemptionIndex(
        final RegistrationOrder registrationOrder,
        final AgentEligibility eligibility,
        final Oversubscription oversubscription,
        final AgentTable agents,
        final TaskLedger ledger,
        final int dimensions,
        final int maxAgents)
    {
        this.registrationOrder = registrationOrder;
        this.eligibility = eligibility;
        this.oversubscription = oversubscription;
        this.agents = agents;
        this.ledger = ledger;
        this.dimensions = dimensions;
        this.maxAgents = maxAgents;
        this.revocable = oversubscription.isEnabled() ? new PreemptionKind(true) : null;
        this.values = new long[dimensions + 1];
        this.room = new long[dimensions];
    }

    /**
     * Marks an agent whose leaves may have changed (or that has just registered: it takes the next position in
     * registration order). O(1).
     *
     * @param slot a registered agent.
     */
    void touch(final int slot)
    {
        if (!built || stale)
        {
            return;
        }
        if (positionOf[slot] < 0)
        {
            if (nextPosition == leafCount)
            {
                stale = true; // out of positions: the next decision renumbers every agent
                return;
            }
            positionOf[slot] = nextPosition;
            slotAt[nextPosition++] = slot;
        }
        if (!isDirty[slot])
        {
            isDirty[slot] = true;
            dirty[dirtyCount++] = slot;
        }
    }

    /**
     * Forgets an agent being removed: its leaves become {@link PreemptionTree#NEVER} and its position is not reused
     * until the next renumbering.
     *
     * @param slot the agent.
     */
    void remove(final int slot)
    {
        if (!built || stale)
        {
            return;
        }
        final int position = positionOf[slot];
        if (position < 0)
        {
            return;
        }
        clearLeaves(nonRevocable, slot, position, true);
        if (revocable != null)
        {
            clearLeaves(revocable, slot, position, true);
        }
        slotAt[position] = -1;
        positionOf[slot] = -1;
    }

    /**
     * Brings the trees up to date for a decision and says whether they answer exactly for a task.
     *
     * @param revocableTask the task's kind.
     * @param priority      the task's priority.
     * @return the kind's trees, or null if the caller must scan.
     */
    PreemptionKind prepare(final boolean revocableTask, final int priority)
    {
        decisionsSinceRebuild++;
        if (!built || stale)
        {
            rebuild();
        }
        else
        {
            for (int i = 0; i < dirtyCount; i++)
            {
                final int slot = dirty[i];
                isDirty[slot] = false;
                final int position = positionOf[slot];
                if (position >= 0)
                {
                    writeLeaves(nonRevocable, slot, position, true);
                    if (revocable != null)
                    {
                        writeLeaves(revocable, slot, position, true);
                    }
                }
            }
            dirtyCount = 0;
        }
        final PreemptionKind kind = revocableTask ? revocable : nonRevocable;
        if (!kind.mayPreemptUntracked(priority))
        {
            return kind;
        }
        // A rebuild helps unless the levels are full of priorities all below the untracked ones.
        final boolean helps = !kind.saturated || kind.lowestUntracked < kind.levelValue[kind.levelCount - 1];
        if (helps && decisionsSinceRebuild >= REBUILD_INTERVAL)
        {
            rebuild();
        }
        return kind.mayPreemptUntracked(priority) ? null : kind;
    }

    /**
     * @param position a leaf position.
     * @return the agent at that position.
     */
    int slotAt(final int position)
    {
        return slotAt[position];
    }

    /**
     * For tests: brings the index up to date and compares every leaf with one recomputed from the agent records and
     * the ledger, and every inner node with its children.
     *
     * @param violations where to describe what differs.
     */
    void check(final java.util.List<String> violations)
    {
        if (!built)
        {
            return;
        }
        prepare(false, Integer.MIN_VALUE);
        for (int slot = registrationOrder.first(), expected = -1; slot >= 0;
            slot = registrationOrder.next(slot))
        {
            if (positionOf[slot] <= expected || slotAt[positionOf[slot]] != slot)
            {
                violations.add("agent " + slot + " at position " + positionOf[slot] + " out of registration order");
            }
            expected = positionOf[slot];
        }
        checkKind(nonRevocable, violations);
        if (revocable != null)
        {
            checkKind(revocable, violations);
        }
    }

    private void checkKind(final PreemptionKind kind, final java.util.List<String> violations)
    {
        final PreemptionTree[] trees = new PreemptionTree[kind.levelCount + MAX_VICTIMS];
        System.arraycopy(kind.countTree, 1, trees, 0, MAX_VICTIMS);
        System.arraycopy(kind.levelTree, 0, trees, MAX_VICTIMS, kind.levelCount);
        final long[][] before = new long[trees.length][];
        for (int position = 0; position < leafCount; position++)
        {
            for (int t = 0; t < trees.length; t++)
            {
                before[t] = leafOf(trees[t], position);
            }
            final int slot = slotAt[position];
            if (slot < 0)
            {
                clearLeaves(kind, -1, position, true);
            }
            else
            {
                writeLeaves(kind, slot, position, true);
            }
            for (int t = 0; t < trees.length; t++)
            {
                if (trees[t] != null && !Arrays.equals(before[t], leafOf(trees[t], position)))
                {
                    violations.add((kind.revocable ? "revocable" : "non-revocable") + " tree " + t + " leaf " +
                        position + " (agent " + slot + ") held " + Arrays.toString(before[t]) + ", should hold " +
                        Arrays.toString(leafOf(trees[t], position)));
                }
            }
        }
        for (final PreemptionTree tree : trees)
        {
            if (tree != null && !tree.isConsistent())
            {
                violations.add("a preemption tree node is not the maximum of its children");
            }
        }
    }

    private long[] leafOf(final PreemptionTree tree, final int position)
    {
        final int dims = tree == null ? 0 : tree.dimensions();
        final long[] leaf = new long[dims];
        for (int d = 0; d < dims; d++)
        {
            leaf[d] = tree.leaf(position, d);
        }
        return leaf;
    }

    /**
     * Renumbers the registered agents in registration order, chooses the tracked priorities and rewrites every tree:
     * O(agents × (tasks per agent + trees × D)).
     */
    private void rebuild()
    {
        decisionsSinceRebuild = 0;
        if (!built)
        {
            positionOf = new int[maxAgents];
            dirty = new int[maxAgents];
            isDirty = new boolean[maxAgents];
            nonRevocable.untracked = new int[maxAgents];
            if (revocable != null)
            {
                revocable.untracked = new int[maxAgents];
            }
            built = true;
        }
        Arrays.fill(positionOf, -1);
        Arrays.fill(isDirty, false);
        dirtyCount = 0;
        stale = false;
        int registered = 0;
        for (int slot = registrationOrder.first(); slot >= 0; slot = registrationOrder.next(slot))
        {
            registered++;
        }
        // A quarter more positions than agents registered now, so that renumbering happens at most once per a
        // quarter as many registrations.
        int leaves = 64;
        while (leaves < registered + registered / 4 + 1)
        {
            leaves <<= 1;
        }
        final boolean resized = leaves != leafCount;
        if (resized)
        {
            leafCount = leaves;
            slotAt = new int[leaves];
        }
        Arrays.fill(slotAt, -1);
        nextPosition = 0;
        for (int slot = registrationOrder.first(); slot >= 0; slot = registrationOrder.next(slot))
        {
            positionOf[slot] = nextPosition;
            slotAt[nextPosition++] = slot;
        }
        rebuildKind(nonRevocable, resized);
        if (revocable != null)
        {
            rebuildKind(revocable, resized);
        }
    }

    private void rebuildKind(final PreemptionKind kind, final boolean resized)
    {
        chooseLevels(kind);
        // A kind with no running task on an eligible agent has no level and needs no count tree either: a decision
        // finds nothing to preempt, and the first task of the kind is an untracked priority that brings a rebuild.
        final boolean used = kind.levelCount > 0;
        for (int i = 0; i < MAX_LEVELS; i++)
        {
            if (i >= kind.levelCount)
            {
                kind.levelTree[i] = resized ? null : kind.levelTree[i];
            }
            else if (resized || kind.levelTree[i] == null)
            {
                kind.levelTree[i] = new PreemptionTree(leafCount, dimensions);
            }
        }
        for (int m = 1; m <= MAX_VICTIMS; m++)
        {
            if (!used)
            {
                kind.countTree[m] = resized ? null : kind.countTree[m];
            }
            else if (resized || kind.countTree[m] == null)
            {
                kind.countTree[m] = new PreemptionTree(leafCount, dimensions + 1);
            }
        }
        Arrays.fill(kind.untracked, 0);
        kind.totalUntracked = 0;
        kind.lowestUntracked = Integer.MAX_VALUE;
        for (int position = 0; position < leafCount; position++)
        {
            final int slot = slotAt[position];
            if (slot < 0)
            {
                clearLeaves(kind, -1, position, false);
            }
            else
            {
                writeLeaves(kind, slot, position, false);
            }
        }
        for (int i = 0; i < kind.levelCount; i++)
        {
            kind.levelTree[i].rebuild();
        }
        for (int m = 1; m <= MAX_VICTIMS && kind.countTree[m] != null; m++)
        {
            kind.countTree[m].rebuild();
        }
    }

    /** Tracks the lowest {@link #MAX_LEVELS} distinct priorities of the kind running on eligible agents. */
    private void chooseLevels(final PreemptionKind kind)
    {
        final int[] levels = kind.levelValue;
        int count = 0;
        boolean saturated = false;
        for (int slot = registrationOrder.first(); slot >= 0; slot = registrationOrder.next(slot))
        {
            if (!eligibility.isEligibleAgent(slot))
            {
                continue;
            }
            for (int t = ledger.firstOnAgent(slot); t != TaskLedger.NONE; t = ledger.nextOnAgent(t))
            {
                if (ledger.isRevocable(t) != kind.revocable)
                {
                    continue;
                }
                final int p = ledger.priority(t);
                int i = 0;
                while (i < count && levels[i] < p)
                {
                    i++;
                }
                if (i < count && levels[i] == p)
                {
                    continue;
                }
                if (i == MAX_LEVELS)
                {
                    saturated = true; // above every tracked level
                    continue;
                }
                if (count == MAX_LEVELS)
                {
                    saturated = true; // the highest tracked level makes way for a lower priority
                    count--;
                }
                System.arraycopy(levels, i, levels, i + 1, count - i);
                levels[i] = p;
                count++;
            }
        }
        kind.levelCount = count;
        kind.saturated = saturated;
    }

    /** Rewrites one agent's leaves in every tree of a kind from the agent record and its running tasks. */
    private void writeLeaves(final PreemptionKind kind, final int slot, final int position, final boolean propagate)
    {
        if (!eligibility.isEligibleAgent(slot))
        {
            clearLeaves(kind, slot, position, propagate);
            return;
        }
        for (int d = 0; d < dimensions; d++)
        {
            room[d] = kind.revocable ? oversubscription.headroom(slot, d) :
                agents.get(slot, CAPACITY, d) - agents.get(slot, ALLOCATED, d);
        }
        final int n = sortCandidates(kind, slot);

        System.arraycopy(room, 0, values, 0, dimensions);
        for (int m = 1; m <= MAX_VICTIMS; m++)
        {
            if (m > n)
            {
                write(kind.countTree[m], position, null, propagate);
                continue;
            }
            final int victim = sorted[m - 1];
            for (int d = 0; d < dimensions; d++)
            {
                values[d] += ledger.resource(victim, d);
            }
            values[dimensions] = -(long)ledger.priority(victim);
            write(kind.countTree[m], position, values, propagate);
        }

        System.arraycopy(room, 0, values, 0, dimensions);
        int taken = 0;
        for (int i = 0; i < kind.levelCount; i++)
        {
            while (taken < n && ledger.priority(sorted[taken]) <= kind.levelValue[i])
            {
                for (int d = 0; d < dimensions; d++)
                {
                    values[d] += ledger.resource(sorted[taken], d);
                }
                taken++;
            }
            write(kind.levelTree[i], position, values, propagate);
        }

        int untracked = 0;
        int lowest = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++)
        {
            final int p = ledger.priority(sorted[i]);
            if (!kind.isTracked(p))
            {
                untracked++;
                lowest = Math.min(lowest, p);
            }
        }
        setUntracked(kind, slot, untracked, lowest);
    }

    private void clearLeaves(final PreemptionKind kind, final int slot, final int position, final boolean propagate)
    {
        for (int m = 1; m <= MAX_VICTIMS; m++)
        {
            write(kind.countTree[m], position, null, propagate);
        }
        for (int i = 0; i < kind.levelCount; i++)
        {
            write(kind.levelTree[i], position, null, propagate);
        }
        if (slot >= 0)
        {
            setUntracked(kind, slot, 0, Integer.MAX_VALUE);
        }
    }

    private static void write(final PreemptionTree tree, final int position, final long[] leaf, final boolean propagate)
    {
        if (tree == null)
        {
            return; // a kind with nothing running has no count trees until its next rebuild
        }
        if (propagate)
        {
            tree.set(position, leaf);
        }
        else
        {
            tree.setLeafOnly(position, leaf);
        }
    }

    private static void setUntracked(final PreemptionKind kind, final int slot, final int count, final int lowest)
    {
        kind.totalUntracked += count - kind.untracked[slot];
        kind.untracked[slot] = count;
        kind.lowestUntracked = kind.totalUntracked == 0 ? Integer.MAX_VALUE : Math.min(kind.lowestUntracked, lowest);
    }

    /**
     * Fills {@link #sorted} with the agent's running tasks of the kind in the victim order (the order of
     * {@link Preemption}): priority ascending, then youngest (largest start sequence) first.
     *
     * @return how many.
     */
    private int sortCandidates(final PreemptionKind kind, final int slot)
    {
        int n = 0;
        for (int t = ledger.firstOnAgent(slot); t != TaskLedger.NONE; t = ledger.nextOnAgent(t))
        {
            if (ledger.isRevocable(t) != kind.revocable)
            {
                continue;
            }
            if (n == sorted.length)
            {
                sorted = Arrays.copyOf(sorted, n * 2);
            }
            int i = n++;
            while (i > 0 && before(t, sorted[i - 1]))
            {
                sorted[i] = sorted[i - 1];
                i--;
            }
            sorted[i] = t;
        }
        return n;
    }

    private boolean before(final int a, final int b)
    {
        final int pa = ledger.priority(a);
        final int pb = ledger.priority(b);
        return pa < pb || (pa == pb && ledger.startSequence(a) > ledger.startSequence(b));
    }
}
