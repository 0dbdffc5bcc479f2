package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.stowage.core.KernelFixture.SCHEMA;
import static io.stowage.core.KernelFixture.units;
import static org.junit.jupiter.api.Assertions.*;

class PlacementTest
{
    @Test
    void binpackShouldPreferTheFullerAgent()
    {
        final KernelFixture f = KernelFixture.binpack();
        final int a = f.agent("a", 4, 8);
        f.placeOrFail(1, 1);
        final int b = f.agent("b", 4, 8);
        assertEquals(a, f.place(1, 1).agentSlot());
        assertEquals(a, f.place(1, 1).agentSlot());
        assertEquals(0, f.kernel.view().agentTaskCount(b));
        f.assertInvariants();
    }

    @Test
    void spreadShouldPreferTheEmptierAgent()
    {
        final KernelFixture f = KernelFixture.spread();
        final int a = f.agent("a", 4, 8);
        f.placeOrFail(1, 1);
        final int b = f.agent("b", 4, 8);
        assertEquals(b, f.place(1, 1).agentSlot());
        f.assertInvariants();
    }

    @Test
    void binpackShouldSkipAFullerAgentWhereTheTaskDoesNotFit()
    {
        final KernelFixture f = KernelFixture.binpack();
        final int a = f.agent("a", 4, 8);
        final int b = f.agent("b", 4, 8);
        f.kernel.drain(b);
        f.placeOrFail(3, 1);
        f.kernel.undrain(b);
        assertEquals(b, f.place(2, 1).agentSlot(), "a holds 3 of 4 cpus, so only b fits");
        assertEquals(a, f.place(1, 1).agentSlot(), "a is the fuller agent where 1 cpu fits");
        f.assertInvariants();
    }

    @Test
    void shouldCheckEveryDimensionNotOnlyTheDominantOne()
    {
        final KernelFixture f = KernelFixture.binpack();
        final int a = f.agent("a", 16, 4);
        f.placeOrFail(1, 3);
        final Decision d = f.place(1, 2);
        assertEquals(DecisionKind.NOT_PLACEABLE, d.kind());
        assertEquals(Reason.INSUFFICIENT_CAPACITY, d.reason());
        assertEquals(3000, f.kernel.view().agentAllocated(a, 1));
        f.assertInvariants();
    }

    @Test
    void shouldChooseWithinOneSixtyFourthOfTheBestUtilisation()
    {
        final KernelFixture f = new KernelFixture(KernelConfig.builder(SCHEMA).maxAgents(200).build());
        for (int i = 0; i < 128; i++)
        {
            f.kernel.drain(f.agent("a" + i, 128, 128));
        }
        for (int i = 1; i < 128; i++)
        {
            final int slot = f.kernel.view().agentSlot("a" + i);
            f.kernel.undrain(slot);
            assertEquals(slot, f.place(i, 0.001).agentSlot(), "the only eligible agent");
            f.kernel.drain(slot);
        }
        for (int i = 0; i < 128; i++)
        {
            f.kernel.undrain(f.kernel.view().agentSlot("a" + i));
        }
        // Agent i is at utilisation i/128; binpack must choose one within 1/64 of 127/128, i.e. agent 125 or above.
        final int chosen = f.place(1, 0.001).agentSlot();
        final int index = Integer.parseInt(f.kernel.view().agentId(chosen).substring(1));
        assertTrue(index >= 125, "chose agent at utilisation " + index + "/128");
        f.assertInvariants();
    }

    @Test
    void shouldRejectMalformedRequestsWithoutChangingState()
    {
        final KernelFixture f = KernelFixture.binpack();
        f.agent("a", 4, 8);
        assertEquals(Reason.INVALID_REQUEST, f.place(0, 0).reason());
        assertEquals(DecisionKind.REJECTED, f.decision.kind());
        f.request.reset(f.framework).resource(0, -1000).resource(1, 1000);
        assertEquals(Reason.INVALID_REQUEST, f.kernel.place(f.request, 0, f.decision).reason());
        f.request.reset(f.framework).resource(0, AllocatorKernel.MAX_QUANTITY + 1);
        assertEquals(Reason.INVALID_REQUEST, f.kernel.place(f.request, 0, f.decision).reason());
        assertEquals(0, f.kernel.view().runningTaskCount());
        assertEquals(3, f.kernel.view().refusals(Reason.INVALID_REQUEST));
        f.assertInvariants();
    }

    @Test
    void shouldRejectUnknownFramework()
    {
        final KernelFixture f = KernelFixture.binpack();
        f.agent("a", 4, 8);
        f.request.reset(99).resources(units(1, 1));
        assertEquals(Reason.UNKNOWN_FRAMEWORK, f.kernel.place(f.request, 0, f.decision).reason());
        f.request.reset(-1).resources(units(1, 1));
        assertEquals(Reason.UNKNOWN_FRAMEWORK, f.kernel.place(f.request, 0, f.decision).reason());
        assertEquals(0, f.kernel.view().runningTaskCount());
    }

    @Test
    void shouldRejectRevocableTasksWhenOversubscriptionIsDisabled()
    {
        final KernelFixture f = KernelFixture.binpack();
        f.agent("a", 4, 8);
        f.request.reset(f.framework).resources(units(1, 1)).revocable(true);
        assertEquals(Reason.REVOCABLE_DISABLED, f.kernel.place(f.request, 0, f.decision).reason());
        assertEquals(DecisionKind.REJECTED, f.decision.kind());
    }

    @Test
    void shouldBoundRevocableTasksBySlackAndRatio()
    {
        final KernelFixture f = new KernelFixture(
            KernelConfig.builder(SCHEMA).maxAgents(4).oversubscriptionRatioMillis(500).build());
        final int a = f.agent("a", 10, 10);
        f.request.reset(f.framework).resources(units(1, 1)).revocable(true);
        assertEquals(Reason.INSUFFICIENT_CAPACITY, f.kernel.place(f.request, 0, f.decision).reason(),
            "no usage reported yet means no slack");
        assertEquals(Reason.OK, f.kernel.heartbeat(a, f.kernel.view().agentEpoch(a), 1, units(7, 2), 0));
        f.request.reset(f.framework).resources(units(3, 1)).revocable(true);
        assertTrue(f.kernel.place(f.request, 0, f.decision).isPlaced(), "slack is 3 cpus");
        f.request.reset(f.framework).resources(units(0.001, 1)).revocable(true);
        assertEquals(Reason.INSUFFICIENT_CAPACITY, f.kernel.place(f.request, 0, f.decision).reason(),
            "cpu slack is used up");
        assertEquals(Reason.OK, f.kernel.heartbeat(a, f.kernel.view().agentEpoch(a), 2, units(0, 0), 0));
        f.request.reset(f.framework).resources(units(2, 1)).revocable(true);
        assertTrue(f.kernel.place(f.request, 0, f.decision).isPlaced(), "ratio 0.5 bounds revocable at 5 cpus");
        f.request.reset(f.framework).resources(units(0.001, 0)).revocable(true);
        assertFalse(f.kernel.place(f.request, 0, f.decision).isPlaced());
        assertEquals(5000, f.kernel.view().agentRevocable(a, 0));
        assertEquals(0, f.kernel.view().agentAllocated(a, 0), "revocable tasks do not count as non-revocable");
        f.placeOrFail(10, 1);
        f.assertInvariants();
    }

    @Test
    void shouldSayNoEligibleAgentWhenNoneCanTakePlacements()
    {
        final KernelFixture f = KernelFixture.binpack();
        assertEquals(Reason.NO_ELIGIBLE_AGENT, f.place(1, 1).reason());
        final int a = f.agent("a", 4, 8);
        f.kernel.drain(a);
        assertEquals(Reason.NO_ELIGIBLE_AGENT, f.place(1, 1).reason());
        assertEquals(DecisionKind.NOT_PLACEABLE, f.decision.kind());
        f.kernel.undrain(a);
        assertTrue(f.place(1, 1).isPlaced());
    }

    @Test
    void shouldSayInsufficientCapacityWhenNoAgentHasRoom()
    {
        final KernelFixture f = KernelFixture.binpack();
        f.agent("a", 4, 8);
        assertEquals(Reason.INSUFFICIENT_CAPACITY, f.place(5, 1).reason());
        assertEquals(1, f.kernel.view().refusals(Reason.INSUFFICIENT_CAPACITY));
    }

    @Test
    void shouldRejectWhenTheLedgerIsFull()
    {
        final KernelFixture f = new KernelFixture(KernelConfig.builder(SCHEMA).maxAgents(4).maxTasks(2).build());
        f.agent("a", 4, 8);
        f.placeOrFail(1, 1);
        f.placeOrFail(1, 1);
        assertEquals(Reason.TASK_LIMIT, f.place(1, 1).reason());
        assertEquals(DecisionKind.REJECTED, f.decision.kind());
        assertEquals(2, f.kernel.view().runningTaskCount());
    }

    @Test
    void shouldRecordTheTaskInTheLedger()
    {
        final KernelFixture f = KernelFixture.binpack();
        final int a = f.agent("a", 4, 8);
        f.request.reset(f.framework).resources(units(1.5, 2)).priority(7).label(f.kernel.internLabel("web"));
        final Decision d = f.kernel.place(f.request, 123, f.decision);
        assertTrue(d.isPlaced());
        assertEquals(f.kernel.view().agentEpoch(a), d.agentEpoch());
        final long task = d.taskId();
        assertTrue(f.kernel.view().isRunning(task));
        assertEquals(a, f.kernel.view().taskAgent(task));
        assertEquals(f.framework, f.kernel.view().taskFramework(task));
        assertEquals(1500, f.kernel.view().taskResource(task, 0));
        assertEquals(7, f.kernel.view().taskPriority(task));
        assertEquals("web", f.kernel.view().labelName(f.kernel.view().taskLabel(task)));
        assertEquals(123, f.kernel.view().taskStartTime(task));
        assertFalse(f.kernel.view().isTaskRevocable(task));
        assertEquals(1500, f.kernel.view().frameworkAllocated(f.framework, 0));
        assertEquals(1, f.kernel.view().frameworkRunning(f.framework));
        assertEquals(Map.of(), f.kernel.view().agentAttributes(a));
    }
}
