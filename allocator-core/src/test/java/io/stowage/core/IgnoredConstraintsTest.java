package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.stowage.core.KernelFixture.SCHEMA;
import static io.stowage.core.KernelFixture.units;
import static org.junit.jupiter.api.Assertions.*;

/** Seed root cause "ignoring constraints/attributes": constraints are validated and are part of feasibility. */
class IgnoredConstraintsTest
{
    private final KernelFixture f = new KernelFixture(KernelConfig.builder(SCHEMA).maxAgents(2048).build());

    private void agent(final String id, final Map<String, String> attributes)
    {
        assertEquals(Reason.OK, f.kernel.registerAgent(id, units(4, 4), attributes, 0));
    }

    private Decision place(final List<Constraint> constraints, final String label)
    {
        final int set = f.kernel.internConstraints(constraints);
        assertTrue(set >= 0);
        f.request.reset(f.framework).resources(units(1, 1)).constraints(set).label(f.kernel.internLabel(label));
        return f.kernel.place(f.request, 0, f.decision);
    }

    private String placedOn(final List<Constraint> constraints)
    {
        final Decision d = place(constraints, "");
        assertTrue(d.isPlaced(), d.toString());
        return f.kernel.view().agentId(d.agentSlot());
    }

    @Test
    void shouldHonourAttributePredicates()
    {
        agent("a", Map.of("zone", "z1", "rack", "r1"));
        agent("b", Map.of("zone", "z2", "rack", "r9", "gpu-model", "a100"));
        agent("c", Map.of("zone", "z3"));
        assertEquals("b", placedOn(List.of(Constraint.eq("zone", "z2"))));
        assertEquals("c", placedOn(List.of(Constraint.in("zone", List.of("z3", "z4")))));
        assertEquals("b", placedOn(List.of(Constraint.exists("gpu-model"))));
        for (int i = 0; i < 6; i++)
        {
            assertNotEquals("b", placedOn(List.of(Constraint.ne("rack", "r9"))));
        }
        for (int i = 0; i < 2; i++)
        {
            assertEquals("b", placedOn(List.of(Constraint.notIn("zone", List.of("z1", "z3")))));
        }
        assertEquals(Reason.INSUFFICIENT_CAPACITY, place(List.of(Constraint.eq("zone", "z9")), "").reason());
        f.assertInvariants();
    }

    @Test
    void shouldLimitTasksOfAFrameworkAndLabelPerAgent()
    {
        agent("a", Map.of());
        agent("b", Map.of());
        final List<Constraint> onePerAgent = List.of(Constraint.maxPerAgent(1));
        final String first = f.kernel.view().agentId(place(onePerAgent, "web").agentSlot());
        final String second = f.kernel.view().agentId(place(onePerAgent, "web").agentSlot());
        assertNotEquals(first, second);
        assertEquals(Reason.INSUFFICIENT_CAPACITY, place(onePerAgent, "web").reason());
        assertTrue(place(onePerAgent, "db").isPlaced(), "another label is counted apart");
    }

    @Test
    void shouldSpreadOverAttributeValues()
    {
        agent("a", Map.of("zone", "z1"));
        agent("b", Map.of("zone", "z1"));
        agent("c", Map.of("zone", "z2"));
        final List<Constraint> spread = List.of(Constraint.spread("zone"));
        assertEquals("z1", zoneOf(place(spread, "web")));
        assertEquals("z2", zoneOf(place(spread, "web")));
        assertEquals("z1", zoneOf(place(spread, "web")));
        assertEquals("z2", zoneOf(place(spread, "web")));
    }

    private String zoneOf(final Decision d)
    {
        assertTrue(d.isPlaced(), d.toString());
        return f.kernel.view().agentAttributes(d.agentSlot()).get("zone");
    }

    @Test
    void shouldExamineLogarithmicallyManyIndexNodesForASelectiveConstraint()
    {
        for (int i = 0; i < 2000; i++)
        {
            agent("h" + i, i < 10 ? Map.of("gpu-model", "a100") : Map.of("zone", "z" + (i % 3)));
        }
        // The constraint's view holds only the 10 matching agents: each decision is one descent of a tree of 2,048
        // leaves (11 levels), never a walk past the 1,990 agents that do not match.
        final long before = f.kernel.placementIndexNodesVisited();
        for (int i = 0; i < 40; i++)
        {
            assertTrue(place(List.of(Constraint.exists("gpu-model")), "").isPlaced());
        }
        final long perDecision = (f.kernel.placementIndexNodesVisited() - before) / 40;
        assertTrue(perDecision <= 4 * 11, "index nodes per decision: " + perDecision);
        assertEquals(Reason.INSUFFICIENT_CAPACITY, place(List.of(Constraint.exists("gpu-model")), "").reason());
        f.assertInvariants();
    }

    @Test
    void shouldRejectMalformedConstraints()
    {
        assertEquals(-1, f.kernel.internConstraints(List.of(new Constraint(null, "zone", List.of("z1"), 0))));
        assertEquals(-1, f.kernel.internConstraints(List.of(new Constraint(Constraint.Op.IN, "zone", List.of(), 0))));
        assertEquals(-1, f.kernel.internConstraints(List.of(new Constraint(Constraint.Op.EQ, null, List.of("x"), 0))));
        assertEquals(-1, f.kernel.internConstraints(List.of(Constraint.maxPerAgent(0))));
        f.request.reset(f.framework).resources(units(1, 1)).constraints(12345);
        assertEquals(Reason.INVALID_REQUEST, f.kernel.submit(f.request, 0, f.decision).reason());
    }
}
