package io.stowage.ipc;

import io.stowage.core.AllocatorKernel;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An agent id belongs to the source that registered it first; updates from any other source are rejected. */
class IdentityClaimTest
{
    @TempDir
    Path dir;

    private AgentQueueTailer tailer(final KernelSink sink)
    {
        return AgentQueueTailer.builder().queue(dir.resolve("q0")).queue(dir.resolve("q1"))
            .stateDir(dir.resolve("state")).dimensions(2).sink(sink).build();
    }

    private static void drain(final AgentQueueTailer tailer)
    {
        while (tailer.doWork() > 0)
        {
        }
    }

    @Test
    void shouldRejectUpdatesThatClaimAnotherSourcesAgent()
    {
        final KernelSink sink = new KernelSink();
        final AllocatorKernel kernel = sink.kernel;
        try (AgentPublisher owner = new AgentPublisher(dir.resolve("q0"), 1);
            AgentPublisher impostor = new AgentPublisher(dir.resolve("q1"), 2);
            AgentPublisher sameIdOtherQueue = new AgentPublisher(dir.resolve("q1"), 1))
        {
            try (AgentQueueTailer tailer = tailer(sink))
            {
                owner.register("a1", new long[]{8000, 8000}, Map.of());
                drain(tailer);
                impostor.register("a1", new long[]{99_000, 99_000}, Map.of());
                impostor.heartbeat("a1", 1, new long[]{7000, 7000}, true);
                sameIdOtherQueue.register("a1", new long[]{1000, 1000}, Map.of());
                sameIdOtherQueue.heartbeat("a1", 1, null, false);
                owner.heartbeat("a1", 1, new long[]{100, 200}, false);
                drain(tailer);

                assertEquals(4, tailer.rejected(FrameError.IDENTITY_CLAIM));
                assertEquals(2, tailer.delivered());
                final int slot = kernel.view().agentSlot("a1");
                assertEquals(8000, kernel.view().agentCapacity(slot, 0));
                assertEquals(100, kernel.view().agentUsage(slot, 0));
                assertEquals(1, kernel.view().agentLastSequence(slot));
            }
            try (AgentQueueTailer restarted = tailer(sink))
            {
                impostor.heartbeat("a1", 1, new long[]{7000, 7000}, true);
                owner.heartbeat("a1", 1, new long[]{300, 400}, false);
                drain(restarted);
                assertEquals(1, restarted.rejected(FrameError.IDENTITY_CLAIM), "ownership survives a restart");
                assertEquals(1, restarted.delivered());
                assertEquals(300, kernel.view().agentUsage(kernel.view().agentSlot("a1"), 0));
            }
        }
    }

    @Test
    void shouldRejectUpdatesForAnAgentNoSourceRegistered()
    {
        final KernelSink sink = new KernelSink();
        final byte[] frame = new byte[256];
        final int length = new AgentFrameEncoder().wrap(new UnsafeBuffer(frame), 0)
            .heartbeat(1, 0, "nobody".getBytes(StandardCharsets.US_ASCII), 1, 1, null, false);
        try (RawQueueWriter raw = new RawQueueWriter(dir.resolve("q0"));
            AgentQueueTailer tailer = tailer(sink))
        {
            raw.write(frame, length);
            drain(tailer);
            assertEquals(1, tailer.rejected(FrameError.UNKNOWN_AGENT));
            assertEquals(0, tailer.delivered());
        }
    }
}
