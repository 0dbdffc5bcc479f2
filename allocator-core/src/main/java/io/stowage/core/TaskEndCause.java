package io.stowage.core;

/** Why a running task ended. */
public enum TaskEndCause
{
    /** The framework reported it finished. */
    FINISHED,
    /** Its agent was removed or lost while it ran. */
    LOST
}
