package io.stowage.core;

/**
 * The room an allocation round holds back for roles below their guarantees: a task of a role at or above its own
 * guarantee may not take free capacity that other roles' unmet guarantees need. One rule for the round
 * ({@link AllocationRound}) and for the question why a task waits ({@link PendingDiagnoser}).
 */
final class GuaranteeHeadroom
{
    private final ClusterTotals totals;
    private final RoleBook roles;
    private final FrameworkBook frameworks;
    private final TaskLedger ledger;
    private final int dimensions;

    GuaranteeHeadroom(
        final ClusterTotals totals,
        final RoleBook roles,
        final FrameworkBook frameworks,
        final TaskLedger ledger,
        final int dimensions)
    {
        this.totals = totals;
        this.roles = roles;
        this.frameworks = frameworks;
        this.ledger = ledger;
        this.dimensions = dimensions;
    }

    /**
     * @param role    the role of the task to place.
     * @param request the task's resources.
     * @param victims the victims chosen to make room (what they free counts as free), or null.
     * @return the first dimension in which placing the request would leave less free capacity than the other roles'
     * unmet guarantees, or -1 if the role is below its own guarantee or nothing is held back.
     */
    int heldBackIn(final int role, final long[] request, final Preemption victims)
    {
        if (!roles.anyUnmetGuarantee() || roles.isBelowGuarantee(role))
        {
            return -1;
        }
        for (int d = 0; d < dimensions; d++)
        {
            final long othersUnmet = roles.unmetTotal(d) - roles.unmet(role, d);
            final long freed = victims == null ? 0 : victims.freed(d);
            if (othersUnmet > 0 && totals.free(d) + freed - request[d] < othersUnmet)
            {
                return d;
            }
        }
        return -1;
    }

    /**
     * {@link #heldBackIn} as it would stand once the chosen victims are gone: their roles' allocations drop (which can
     * raise those roles' unmet guarantees, or put the task's own role below its guarantee) and their resources are
     * free. The victims' allocations are taken out of the role book for the check and put back after it.
     */
    int heldBackAfterPreempting(final int role, final long[] request, final Preemption victims)
    {
        shiftVictims(victims, -1);
        try
        {
            return heldBackIn(role, request, victims);
        }
        finally
        {
            shiftVictims(victims, 1);
        }
    }

    private void shiftVictims(final Preemption victims, final int sign)
    {
        for (int i = 0; i < victims.chosenCount(); i++)
        {
            final int victim = victims.chosenVictim(i);
            if (ledger.isRevocable(victim))
            {
                continue;
            }
            final int victimRole = frameworks.role(ledger.framework(victim));
            for (int d = 0; d < dimensions; d++)
            {
                roles.shift(victimRole, d, sign * ledger.resource(victim, d));
            }
        }
    }
}
