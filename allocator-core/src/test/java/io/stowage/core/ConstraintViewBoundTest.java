package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.stowage.core.KernelFixture.SCHEMA;
import static io.stowage.core.KernelFixture.units;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A constrained decision must not walk the agents its constraint excludes: when the excluded agents are the ones
 * binpack prefers (busy GPU hosts with room left, in fuller buckets than every allowed agent), a search through the
 * constraint's view examines a small multiple of log2(agents) index nodes, where filtering candidates one by one
 * examines every excluded agent. Counts nodes, not time.
 */
class ConstraintViewBoundTest
{
    private static final int AGENTS = 20_000;
    private static final int DEPTH = 15;
    private static final int DECISIONS = 200;

    @Test
    void shouldExamineLogarithmicallyManyNodesWhateverTheConstraintExcludes()
    {
        final long withViews = worstNodesPerDecision(true);
        final long filtering = worstNodesPerDecision(false);
        System.out.println("ConstraintViewBoundTest: at most " + withViews + " index nodes per constrained decision " +
            "with views, " + filtering + " when filtering candidates one by one");
        assertTrue(withViews <= 4 * DEPTH, "examined " + withViews + " nodes for one decision");
        assertTrue(filtering > AGENTS / 20, "the excluded GPU hosts should be in every filtering search's way");
    }

    private static long worstNodesPerDecision(final boolean views)
    {
        final KernelFixture f = new KernelFixture(
            KernelConfig.builder(SCHEMA).maxAgents(AGENTS).maxTasks(AGENTS * 4).build());
        if (!views)
        {
            f.kernel.constraintViews().limit(0);
        }
        for (int i = 0; i < AGENTS; i++)
        {
            final Map<String, String> attributes = i % 10 == 0 ? Map.of("gpu", "true") : Map.of("gpu", "false");
            assertEquals(Reason.OK, f.kernel.registerAgent("a" + i, units(4, 16), attributes, 0));
        }
        // Every GPU host half busy (one 2-CPU task each): in bucket 32, with room for a 1-CPU task.
        final int onGpuHosts = f.kernel.internConstraints(List.of(Constraint.eq("gpu", "true"),
            Constraint.maxPerAgent(1)));
        for (int i = 0; i < AGENTS / 10; i++)
        {
            f.request.reset(f.framework).resources(units(2, 8)).constraints(onGpuHosts);
            assertTrue(f.kernel.place(f.request, 0, f.decision).isPlaced(), "GPU host task " + i);
        }
        final int offGpuHosts = f.kernel.internConstraints(List.of(Constraint.ne("gpu", "true")));
        long worst = 0;
        for (int i = 0; i < DECISIONS; i++)
        {
            f.request.reset(f.framework).resources(units(1, 1)).constraints(offGpuHosts);
            final long before = f.kernel.placementIndexNodesVisited();
            final Decision decision = f.kernel.place(f.request, 0, f.decision);
            worst = Math.max(worst, f.kernel.placementIndexNodesVisited() - before);
            assertTrue(decision.isPlaced(), "decision " + i);
            assertEquals("false", f.kernel.view().agentAttributes(decision.agentSlot()).get("gpu"));
        }
        f.assertInvariants();
        return worst;
    }
}
