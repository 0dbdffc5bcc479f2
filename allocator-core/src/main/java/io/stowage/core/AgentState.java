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
    REMOVED;

    /** @return the state a registered agent's flags report, by the precedence above. */
    static AgentState ofFlags(final int flags)
    {
        if ((flags & AgentTableDescriptor.FLAG_UNREACHABLE) != 0)
        {
            return UNREACHABLE;
        }
        if ((flags & AgentTableDescriptor.FLAG_DRAINING) != 0)
        {
            return DRAINING;
        }
        if ((flags & AgentTableDescriptor.FLAG_OVERCOMMITTED) != 0)
        {
            return OVERCOMMITTED;
        }
        return (flags & AgentTableDescriptor.FLAG_PRESSURED) != 0 ? PRESSURED : ACTIVE;
    }
}
