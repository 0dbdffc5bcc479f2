package io.stowage.core;

/**
 * The state of an agent as reported to users. Where several conditions hold, the first of {@code REMOVED},
 * {@code UNREACHABLE}, {@code DRAINING}, {@code OVERCOMMITTED}, {@code PRESSURED} is reported. Only {@code ACTIVE}
 * agents receive placements.
 */
public enum AgentState
{
    /** Registered, heartbeating, not draining, not under pressure and not overcommitted. */
    ACTIVE,
    /** Takes no new placements; running tasks keep running. */
    DRAINING,
    /** Reported usage over the pressure threshold, or an explicit pressure flag: no placements. */
    PRESSURED,
    /** Capacity shrank below what already runs: no placements until allocations fit again. */
    OVERCOMMITTED,
    /** No heartbeat within the timeout: no placements. */
    UNREACHABLE,
    /** Not registered (left, or lost). */
    REMOVED
}
