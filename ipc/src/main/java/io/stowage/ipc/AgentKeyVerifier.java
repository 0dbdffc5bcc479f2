package io.stowage.ipc;

import org.agrona.DirectBuffer;

/**
 * The {@link FrameAuthenticator} of the Aeron streams: the {@link FrameMac#MAC_LENGTH} bytes after the frame must be
 * the HMAC-SHA256 of the frame under the key of the agent the frame names. Reads the frame from the byte array the
 * reader copied it into; looks the key up by the id bytes. Allocates nothing; single-threaded.
 */
final class AgentKeyVerifier implements FrameAuthenticator
{
    private final AgentKeys keys;
    private final byte[] frame;
    private final FrameMac mac = new FrameMac();

    /**
     * @param keys  the agents' keys.
     * @param frame the array every frame is copied into, its MAC right after it.
     */
    AgentKeyVerifier(final AgentKeys keys, final byte[] frame)
    {
        this.keys = keys;
        this.frame = frame;
    }

    @Override
    public boolean verify(final DirectBuffer buffer, final int frameLength, final int idOffset, final int idLength)
    {
        final byte[] pads = keys.padsOf(buffer, idOffset, idLength);
        return pads != null && mac.verify(pads, frame, 0, frameLength, frameLength);
    }
}
