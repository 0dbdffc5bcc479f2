package io.stowage.examples;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link EmbedKernel} prints the same story every run: the kernel is deterministic. */
class EmbedKernelTest
{
    @Test
    void shouldPlaceTheQueuedTasksOnTheExpectedAgentsAndNameTheRefusal() throws Exception
    {
        final List<String> lines = ExampleOutput.capture(() -> EmbedKernel.main(new String[0]));

        assertEquals(List.of(
            // One round, in weighted DRF order; SPREAD puts each task on the least used agent that fits it.
            "placed a task of reports on agent-c",      // the only agent with a GPU
            "placed a task of shop on agent-a",
            "placed a task of shop on agent-b",
            "placed a task of shop on agent-a",         // constrained to zone east
            "the round placed 4 tasks",
            "finishing the first task: OK",
            "a task asking for 2 gpus: NOT_PLACEABLE, INSUFFICIENT_CAPACITY",
            "agent-a runs 1 task(s)",
            "agent-b runs 1 task(s)",
            "agent-c runs 1 task(s)"), lines);
    }
}
