package io.stowage.examples;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link RebuildAfterRestart} prints the same story every run. */
class RebuildAfterRestartTest
{
    @Test
    void shouldRebuildTheKernelFromTheSchedulersRecords() throws Exception
    {
        assertEquals(List.of(
            "agent-a adopted: OK",
            "agent-b adopted: OK",
            "agent-b is OVERCOMMITTED",               // its recorded 6 cpus exceed its 4
            "an adopted key is taken: DUPLICATE_KEY",
            "launch 4 on slot 0",                     // agent-a has room; agent-b takes nothing
            "the first round after the restart placed 1",
            "batch finishes task 3: OK",
            "agent-b is ACTIVE; running tasks: 3, of which adopted: 3"),
            ExampleOutput.capture(() -> RebuildAfterRestart.main(new String[0])));
    }
}
