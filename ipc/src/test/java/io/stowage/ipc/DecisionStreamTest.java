package io.stowage.ipc;

import io.stowage.core.TaskEndCause;
import io.stowage.core.TaskRecord;
import io.stowage.core.TaskRequest;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Launch and kill decisions reach the agents they name, once each, also after the allocator's recovery. */
class DecisionStreamTest
{
    @TempDir
    Path dir;

    /** A task whose resources derive from its id, so the stream shows they came from the decision. */
    private static TaskRecord task(final long taskId)
    {
        return new TaskRecord(2).ids(taskId, TaskRequest.NO_KEY, 0, 0).resources(new long[]{taskId * 10, taskId * 100});
    }

    private DecisionTailer tailer(final DecisionHandler handler, final long lastDecision, final String... agents)
    {
        final DecisionTailer tailer = new DecisionTailer(dir.resolve("decisions"), null, handler,
            MalformedFrameListener.NONE, lastDecision);
        for (final String agent : agents)
        {
            tailer.addAgent(agent);
        }
        return tailer;
    }

    @Test
    void shouldDeliverLaunchesAndKillsForItsAgentsOnly()
    {
        final RecordingDecisions handler = new RecordingDecisions();
        try (DecisionPublisher publisher = new DecisionPublisher(dir.resolve("decisions"), 0, 2);
            DecisionTailer tailer = tailer(handler, 0, "a1"))
        {
            publisher.onPlaced(1, task(10), "a1", 1, 0);
            publisher.onPlaced(2, task(11), "b1", 1, 0);
            publisher.onTaskEnded(3, task(10), "a1", TaskEndCause.PREEMPTED);
            while (tailer.doWork() > 0)
            {
            }
            assertEquals(List.of("1 launch 10 fw0 a1/1 [100, 1000]", "3 kill 10 fw0 a1 PREEMPTED"), handler.decisions);
            assertEquals(3, tailer.lastDecision());
        }
    }

    @Test
    void shouldPublishEachDecisionOnceWhenRecoveryMakesThemAgain()
    {
        try (DecisionPublisher before = new DecisionPublisher(dir.resolve("decisions"), 0, 2))
        {
            for (int d = 1; d <= 5; d++)
            {
                before.onPlaced(d, task(d), "a1", 1, 0);
            }
        }
        final RecordingDecisions handler = new RecordingDecisions();
        try (DecisionPublisher recovered = new DecisionPublisher(dir.resolve("decisions"), 0, 2);
            DecisionTailer tailer = tailer(handler, 0, "a1"))
        {
            assertEquals(5, recovered.lastDecision());
            for (int d = 1; d <= 5; d++)
            {
                recovered.onPlaced(d, task(d), "a1", 1, 0);
            }
            recovered.onTaskEnded(6, task(3), "a1", TaskEndCause.LOST);
            assertEquals(5, recovered.suppressed());
            assertEquals(1, recovered.published());
            while (tailer.doWork() > 0)
            {
            }
            assertEquals(6, handler.decisions.size());
            assertEquals(0, tailer.duplicates());
        }
    }

    @Test
    void shouldSkipDecisionNumbersAlreadySeen()
    {
        final byte[] frame = new byte[256];
        final DecisionFrameEncoder encoder = new DecisionFrameEncoder().wrap(new UnsafeBuffer(frame), 0);
        final byte[] agent = "a1".getBytes(StandardCharsets.US_ASCII);
        try (RawQueueWriter raw = new RawQueueWriter(dir.resolve("decisions")))
        {
            for (final long decision : new long[]{1, 2, 3, 2, 3, 4})
            {
                raw.write(frame, encoder.launch(0, 0, decision, decision, -1, 0, agent, 1, new long[]{1, 1}));
            }
            raw.write(frame, new AgentFrameEncoder().wrap(new UnsafeBuffer(frame), 0)
                .taskFinished(1, 0, agent, 1, 1));
        }
        final RecordingDecisions all = new RecordingDecisions();
        final RecordingDecisions afterThree = new RecordingDecisions();
        try (DecisionTailer fromStart = tailer(all, 0, "a1"); DecisionTailer resumed = tailer(afterThree, 3, "a1"))
        {
            while (fromStart.doWork() + resumed.doWork() > 0)
            {
            }
            assertEquals(4, all.decisions.size());
            assertEquals(2, fromStart.duplicates());
            assertEquals(1, fromStart.rejected(FrameError.UNEXPECTED_TYPE));
            assertEquals(List.of("4 launch 4 fw0 a1/1 [1, 1]"), afterThree.decisions);
        }
    }

    @Test
    void shouldResumeANamedDecisionTailerAfterARestart()
    {
        final RecordingDecisions handler = new RecordingDecisions();
        try (DecisionPublisher publisher = new DecisionPublisher(dir.resolve("decisions"), 0, 2))
        {
            publisher.onPlaced(1, task(1), "a1", 1, 0);
            try (DecisionTailer first = new DecisionTailer(dir.resolve("decisions"), "host-1", handler,
                MalformedFrameListener.NONE, 0))
            {
                first.addAgent("a1");
                first.doWork();
            }
            publisher.onPlaced(2, task(2), "a1", 1, 0);
            try (DecisionTailer second = new DecisionTailer(dir.resolve("decisions"), "host-1", handler,
                MalformedFrameListener.NONE, 1))
            {
                second.addAgent("a1");
                while (second.doWork() > 0)
                {
                }
            }
        }
        assertEquals(List.of("1 launch 1 fw0 a1/1 [10, 100]", "2 launch 2 fw0 a1/1 [20, 200]"), handler.decisions);
    }
}
