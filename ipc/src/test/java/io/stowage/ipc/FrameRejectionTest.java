package io.stowage.ipc;

import io.stowage.core.Reason;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each way a frame can be wrong is named, never misread. */
class FrameRejectionTest
{
    private static final byte[] AGENT = "a1".getBytes(StandardCharsets.US_ASCII);
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
    private final AgentFrameEncoder encoder = new AgentFrameEncoder().wrap(buffer, 0);
    private final FrameHeader header = new FrameHeader();
    private final HeartbeatDecoder heartbeat = new HeartbeatDecoder();
    private final RegisterDecoder register = new RegisterDecoder();

    private int heartbeat()
    {
        return encoder.heartbeat(1, 0, AGENT, 1, 1, new long[]{1, 2}, false);
    }

    private FrameError check(final int length)
    {
        final FrameError error = header.wrap(buffer, 0).check(length);
        if (error != FrameError.NONE)
        {
            return error;
        }
        switch (header.type())
        {
            case HEARTBEAT:
                return heartbeat.wrap(buffer, 0, length);
            case REGISTER:
                return register.wrap(buffer, 0, length);
            case LAUNCH_REFUSED:
                return new LaunchRefusedDecoder().wrap(buffer, 0, length);
            case KILL:
                return new KillDecoder().wrap(buffer, 0, length);
            default:
                return FrameError.NONE;
        }
    }

    @Test
    void shouldRejectAFrameShorterThanAHeader()
    {
        assertEquals(FrameError.TRUNCATED, check(FrameDescriptor.HEADER_LENGTH - 1));
    }

    @Test
    void shouldRejectBadMagic()
    {
        final int length = heartbeat();
        buffer.putByte(0, (byte)'X');
        assertEquals(FrameError.BAD_MAGIC, check(length));
    }

    @Test
    void shouldRejectAnotherFormatVersion()
    {
        final int length = heartbeat();
        buffer.putShort(FrameDescriptor.VERSION_OFFSET, (short)(FrameDescriptor.VERSION + 1), FrameDescriptor.BYTE_ORDER);
        assertEquals(FrameError.UNSUPPORTED_VERSION, check(length));
        buffer.putShort(FrameDescriptor.VERSION_OFFSET, (short)(FrameDescriptor.VERSION - 1), FrameDescriptor.BYTE_ORDER);
        assertEquals(FrameError.UNSUPPORTED_VERSION, check(length), "a frame of the previous version");
        buffer.putShort(FrameDescriptor.VERSION_OFFSET, (short)0, FrameDescriptor.BYTE_ORDER);
        assertEquals(FrameError.UNSUPPORTED_VERSION, check(length));
    }

    @Test
    void shouldRejectAnUnknownType()
    {
        final int length = heartbeat();
        buffer.putShort(FrameDescriptor.TYPE_OFFSET, (short)99, FrameDescriptor.BYTE_ORDER);
        assertEquals(FrameError.UNKNOWN_TYPE, check(length));
    }

    @Test
    void shouldRejectALengthFieldThatDiffersFromTheFrame()
    {
        final int length = heartbeat();
        assertEquals(FrameError.BAD_LENGTH, check(length - 1));
        assertEquals(FrameError.BAD_LENGTH, check(length + 1));
    }

    @Test
    void shouldRejectABodyCutShort()
    {
        final int length = heartbeat();
        final int cut = HeartbeatDescriptor.USAGE_OFFSET - 1;
        buffer.putInt(FrameDescriptor.FRAME_LENGTH_OFFSET, cut, FrameDescriptor.BYTE_ORDER);
        assertEquals(FrameError.TRUNCATED, check(cut));
        buffer.putInt(FrameDescriptor.FRAME_LENGTH_OFFSET, length - 1, FrameDescriptor.BYTE_ORDER);
        assertEquals(FrameError.TRUNCATED, check(length - 1));
    }

    @Test
    void shouldRejectTrailingBytes()
    {
        final int length = heartbeat() + 3;
        buffer.putInt(FrameDescriptor.FRAME_LENGTH_OFFSET, length, FrameDescriptor.BYTE_ORDER);
        assertEquals(FrameError.BAD_LENGTH, check(length));
    }

    @Test
    void shouldRejectMalformedUtf8InAnAgentId()
    {
        final byte[][] bad = {
            {(byte)0xC0, (byte)0x80},
            {(byte)0xED, (byte)0xA0, (byte)0x80},
            {(byte)0xF4, (byte)0x90, (byte)0x80, (byte)0x80},
            {(byte)0xE2, (byte)0x82},
            {(byte)0x80},
            {(byte)0xFF}};
        for (final byte[] id : bad)
        {
            final int length = encoder.heartbeat(1, 0, id, 1, 1, null, false);
            assertEquals(FrameError.BAD_UTF8, check(length));
        }
    }

    @Test
    void shouldRejectAnEmptyAgentId()
    {
        final int length = heartbeat();
        buffer.putShort(HeartbeatDescriptor.AGENT_ID_LENGTH_OFFSET, (short)0, FrameDescriptor.BYTE_ORDER);
        assertEquals(FrameError.BAD_AGENT_ID, check(length));
    }

    @Test
    void shouldRejectUnknownFlagsAndUsageWithoutItsFlag()
    {
        int length = heartbeat();
        buffer.putByte(HeartbeatDescriptor.FLAGS_OFFSET, (byte)0x83);
        assertEquals(FrameError.BAD_FIELD, check(length));
        length = heartbeat();
        buffer.putByte(HeartbeatDescriptor.FLAGS_OFFSET, (byte)0);
        assertEquals(FrameError.DIMENSION_MISMATCH, check(length));
        length = heartbeat();
        buffer.putByte(HeartbeatDescriptor.DIMENSIONS_OFFSET, (byte)9);
        assertEquals(FrameError.DIMENSION_MISMATCH, check(length));
    }

    @Test
    void shouldRejectAnUnknownReasonOrCauseCode()
    {
        int length = encoder.launchRefused(1, 0, AGENT, 1, 5, Reason.STALE_EPOCH);
        buffer.putShort(LaunchRefusedDescriptor.REASON_OFFSET, (short)500, FrameDescriptor.BYTE_ORDER);
        assertEquals(FrameError.BAD_FIELD, check(length));
        length = new DecisionFrameEncoder().wrap(buffer, 0)
            .kill(0, 0, 1, 5, -1, 0, AGENT, io.stowage.core.TaskEndCause.LOST);
        buffer.putShort(KillDescriptor.CAUSE_OFFSET, (short)0, FrameDescriptor.BYTE_ORDER);
        assertEquals(FrameError.BAD_FIELD, check(length));
    }

    @Test
    void shouldRejectARegistrationWithDuplicateOrBadAttributes()
    {
        final Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put("aa", "1");
        ordered.put("bb", "2");
        int length = encoder.register(1, 0, AGENT, new long[]{1, 2}, ordered);
        final int second = RegisterDescriptor.agentIdOffset(2) + AGENT.length + 2 + 2 + 2 + 1;
        buffer.putBytes(second + 2, "aa".getBytes(StandardCharsets.US_ASCII));
        assertEquals(FrameError.BAD_FIELD, check(length));
        length = encoder.register(1, 0, AGENT, new long[]{1, 2}, Map.of("aa", "1"));
        buffer.putByte(RegisterDescriptor.ATTRIBUTE_COUNT_OFFSET, (byte)17);
        assertEquals(FrameError.BAD_FIELD, check(length));
        length = encoder.register(1, 0, AGENT, new long[]{1, 2}, Map.of("aa", "1"));
        buffer.putByte(RegisterDescriptor.ATTRIBUTE_COUNT_OFFSET, (byte)2);
        assertEquals(FrameError.TRUNCATED, check(length));
        length = encoder.register(1, 0, AGENT, new long[]{1, 2}, Map.of("aa", "1"));
        buffer.putByte(RegisterDescriptor.agentIdOffset(2) + AGENT.length + 2, (byte)0xC1);
        assertEquals(FrameError.BAD_UTF8, check(length));
    }
}
