package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SmokeTest
{
    @Test
    void shouldPlaceAndFinish()
    {
        final ResourceSchema schema = ResourceSchema.of("cpus", "mem");
        final AllocatorKernel kernel = new AllocatorKernel(KernelConfig.builder(schema).maxAgents(100).build());
        final int fw = kernel.registerFramework("F");
        for (int i = 0; i < 50; i++)
        {
            assertEquals(Reason.OK, kernel.registerAgent("a" + i, new long[]{4000, 8000}, Map.of("zone", "z" + (i % 3)), 0));
        }
        final TaskRequest req = new TaskRequest(schema).reset(fw).resource(0, 1000).resource(1, 1000);
        final Decision d = new Decision();
        int placed = 0;
        while (kernel.place(req, 1, d).isPlaced())
        {
            placed++;
            assertTrue(InvariantChecker.check(kernel).isEmpty(), () -> InvariantChecker.check(kernel).toString());
        }
        assertEquals(200, placed);
        assertEquals(Reason.INSUFFICIENT_CAPACITY, d.reason());
        assertEquals(Reason.OK, kernel.removeAgent(kernel.agentSlot("a3")));
        assertTrue(InvariantChecker.check(kernel).isEmpty(), () -> InvariantChecker.check(kernel).toString());
        assertEquals(196, kernel.runningTaskCount());
    }
}
