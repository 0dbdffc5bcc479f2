package io.stowage.core;

/**
 * The trees and priority bookkeeping of one kind of task (revocable or not) in the {@link PreemptionIndex}: a level
 * tree per tracked running priority and a count tree per number of victims, with the agents' counts of running tasks
 * whose priority is not tracked.
 */
final class PreemptionKind
{
    final boolean revocable;
    final int[] levelValue = new int[PreemptionIndex.MAX_LEVELS];
    final PreemptionTree[] levelTree = new PreemptionTree[PreemptionIndex.MAX_LEVELS];
    final PreemptionTree[] countTree = new PreemptionTree[PreemptionIndex.MAX_VICTIMS + 1];
    int levelCount;
    /** Set when more distinct priorities ran than levels at the last rebuild: the top level is a ceiling. */
    boolean saturated;
    /** Per agent: running tasks of the kind whose priority is not tracked. */
    int[] untracked;
    long totalUntracked;
    /**
     * At most the lowest untracked priority running (exact after a rebuild, lowered by upkeep, never raised until
     * the next rebuild or until no untracked task is left): a bound that is only ever safe.
     */
    int lowestUntracked = Integer.MAX_VALUE;

    PreemptionKind(final boolean revocable)
    {
        this.revocable = revocable;
    }

    /** @return the number of tracked levels. */
    int levelCount()
    {
        return levelCount;
    }

    /**
     * @param i a level index, 0 to {@link #levelCount()} - 1, ascending in priority.
     * @return its priority.
     */
    int levelValue(final int i)
    {
        return levelValue[i];
    }

    /**
     * @param i a level index.
     * @return its tree.
     */
    PreemptionTree levelTree(final int i)
    {
        return levelTree[i];
    }

    /**
     * @param m 1 to {@link PreemptionIndex#MAX_VICTIMS}.
     * @return the tree of the first m victims.
     */
    PreemptionTree countTree(final int m)
    {
        return countTree[m];
    }

    /** @return true if a task of this priority might have a victim whose priority is not tracked. */
    boolean mayPreemptUntracked(final int priority)
    {
        return totalUntracked > 0 && lowestUntracked < priority;
    }

    boolean isTracked(final int priority)
    {
        for (int i = 0; i < levelCount; i++)
        {
            if (levelValue[i] == priority)
            {
                return true;
            }
        }
        return false;
    }
}
