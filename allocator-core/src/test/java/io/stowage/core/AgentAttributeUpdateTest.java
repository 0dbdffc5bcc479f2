package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.stowage.core.KernelFixture.SCHEMA;
import static io.stowage.core.KernelFixture.units;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AllocatorKernel#updateAttributes}: an accepted update moves the agent in every structure keyed by attributes
 * (constraint views, spread tallies, the interner's set members) so that later decisions see the new attributes,
 * while the tasks already running stay; a refused update changes nothing but the refusal counter.
 */
class AgentAttributeUpdateTest
{
    private static int register(final KernelFixture f, final String id, final Map<String, String> attributes)
    {
        assertEquals(Reason.OK, f.kernel.registerAgent(id, units(8, 16), attributes, 0));
        return f.kernel.view().agentSlot(id);
    }

    private static Decision place(final KernelFixture f, final int constraints)
    {
        f.request.reset(f.framework).resources(units(1, 1)).constraints(constraints);
        return f.kernel.place(f.request, 0, f.decision);
    }

    @Test
    void shouldMatchTheNewValueAndNotTheOldOneWithViews()
    {
        shouldMatchTheNewValueAndNotTheOldOne(KernelFixture.binpack());
    }

    @Test
    void shouldMatchTheNewValueAndNotTheOldOneWhenFiltering()
    {
        final KernelFixture f = KernelFixture.binpack();
        f.kernel.constraintViews().limit(0);
        shouldMatchTheNewValueAndNotTheOldOne(f);
    }

    private static void shouldMatchTheNewValueAndNotTheOldOne(final KernelFixture f)
    {
        final int a = register(f, "a", Map.of("zone", "z1", "rack", "r1"));
        final int b = register(f, "b", Map.of("zone", "z2"));
        final int inZ1 = f.kernel.internConstraints(List.of(Constraint.eq("zone", "z1")));
        final int inZ3 = f.kernel.internConstraints(List.of(Constraint.eq("zone", "z3")));
        final int notZ1 = f.kernel.internConstraints(List.of(Constraint.ne("zone", "z1")));
        // Searched before the update, so that the views exist and must follow the agent.
        assertEquals(a, place(f, inZ1).agentSlot());
        assertEquals(DecisionKind.NOT_PLACEABLE, place(f, inZ3).kind());
        assertEquals(b, place(f, notZ1).agentSlot());

        assertEquals(Reason.OK, f.kernel.updateAttributes(a, Map.of("zone", "z3")));

        assertEquals(Map.of("zone", "z3"), f.kernel.view().agentAttributes(a));
        assertEquals(DecisionKind.NOT_PLACEABLE, place(f, inZ1).kind(), "no agent holds zone z1 any more");
        assertEquals(a, place(f, inZ3).agentSlot());
        final Decision notInZ1 = place(f, notZ1);
        assertTrue(notInZ1.agentSlot() == a || notInZ1.agentSlot() == b, notInZ1.toString());
        f.assertInvariants();
    }

    @Test
    void shouldKeepRunningTasksWhoseConstraintsNoLongerHold()
    {
        final KernelFixture f = KernelFixture.binpack();
        final int a = register(f, "a", Map.of("zone", "z1"));
        final int inZ1 = f.kernel.internConstraints(List.of(Constraint.eq("zone", "z1")));
        final long task = place(f, inZ1).taskId();

        assertEquals(Reason.OK, f.kernel.updateAttributes(a, Map.of("zone", "z2")));

        assertTrue(f.kernel.view().isRunning(task), "constraints are checked at placement only");
        assertEquals(a, f.kernel.view().taskAgent(task));
        assertEquals(1000, f.kernel.view().agentAllocated(a, 0));
        f.assertInvariants();
        assertEquals(Reason.OK, f.kernel.finish(task));
        f.assertInvariants();
    }

    @Test
    void shouldMoveRunningTasksToTheNewValueInTheSpreadTally()
    {
        shouldMoveRunningTasksInTheSpreadTally(KernelFixture.binpack());
    }

    @Test
    void shouldMoveRunningTasksToTheNewValueInTheSpreadTallyWhenFiltering()
    {
        final KernelFixture f = KernelFixture.spread();
        f.kernel.constraintViews().limit(0);
        shouldMoveRunningTasksInTheSpreadTally(f);
    }

    private static void shouldMoveRunningTasksInTheSpreadTally(final KernelFixture f)
    {
        final int a = register(f, "a", Map.of("zone", "z1"));
        final int b = register(f, "b", Map.of("zone", "z2"));
        final int c = register(f, "c", Map.of("zone", "z3"));
        final int spread = f.kernel.internConstraints(List.of(Constraint.spread("zone")));
        assertEquals(a, place(f, spread).agentSlot(), "every zone is empty: the first by name");
        assertEquals(b, place(f, spread).agentSlot());
        // Tasks per zone: z1 1, z2 1, z3 0. Relabelling a moves its task from z1 to z3: z1 0 (no agent), z2 1, z3 1.
        assertEquals(Reason.OK, f.kernel.updateAttributes(a, Map.of("zone", "z3")));

        final AttributeInterner attributes = f.kernel.attributeInterner();
        final SpreadTally tally = f.kernel.constraintViews().tally(f.framework, 0, attributes.nameId("zone"));
        assertEquals(0, tally.count(attributes.valueId("z1")));
        assertEquals(1, tally.count(attributes.valueId("z2")));
        assertEquals(1, tally.count(attributes.valueId("z3")));
        f.assertInvariants();

        // z2 and z3 tie at one task each, z2 first by name; a stale tally (z1 1, z3 0) would choose z3.
        assertEquals(b, place(f, spread).agentSlot());
        assertEquals(0, f.kernel.view().agentTaskCount(c));
        f.assertInvariants();
    }

    @Test
    void shouldMoveTasksOutOfTheTallyWhenTheAttributeIsRemoved()
    {
        final KernelFixture f = KernelFixture.binpack();
        final int a = register(f, "a", Map.of("zone", "z1"));
        final int b = register(f, "b", Map.of("zone", "z2"));
        final int spread = f.kernel.internConstraints(List.of(Constraint.spread("zone")));
        assertEquals(a, place(f, spread).agentSlot());
        assertEquals(b, place(f, spread).agentSlot());
        assertEquals(Reason.OK, f.kernel.updateAttributes(b, Map.of("rack", "r1")));
        f.assertInvariants();
        // z1 holds one task and z2 no agent: a is the only agent a spread over zones may use.
        assertEquals(a, place(f, spread).agentSlot());
        assertEquals(Reason.OK, f.kernel.updateAttributes(b, Map.of("zone", "z2", "rack", "r1")));
        f.assertInvariants();
        // z1 two tasks, z2 one (b's task counts under z2 again).
        assertEquals(b, place(f, spread).agentSlot());
        f.assertInvariants();
    }

    @Test
    void shouldKeepMaxPerAgentCountsWithTheAgent()
    {
        final KernelFixture f = KernelFixture.binpack();
        final int a = register(f, "a", Map.of("zone", "z1"));
        final int b = register(f, "b", Map.of("zone", "z1"));
        final int onePerAgentInZ1 = f.kernel.internConstraints(
            List.of(Constraint.eq("zone", "z1"), Constraint.maxPerAgent(1)));
        final int first = place(f, onePerAgentInZ1).agentSlot();
        final int other = first == a ? b : a;
        assertEquals(Reason.OK, f.kernel.updateAttributes(first, Map.of("zone", "z2")));
        assertEquals(Reason.OK, f.kernel.updateAttributes(first, Map.of("zone", "z1")));
        f.assertInvariants();
        assertEquals(other, place(f, onePerAgentInZ1).agentSlot(), "the first agent still runs one such task");
        assertEquals(DecisionKind.NOT_PLACEABLE, place(f, onePerAgentInZ1).kind());
        f.assertInvariants();
    }

    @Test
    void shouldLetPreemptionAndTheAutoscalingSignalSeeTheNewAttributes()
    {
        final KernelFixture f = new KernelFixture(KernelConfig.builder(SCHEMA).maxAgents(8).preemption(true).build());
        final int a = register(f, "a", Map.of("zone", "z1"));
        f.request.reset(f.framework).resources(units(8, 16)).priority(0);
        assertEquals(DecisionKind.QUEUED, f.kernel.submit(f.request, 0, f.decision).kind());
        assertEquals(1, f.kernel.allocate(0));
        final int inZ2 = f.kernel.internConstraints(List.of(Constraint.eq("zone", "z2")));
        f.request.reset(f.framework).resources(units(4, 4)).priority(5).constraints(inZ2);
        assertEquals(DecisionKind.QUEUED, f.kernel.submit(f.request, 0, f.decision).kind());
        assertEquals(0, f.kernel.allocate(0), "no agent in z2 to preempt on");
        final long[] demand = new long[2];
        assertEquals(1, f.kernel.view().unplaceableDemand(f.framework, demand));

        assertEquals(Reason.OK, f.kernel.updateAttributes(a, Map.of("zone", "z2")));

        assertEquals(0, f.kernel.view().unplaceableDemand(f.framework, demand));
        assertEquals(1, f.kernel.allocate(0));
        assertEquals(1, f.kernel.view().endedTasks(TaskEndCause.PREEMPTED));
        f.assertInvariants();
    }

    @Test
    void shouldRefuseAnUnknownAgentAndChangeNothingElse()
    {
        final KernelFixture f = KernelFixture.binpack();
        final KernelFixture twin = KernelFixture.binpack();
        for (final KernelFixture k : List.of(f, twin))
        {
            register(k, "a", Map.of("zone", "z1"));
            final int removed = register(k, "b", Map.of("zone", "z2"));
            assertEquals(Reason.OK, k.kernel.removeAgent(removed));
        }
        final int removed = f.kernel.view().agentSlot("a") == 0 ? 1 : 0;
        final int sets = f.kernel.attributeSetCount();
        final List<Integer> unknown = List.of(-1, removed, 64, Integer.MAX_VALUE);
        for (final int slot : unknown)
        {
            assertEquals(Reason.UNKNOWN_AGENT, f.kernel.updateAttributes(slot, Map.of("zone", "z9")));
            // The same refusal by another command, so the twin's counters match.
            assertEquals(Reason.UNKNOWN_AGENT, twin.kernel.drain(slot));
        }
        assertEquals(unknown.size(), f.kernel.view().refusals(Reason.UNKNOWN_AGENT));
        assertEquals(sets, f.kernel.attributeSetCount(), "nothing interned");
        assertEquals(twin.kernel.view().stateHash(), f.kernel.view().stateHash());
        f.assertInvariants();
    }

    @Test
    void shouldRefuseInvalidAttributesAndChangeNothingElse()
    {
        final KernelFixture f = KernelFixture.binpack();
        final KernelFixture twin = KernelFixture.binpack();
        final int inZ1 = f.kernel.internConstraints(List.of(Constraint.eq("zone", "z1")));
        assertEquals(inZ1, twin.kernel.internConstraints(List.of(Constraint.eq("zone", "z1"))));
        for (final KernelFixture k : List.of(f, twin))
        {
            register(k, "a", Map.of("zone", "z1"));
            assertTrue(place(k, inZ1).isPlaced());
        }
        final int a = f.kernel.view().agentSlot("a");
        final Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i <= KernelConfig.MAX_ATTRIBUTES_PER_AGENT; i++)
        {
            tooMany.put("k" + i, "v");
        }
        final Map<String, String> nullValue = new HashMap<>();
        nullValue.put("zone", null);
        final Map<String, String> nullName = new HashMap<>();
        nullName.put(null, "z2");
        final Map<String, String> blankAmongGood = new TreeMap<>(Map.of("zone", "z2", "", "v"));
        final List<Map<String, String>> invalid = new ArrayList<>();
        invalid.add(null);
        invalid.add(tooMany);
        invalid.add(Map.of(" ", "v"));
        invalid.add(Map.of("\t", "v"));
        invalid.add(blankAmongGood);
        invalid.add(nullValue);
        invalid.add(nullName);
        final int sets = f.kernel.attributeSetCount();
        for (final Map<String, String> attributes : invalid)
        {
            assertEquals(Reason.INVALID_ATTRIBUTES, f.kernel.updateAttributes(a, attributes), String.valueOf(attributes));
            // The same refusal by registration, so the twin's counters match.
            assertEquals(Reason.INVALID_ATTRIBUTES, twin.kernel.registerAgent("x", units(1, 1), attributes, 0));
        }
        assertEquals(invalid.size(), f.kernel.view().refusals(Reason.INVALID_ATTRIBUTES));
        assertEquals(Map.of("zone", "z1"), f.kernel.view().agentAttributes(a));
        assertEquals(sets, f.kernel.attributeSetCount(), "nothing interned");
        assertEquals(twin.kernel.view().stateHash(), f.kernel.view().stateHash());
        assertEquals(a, place(f, inZ1).agentSlot(), "the agent still matches its old attributes");
        f.assertInvariants();
    }

    @Test
    void shouldRefuseAnUpdateOfAnUnknownAgentBeforeLookingAtTheAttributes()
    {
        final KernelFixture f = KernelFixture.binpack();
        assertEquals(Reason.UNKNOWN_AGENT, f.kernel.updateAttributes(3, null));
    }

    @Test
    void shouldHashTheNewAttributesAndComeBackToTheSameHash()
    {
        final KernelFixture f = KernelFixture.binpack();
        final int a = register(f, "a", Map.of("zone", "z1", "rack", "r1"));
        f.placeOrFail(1, 1);
        final long before = f.kernel.view().stateHash();
        assertEquals(Reason.OK, f.kernel.updateAttributes(a, new TreeMap<>(Map.of("rack", "r1", "zone", "z1"))));
        assertEquals(before, f.kernel.view().stateHash(), "the same attributes: nothing changes");
        assertEquals(Reason.OK, f.kernel.updateAttributes(a, Map.of("zone", "z2", "rack", "r1")));
        final long moved = f.kernel.view().stateHash();
        assertNotEquals(before, moved);
        assertEquals(Reason.OK, f.kernel.updateAttributes(a, Map.of()));
        assertEquals(Map.of(), f.kernel.view().agentAttributes(a));
        assertNotEquals(moved, f.kernel.view().stateHash());
        assertEquals(Reason.OK, f.kernel.updateAttributes(a, Map.of("zone", "z1", "rack", "r1")));
        assertEquals(before, f.kernel.view().stateHash(), "back to the first attributes: back to the first hash");
        f.assertInvariants();
    }
}
