package io.stowage.ipc;

import io.stowage.core.AllocatorKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A named tailer resumes after a restart exactly where it stopped: no update lost, none delivered twice. */
class TailerRestartTest
{
    @TempDir
    Path dir;

    private AgentQueueTailer tailer(final RecordingSink sink, final String name)
    {
        return AgentQueueTailer.builder().queue(dir.resolve("agents")).stateDir(dir.resolve("state-" + name))
            .name(name).dimensions(2).sink(sink).batchLimit(7).build();
    }

    private static List<String> expected(final int agents, final int rounds, final int firstSequence)
    {
        final List<String> lines = new ArrayList<>();
        for (int r = 0; r < rounds; r++)
        {
            for (int a = 0; a < agents; a++)
            {
                lines.add("heartbeat a" + a + " 1 " + (firstSequence + r) + " [" + r + ", " + a + "] false");
            }
        }
        return lines;
    }

    private static void publish(final AgentPublisher publisher, final int agents, final int rounds)
    {
        for (int r = 0; r < rounds; r++)
        {
            for (int a = 0; a < agents; a++)
            {
                publisher.heartbeat("a" + a, 1, new long[]{r, a}, false);
            }
        }
    }

    @Test
    void shouldResumeWhereItStoppedWithoutLossOrDuplication()
    {
        final RecordingSink sink = new RecordingSink();
        final List<String> expected = new ArrayList<>();
        try (AgentPublisher publisher = new AgentPublisher(dir.resolve("agents"), 1))
        {
            for (int a = 0; a < 10; a++)
            {
                publisher.register("a" + a, new long[]{1000, 1000}, Map.of());
                expected.add("register a" + a + " [1000, 1000] {}");
            }
            publish(publisher, 10, 100);
            expected.addAll(expected(10, 100, 1));
            try (AgentQueueTailer first = tailer(sink, "allocator"))
            {
                for (int i = 0; i < 20; i++)
                {
                    first.doWork();
                }
                assertEquals(140, sink.inputs.size());
            }
            publish(publisher, 10, 50);
            expected.addAll(expected(10, 50, 101));
            try (AgentQueueTailer second = tailer(sink, "allocator"))
            {
                assertEquals(0, second.ownedAgents() - 10);
                while (second.doWork() > 0)
                {
                }
            }
        }
        assertEquals(expected, sink.inputs);
    }

    @Test
    void shouldKeepAnIndependentPositionPerTailerName()
    {
        final RecordingSink one = new RecordingSink();
        final RecordingSink two = new RecordingSink();
        try (AgentPublisher publisher = new AgentPublisher(dir.resolve("agents"), 1))
        {
            publisher.register("a0", new long[]{1000, 1000}, Map.of());
            publish(publisher, 1, 30);
            try (AgentQueueTailer a = tailer(one, "one"); AgentQueueTailer b = tailer(two, "two"))
            {
                a.doWork();
                while (b.doWork() > 0)
                {
                }
            }
        }
        assertEquals(7, one.inputs.size());
        assertEquals(31, two.inputs.size());
    }

    @Test
    void shouldContinueSequencesAfterAPublisherRestart()
    {
        final KernelSink sink = new KernelSink();
        final AllocatorKernel kernel = sink.kernel;
        try (AgentQueueTailer tailer = AgentQueueTailer.builder().queue(dir.resolve("agents"))
            .stateDir(dir.resolve("state")).dimensions(2).sink(sink).build())
        {
            try (AgentPublisher publisher = new AgentPublisher(dir.resolve("agents"), 1))
            {
                publisher.register("a0", new long[]{1000, 1000}, Map.of());
                publish(publisher, 1, 5);
            }
            try (AgentPublisher restarted = new AgentPublisher(dir.resolve("agents"), 1))
            {
                assertEquals(5, restarted.lastSequence("a0"));
                assertEquals(6, restarted.heartbeat("a0", 1, null, false));
            }
            while (tailer.doWork() > 0)
            {
            }
        }
        assertEquals(6, kernel.view().heartbeats());
        assertEquals(0, kernel.view().staleUpdates());
        assertEquals(6, kernel.view().agentLastSequence(kernel.view().agentSlot("a0")));
    }
}
