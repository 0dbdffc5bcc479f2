package io.stowage.ipc;

/**
 * Why a frame read from a queue was not delivered. A frame is either well formed ({@link #NONE}) or rejected with
 * exactly one of these reasons, so that a malformed frame is counted and skipped, never misread.
 */
public enum FrameError
{
    /** The frame is well formed. */
    NONE,
    /** The frame is shorter than a frame header, or its body ends before a field it declares. */
    TRUNCATED,
    /** The frame does not start with {@link FrameDescriptor#MAGIC}. */
    BAD_MAGIC,
    /** The frame was written in a format version this reader does not speak. */
    UNSUPPORTED_VERSION,
    /** The message type code is not one this format defines. */
    UNKNOWN_TYPE,
    /** A known message type arrived on a stream that does not carry it (a decision on an agent queue, or back). */
    UNEXPECTED_TYPE,
    /** The length in the header differs from the frame's size, exceeds the limit, or the body has bytes left over. */
    BAD_LENGTH,
    /** A string field is not well-formed UTF-8 (overlong forms, surrogates and truncated sequences included). */
    BAD_UTF8,
    /** The agent id is empty or longer than {@link FrameDescriptor#MAX_AGENT_ID_LENGTH}. */
    BAD_AGENT_ID,
    /** A resource vector has more dimensions than a schema may have, or not the reader's number of dimensions. */
    DIMENSION_MISMATCH,
    /** A field holds a value outside its domain: unknown flag bits, an unknown code, a count beyond its limit. */
    BAD_FIELD,
    /** An update names an agent that a different source registered first: a claim of another agent's identity. */
    IDENTITY_CLAIM,
    /** An update names an agent that no source on these queues has registered. */
    UNKNOWN_AGENT,
    /**
     * On an Aeron stream: no key is known for the agent the frame names, or the MAC after the frame is not the one
     * that agent's key gives (a frame forged for another agent, or altered). Appended last: ordinals are counters.
     */
    BAD_CREDENTIAL
}
