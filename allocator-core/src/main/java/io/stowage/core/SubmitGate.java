package io.stowage.core;

/**
 * The protections a task passes before it may wait in its framework's queue: validity, framework known, revocable
 * allowed, rate limit, admission control and the pending limit, in that order. A refused task changes nothing but
 * the counters; an accepted one is in the ledger as pending until a round places it.
 */
final class SubmitGate
{
    private final KernelConfig config;
    private final FrameworkBook frameworks;
    private final TaskLedger ledger;
    private final ClusterTotals totals;
    private final Oversubscription oversubscription;
    private final RequestChecks checks;
    private final KernelCounters counters;
    private final KernelClock clock;
    /** The configured default request, or null if a task must name its resources. */
    private final long[] defaultRequest;

    SubmitGate(
        final KernelConfig config,
        final FrameworkBook frameworks,
        final TaskLedger ledger,
        final ClusterTotals totals,
        final Oversubscription oversubscription,
        final RequestChecks checks,
        final KernelCounters counters,
        final KernelClock clock)
    {
        this.config = config;
        this.frameworks = frameworks;
        this.ledger = ledger;
        this.totals = totals;
        this.oversubscription = oversubscription;
        this.checks = checks;
        this.counters = counters;
        this.clock = clock;
        this.defaultRequest = config.defaultResources();
    }

    /** See {@link AllocatorKernel#submit(TaskRequest, long, Decision)}. */
    Decision submit(final TaskRequest request, final long timeNanos, final Decision decision)
    {
        final int framework = request.framework;
        final long[] resources = request.hasResources ? request.resources : defaultRequest;
        if (resources == null || !checks.isValidTask(resources, request.constraints, request.label) ||
            !RequestChecks.isValidKey(request.key))
        {
            return counters.reject(decision, framework, Reason.INVALID_REQUEST);
        }
        if (!frameworks.isKnown(framework))
        {
            return counters.reject(decision, -1, Reason.UNKNOWN_FRAMEWORK);
        }
        if (request.revocable && !oversubscription.isEnabled())
        {
            return counters.reject(decision, framework, Reason.REVOCABLE_DISABLED);
        }
        if (request.key != TaskRequest.NO_KEY && ledger.isKeyTaken(request.key))
        {
            return counters.reject(decision, framework, Reason.DUPLICATE_KEY);
        }
        clock.advance(timeNanos);
        final TokenBucket bucket = frameworks.rateLimit(framework);
        if (bucket != null && !bucket.tryTake(clock.now()))
        {
            return counters.reject(decision, framework, Reason.RATE_LIMITED);
        }
        if (request.priority < config.admissionExemptPriority() && isAdmissionClosed())
        {
            return counters.reject(decision, framework, Reason.ADMISSION_CLOSED);
        }
        final PendingQueue queue = frameworks.queue(framework);
        if (queue.size() >= frameworks.maxPending(framework))
        {
            return counters.reject(decision, framework, Reason.PENDING_LIMIT);
        }
        if (ledger.isFull())
        {
            return counters.reject(decision, framework, Reason.TASK_LIMIT);
        }
        final long taskId = ledger.addPending(request.key, framework, request.priority, request.label,
            request.revocable, request.constraints, clock.now(), resources);
        queue.push((int)taskId, request.priority);
        return decision.queued(taskId, request.key, resources);
    }

    /** @return true while the cluster is above the admission threshold. */
    boolean isAdmissionClosed()
    {
        return totals.isAbove(config.admissionMaxUtilizationMillis());
    }
}
