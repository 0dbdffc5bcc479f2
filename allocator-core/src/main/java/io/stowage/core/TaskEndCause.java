package io.stowage.core;

/** Why a task ended other than by finishing: ended by the kernel, refused by its agent, or withdrawn. */
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
    LAUNCH_REFUSED,
    /** A pending task was withdrawn before it was placed: cancelled by the caller or with its framework. */
    CANCELLED,
    /** Its framework was removed while it ran: its resources are released and its agent should kill it. */
    FRAMEWORK_REMOVED
}
