package io.stowage.core;

import java.util.Arrays;

/**
 * Running tasks of one framework and label per value of one attribute, kept as tasks start and end, so that a
 * {@code spread} constraint finds its least-used value without walking the framework's tasks.
 */
final class SpreadTally
{
    final int framework;
    final int label;
    final int name;
    private int[] countByValue = new int[8];
    long lastUsed;

    SpreadTally(final int framework, final int label, final int name)
    {
        this.framework = framework;
        this.label = label;
        this.name = name;
    }

    boolean is(final int taskFramework, final int taskLabel, final int attributeName)
    {
        return framework == taskFramework && label == taskLabel && name == attributeName;
    }

    /** @return the running tasks counted on agents holding this value id. */
    int count(final int value)
    {
        return value < countByValue.length ? countByValue[value] : 0;
    }

    /** Adds delta to a value's count; a negative value id (the agent lacks the attribute) counts nowhere. */
    void add(final int value, final int delta)
    {
        if (value < 0)
        {
            return;
        }
        if (value >= countByValue.length)
        {
            countByValue = Arrays.copyOf(countByValue, Math.max(value + 1, countByValue.length * 2));
        }
        countByValue[value] += delta;
    }
}
