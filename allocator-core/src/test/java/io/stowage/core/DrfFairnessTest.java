package io.stowage.core;

import org.junit.jupiter.api.Test;

import static io.stowage.core.KernelFixture.SCHEMA;
import static io.stowage.core.KernelFixture.units;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Seed root cause "DRF limitations": DRF orders tenants but must not be what prevents overload, so feasibility
 * checks every dimension; and the allocation round serves roles and frameworks in weighted DRF order.
 */
class DrfFairnessTest
{
    @Test
    void shouldReproduceTheDrfPaperExample()
    {
        final KernelFixture f = KernelFixture.binpack();
        final int a = f.kernel.registerFramework("A");
        final int b = f.kernel.registerFramework("B");
        f.agent("m", 9, 18);
        f.submitMany(a, 100, 1, 4, 0);
        f.submitMany(b, 100, 3, 1, 0);
        assertEquals(5, f.kernel.allocate(0));
        assertEquals(3, f.kernel.view().frameworkRunning(a));
        assertEquals(2, f.kernel.view().frameworkRunning(b));
        assertEquals(2.0 / 3, f.kernel.view().frameworkShare(a), 1e-9);
        assertEquals(2.0 / 3, f.kernel.view().frameworkShare(b), 1e-9);
        f.assertInvariants();
    }

    @Test
    void shouldGiveAHeavierRoleProportionallyMore()
    {
        final KernelFixture f = KernelFixture.binpack();
        assertEquals(Reason.OK, f.kernel.setRole("gold", 2, null, null));
        final int gold = f.kernel.registerFramework("G", "gold", -1, 0, -1);
        final int plain = f.kernel.registerFramework("P", "plain", -1, 0, -1);
        f.agent("a", 30, 30);
        f.submitMany(gold, 100, 1, 1, 0);
        f.submitMany(plain, 100, 1, 1, 0);
        f.kernel.allocate(0);
        assertEquals(20, f.kernel.view().frameworkRunning(gold));
        assertEquals(10, f.kernel.view().frameworkRunning(plain));
        f.assertInvariants();
    }

    @Test
    void shouldIgnoreExcludedDimensionsInShares()
    {
        final ResourceSchema schema = ResourceSchema.of("cpus", "gpus");
        final AllocatorKernel kernel = new AllocatorKernel(
            KernelConfig.builder(schema).maxAgents(4).fairnessExcluded(1).build());
        final int fw = kernel.registerFramework("F");
        kernel.registerAgent("a", units(10, 4), java.util.Map.of(), 0);
        final TaskRequest request = new TaskRequest(schema).reset(fw).resources(units(1, 4));
        assertTrue(kernel.place(request, 0, new Decision()).isPlaced());
        assertEquals(0.1, kernel.view().frameworkShare(fw), 1e-9, "gpus would make it 1.0");
    }

    @Test
    void shouldBreakShareTiesByFewerTasksPlacedThenByName()
    {
        final KernelFixture f = KernelFixture.binpack();
        final int b = f.kernel.registerFramework("B");
        final int a = f.kernel.registerFramework("A");
        f.agent("m", 1, 1);
        f.submitMany(b, 1, 1, 1, 0);
        f.submitMany(a, 1, 1, 1, 0);
        f.kernel.allocate(0);
        assertEquals(1, f.kernel.view().frameworkRunning(a), "equal shares and counts: A before B by name");
        assertEquals(0, f.kernel.view().frameworkRunning(b));
    }

    @Test
    void shouldServeHigherPriorityTasksFirstAcrossFrameworks()
    {
        final KernelFixture f = KernelFixture.binpack();
        final int low = f.kernel.registerFramework("low");
        final int high = f.kernel.registerFramework("high");
        f.agent("m", 2, 2);
        f.submitMany(low, 2, 1, 1, 0);
        f.request.reset(high).resources(units(1, 1)).priority(5);
        f.kernel.submit(f.request, 0, f.decision);
        f.placeOrFail(1, 1);
        f.kernel.allocate(0);
        assertEquals(1, f.kernel.view().frameworkRunning(high));
        assertEquals(0, f.kernel.view().frameworkRunning(low));
        assertEquals(2, f.kernel.view().frameworkPending(low));
    }
}
