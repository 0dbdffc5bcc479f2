package io.stowage.core;

/** Why the kernel ended a running task on its own. */
public enum TaskEndCause
{
    /** Its agent was removed or lost while it ran. */
    LOST,
    /** A higher-priority task needed its resources. */
    PREEMPTED,
    /** It ran on revocable resources of an agent that came under pressure. */
    REVOKED,
    /**
     * The agent's guard refused to launch it (it would have exceeded what the agent can hold, or its epoch was
     * stale).
     */
    LAUNCH_REFUSED
}
