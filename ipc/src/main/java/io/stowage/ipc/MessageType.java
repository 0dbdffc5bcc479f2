package io.stowage.ipc;

/**
 * The messages of the agent protocol, each with the explicit code it carries on the wire (never the ordinal).
 * Agent to allocator: {@link #REGISTER}, {@link #HEARTBEAT}, {@link #TASK_FINISHED}, {@link #LAUNCH_REFUSED}.
 * Allocator to agent: {@link #LAUNCH}, {@link #KILL}.
 */
public enum MessageType
{
    /** An agent announces itself with its capacity and attributes; see {@link RegisterDescriptor}. */
    REGISTER(1, true),
    /** An agent reports liveness, measured usage and pressure; see {@link HeartbeatDescriptor}. */
    HEARTBEAT(2, true),
    /** A task ended on an agent; see {@link TaskFinishedDescriptor}. */
    TASK_FINISHED(3, true),
    /** An agent's guard refused to launch a task; see {@link LaunchRefusedDescriptor}. */
    LAUNCH_REFUSED(4, true),
    /** The allocator placed a task on an agent; see {@link LaunchDescriptor}. */
    LAUNCH(65, false),
    /** The allocator ended a running task; see {@link KillDescriptor}. */
    KILL(66, false);

    private static final MessageType[] BY_CODE = new MessageType[128];

    static
    {
        for (final MessageType type : values())
        {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;
    private final boolean fromAgent;

    MessageType(final int code, final boolean fromAgent)
    {
        this.code = code;
        this.fromAgent = fromAgent;
    }

    /** @return the code written in the frame header. */
    public int code()
    {
        return code;
    }

    /** @return true for agent to allocator messages, false for decisions. */
    public boolean isFromAgent()
    {
        return fromAgent;
    }

    /**
     * @param code a code read from a frame header.
     * @return its type, or null if the code is not defined.
     */
    public static MessageType ofCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
