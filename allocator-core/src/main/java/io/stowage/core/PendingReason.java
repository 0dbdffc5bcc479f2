package io.stowage.core;

/**
 * Why a pending task is still pending, as {@link KernelView#pendingDiagnosis(long, PendingDiagnosis)} finds it:
 * the first obstacle an allocation round would meet, evaluated against the kernel's state at the time of the query.
 * The constants are in that order, after the two answers for a task that is not pending at all.
 * <p>
 * There is no rate-limit, admission or pending-limit reason: those protections ({@link Reason#RATE_LIMITED},
 * {@link Reason#ADMISSION_CLOSED}, {@link Reason#PENDING_LIMIT}) are applied once, when a task is submitted, and
 * refuse it there; a task they let through is queued and no such gate holds it afterwards.
 */
public enum PendingReason
{
    /** No pending or running task has this id: never submitted, or already finished, lost or ended. */
    UNKNOWN_TASK,
    /** The task is not pending: it runs. */
    NOT_PENDING,
    /** Its framework is suppressed: rounds skip the framework until it is revived. */
    SUPPRESSED,
    /**
     * It is not the next task its framework's queue serves: the round serves only the head of a framework's queue
     * ({@link PendingDiagnosis#blockingTaskId()}, whose own diagnosis says why that one waits).
     */
    QUEUED_BEHIND,
    /** Placing it would take its role beyond the role's limit ({@link PendingDiagnosis#dimension()}). */
    ROLE_LIMIT,
    /**
     * No agent is eligible for placement: none registered, or every one draining, pressured, overcommitted or
     * unreachable.
     */
    NO_ELIGIBLE_AGENT,
    /** Eligible agents exist, but none satisfies the task's constraints (attributes, maxPerAgent, spread). */
    CONSTRAINT,
    /**
     * Agents satisfying its constraints exist but none has enough free capacity, and preemption cannot make room;
     * {@link PendingDiagnosis#dimension()} is the dimension that is short on the most of those agents.
     */
    NO_FIT,
    /**
     * A revocable task: agents satisfying its constraints exist but none has enough revocable headroom
     * (min(ratio × capacity, slack) − revocable allocated); {@link PendingDiagnosis#dimension()} is the dimension
     * that is short on the most of those agents.
     */
    HEADROOM,
    /**
     * It would fit, but its role is at or above its guarantee and placing it would leave less free capacity than
     * other roles' unmet guarantees in {@link PendingDiagnosis#dimension()}: the round holds that room back.
     */
    GUARANTEE_HEADROOM,
    /**
     * Nothing blocks it now: it would fit (or preemption would make room, {@link PendingDiagnosis#preempts()}), so
     * the next round considers it (in fair order, so other placements of that round may still take the room first).
     */
    WAITING_FOR_ROUND
}
