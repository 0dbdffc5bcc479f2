package io.stowage.examples;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link AskRunningEngine} gets the same answers every run: they are consistent with the inputs before the query. */
class AskRunningEngineTest
{
    @Test
    void shouldSayWhyEachTaskIsStillPending() throws Exception
    {
        assertEquals(List.of(
            "task 1: NO_FIT on mem",
            "task 2: QUEUED_BEHIND behind task 1",
            "task 3: CONSTRAINT",
            "task 4: SUPPRESSED"), ExampleOutput.capture(() -> AskRunningEngine.main(new String[0])));
    }
}
