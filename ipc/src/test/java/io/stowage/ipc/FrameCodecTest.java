package io.stowage.ipc;

import io.stowage.core.Reason;
import io.stowage.core.TaskEndCause;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class FrameCodecTest
{
    private static final byte[] AGENT = "agent-\u00e9\u4e2d\ud83d\ude00".getBytes(StandardCharsets.UTF_8);
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[FrameDescriptor.MAX_FRAME_LENGTH]);
    private final AgentFrameEncoder agentEncoder = new AgentFrameEncoder().wrap(buffer, 0);
    private final DecisionFrameEncoder decisionEncoder = new DecisionFrameEncoder().wrap(buffer, 0);
    private final FrameHeader header = new FrameHeader();

    private void assertHeader(final int length, final MessageType type, final int sourceId, final long sendTime)
    {
        assertEquals(FrameError.NONE, header.wrap(buffer, 0).check(length));
        assertEquals(type, header.type());
        assertEquals(sourceId, header.sourceId());
        assertEquals(sendTime, header.sendTimeNanos());
        assertEquals(length, header.frameLength());
    }

    @Test
    void shouldRoundTripRegister()
    {
        final Map<String, String> attributes = Map.of("zone", "eu-1", "rack", "", "gpu-kind", "\u00fcber");
        final int length = agentEncoder.register(3, 99L, AGENT, new long[]{8000, 16_000_000, 1}, attributes);
        assertHeader(length, MessageType.REGISTER, 3, 99L);
        final RegisterDecoder decoder = new RegisterDecoder();
        assertEquals(FrameError.NONE, decoder.wrap(buffer, 0, length));
        assertEquals(new String(AGENT, StandardCharsets.UTF_8), decoder.agentId());
        assertEquals(3, decoder.dimensions());
        final long[] capacity = new long[3];
        decoder.capacity(capacity);
        assertArrayEquals(new long[]{8000, 16_000_000, 1}, capacity);
        assertEquals(attributes, decoder.attributes(new HashMap<>()));
    }

    @Test
    void shouldRoundTripHeartbeatWithAndWithoutUsage()
    {
        final HeartbeatDecoder decoder = new HeartbeatDecoder();
        int length = agentEncoder.heartbeat(5, 7L, AGENT, 4, Long.MAX_VALUE, new long[]{1, -2}, true);
        assertHeader(length, MessageType.HEARTBEAT, 5, 7L);
        assertEquals(FrameError.NONE, decoder.wrap(buffer, 0, length));
        assertEquals(Long.MAX_VALUE, decoder.sequence());
        assertEquals(4, decoder.epoch());
        assertTrue(decoder.pressure());
        assertTrue(decoder.hasUsage());
        assertEquals(2, decoder.dimensions());
        assertEquals(1, decoder.usage(0));
        assertEquals(-2, decoder.usage(1));
        assertEquals(new String(AGENT, StandardCharsets.UTF_8), decoder.agentId());

        length = agentEncoder.heartbeat(5, 8L, AGENT, -1, 1, null, false);
        assertEquals(FrameError.NONE, decoder.wrap(buffer, 0, length));
        assertFalse(decoder.pressure());
        assertFalse(decoder.hasUsage());
        assertEquals(0, decoder.dimensions());
        assertEquals(-1, decoder.epoch());
        assertEquals(HeartbeatDescriptor.frameLength(0, AGENT.length), length);
    }

    @Test
    void shouldRoundTripTaskFinishedAndLaunchRefused()
    {
        int length = agentEncoder.taskFinished(1, 2L, AGENT, 3, 1L << 40);
        assertHeader(length, MessageType.TASK_FINISHED, 1, 2L);
        final TaskFinishedDecoder finished = new TaskFinishedDecoder();
        assertEquals(FrameError.NONE, finished.wrap(buffer, 0, length));
        assertEquals(1L << 40, finished.taskId());
        assertEquals(3, finished.epoch());
        assertEquals(new String(AGENT, StandardCharsets.UTF_8), finished.agentId());

        final LaunchRefusedDecoder refused = new LaunchRefusedDecoder();
        for (final Reason reason : Reason.values())
        {
            length = agentEncoder.launchRefused(1, 2L, AGENT, 9, 77, reason);
            assertHeader(length, MessageType.LAUNCH_REFUSED, 1, 2L);
            assertEquals(FrameError.NONE, refused.wrap(buffer, 0, length));
            assertEquals(reason, refused.reason());
            assertEquals(77, refused.taskId());
            assertEquals(9, refused.epoch());
        }
    }

    @Test
    void shouldRoundTripLaunchAndKill()
    {
        int length = decisionEncoder.launch(0, 11L, 123, 456, 789, 7, AGENT, 2, new long[]{500, 1024});
        assertHeader(length, MessageType.LAUNCH, 0, 11L);
        final LaunchDecoder launch = new LaunchDecoder();
        assertEquals(FrameError.NONE, launch.wrap(buffer, 0, length));
        assertEquals(123, launch.decision());
        assertEquals(456, launch.taskId());
        assertEquals(789, launch.taskKey());
        assertEquals(7, launch.framework());
        assertEquals(2, launch.epoch());
        assertEquals(2, launch.dimensions());
        assertEquals(500, launch.resource(0));
        assertEquals(1024, launch.resource(1));
        assertEquals(new String(AGENT, StandardCharsets.UTF_8), launch.agentId());

        final KillDecoder kill = new KillDecoder();
        for (final TaskEndCause cause : TaskEndCause.values())
        {
            length = decisionEncoder.kill(0, 12L, 124, 456, -1, 7, AGENT, cause);
            assertHeader(length, MessageType.KILL, 0, 12L);
            assertEquals(FrameError.NONE, kill.wrap(buffer, 0, length));
            assertEquals(124, kill.decision());
            assertEquals(456, kill.taskId());
            assertEquals(-1, kill.taskKey());
            assertEquals(cause, kill.cause());
        }
    }

    @Test
    void shouldRefuseToEncodeWhatTheFormatCannotCarry()
    {
        assertThrows(IllegalArgumentException.class,
            () -> agentEncoder.heartbeat(1, 0, new byte[0], 1, 1, null, false));
        assertThrows(IllegalArgumentException.class,
            () -> agentEncoder.heartbeat(1, 0, new byte[256], 1, 1, null, false));
        assertThrows(IllegalArgumentException.class,
            () -> agentEncoder.heartbeat(1, 0, AGENT, 1, 1, new long[9], false));
        assertThrows(IllegalArgumentException.class,
            () -> agentEncoder.register(1, 0, AGENT, new long[0], Map.of()));
        assertThrows(IllegalArgumentException.class,
            () -> agentEncoder.register(1, 0, AGENT, new long[]{1}, Map.of("", "x")));
        assertThrows(IllegalArgumentException.class, () -> Utf8.encode("bad \ud800 surrogate", "agent id"));
        final UnsafeBuffer small = new UnsafeBuffer(new byte[40]);
        assertThrows(IllegalArgumentException.class,
            () -> new AgentFrameEncoder().wrap(small, 0).heartbeat(1, 0, AGENT, 1, 1, new long[2], false));
    }

    @Test
    void shouldEncodeAndDecodeHeartbeatsWithoutAllocating()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long[] usage = {100, 200};
        final HeartbeatDecoder decoder = new HeartbeatDecoder();
        final AgentIdTable ids = new AgentIdTable(16);
        final byte[] id = "agent-0001".getBytes(StandardCharsets.US_ASCII);
        ids.add(new UnsafeBuffer(id), 0, id.length, 1);
        long checksum = loop(usage, decoder, ids, id, 100_000);
        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            checksum += loop(usage, decoder, ids, id, 100_000);
            fewest = Math.min(fewest, threads.getCurrentThreadAllocatedBytes() - before);
        }
        assertTrue(checksum > 0);
        assertEquals(0, fewest, "bytes allocated by 100,000 heartbeat encodes and decodes, once warm");
    }

    private long loop(
        final long[] usage, final HeartbeatDecoder decoder, final AgentIdTable ids, final byte[] id, final int count)
    {
        long checksum = 0;
        for (int i = 1; i <= count; i++)
        {
            usage[0] = i;
            final int length = agentEncoder.heartbeat(1, i, id, 1, i, usage, false);
            if (header.wrap(buffer, 0).check(length) != FrameError.NONE ||
                decoder.wrap(buffer, 0, length) != FrameError.NONE)
            {
                return -1;
            }
            final int entry = ids.find(buffer, decoder.agentIdOffset(), decoder.agentIdLength());
            decoder.usage(usage);
            checksum += decoder.sequence() + ids.id(entry).length() + usage[0];
        }
        return checksum;
    }
}
