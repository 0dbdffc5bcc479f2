package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.stowage.core.KernelFixture.SCHEMA;
import static io.stowage.core.KernelFixture.units;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The placement index must not scan agents: the number of index nodes a decision examines stays within a small
 * multiple of log2(agents) when most agents are full or too small for the request. Counts nodes, not time.
 */
class PlacementIndexBoundTest
{
    private static final int AGENTS = 100_000;
    private static final int DEPTH = 17;

    @Test
    void shouldExamineLogarithmicallyManyNodesWhenMostAgentsAreFull()
    {
        for (final PlacementPolicy policy : PlacementPolicy.values())
        {
            final KernelFixture f = new KernelFixture(
                KernelConfig.builder(SCHEMA).placement(policy).maxAgents(AGENTS).maxTasks(AGENTS * 2).build());
            for (int i = 0; i < AGENTS; i++)
            {
                f.agent("a" + i, 4, 16);
            }
            // Fill 99% of agents completely, leaving every hundredth one empty.
            for (int i = 0; i < AGENTS; i += 100)
            {
                f.kernel.drain(f.kernel.view().agentSlot("a" + i));
            }
            for (int i = 0; i < AGENTS - AGENTS / 100; i++)
            {
                assertTrue(f.place(4, 16).isPlaced());
            }
            for (int i = 0; i < AGENTS; i += 100)
            {
                f.kernel.undrain(f.kernel.view().agentSlot("a" + i));
            }
            long worst = 0;
            for (int i = 0; i < AGENTS / 100; i++)
            {
                final long before = f.kernel.placementIndexNodesVisited();
                assertTrue(f.place(4, 16).isPlaced(), policy + " placement " + i);
                worst = Math.max(worst, f.kernel.placementIndexNodesVisited() - before);
            }
            System.out.println(policy + ": at most " + worst + " index nodes examined per decision, 99% of agents full");
            assertTrue(worst <= 4 * DEPTH, policy + " examined " + worst + " nodes for one decision");
            final long before = f.kernel.placementIndexNodesVisited();
            assertEquals(Reason.INSUFFICIENT_CAPACITY, f.place(1, 1).reason());
            assertTrue(f.kernel.placementIndexNodesVisited() - before <= 4 * DEPTH, "a request no agent can take now");
            f.assertInvariants();
        }
    }

    @Test
    void shouldSkipAgentsFullInOneDimensionInBulk()
    {
        for (final PlacementPolicy policy : PlacementPolicy.values())
        {
            final KernelFixture f = new KernelFixture(
                KernelConfig.builder(SCHEMA).placement(policy).maxAgents(AGENTS).maxTasks(AGENTS * 2).build());
            for (int i = 0; i < AGENTS; i++)
            {
                f.kernel.drain(f.agent("a" + i, 16, 64));
            }
            // Even agents end full in cpus with memory to spare, odd agents full in memory with cpus to spare.
            for (int i = 0; i < AGENTS; i++)
            {
                final int slot = f.kernel.view().agentSlot("a" + i);
                f.kernel.undrain(slot);
                assertTrue(i % 2 == 0 ? f.place(16, 1).isPlaced() : f.place(1, 64).isPlaced());
                f.kernel.drain(slot);
            }
            for (int i = 0; i < AGENTS; i++)
            {
                f.kernel.undrain(f.kernel.view().agentSlot("a" + i));
            }
            final long before = f.kernel.placementIndexNodesVisited();
            assertEquals(Reason.INSUFFICIENT_CAPACITY, f.place(0.5, 0.5).reason());
            final long visited = f.kernel.placementIndexNodesVisited() - before;
            System.out.println(policy + ": " + visited + " index nodes examined to find that no agent fits");
            assertTrue(visited <= 4 * DEPTH, policy + " examined " + visited + " nodes");
            f.assertInvariants();
        }
    }

    @Test
    void shouldRejectARequestLargerThanEveryAgentAtTheRoot()
    {
        final KernelFixture f = new KernelFixture(KernelConfig.builder(SCHEMA).maxAgents(AGENTS).build());
        for (int i = 0; i < AGENTS; i++)
        {
            assertEquals(Reason.OK, f.kernel.registerAgent(i, units(4 + i % 8, 16), Map.of(), 0));
        }
        final long before = f.kernel.placementIndexNodesVisited();
        assertEquals(Reason.INSUFFICIENT_CAPACITY, f.place(12, 1).reason());
        assertEquals(1, f.kernel.placementIndexNodesVisited() - before);
    }
}
