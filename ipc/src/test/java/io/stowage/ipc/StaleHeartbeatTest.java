package io.stowage.ipc;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.Reason;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Stale, duplicate and reordered heartbeats pass the tailer and are ignored and counted by the kernel. */
class StaleHeartbeatTest
{
    @TempDir
    Path dir;

    @Test
    void shouldIgnoreStaleDuplicateAndReorderedHeartbeatsEndToEnd()
    {
        final KernelSink sink = new KernelSink();
        final AllocatorKernel kernel = sink.kernel;
        final byte[] frame = new byte[256];
        final AgentFrameEncoder encoder = new AgentFrameEncoder().wrap(new UnsafeBuffer(frame), 0);
        final byte[] id = "a1".getBytes(StandardCharsets.US_ASCII);
        final Path queue = dir.resolve("agents");
        try (AgentPublisher publisher = new AgentPublisher(queue, 1);
            RawQueueWriter raw = new RawQueueWriter(queue);
            AgentQueueTailer tailer = AgentQueueTailer.builder().queue(queue).stateDir(dir.resolve("state"))
                .dimensions(2).sink(sink).build())
        {
            publisher.register("a1", new long[]{8000, 8000}, Map.of());
            for (int i = 0; i < 5; i++)
            {
                publisher.heartbeat("a1", 1, new long[]{i, i}, false);
            }
            raw.write(frame, encoder.heartbeat(1, 0, id, 1, 5, new long[]{900, 900}, false));
            raw.write(frame, encoder.heartbeat(1, 0, id, 1, 3, new long[]{901, 901}, false));
            raw.write(frame, encoder.heartbeat(1, 0, id, 1, 10, new long[]{10, 10}, false));
            raw.write(frame, encoder.heartbeat(1, 0, id, 1, 8, new long[]{902, 902}, true));
            while (tailer.doWork() > 0)
            {
            }
            assertEquals(10, tailer.delivered());
            assertEquals(0, tailer.rejectedTotal());
        }
        final int slot = kernel.view().agentSlot("a1");
        assertEquals(3, kernel.view().staleUpdates());
        assertEquals(3, sink.answers(Reason.STALE_UPDATE));
        assertEquals(6, kernel.view().heartbeats());
        assertEquals(10, kernel.view().agentLastSequence(slot));
        assertEquals(10, kernel.view().agentUsage(slot, 0));
    }
}
