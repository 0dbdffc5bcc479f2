package io.stowage.ipc;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.Reason;
import io.stowage.core.TaskEndCause;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 10^5 random, truncated and corrupted frames mixed into a stream of valid heartbeats through a real queue: each bad
 * frame is counted with a reason, every valid heartbeat reaches the kernel, and nothing throws.
 */
class MalformedFrameStreamTest
{
    private static final int AGENTS = 50;
    private static final int MALFORMED = 100_000;
    private static final int VALID = 30_000;

    @TempDir
    Path dir;

    private final byte[] frame = new byte[1024];
    private final UnsafeBuffer buffer = new UnsafeBuffer(frame);
    private final AgentFrameEncoder encoder = new AgentFrameEncoder().wrap(buffer, 0);

    @Test
    void shouldCountEveryMalformedFrameAndApplyEveryValidHeartbeat()
    {
        final long seed = System.nanoTime();
        try
        {
            run(new SplittableRandom(seed));
        }
        catch (final AssertionError | RuntimeException ex)
        {
            throw new AssertionError("seed " + seed + ": " + ex.getMessage(), ex);
        }
    }

    private void run(final SplittableRandom random)
    {
        final Path queue = dir.resolve("agents");
        final KernelSink sink = new KernelSink();
        final AllocatorKernel kernel = sink.kernel;
        final long[] listened = new long[FrameError.values().length];
        final long[][] lastUsage = new long[AGENTS][];
        int malformed = 0;
        int valid = 0;
        try (AgentPublisher publisher = new AgentPublisher(queue, 1);
            RawQueueWriter raw = new RawQueueWriter(queue);
            AgentQueueTailer tailer = AgentQueueTailer.builder().queue(queue).stateDir(dir.resolve("state"))
                .dimensions(2).sink(sink).malformedFrameListener((error, q, index) -> listened[error.ordinal()]++)
                .errorHandler(Throwable::printStackTrace).build())
        {
            for (int a = 0; a < AGENTS; a++)
            {
                publisher.register(agent(a), new long[]{64_000, 256_000}, Map.of("zone", "z" + (a % 3)));
            }
            while (malformed < MALFORMED || valid < VALID)
            {
                final boolean sendValid = malformed == MALFORMED ||
                    (valid < VALID && random.nextInt(MALFORMED + VALID) < VALID);
                if (sendValid)
                {
                    final int a = random.nextInt(AGENTS);
                    final long[] usage = random.nextInt(4) == 0 ? null :
                        new long[]{random.nextLong(64_001), random.nextLong(256_001)};
                    publisher.heartbeat(agent(a), 1, usage, random.nextInt(50) == 0);
                    lastUsage[a] = usage == null ? lastUsage[a] : usage;
                    valid++;
                }
                else
                {
                    raw.write(frame, malformed(random));
                    malformed++;
                }
                if (random.nextInt(64) == 0)
                {
                    tailer.doWork();
                }
            }
            while (tailer.doWork() > 0)
            {
            }

            assertEquals(MALFORMED, tailer.rejectedTotal(), "frames rejected");
            long counted = 0;
            for (final FrameError error : FrameError.values())
            {
                assertEquals(tailer.rejected(error), listened[error.ordinal()], "listener count of " + error);
                counted += tailer.rejected(error);
            }
            assertEquals(MALFORMED, counted);
            assertEquals(0, tailer.rejected(FrameError.NONE));
            assertEquals(AGENTS + VALID, tailer.delivered());
            assertEquals(0, tailer.sinkErrors());
            assertEquals(AGENTS, kernel.view().agentCount());
            assertEquals(VALID, kernel.view().heartbeats());
            assertEquals(0, kernel.view().staleUpdates());
            assertEquals(AGENTS + VALID, sink.answers(Reason.OK));
            for (int a = 0; a < AGENTS; a++)
            {
                final int slot = kernel.view().agentSlot(agent(a));
                assertEquals(publisher.lastSequence(agent(a)), kernel.view().agentLastSequence(slot), agent(a));
                for (int d = 0; lastUsage[a] != null && d < 2; d++)
                {
                    assertEquals(lastUsage[a][d], kernel.view().agentUsage(slot, d), agent(a) + " usage " + d);
                }
            }
            for (final FrameError error : new FrameError[]{FrameError.TRUNCATED, FrameError.BAD_MAGIC,
                FrameError.UNSUPPORTED_VERSION, FrameError.UNKNOWN_TYPE, FrameError.UNEXPECTED_TYPE,
                FrameError.BAD_LENGTH, FrameError.BAD_UTF8, FrameError.DIMENSION_MISMATCH, FrameError.BAD_FIELD,
                FrameError.IDENTITY_CLAIM, FrameError.UNKNOWN_AGENT, FrameError.BAD_AGENT_ID})
            {
                assertTrue(tailer.rejected(error) > 0, "no frame was rejected as " + error);
            }
        }
    }

    private static String agent(final int a)
    {
        return String.format("agent-%05d", a);
    }

    /** Writes one bad frame into {@link #frame} and returns its length. */
    private int malformed(final SplittableRandom random)
    {
        final byte[] id = agent(random.nextInt(AGENTS)).getBytes(StandardCharsets.US_ASCII);
        switch (random.nextInt(12))
        {
            case 0:
            {
                final int length = random.nextInt(200);
                random.nextBytes(frame);
                return length;
            }
            case 1:
            {
                final int length = encoder.heartbeat(1, 0, id, 1, 1, new long[]{1, 2}, false);
                return random.nextInt(length);
            }
            case 2:
            {
                final int length = encoder.heartbeat(1, 0, id, 1, 1, new long[]{1, 2}, false);
                final int cut = FrameDescriptor.HEADER_LENGTH + random.nextInt(length - FrameDescriptor.HEADER_LENGTH);
                buffer.putInt(FrameDescriptor.FRAME_LENGTH_OFFSET, cut, FrameDescriptor.BYTE_ORDER);
                return cut;
            }
            case 3:
            {
                final MessageType[] types = {MessageType.HEARTBEAT, MessageType.TASK_FINISHED,
                    MessageType.LAUNCH_REFUSED};
                final int length = FrameDescriptor.HEADER_LENGTH + random.nextInt(120);
                random.nextBytes(frame);
                FrameHeader.write(buffer, 0, types[random.nextInt(types.length)], length, 1, 0);
                return length;
            }
            case 4:
            {
                final int length = encoder.heartbeat(1, 0, id, 1, 1, null, false);
                buffer.putShort(FrameDescriptor.VERSION_OFFSET, (short)(FrameDescriptor.VERSION + 1 + random.nextInt(100)),
                    FrameDescriptor.BYTE_ORDER);
                return length;
            }
            case 5:
            {
                final int length = encoder.taskFinished(1, 0, id, 1, 9);
                buffer.putShort(FrameDescriptor.TYPE_OFFSET, (short)(5 + random.nextInt(50)),
                    FrameDescriptor.BYTE_ORDER);
                return length;
            }
            case 6:
                return new DecisionFrameEncoder().wrap(buffer, 0).kill(1, 0, 1, 2, -1, 0, id, TaskEndCause.LOST);
            case 7:
                return encoder.heartbeat(1, 0, id, 1, 1, new long[]{1, 2, 3}, false);
            case 8:
            {
                final byte[] bad = id.clone();
                bad[random.nextInt(bad.length)] = (byte)(0x80 | random.nextInt(0x80));
                return encoder.heartbeat(1, 0, bad, 1, 1, null, false);
            }
            case 9:
                return encoder.heartbeat(2, 0, id, 1, 1_000_000, null, false);
            case 10:
                return encoder.launchRefused(1, 0, ("ghost-" + random.nextInt(1000)).getBytes(
                    StandardCharsets.US_ASCII), 1, 5, Reason.INSUFFICIENT_CAPACITY);
            default:
            {
                final int length = encoder.heartbeat(1, 0, id, 1, 1, null, false);
                buffer.putShort(HeartbeatDescriptor.AGENT_ID_LENGTH_OFFSET, (short)(random.nextBoolean() ? 0 : 300),
                    FrameDescriptor.BYTE_ORDER);
                return length;
            }
        }
    }
}
