package io.stowage.sim.cluster;

/**
 * One simulated framework: its kind, role weight, the rate limit and pending limit it gets when the protections are
 * on, and the shape of its tasks. Task durations are drawn per task by the agent that runs it (seeded by the task id),
 * between {@link #minSeconds} and {@link #maxSeconds}.
 */
record FrameworkSpec(
    String name,
    FrameworkKind kind,
    double weight,
    int priority,
    boolean revocable,
    long cpusMilli,
    long memMiBMilli,
    long gpusMilli,
    int minSeconds,
    int maxSeconds,
    long ratePerSecondMilli,
    long burst,
    int maxPending)
{
}
