package io.stowage.examples;

import io.stowage.engine.CounterFamily;
import io.stowage.engine.EngineCountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link EmbedEngine} places every task submitted from its scheduler threads, shuts the engine down with nothing left
 * running on its threads, leaves the counters file behind, and shows that a call after close throws.
 */
class EmbedEngineTest
{
    @TempDir
    Path counters;

    @Test
    void shouldPlaceFromSeveralThreadsShutDownCleanlyAndRefuseACallAfterClose() throws Exception
    {
        final List<String> lines = ExampleOutput.capture(() -> EmbedEngine.main(new String[]{counters.toString()}));

        assertEquals(List.of(
            "counters in " + counters + "; watch them with: ./stowage stat " + counters,
            "all 12 tasks placed: true",
            "closed; the kernel holds 12 running tasks",
            "counters file: 12 submits, 12 placed",
            "a submit after close throws IllegalStateException: engine is closed"), lines);
        assertTrue(Thread.getAllStackTraces().keySet().stream()
            .noneMatch(thread -> thread.getName().startsWith("stowage-engine") && thread.isAlive()),
            "an engine thread outlived close()");
        try (EngineCountersReader reader = EngineCountersReader.map(counters))
        {
            assertEquals(12, reader.value(CounterFamily.DECISIONS, "queued"));
            assertEquals(0, reader.value(CounterFamily.ERRORS, "kernel"));
            assertEquals(0, reader.value(CounterFamily.ERRORS, "journal"));
        }
    }
}
