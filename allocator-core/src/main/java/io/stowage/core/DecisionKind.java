package io.stowage.core;

/** The kind of answer the kernel gives to a placement request. */
public enum DecisionKind
{
    /** The task runs on the agent and epoch given in the decision. */
    PLACED,
    /** The request is valid but no eligible agent can hold it now; the reason says why. */
    NOT_PLACEABLE,
    /** The request is refused; the reason says why. Nothing changed. */
    REJECTED,
    /** The submitted task is accepted and waits for an allocation round. */
    QUEUED
}
