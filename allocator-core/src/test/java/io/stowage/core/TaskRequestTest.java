package io.stowage.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskRequestTest
{
    private static final ResourceSchema SCHEMA = ResourceSchema.of("cpus", "mem", "gpus");
    private static final long GIB = 1024 * Quantities.SCALE;

    @Test
    void shouldSetResourcesFromTextInTheSchemasUnits()
    {
        final TaskRequest request = new TaskRequest(SCHEMA).reset(7).resources("cpus=1 mem=2GiB");
        assertEquals(1_000, request.resource(0));
        assertEquals(2 * GIB, request.resource(1));
        assertEquals(0, request.resource(2));
        assertTrue(request.hasResources());
        assertEquals(7, request.framework());
    }

    @Test
    void shouldSetOneResourceFromAnAmountInItsUnit()
    {
        final TaskRequest request = new TaskRequest(SCHEMA).reset(0).resource("mem", "512MiB").resource("gpus", "1");
        assertEquals(0, request.resource(0));
        assertEquals(512 * Quantities.SCALE, request.resource(1));
        assertEquals(1_000, request.resource(2));
    }

    @Test
    void shouldLeaveTheRequestUnchangedWhenTheTextIsRefused()
    {
        final TaskRequest request = new TaskRequest(SCHEMA).reset(0);
        assertEquals("mem: negative quantity \"-1GiB\"",
            assertThrows(IllegalArgumentException.class, () -> request.resources("cpus=1 mem=-1GiB")).getMessage());
        assertEquals("unknown resource \"cpu\"",
            assertThrows(IllegalArgumentException.class, () -> request.resource("cpu", "1")).getMessage());
        assertEquals(0, request.resource(0));
        assertFalse(request.hasResources());
    }

    @Test
    void shouldPlaceARequestWrittenWithUnits()
    {
        final AllocatorKernel kernel = new AllocatorKernel(
            KernelConfig.builder(SCHEMA).maxAgents(4).maxTasks(4).build(), DecisionListener.NONE);
        final int framework = kernel.registerFramework("F");
        assertEquals(Reason.OK, kernel.registerAgent("a", SCHEMA.vector("cpus=4 mem=8GiB gpus=1"),
            java.util.Map.of(), 0));
        final Decision decision = new Decision();
        kernel.place(new TaskRequest(SCHEMA).reset(framework).resources("cpus=1 mem=8GiB gpus=1"), 0, decision);
        assertEquals(DecisionKind.PLACED, decision.kind());
        kernel.place(new TaskRequest(SCHEMA).reset(framework).resources("cpus=1 mem=1MiB"), 0, decision);
        assertEquals(DecisionKind.NOT_PLACEABLE, decision.kind(), "8 GiB of 8 GiB is taken");
    }
}
