package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.stowage.core.KernelFixture.SCHEMA;
import static io.stowage.core.KernelFixture.units;
import static org.junit.jupiter.api.Assertions.*;

class AgentLifecycleTest
{
    @Test
    void finishShouldReleaseExactlyWhatTheTaskHeld()
    {
        final KernelFixture f = KernelFixture.binpack();
        final int a = f.agent("a", 4, 8);
        final long t1 = f.placeOrFail(1.25, 3);
        final long t2 = f.placeOrFail(0.5, 1);
        assertEquals(Reason.OK, f.kernel.finish(t1));
        assertEquals(500, f.kernel.view().agentAllocated(a, 0));
        assertEquals(1000, f.kernel.view().agentAllocated(a, 1));
        assertEquals(1, f.kernel.view().agentTaskCount(a));
        assertFalse(f.kernel.view().isRunning(t1));
        assertTrue(f.kernel.view().isRunning(t2));
        f.assertInvariants();
    }

    @Test
    void shouldRejectFinishingAnUnknownOrFinishedTask()
    {
        final KernelFixture f = KernelFixture.binpack();
        f.agent("a", 4, 8);
        final long t = f.placeOrFail(1, 1);
        assertEquals(Reason.OK, f.kernel.finish(t));
        assertEquals(Reason.UNKNOWN_TASK, f.kernel.finish(t));
        final long reused = f.placeOrFail(1, 1);
        assertNotEquals(t, reused, "a reused ledger slot gets a new task id");
        assertEquals(Reason.UNKNOWN_TASK, f.kernel.finish(t));
        assertEquals(Reason.UNKNOWN_TASK, f.kernel.finish(-1));
        assertEquals(Reason.UNKNOWN_TASK, f.kernel.finish(Long.MAX_VALUE));
        assertTrue(f.kernel.view().isRunning(reused));
        f.assertInvariants();
    }

    @Test
    void drainShouldStopPlacementsButKeepTasks()
    {
        final KernelFixture f = KernelFixture.binpack();
        final int a = f.agent("a", 4, 8);
        final long t = f.placeOrFail(1, 1);
        assertEquals(Reason.OK, f.kernel.drain(a));
        assertEquals(AgentState.DRAINING, f.kernel.view().agentState(a));
        assertEquals(Reason.NO_ELIGIBLE_AGENT, f.place(1, 1).reason());
        assertTrue(f.kernel.view().isRunning(t));
        assertEquals(Reason.OK, f.kernel.finish(t));
        f.assertInvariants();
        assertEquals(Reason.UNKNOWN_AGENT, f.kernel.drain(63));
    }

    @Test
    void capacityShrinkBelowAllocationShouldOvercommitUntilItFits()
    {
        final KernelFixture f = KernelFixture.binpack();
        final int a = f.agent("a", 4, 8);
        final long t1 = f.placeOrFail(2, 2);
        final long t2 = f.placeOrFail(2, 2);
        assertEquals(Reason.OK, f.kernel.updateCapacity(a, units(3, 8)));
        assertEquals(AgentState.OVERCOMMITTED, f.kernel.view().agentState(a));
        assertEquals(Reason.NO_ELIGIBLE_AGENT, f.place(0.001, 0).reason(), "no placement on an overcommitted agent");
        assertTrue(f.kernel.view().isRunning(t1) && f.kernel.view().isRunning(t2), "running tasks keep running");
        f.assertInvariants();
        assertEquals(Reason.OK, f.kernel.finish(t1));
        assertEquals(AgentState.ACTIVE, f.kernel.view().agentState(a));
        assertTrue(f.place(1, 1).isPlaced());
        assertEquals(Reason.INSUFFICIENT_CAPACITY, f.place(0.001, 0).reason());
        f.assertInvariants();
    }

    @Test
    void shouldRejectMalformedCapacityUpdate()
    {
        final KernelFixture f = KernelFixture.binpack();
        final int a = f.agent("a", 4, 8);
        assertEquals(Reason.INVALID_REQUEST, f.kernel.updateCapacity(a, new long[]{1}));
        assertEquals(Reason.INVALID_REQUEST, f.kernel.updateCapacity(a, new long[]{-1, 1}));
        assertEquals(Reason.UNKNOWN_AGENT, f.kernel.updateCapacity(5, units(1, 1)));
        assertEquals(4000, f.kernel.view().agentCapacity(a, 0));
    }

    @Test
    void removeShouldLoseExactlyTheAgentsTasks()
    {
        final List<Long> lost = new ArrayList<>();
        final KernelFixture f = new KernelFixture(KernelConfig.builder(SCHEMA).maxAgents(8).build(),
            new DecisionListener()
            {
                @Override
                public void onTaskEnded(final TaskRecord task, final TaskEndCause cause)
                {
                    final long taskId = task.taskId();
                    final int framework = task.framework();
                    final int agentSlot = task.agentSlot();
                    assertEquals(TaskEndCause.LOST, cause);
                    lost.add(taskId);
                }
            });
        final int a = f.agent("a", 2, 8);
        final long t1 = f.placeOrFail(1, 1);
        final long t2 = f.placeOrFail(1, 1);
        final int b = f.agent("b", 2, 8);
        final long t3 = f.placeOrFail(1, 1);
        assertEquals(b, f.kernel.view().taskAgent(t3));
        assertEquals(Reason.OK, f.kernel.removeAgent(a));
        assertEquals(List.of(t2, t1), lost, "youngest first");
        assertEquals(2, f.kernel.view().lostTasks());
        assertFalse(f.kernel.view().isRunning(t1));
        assertTrue(f.kernel.view().isRunning(t3));
        assertEquals(1, f.kernel.view().frameworkRunning(f.framework));
        assertEquals(Reason.UNKNOWN_AGENT, f.kernel.removeAgent(a));
        f.assertInvariants();
    }

    @Test
    void launchRefusedByTheAgentGuardShouldReleaseTheTaskAndReportIt()
    {
        final List<TaskEndCause> causes = new ArrayList<>();
        final KernelFixture f = new KernelFixture(KernelConfig.builder(SCHEMA).maxAgents(8).build(),
            new DecisionListener()
            {
                @Override
                public void onTaskEnded(final TaskRecord task, final TaskEndCause cause)
                {
                    final long taskId = task.taskId();
                    final int framework = task.framework();
                    final int agentSlot = task.agentSlot();
                    causes.add(cause);
                }
            });
        final int a = f.agent("a", 4, 8);
        final int b = f.agent("b", 4, 8);
        final long t = f.placeOrFail(2, 2);
        final int on = f.kernel.view().taskAgent(t);
        assertEquals(Reason.UNKNOWN_AGENT, f.kernel.launchRefused(t, on == a ? b : a), "not that agent's task");
        assertEquals(Reason.OK, f.kernel.launchRefused(t, on));
        assertEquals(List.of(TaskEndCause.LAUNCH_REFUSED), causes);
        assertEquals(0, f.kernel.view().agentAllocated(on, 0));
        assertEquals(Reason.UNKNOWN_TASK, f.kernel.launchRefused(t, on));
        assertEquals(1, f.kernel.view().frameworkEnded(f.framework, TaskEndCause.LAUNCH_REFUSED));
        f.assertInvariants();
    }
}
