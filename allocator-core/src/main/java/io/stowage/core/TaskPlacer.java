package io.stowage.core;

/**
 * Finds agents for tasks through the {@link PlacementSearch}: {@link #place} decides one task at once (no queue, no
 * fairness ordering), and {@link #findAgentFor} answers the allocation round for a pending task.
 */
final class TaskPlacer
{
    private final PlacementSearch search;
    private final AgentTable agents;
    private final TaskLedger ledger;
    private final FrameworkBook frameworks;
    private final RoleBook roles;
    private final AgentEligibility eligibility;
    private final Oversubscription oversubscription;
    private final TaskAccounting accounting;
    private final RequestChecks checks;
    private final KernelCounters counters;
    private final KernelClock clock;
    private final long[] scratchRequest;

    TaskPlacer(
        final PlacementSearch search,
        final AgentTable agents,
        final TaskLedger ledger,
        final FrameworkBook frameworks,
        final RoleBook roles,
        final AgentEligibility eligibility,
        final Oversubscription oversubscription,
        final TaskAccounting accounting,
        final RequestChecks checks,
        final KernelCounters counters,
        final KernelClock clock,
        final int dimensions)
    {
        this.search = search;
        this.agents = agents;
        this.ledger = ledger;
        this.frameworks = frameworks;
        this.roles = roles;
        this.eligibility = eligibility;
        this.oversubscription = oversubscription;
        this.accounting = accounting;
        this.checks = checks;
        this.counters = counters;
        this.clock = clock;
        this.scratchRequest = new long[dimensions];
    }

    /** See {@link AllocatorKernel#place(TaskRequest, long, Decision)}. */
    Decision place(final TaskRequest request, final long timeNanos, final Decision decision)
    {
        final long[] resources = request.resources;
        if (!checks.isValidTask(resources, request.constraints, request.label) ||
            !RequestChecks.isValidKey(request.key))
        {
            return counters.reject(decision, request.framework, Reason.INVALID_REQUEST);
        }
        final int framework = request.framework;
        if (!frameworks.isKnown(framework))
        {
            return counters.reject(decision, -1, Reason.UNKNOWN_FRAMEWORK);
        }
        final boolean revocable = request.revocable;
        if (revocable && !oversubscription.isEnabled())
        {
            return counters.reject(decision, framework, Reason.REVOCABLE_DISABLED);
        }
        if (request.key != TaskRequest.NO_KEY && ledger.isKeyTaken(request.key))
        {
            return counters.reject(decision, framework, Reason.DUPLICATE_KEY);
        }
        if (ledger.isFull())
        {
            return counters.reject(decision, framework, Reason.TASK_LIMIT);
        }
        if (!revocable && roles.wouldExceedLimit(frameworks.role(framework), resources))
        {
            counters.countRefusal(framework, Reason.ROLE_LIMIT);
            return decision.notPlaceable(Reason.ROLE_LIMIT);
        }
        clock.advance(timeNanos);
        final int slot = search.find(resources, revocable, request.constraints, framework, request.label);
        if (slot < 0)
        {
            final Reason reason = eligibility.eligibleAgents() == 0 ?
                Reason.NO_ELIGIBLE_AGENT : Reason.INSUFFICIENT_CAPACITY;
            counters.countRefusal(framework, reason);
            return decision.notPlaceable(reason);
        }
        final long taskId = ledger.addPending(request.key, framework, request.priority, request.label, revocable,
            request.constraints, clock.now(), resources);
        accounting.start((int)taskId, slot);
        return decision.placed(taskId, request.key, resources, slot, agents.epoch(slot));
    }

    /**
     * @param task a pending task's ledger slot.
     * @return the agent the placement search chooses for it, or -1 if none can take it now.
     */
    int findAgentFor(final int task)
    {
        for (int d = 0; d < scratchRequest.length; d++)
        {
            scratchRequest[d] = ledger.resource(task, d);
        }
        return search.find(scratchRequest, ledger.isRevocable(task), ledger.constraintSet(task),
            ledger.framework(task), ledger.label(task));
    }
}
