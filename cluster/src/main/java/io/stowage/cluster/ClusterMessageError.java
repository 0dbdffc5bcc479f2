package io.stowage.cluster;

import io.stowage.ipc.FrameError;

/**
 * Why {@link AllocatorService} refused an ingress message; sent back in a REFUSED message and counted. A refused
 * message changes no kernel state and takes no decision number.
 */
public enum ClusterMessageError
{
    /** Shorter than its type's fixed part. */
    TRUNCATED(1),
    /** The first four bytes are not "STOC". */
    BAD_MAGIC(2),
    /** A format version this service does not read. */
    UNSUPPORTED_VERSION(3),
    /** A message type the format does not define, or an egress type sent as ingress. */
    UNKNOWN_TYPE(4),
    /** The journal record of an INPUT is malformed (the REFUSED code adds the {@link FrameError} ordinal). */
    BAD_RECORD(5),
    /** An INPUT carrying a query, which is not an input. */
    NOT_AN_INPUT(6);

    private final int code;

    ClusterMessageError(final int code)
    {
        this.code = code;
    }

    /** @return the code on the wire. */
    public int code()
    {
        return code;
    }
}
