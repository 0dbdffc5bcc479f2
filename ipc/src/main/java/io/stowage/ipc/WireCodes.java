package io.stowage.ipc;

import io.stowage.core.Reason;
import io.stowage.core.TaskEndCause;
import io.stowage.engine.EventType;

/**
 * The explicit codes that stand for {@link Reason}, {@link TaskEndCause} and {@link EventType} values in frames and
 * journal records. Ordinals never reach the wire, so reordering or extending an enum cannot change what old bytes
 * mean; a code that is not listed here decodes as unknown and the frame is rejected. Codes are never reused.
 */
public final class WireCodes
{
    /** Returned by the decoders for a code that has no value. */
    public static final int UNKNOWN = -1;

    private static final Reason[] REASONS = {
        null,
        Reason.OK,
        Reason.INVALID_REQUEST,
        Reason.UNKNOWN_FRAMEWORK,
        Reason.REVOCABLE_DISABLED,
        Reason.RATE_LIMITED,
        Reason.PENDING_LIMIT,
        Reason.ADMISSION_CLOSED,
        Reason.ROLE_LIMIT,
        Reason.NO_ELIGIBLE_AGENT,
        Reason.INSUFFICIENT_CAPACITY,
        Reason.TASK_LIMIT,
        Reason.AGENT_LIMIT,
        Reason.AGENT_EXISTS,
        Reason.UNKNOWN_AGENT,
        Reason.STALE_EPOCH,
        Reason.STALE_UPDATE,
        Reason.UNKNOWN_TASK,
        Reason.INVALID_ATTRIBUTES,
        Reason.INVALID_ROLE,
        Reason.DUPLICATE_KEY,
        Reason.TASK_RUNNING};

    private static final TaskEndCause[] CAUSES = {
        null,
        TaskEndCause.LOST,
        TaskEndCause.PREEMPTED,
        TaskEndCause.REVOKED,
        TaskEndCause.LAUNCH_REFUSED,
        TaskEndCause.CANCELLED,
        TaskEndCause.FRAMEWORK_REMOVED};

    private static final EventType[] EVENTS = {
        null,
        EventType.SUBMIT,
        EventType.FINISH,
        EventType.REGISTER_AGENT,
        EventType.HEARTBEAT,
        EventType.UPDATE_CAPACITY,
        EventType.DRAIN,
        EventType.UNDRAIN,
        EventType.REMOVE_AGENT,
        EventType.LAUNCH_REFUSED,
        EventType.SET_ROLE,
        EventType.REGISTER_FRAMEWORK,
        EventType.TICK,
        EventType.INTERN_LABEL,
        EventType.INTERN_CONSTRAINTS,
        EventType.CANCEL,
        EventType.UPDATE_FRAMEWORK,
        EventType.SUPPRESS_FRAMEWORK,
        EventType.REVIVE_FRAMEWORK,
        EventType.REMOVE_FRAMEWORK,
        EventType.UPDATE_ATTRIBUTES};

    private static final int[] REASON_CODES = invert(REASONS, Reason.values().length);
    private static final int[] CAUSE_CODES = invert(CAUSES, TaskEndCause.values().length);
    /** A query is answered by the running engine and never journaled or framed: it has no code. */
    private static final int[] EVENT_CODES = invert(EVENTS, EventType.values().length, EventType.QUERY);

    private WireCodes()
    {
    }

    private static int[] invert(final Enum<?>[] table, final int count, final Enum<?>... neverWritten)
    {
        final int[] codes = new int[count];
        java.util.Arrays.fill(codes, UNKNOWN);
        for (int code = 1; code < table.length; code++)
        {
            codes[table[code].ordinal()] = code;
        }
        for (int ordinal = 0; ordinal < count; ordinal++)
        {
            if (codes[ordinal] == UNKNOWN && !isListed(ordinal, neverWritten))
            {
                throw new IllegalStateException("no wire code for ordinal " + ordinal + " of " + table[1].getClass());
            }
        }
        return codes;
    }

    private static boolean isListed(final int ordinal, final Enum<?>[] values)
    {
        for (final Enum<?> value : values)
        {
            if (value.ordinal() == ordinal)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param reason a reason.
     * @return its wire code.
     */
    public static int code(final Reason reason)
    {
        return REASON_CODES[reason.ordinal()];
    }

    /**
     * @param cause a cause.
     * @return its wire code.
     */
    public static int code(final TaskEndCause cause)
    {
        return CAUSE_CODES[cause.ordinal()];
    }

    /**
     * @param type an event type.
     * @return its wire code; {@link #UNKNOWN} for {@link EventType#QUERY}, which is never written.
     */
    public static int code(final EventType type)
    {
        return EVENT_CODES[type.ordinal()];
    }

    /**
     * @param code a wire code.
     * @return the reason, or null if the code is unknown.
     */
    public static Reason reason(final int code)
    {
        return code > 0 && code < REASONS.length ? REASONS[code] : null;
    }

    /**
     * @param code a wire code.
     * @return the cause, or null if the code is unknown.
     */
    public static TaskEndCause cause(final int code)
    {
        return code > 0 && code < CAUSES.length ? CAUSES[code] : null;
    }

    /**
     * @param code a wire code.
     * @return the event type, or null if the code is unknown.
     */
    public static EventType eventType(final int code)
    {
        return code > 0 && code < EVENTS.length ? EVENTS[code] : null;
    }
}
