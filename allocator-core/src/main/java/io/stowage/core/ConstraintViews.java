package io.stowage.core;

/**
 * The {@link ConstraintView}s the placement search has asked for, kept in line with the {@link PlacementIndex}.
 * <p>
 * A view is built on first use (O(n) over the index's leaves) and then maintained on every leaf change, swap and
 * task start or end that concerns it. A view not searched for {@link #IDLE_SEARCHES} searches is dropped (looked
 * for every {@link #SWEEP_INTERVAL} searches). Their number is bounded by a count and by memory; when the bound is
 * reached the search falls back to filtering candidates one by one. Either way the answer is the same (a view is
 * exact), so which constraints have a view changes speed, never a decision.
 */
final class ConstraintViews
{
    /** The most views kept at once. */
    static final int MAX_VIEWS = 64;
    /** Searches between two sweeps for idle views (fewer if views are dropped sooner). */
    static final int SWEEP_INTERVAL = 1 << 12;
    /** The most spread tallies kept at once. */
    static final int MAX_TALLIES = 64;
    /** The most memory all views together may take, in bytes. */
    static final long MAX_BYTES = 256L << 20;
    /**
     * A view not searched for this many searches is dropped: every view costs upkeep on every leaf change, and one
     * that is not searched any more (a constraint used only in a burst) would cost it for nothing. A later search
     * builds it again.
     */
    static final long IDLE_SEARCHES = 1 << 16;

    private final PlacementIndex index;
    private final ConstraintBook constraints;
    private final AttributeInterner attributes;
    private final AgentTable agents;
    private final TaskLedger ledger;
    private int maxViews;
    private long idleSearches = IDLE_SEARCHES;
    private long lastSweep;
    private final ConstraintView[] views;
    private final ConstraintView.ViewKey scratchKey = new ConstraintView.ViewKey();
    private final SpreadTally[] tallies = new SpreadTally[MAX_TALLIES];
    private int tallyCount;
    private int count;
    private int countingViews;
    private long searches;
    private long built;

    ConstraintViews(
        final PlacementIndex index,
        final ConstraintBook constraints,
        final AttributeInterner attributes,
        final AgentTable agents,
        final TaskLedger ledger,
        final int dimensions)
    {
        this.index = index;
        this.constraints = constraints;
        this.attributes = attributes;
        this.agents = agents;
        this.ledger = ledger;
        int leaves = 1;
        while (leaves < agents.maxAgents())
        {
            leaves <<= 1;
        }
        final long bytesPerView = 2L * leaves * (dimensions * Long.BYTES + Double.BYTES);
        this.maxViews = (int)Math.max(1, Math.min(MAX_VIEWS, MAX_BYTES / bytesPerView));
        this.views = new ConstraintView[maxViews];
    }

    /**
     * @return the view for a search, built if needed, or null when none can be kept (the caller filters instead).
     */
    ConstraintView view(
        final int constraintSet, final int spreadValue, final int framework, final int label,
        final boolean revocable)
    {
        final ConstraintBook.Compiled set = constraints.get(constraintSet);
        final boolean perAgent = set.maxPerAgent > 0;
        final ConstraintView.ViewKey key = scratchKey.set(
            constraintSet, spreadValue, perAgent ? framework : -1, perAgent ? label : -1, revocable);
        if (++searches - lastSweep >= Math.min(SWEEP_INTERVAL, idleSearches))
        {
            lastSweep = searches;
            dropIdleViews();
        }
        for (int i = 0; i < count; i++)
        {
            final ConstraintView view = views[i];
            if (view.is(key))
            {
                view.lastUsed = searches;
                return view;
            }
        }
        final int at = freeIndex();
        if (at < 0)
        {
            return null;
        }
        final ConstraintView view = build(key);
        view.lastUsed = searches;
        if (at == count)
        {
            count++;
        }
        else if (views[at].maxPerAgent > 0)
        {
            countingViews--;
        }
        views[at] = view;
        if (view.maxPerAgent > 0)
        {
            countingViews++;
        }
        return view;
    }

    /**
     * @return the tally of running tasks per value of an attribute for a framework and label, built if needed, or null
     * when none can be kept (the caller counts by walking the framework's tasks instead).
     */
    SpreadTally tally(final int framework, final int label, final int name)
    {
        searches++;
        for (int i = 0; i < tallyCount; i++)
        {
            final SpreadTally tally = tallies[i];
            if (tally.is(framework, label, name))
            {
                tally.lastUsed = searches;
                return tally;
            }
        }
        int at = tallyCount;
        if (at == MAX_TALLIES)
        {
            at = -1;
            for (int i = 0; i < tallyCount; i++)
            {
                if (searches - tallies[i].lastUsed >= idleSearches &&
                    (at < 0 || tallies[i].lastUsed < tallies[at].lastUsed))
                {
                    at = i;
                }
            }
            if (at < 0)
            {
                return null;
            }
        }
        final SpreadTally tally = new SpreadTally(framework, label, name);
        for (int task = ledger.firstOfFramework(framework); task != TaskLedger.NONE;
            task = ledger.nextOfFramework(task))
        {
            if (ledger.label(task) == label)
            {
                tally.add(attributes.valueOf(agents.attributeSet(ledger.agent(task)), name), 1);
            }
        }
        tally.lastUsed = searches;
        tallies[at] = tally;
        if (at == tallyCount)
        {
            tallyCount++;
        }
        return tally;
    }

    private void countSpread(final int framework, final int label, final int slot, final int delta)
    {
        for (int i = 0; i < tallyCount; i++)
        {
            final SpreadTally tally = tallies[i];
            if (tally.framework == framework && tally.label == label)
            {
                tally.add(attributes.valueOf(agents.attributeSet(slot), tally.name), delta);
            }
        }
    }

    private void dropIdleViews()
    {
        int kept = 0;
        for (int i = 0; i < count; i++)
        {
            final ConstraintView view = views[i];
            if (searches - view.lastUsed < idleSearches)
            {
                views[kept++] = view;
            }
            else if (view.maxPerAgent > 0)
            {
                countingViews--;
            }
        }
        for (int i = kept; i < count; i++)
        {
            views[i] = null;
        }
        count = kept;
    }

    /**
     * Sets after how many searches without use a view is dropped (tests use a small number to rebuild views often).
     *
     * @param searches at least 1.
     */
    void idleSearches(final long searches)
    {
        idleSearches = Math.max(1, searches);
    }

    private int freeIndex()
    {
        if (count < maxViews)
        {
            return count;
        }
        int oldest = -1;
        for (int i = 0; i < count; i++)
        {
            if (searches - views[i].lastUsed >= idleSearches &&
                (oldest < 0 || views[i].lastUsed < views[oldest].lastUsed))
            {
                oldest = i;
            }
        }
        return oldest;
    }

    private ConstraintView build(final ConstraintView.ViewKey key)
    {
        final FreeCapacityTree source = source(key.revocable);
        final ConstraintView view = new ConstraintView(key, source, constraints, attributes, agents);
        if (view.maxPerAgent > 0)
        {
            for (int task = ledger.firstOfFramework(key.framework); task != TaskLedger.NONE;
                task = ledger.nextOfFramework(task))
            {
                if (ledger.label(task) == key.label)
                {
                    final int slot = ledger.agent(task);
                    view.tasksOnAgent(slot, view.tasksOnAgent(slot) + 1);
                }
            }
        }
        for (int slot = 0, n = agents.maxAgents(); slot < n; slot++)
        {
            if (view.allows(slot))
            {
                view.tree.loadLeaf(source, index.positionOf(slot));
            }
        }
        view.tree.rebuild();
        built++;
        return view;
    }

    private FreeCapacityTree source(final boolean revocable)
    {
        return revocable ? index.revocableTree() : index.freeTree();
    }

    /** The index rewrote the leaf of an agent: every view mirrors it. */
    void onLeafChanged(final int slot, final int position)
    {
        for (int i = 0; i < count; i++)
        {
            final ConstraintView view = views[i];
            view.sync(source(view.revocable), position, slot);
        }
    }

    /** The index exchanged two positions: every view does the same. */
    void onSwap(final int positionA, final int positionB)
    {
        for (int i = 0; i < count; i++)
        {
            views[i].tree.swap(positionA, positionB);
        }
    }

    /**
     * An agent's attribute set changed: each of its running tasks moves, in the spread tallies of its framework and
     * label, from its value in the old set to its value in the new one, and every view re-decides whether it allows
     * the agent (its leaf becomes the index's, or excluded). The maxPerAgent counts are per agent and stay.
     *
     * @param slot   the agent, whose record already holds the new set.
     * @param before the set it held before.
     */
    void onAttributesChanged(final int slot, final int before)
    {
        final int after = agents.attributeSet(slot);
        if (tallyCount > 0)
        {
            for (int task = ledger.firstOnAgent(slot); task != TaskLedger.NONE; task = ledger.nextOnAgent(task))
            {
                moveInTallies(ledger.framework(task), ledger.label(task), before, after);
            }
        }
        final int position = index.positionOf(slot);
        for (int i = 0; i < count; i++)
        {
            final ConstraintView view = views[i];
            view.sync(source(view.revocable), position, slot);
        }
    }

    private void moveInTallies(final int framework, final int label, final int before, final int after)
    {
        for (int i = 0; i < tallyCount; i++)
        {
            final SpreadTally tally = tallies[i];
            if (tally.framework == framework && tally.label == label)
            {
                final int from = attributes.valueOf(before, tally.name);
                final int to = attributes.valueOf(after, tally.name);
                if (from != to)
                {
                    tally.add(from, -1);
                    tally.add(to, 1);
                }
            }
        }
    }

    /** A task started on an agent: spread tallies and maxPerAgent views of its framework and label count it. */
    void onTaskStarted(final int framework, final int label, final int slot)
    {
        count(framework, label, slot, 1);
    }

    /** A running task ended on an agent: spread tallies and maxPerAgent views of its framework and label count it. */
    void onTaskEnded(final int framework, final int label, final int slot)
    {
        count(framework, label, slot, -1);
    }

    private void count(final int framework, final int label, final int slot, final int delta)
    {
        countSpread(framework, label, slot, delta);
        if (countingViews == 0)
        {
            return;
        }
        for (int i = 0; i < count; i++)
        {
            final ConstraintView view = views[i];
            if (view.counts(framework, label) && view.countTask(slot, delta))
            {
                view.sync(source(view.revocable), index.positionOf(slot), slot);
            }
        }
    }

    /**
     * Lowers the number of views kept, dropping any beyond it: with 0 every constrained search filters candidates one
     * by one, which tests compare against views and benchmarks measure.
     *
     * @param views the most views to keep, at most the bound fixed at construction.
     */
    void limit(final int views)
    {
        maxViews = Math.min(maxViews, Math.max(0, views));
        countingViews = 0;
        for (int i = maxViews; i < count; i++)
        {
            this.views[i] = null;
        }
        count = Math.min(count, maxViews);
        for (int i = 0; i < count; i++)
        {
            countingViews += this.views[i].maxPerAgent > 0 ? 1 : 0;
        }
    }

    /** @return the tree nodes searches of the views kept now have examined, for tests of the bound. */
    long nodesVisited()
    {
        long nodes = 0;
        for (int i = 0; i < count; i++)
        {
            nodes += views[i].tree.nodesVisited();
        }
        return nodes;
    }

    /** @return how many views exist now. */
    int count()
    {
        return count;
    }

    /** @return how many views have been built since the kernel started (for tests and benchmarks). */
    long built()
    {
        return built;
    }

    /** @return the view at index i, 0 to {@link #count()} - 1 (for the invariant checker). */
    ConstraintView get(final int i)
    {
        return views[i];
    }

    /** @return how many spread tallies exist now. */
    int tallyCount()
    {
        return tallyCount;
    }

    /** @return the tally at index i, 0 to {@link #tallyCount()} - 1 (for the invariant checker). */
    SpreadTally tally(final int i)
    {
        return tallies[i];
    }

    /** @return the index tree a view mirrors. */
    FreeCapacityTree sourceOf(final ConstraintView view)
    {
        return source(view.revocable);
    }

    /**
     * Writes the search counters and bounds only: views and tallies are caches of the ledger and the index, rebuilt on
     * the first search that wants them, and a search gives the same answer with or without its view.
     */
    void writeTo(final SnapshotWriter out)
    {
        out.putLong(searches);
        out.putLong(lastSweep);
        out.putLong(idleSearches);
        out.putInt(maxViews);
    }

    void readFrom(final SnapshotReader in)
    {
        if (count != 0 || tallyCount != 0)
        {
            throw new IllegalStateException("a snapshot is read into new constraint views only");
        }
        searches = in.getLong("view searches");
        lastSweep = in.getLong("last view sweep");
        idleSearches = in.getLong("idle searches");
        maxViews = in.getInt("most views", 0, views.length);
        if (idleSearches < 1 || lastSweep > searches)
        {
            throw in.fail("idle searches " + idleSearches + ", last sweep " + lastSweep + " of " + searches);
        }
    }
}
