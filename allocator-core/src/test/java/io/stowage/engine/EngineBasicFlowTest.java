package io.stowage.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.stowage.engine.EngineFixture.config;
import static io.stowage.engine.EngineFixture.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineBasicFlowTest
{
    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldQueueThenPlaceASubmittedTaskAndReleaseItOnFinish(final EngineThreading threading)
    {
        final RecordingListener listener = new RecordingListener();
        final AllocatorEngine engine = AllocatorEngine.builder(config()).threading(threading)
            .listener(listener).countersDirectory(directory).build().start();
        final AllocatorClient client = engine.client();

        engine.agentInput().register("a1", vector(4000, 8192), Map.of("zone", "z1"), System.nanoTime(), null);
        listener.await("REGISTERED agent=a1 epoch=1");
        final int framework = client.registerFramework("web");
        assertEquals(0, framework);
        assertEquals(framework, client.registerFramework("web"));
        assertEquals(1, client.registerFramework("batch"));

        client.submit(framework, vector(1000, 1024), 7);
        final String queued = listener.await("QUEUED corr=7 ");
        final long taskId = Long.parseLong(queued.substring(queued.indexOf("task=") + 5));
        final String placed = listener.await("PLACED task=" + taskId + " ");
        assertTrue(placed.endsWith("fw=0 agent=a1 epoch=1"), placed);
        assertTrue(decisionNumber(queued) < decisionNumber(placed));

        client.finish(taskId, 8);
        listener.await("ACCEPTED corr=8 FINISH");
        engine.agentInput().heartbeat("a1", 1, 1, vector(500, 512), false, System.nanoTime(), null);
        engine.agentInput().heartbeat("a1", 1, 1, vector(500, 512), false, System.nanoTime(), null);
        listener.await("REJECTED corr=0 HEARTBEAT STALE_UPDATE");
        engine.close();
        engine.close();

        EngineFixture.assertInvariants(engine);
        assertEquals(0, engine.kernelAfterClose().view().runningTaskCount());
        assertEquals(1, engine.kernelAfterClose().view().heartbeats());
        try (EngineCountersReader reader = EngineCountersReader.map(directory))
        {
            assertEquals(1, reader.value(CounterFamily.EVENTS, "submit"));
            assertEquals(2, reader.value(CounterFamily.EVENTS, "heartbeat"));
            assertEquals(1, reader.value(CounterFamily.DECISIONS, "queued"));
            assertEquals(1, reader.value(CounterFamily.DECISIONS, "placed"));
            assertEquals(1, reader.value(CounterFamily.STALE_UPDATES, ""));
            assertEquals(1, reader.value(CounterFamily.REJECTIONS, "STALE_UPDATE"));
            assertEquals(2, reader.value(CounterFamily.LATENCY_COUNT, ""));
            assertTrue(reader.value(CounterFamily.LATENCY_MAX, "") > 0);
            assertEquals(0, reader.value(CounterFamily.ERRORS, "kernel"));
        }
    }

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldNumberDecisionsWithoutGaps(final EngineThreading threading)
    {
        final RecordingListener listener = new RecordingListener();
        try (AllocatorEngine engine = AllocatorEngine.builder(config()).threading(threading)
            .listener(listener).build().start())
        {
            engine.agentInput().register("a1", vector(2000, 2048), null, 1, null);
            final int framework = engine.client().registerFramework("web");
            for (int i = 1; i <= 5; i++)
            {
                engine.client().submit(framework, vector(1000, 1024), i);
            }
            listener.await("QUEUED corr=5 ");
            engine.tick(2);
        }
        final List<String> decisions = listener.decisions();
        for (int i = 0; i < decisions.size(); i++)
        {
            assertTrue(decisions.get(i).startsWith((i + 1) + " "), decisions.toString());
        }
        assertEquals(2, decisions.stream().filter(text -> text.contains("PLACED")).count(), decisions.toString());
    }

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldExposeTheKernelOnlyAfterClose(final EngineThreading threading)
    {
        final AllocatorEngine engine = AllocatorEngine.builder(config()).threading(threading).build().start();
        assertThrows(IllegalStateException.class, engine::kernelAfterClose);
        engine.close();
        assertThrows(IllegalStateException.class, () -> engine.client().submit(0, vector(1, 1), 1));
        assertEquals(0, engine.kernelAfterClose().view().agentCount());
    }

    private static long decisionNumber(final String decision)
    {
        return Long.parseLong(decision.substring(0, decision.indexOf(' ')));
    }
}
