package io.stowage.sim.report;

import java.util.function.Function;

/**
 * The figures that show what the protections do, compared side by side in the {@code --compare} mode (the
 * {@code comparison} object of {@code report.json}).
 */
enum Headline
{
    OVERLOAD_EVENTS("overloadEvents", run -> run.overloadEvents),
    OVERLOADED_AGENTS("overloadedAgents", run -> run.overloadedAgents),
    ISOLATION_KILLS("isolationKills", run -> run.isolationKills),
    LOST("lost", run -> run.lost),
    TASKS_STARVED("tasksStarved", run -> run.tasksStarved),
    PREEMPTED("preempted", run -> run.preempted),
    REVOKED("revoked", run -> run.revoked),
    REJECTED_TOTAL("rejectedTotal", RunReport::rejectedTotal),
    LATENCY_P99_MICROS("latencyP99Micros", run -> run.latencyMicros == null ? Double.NaN : run.latencyMicros.p99),
    NON_FLOODER_LATENCY_P99_MICROS("nonFlooderLatencyP99Micros", RunReport::nonFlooderLatencyP99Micros),
    ALLOCATION_OVER_CAPACITY("allocationOverCapacity", run -> run.allocationOverCapacity),
    INVARIANT_VIOLATIONS("invariantViolations", run -> run.invariantViolations);

    private final String key;
    private final Function<RunReport, Number> figure;

    Headline(final String key, final Function<RunReport, Number> figure)
    {
        this.key = key;
        this.figure = figure;
    }

    /** @return the key in the {@code comparison} object. */
    String key()
    {
        return key;
    }

    /**
     * @param run a run.
     * @return its figure: a {@link Long} for counts, a {@link Double} (possibly NaN) for latencies.
     */
    Number of(final RunReport run)
    {
        return figure.apply(run);
    }
}
