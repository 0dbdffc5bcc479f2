package io.stowage.core;

import java.util.Arrays;

/**
 * Says why a pending task is still pending ({@link KernelView#pendingDiagnosis(long, PendingDiagnosis)}): the first
 * obstacle an allocation round would meet for it, with the round's own rules — the role limit of {@link RoleBook},
 * the per-agent tests of {@link AgentFit} (eligibility, attribute constraints, maxPerAgent, free capacity or
 * revocable headroom), the victim rule of {@link Preemption} and the room {@link GuaranteeHeadroom} holds back.
 * <p>
 * A query, not a decision: it scans every agent slot (O(agents), O(agents × their tasks) when it asks whether
 * preemption could make room), never goes through the placement index or its constraint views (whose caches it
 * would disturb) and changes no state. Preemption's scan and the guarantee check after preempting write only their
 * scratch state (the chosen victims), which the round overwrites before it uses; the role book is shifted for that
 * check and restored, as the round does.
 */
final class PendingDiagnoser
{
    private final AgentTable agents;
    private final TaskLedger ledger;
    private final FrameworkBook frameworks;
    private final RoleBook roles;
    private final AgentEligibility eligibility;
    private final ConstraintBook constraints;
    private final AttributeInterner attributes;
    private final AgentFit fit;
    private final GuaranteeHeadroom headroom;
    private final Preemption preemption;
    private final long[] request;
    private final int[] shortOn;

    /**
     * @param preemption the preemption rule, or null if preemption is off.
     */
    PendingDiagnoser(
        final AgentTable agents,
        final TaskLedger ledger,
        final FrameworkBook frameworks,
        final RoleBook roles,
        final AgentEligibility eligibility,
        final ConstraintBook constraints,
        final AttributeInterner attributes,
        final AgentFit fit,
        final GuaranteeHeadroom headroom,
        final Preemption preemption,
        final int dimensions)
    {
        this.agents = agents;
        this.ledger = ledger;
        this.frameworks = frameworks;
        this.roles = roles;
        this.eligibility = eligibility;
        this.constraints = constraints;
        this.attributes = attributes;
        this.fit = fit;
        this.headroom = headroom;
        this.preemption = preemption;
        this.request = new long[dimensions];
        this.shortOn = new int[dimensions];
    }

    /** See {@link KernelView#pendingDiagnosis(long, PendingDiagnosis)}. */
    PendingDiagnosis diagnose(final long taskId, final PendingDiagnosis into)
    {
        final int task = ledger.liveSlotOf(taskId);
        if (task == TaskLedger.NONE)
        {
            return into.set(taskId, PendingReason.UNKNOWN_TASK);
        }
        if (!ledger.isPending(task))
        {
            return into.set(taskId, PendingReason.NOT_PENDING);
        }
        final int framework = ledger.framework(task);
        if (frameworks.isSuppressed(framework))
        {
            return into.set(taskId, PendingReason.SUPPRESSED);
        }
        final int head = frameworks.queue(framework).peek();
        if (head != task)
        {
            return into.set(taskId, PendingReason.QUEUED_BEHIND, -1, ledger.taskId(head), false);
        }
        for (int d = 0; d < request.length; d++)
        {
            request[d] = ledger.resource(task, d);
        }
        final boolean revocable = ledger.isRevocable(task);
        final int role = frameworks.role(framework);
        if (!revocable)
        {
            final int over = roles.limitExceededIn(role, request);
            if (over >= 0)
            {
                return into.set(taskId, PendingReason.ROLE_LIMIT, over, -1, false);
            }
        }
        if (eligibility.eligibleAgents() == 0)
        {
            return into.set(taskId, PendingReason.NO_ELIGIBLE_AGENT);
        }
        return diagnoseFit(taskId, task, revocable, role, into);
    }

    /** The head of a framework's queue, within its role's limit: does any agent take it, now or by preemption? */
    private PendingDiagnosis diagnoseFit(
        final long taskId, final int task, final boolean revocable, final int role, final PendingDiagnosis into)
    {
        final ConstraintBook.Compiled set = constraints.get(ledger.constraintSet(task));
        Arrays.fill(shortOn, 0);
        int allowed = 0;
        boolean fitsNow = false;
        for (int slot = 0, n = agents.maxAgents(); slot < n && !fitsNow; slot++)
        {
            if (!fit.isEligibleFor(slot, task) || !hasSpreadAttribute(set, slot))
            {
                continue;
            }
            allowed++;
            fitsNow = countShortDimensions(slot, revocable);
        }
        if (allowed == 0)
        {
            return into.set(taskId, PendingReason.CONSTRAINT);
        }
        if (fitsNow)
        {
            final int held = revocable ? -1 : headroom.heldBackIn(role, request, null);
            return held >= 0 ? into.set(taskId, PendingReason.GUARANTEE_HEADROOM, held, -1, false) :
                into.set(taskId, PendingReason.WAITING_FOR_ROUND);
        }
        if (preemption != null && preemption.chooseByScan(task) >= 0)
        {
            final int held = revocable ? -1 : headroom.heldBackAfterPreempting(role, request, preemption);
            return held >= 0 ? into.set(taskId, PendingReason.GUARANTEE_HEADROOM, held, -1, false) :
                into.set(taskId, PendingReason.WAITING_FOR_ROUND, -1, -1, true);
        }
        return into.set(taskId, revocable ? PendingReason.HEADROOM : PendingReason.NO_FIT, mostShort(), -1, false);
    }

    /** A spread constraint places only on agents that have the attribute it spreads over. */
    private boolean hasSpreadAttribute(final ConstraintBook.Compiled set, final int slot)
    {
        return set.spreadName < 0 || attributes.valueOf(agents.attributeSet(slot), set.spreadName) >= 0;
    }

    /** @return true if the task fits the agent now; else counts each dimension it is short of there. */
    private boolean countShortDimensions(final int slot, final boolean revocable)
    {
        boolean fits = true;
        for (int d = 0; d < request.length; d++)
        {
            if (request[d] > fit.room(slot, revocable, d))
            {
                shortOn[d]++;
                fits = false;
            }
        }
        return fits;
    }

    /** @return the dimension short on the most agents, the lowest index among ties. */
    private int mostShort()
    {
        int most = 0;
        for (int d = 1; d < shortOn.length; d++)
        {
            if (shortOn[d] > shortOn[most])
            {
                most = d;
            }
        }
        return most;
    }
}
