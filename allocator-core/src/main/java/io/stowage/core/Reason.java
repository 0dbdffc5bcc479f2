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
    /** The framework has used up its submission rate (token bucket). */
    RATE_LIMITED,
    /** The framework would have more pending tasks than its limit. */
    PENDING_LIMIT,
    /** The cluster is above its admission threshold and the task's priority is below the exempt priority. */
    ADMISSION_CLOSED,
    /** Placing the task would take its role beyond the role's limit. */
    ROLE_LIMIT,
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
    /** No task has this id or key (a finish names a running task, a cancel a pending one). */
    UNKNOWN_TASK,
    /** Too many attributes on one agent, or a blank attribute name. */
    INVALID_ATTRIBUTES,
    /** A role setting is malformed: weight not above 0, a vector of the wrong length or a negative quantity. */
    INVALID_ROLE,
    /** The task key is already held by a live (pending or running) task. */
    DUPLICATE_KEY,
    /** The task is already running, so it cannot be cancelled: finish it (and kill it on its agent) instead. */
    TASK_RUNNING
}
