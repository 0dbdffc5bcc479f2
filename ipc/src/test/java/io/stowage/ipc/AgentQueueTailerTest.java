package io.stowage.ipc;

import io.stowage.core.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AgentQueueTailerTest
{
    @TempDir
    Path dir;

    @Test
    void shouldDeliverEveryMessageOfAPublisherInOrder()
    {
        final RecordingSink sink = new RecordingSink();
        try (AgentPublisher publisher = new AgentPublisher(dir.resolve("agents"), 7);
            AgentQueueTailer tailer = AgentQueueTailer.builder().queue(dir.resolve("agents"))
                .stateDir(dir.resolve("state")).dimensions(2).sink(sink).build())
        {
            publisher.register("a1", new long[]{4000, 8000}, Map.of("zone", "z1"));
            publisher.heartbeat("a1", 1, new long[]{100, 200}, false);
            publisher.heartbeat("a1", 1, null, true);
            publisher.taskFinished("a1", 1, 42);
            publisher.launchRefused("a1", 1, 43, Reason.INSUFFICIENT_CAPACITY);
            while (tailer.doWork() > 0)
            {
            }
            assertEquals(List.of(
                "register a1 [4000, 8000] {zone=z1}",
                "heartbeat a1 1 1 [100, 200] false",
                "heartbeat a1 1 2 - true",
                "finished a1 1 42",
                "refused a1 1 43 INSUFFICIENT_CAPACITY"), sink.inputs);
            assertEquals(5, tailer.delivered());
            assertEquals(0, tailer.rejectedTotal());
        }
    }
}
