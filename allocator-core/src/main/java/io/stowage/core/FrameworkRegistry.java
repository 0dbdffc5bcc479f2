package io.stowage.core;

/**
 * The framework lifecycle and role settings: registers frameworks (checks the settings, creates the token bucket of
 * a rate-limited framework, sizes the ledger's per-framework lists), changes their settings at runtime, suppresses and
 * revives them, and removes them; configures roles.
 */
final class FrameworkRegistry
{
    private final FrameworkBook frameworks;
    private final RoleBook roles;
    private final TaskLedger ledger;
    private final RequestChecks checks;
    private final KernelCounters counters;
    private final KernelClock clock;
    private final TaskAccounting accounting;
    private final IndexUpkeep upkeep;

    FrameworkRegistry(
        final FrameworkBook frameworks,
        final RoleBook roles,
        final TaskLedger ledger,
        final RequestChecks checks,
        final KernelCounters counters,
        final KernelClock clock,
        final TaskAccounting accounting,
        final IndexUpkeep upkeep)
    {
        this.frameworks = frameworks;
        this.roles = roles;
        this.ledger = ledger;
        this.checks = checks;
        this.counters = counters;
        this.clock = clock;
        this.accounting = accounting;
        this.upkeep = upkeep;
    }

    /** See {@link AllocatorKernel#setRole(String, double, long[], long[])}. */
    Reason setRole(final String name, final double weight, final long[] guarantee, final long[] limit)
    {
        if (name == null || name.isBlank() || !(weight > 0) || Double.isInfinite(weight) ||
            (guarantee != null && !checks.isValidVector(guarantee, true)) ||
            (limit != null && !checks.isValidVector(limit, true)))
        {
            return counters.refuse(Reason.INVALID_ROLE);
        }
        roles.configure(roles.idOf(name), weight, guarantee, limit);
        return Reason.OK;
    }

    /** See {@link AllocatorKernel#registerFramework(String, String, long, long, int)}. */
    int register(
        final String name, final String role, final long ratePerSecondMillis, final long burst, final int maxPending)
    {
        if (name == null || name.isBlank())
        {
            throw new IllegalArgumentException("framework name is blank");
        }
        if (role == null || role.isBlank())
        {
            throw new IllegalArgumentException("framework " + name + " has a blank role");
        }
        if (ratePerSecondMillis >= 0 && (burst < 0 || burst > 1_000_000))
        {
            throw new IllegalArgumentException("framework " + name + ": burst must be 0 to 1000000, got " + burst);
        }
        if (ratePerSecondMillis < -1 || maxPending < -1)
        {
            throw new IllegalArgumentException("framework " + name + ": rate and maxPending must be -1 or above");
        }
        final TokenBucket bucket = ratePerSecondMillis < 0 ? null :
            new TokenBucket(ratePerSecondMillis, burst, clock.hasStarted() ? clock.now() : 0);
        final int id = frameworks.register(name, roles.idOf(role), bucket,
            maxPending < 0 ? FrameworkBook.NO_PENDING_LIMIT : maxPending);
        ledger.ensureFrameworks(frameworks.count());
        return id;
    }

    /** See {@link AllocatorKernel#updateFramework(int, String, long, long, int)}. */
    Reason update(
        final int framework, final String role, final long ratePerSecondMillis, final long burst, final int maxPending)
    {
        if (!frameworks.isKnown(framework))
        {
            return counters.refuse(Reason.UNKNOWN_FRAMEWORK);
        }
        if (role == null || role.isBlank() || ratePerSecondMillis < -1 || maxPending < -1 ||
            (ratePerSecondMillis >= 0 && (burst < 0 || burst > 1_000_000)))
        {
            return counters.refuse(Reason.INVALID_REQUEST);
        }
        final int oldRole = frameworks.role(framework);
        final int newRole = roles.idOf(role);
        if (newRole != oldRole)
        {
            // The running allocation moves with the framework, so both roles' shares and limits stay exact.
            for (int d = 0; d < roles.dimensions(); d++)
            {
                final long amount = frameworks.allocated(framework, d);
                roles.add(oldRole, d, -amount);
                roles.add(newRole, d, amount);
            }
        }
        final TokenBucket old = frameworks.rateLimit(framework);
        final long now = clock.hasStarted() ? clock.now() : 0;
        final TokenBucket bucket = ratePerSecondMillis < 0 ? null : old == null ?
            new TokenBucket(ratePerSecondMillis, burst, now) : old.resized(ratePerSecondMillis, burst, now);
        frameworks.update(framework, newRole, bucket, maxPending < 0 ? FrameworkBook.NO_PENDING_LIMIT : maxPending);
        return Reason.OK;
    }

    /** See {@link AllocatorKernel#suppress(int)} and {@link AllocatorKernel#revive(int)}. */
    Reason suppress(final int framework, final boolean on)
    {
        if (!frameworks.isKnown(framework))
        {
            return counters.refuse(Reason.UNKNOWN_FRAMEWORK);
        }
        frameworks.suppressed(framework, on);
        return Reason.OK;
    }

    /** See {@link AllocatorKernel#removeFramework(int)}. */
    Reason remove(final int framework)
    {
        if (!frameworks.isKnown(framework))
        {
            return counters.refuse(Reason.UNKNOWN_FRAMEWORK);
        }
        final PendingQueue queue = frameworks.queue(framework);
        while (!queue.isEmpty())
        {
            accounting.cancelPending(queue.peek());
        }
        for (int task = ledger.firstOfFramework(framework); task != TaskLedger.NONE;
            task = ledger.firstOfFramework(framework))
        {
            final int agent = ledger.agent(task);
            accounting.end(task, TaskEndCause.FRAMEWORK_REMOVED);
            upkeep.refreshAgent(agent);
        }
        frameworks.remove(framework);
        return Reason.OK;
    }
}
