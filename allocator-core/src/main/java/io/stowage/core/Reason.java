package io.stowage.core;

/** Why the kernel answered as it did. Every refusal names one of these; {@link #OK} means it was done. */
public enum Reason
{
    /** Done. */
    OK,
    /** Malformed request: wrong vector length, a negative quantity, an all-zero request, an unknown id. */
    INVALID_REQUEST,
    /** The framework is not registered with the kernel. */
    UNKNOWN_FRAMEWORK,
    /** A revocable task was asked for while oversubscription is disabled. */
    REVOCABLE_DISABLED,
    /** No agent is eligible for placement (none registered, or all draining, pressured, overcommitted). */
    NO_ELIGIBLE_AGENT,
    /** Eligible agents exist but none has room for the request in every dimension now. */
    INSUFFICIENT_CAPACITY,
    /** The task ledger is at its configured capacity. */
    TASK_LIMIT,
    /** The agent table is at its configured capacity. */
    AGENT_LIMIT,
    /** An agent with this id is already registered. */
    AGENT_EXISTS,
    /** No agent with this id or slot is registered. */
    UNKNOWN_AGENT,
    /** The update carries an epoch of an earlier registration of the agent's slot. */
    STALE_EPOCH,
    /** The update's sequence number is not newer than the last one applied: stale, duplicate or reordered. */
    STALE_UPDATE,
    /** No running task has this id. */
    UNKNOWN_TASK,
    /** Too many attributes on one agent, or a blank attribute name. */
    INVALID_ATTRIBUTES
}
