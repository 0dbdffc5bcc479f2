package io.stowage.core;

/**
 * Registers frameworks and configures roles: checks the settings, creates the token bucket of a rate-limited
 * framework, and sizes the ledger's per-framework lists.
 */
final class FrameworkRegistry
{
    private final FrameworkBook frameworks;
    private final RoleBook roles;
    private final TaskLedger ledger;
    private final RequestChecks checks;
    private final KernelCounters counters;
    private final KernelClock clock;

    FrameworkRegistry(
        final FrameworkBook frameworks,
        final RoleBook roles,
        final TaskLedger ledger,
        final RequestChecks checks,
        final KernelCounters counters,
        final KernelClock clock)
    {
        this.frameworks = frameworks;
        this.roles = roles;
        this.ledger = ledger;
        this.checks = checks;
        this.counters = counters;
        this.clock = clock;
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
}
