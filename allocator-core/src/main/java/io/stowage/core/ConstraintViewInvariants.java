package io.stowage.core;

import java.util.List;

import static io.stowage.core.InvariantChecker.report;

/**
 * The invariants of the constraint views and spread tallies, derived from scratch: every view's leaf is the index's
 * leaf for an agent its constraint allows (attributes, spread value, maxPerAgent counted from the ledger) and
 * excluded for any other, its inner nodes summarise its leaves, and every tally equals a count of the ledger.
 */
final class ConstraintViewInvariants
{
    private ConstraintViewInvariants()
    {
    }

    static void check(final AllocatorKernel kernel, final List<String> violations)
    {
        final ConstraintViews views = kernel.constraintViews();
        for (int i = 0; i < views.count(); i++)
        {
            checkView(kernel, views.get(i), views.sourceOf(views.get(i)), violations);
        }
        for (int i = 0; i < views.tallyCount(); i++)
        {
            checkTally(kernel, views.tally(i), violations);
        }
    }

    private static void checkView(
        final AllocatorKernel kernel, final ConstraintView view, final FreeCapacityTree source,
        final List<String> violations)
    {
        final AgentTable agents = kernel.agentTable();
        final TaskLedger ledger = kernel.ledger();
        final PlacementIndex index = kernel.placementIndex();
        final ConstraintBook constraints = kernel.constraintBook();
        final ConstraintBook.Compiled set = constraints.get(view.constraintSet);
        final int dims = kernel.schema().dimensions();
        final byte[] holdsBySet = new byte[kernel.attributeSetCount()]; // 0 not yet known, 1 holds, 2 fails
        for (int slot = 0; slot < agents.maxAgents(); slot++)
        {
            final int attributeSet = agents.attributeSet(slot);
            if (holdsBySet[attributeSet] == 0)
            {
                holdsBySet[attributeSet] = (byte)(constraints.attributesHold(set, attributeSet) &&
                    (view.spreadValue < 0 || kernel.attributeInterner().valueOf(attributeSet, set.spreadName) ==
                    view.spreadValue) ? 1 : 2);
            }
            boolean allowed = holdsBySet[attributeSet] == 1;
            if (view.maxPerAgent > 0)
            {
                int count = 0;
                for (int t = ledger.firstOnAgent(slot); t != TaskLedger.NONE; t = ledger.nextOnAgent(t))
                {
                    if (ledger.framework(t) == view.framework && ledger.label(t) == view.label)
                    {
                        count++;
                    }
                }
                if (count != view.tasksOnAgent(slot))
                {
                    report(violations, name(kernel, view) + " counts " + view.tasksOnAgent(slot) +
                        " tasks on slot " + slot +
                        ", the ledger " + count);
                }
                allowed &= count < view.maxPerAgent;
            }
            final int position = index.positionOf(slot);
            for (int d = 0; d < dims; d++)
            {
                final long expected = allowed ? source.leaf(position, d) : FreeCapacityTree.NEVER;
                if (view.tree.leaf(position, d) != expected)
                {
                    report(violations, name(kernel, view) + " holds " + view.tree.leaf(position, d) +
                        " for slot " + slot +
                        " dimension " + d + ", expected " + expected);
                    break;
                }
            }
        }
        final String inconsistency = view.tree.checkConsistency();
        if (inconsistency != null)
        {
            report(violations, name(kernel, view) + ": " + inconsistency);
        }
    }

    private static String name(final AllocatorKernel kernel, final ConstraintView view)
    {
        return "constraint view " + kernel.constraintBook().get(view.constraintSet).source +
            (view.spreadValue >= 0 ? " value " + kernel.attributeInterner().value(view.spreadValue) : "") +
            (view.revocable ? " (revocable)" : "");
    }

    private static void checkTally(final AllocatorKernel kernel, final SpreadTally tally, final List<String> violations)
    {
        final TaskLedger ledger = kernel.ledger();
        final AttributeInterner attributes = kernel.attributeInterner();
        final int[] counts = new int[Math.max(1, attributes.valueCount())];
        for (int t = ledger.firstOfFramework(tally.framework); t != TaskLedger.NONE; t = ledger.nextOfFramework(t))
        {
            final int value = attributes.valueOf(kernel.agentTable().attributeSet(ledger.agent(t)), tally.name);
            if (ledger.label(t) == tally.label && value >= 0)
            {
                counts[value]++;
            }
        }
        for (int value = 0; value < counts.length; value++)
        {
            if (counts[value] != tally.count(value))
            {
                report(violations, "spread tally of framework " + tally.framework + " counts " + tally.count(value) +
                    " tasks on value " + attributes.value(value) + ", the ledger " + counts[value]);
            }
        }
    }
}
