package io.stowage.engine;

/**
 * The kinds of input the engine takes. Every input is journaled before the kernel applies it, so this list is also
 * the journal's record types (all but {@link #QUERY}, which is not an input); the ordinal is never used on the wire
 * (codecs assign explicit codes).
 */
public enum EventType
{
    /** A framework submits a task ({@code AllocatorKernel.submit}). */
    SUBMIT,
    /** A framework or agent reports a task finished ({@code finish}, or {@code finishByKey} when the id is -1). */
    FINISH,
    /** An agent registers ({@code registerAgent}). */
    REGISTER_AGENT,
    /** An agent heartbeats with optional usage and pressure ({@code heartbeat}). */
    HEARTBEAT,
    /** An agent's capacity changes ({@code updateCapacity}). */
    UPDATE_CAPACITY,
    /** An operator drains an agent. */
    DRAIN,
    /** An operator ends a drain. */
    UNDRAIN,
    /** An agent leaves; its tasks are lost. */
    REMOVE_AGENT,
    /** An agent's guard refused to launch a task: the kernel releases the task's resources and reports it. */
    LAUNCH_REFUSED,
    /** A role's weight, guarantee or limit is set ({@code setRole}). */
    SET_ROLE,
    /** A framework registers with its role and limits ({@code registerFramework}). */
    REGISTER_FRAMEWORK,
    /** Time passes: heartbeat timeouts apply and an allocation round runs. */
    TICK,
    /** A task label is interned ({@code internLabel}); the answer carries its id. */
    INTERN_LABEL,
    /** A constraint set is checked and interned ({@code internConstraints}); the answer carries its id. */
    INTERN_CONSTRAINTS,
    /** A pending task is withdrawn ({@code cancel} by task id, or {@code cancelByKey} when the id is -1). */
    CANCEL,
    /** A framework's role, rate and pending limit change ({@code updateFramework}). */
    UPDATE_FRAMEWORK,
    /** A framework is suppressed: kept, but placed nothing ({@code suppress}). */
    SUPPRESS_FRAMEWORK,
    /** A suppression ends ({@code revive}). */
    REVIVE_FRAMEWORK,
    /** A framework is removed: its pending tasks cancelled, its running tasks ended ({@code removeFramework}). */
    REMOVE_FRAMEWORK,
    /**
     * Not an input: a question about the kernel's state ({@link AllocatorEngine#query}), answered on the kernel thread
     * between inputs. Never journaled, never applied, never given a decision number, never followed by a round.
     */
    QUERY,
    /** An agent's attributes are replaced ({@code updateAttributes}). */
    UPDATE_ATTRIBUTES
}
