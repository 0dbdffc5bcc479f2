package io.stowage.ipc;

import org.agrona.DirectBuffer;

/**
 * Checks that a well-formed frame was sent by the agent it names, before its agent id counts for anything (ownership
 * included). Chronicle queues need no check ({@link #NONE}): their directories are owner-only. Aeron streams use
 * {@link AgentKeyVerifier}.
 */
interface FrameAuthenticator
{
    /** Accepts every frame. */
    FrameAuthenticator NONE = (buffer, frameLength, idOffset, idLength) -> true;

    /**
     * @param buffer      holding the frame from 0, then whatever the transport carries after it.
     * @param frameLength the frame's length.
     * @param idOffset    where the agent id starts.
     * @param idLength    its length in bytes.
     * @return true if the frame may speak for that agent.
     */
    boolean verify(DirectBuffer buffer, int frameLength, int idOffset, int idLength);
}
