package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.stowage.core.KernelFixture.SCHEMA;
import static io.stowage.core.KernelFixture.SECOND;
import static io.stowage.core.KernelFixture.units;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Seed mitigation "agent health checks beyond alive/dead" and root cause "stale offers": a silent agent becomes
 * unreachable (no placements), then removed with its tasks lost; it can come back under a new epoch.
 */
class AgentHealthChecksTest
{
    @Test
    void shouldStopPlacingOnAnAgentThatMissedItsHeartbeatTimeoutAndLoseItsTasksLater()
    {
        final List<Long> lost = new ArrayList<>();
        final KernelFixture f = new KernelFixture(KernelConfig.builder(SCHEMA).maxAgents(8)
            .heartbeatTimeouts(15 * SECOND, 60 * SECOND).build(), new DecisionListener()
            {
                @Override
                public void onTaskEnded(final TaskRecord task, final TaskEndCause cause)
                {
                    final long taskId = task.taskId();
                    final int fw = task.framework();
                    final int agentSlot = task.agentSlot();
                    lost.add(taskId);
                }
            });
        final int a = f.agent("a", 4, 4);
        final int b = f.agent("b", 4, 4);
        f.kernel.drain(b);
        final long onA = f.placeOrFail(1, 1);
        f.kernel.undrain(b);
        f.heartbeat(b, 14 * SECOND, 0, 0, false);
        f.kernel.advanceTime(15 * SECOND);
        assertEquals(AgentState.ACTIVE, f.kernel.view().agentState(a), "exactly the timeout is not more than it");
        f.kernel.advanceTime(15 * SECOND + 1);
        assertEquals(AgentState.UNREACHABLE, f.kernel.view().agentState(a));
        assertEquals(AgentState.ACTIVE, f.kernel.view().agentState(b));
        assertEquals(b, f.place(1, 1).agentSlot(), "nothing goes to an unreachable agent");
        assertTrue(f.kernel.view().isRunning(onA), "its tasks are not lost yet");
        f.kernel.advanceTime(61 * SECOND);
        assertEquals(AgentState.REMOVED, f.kernel.view().agentState(a));
        assertEquals(List.of(onA), lost);
        assertEquals(1, f.kernel.view().frameworkEnded(f.framework, TaskEndCause.LOST));
        assertEquals(AgentState.UNREACHABLE, f.kernel.view().agentState(b), "b heartbeat at 14 s, silent 47 s");
        f.assertInvariants();
    }

    @Test
    void shouldMakeAnUnreachableAgentActiveAgainWithItsTasksWhenItHeartbeats()
    {
        final KernelFixture f = KernelFixture.binpack();
        final int a = f.agent("a", 4, 4);
        final long t = f.placeOrFail(1, 1);
        f.kernel.advanceTime(20 * SECOND);
        assertEquals(AgentState.UNREACHABLE, f.kernel.view().agentState(a));
        assertEquals(Reason.OK, f.kernel.heartbeat(a, f.kernel.view().agentEpoch(a), 1, null, 21 * SECOND));
        assertEquals(AgentState.ACTIVE, f.kernel.view().agentState(a));
        assertTrue(f.kernel.view().isRunning(t));
        f.assertInvariants();
    }

    @Test
    void shouldReRegisterARemovedAgentEmptyUnderANewEpoch()
    {
        final KernelFixture f = KernelFixture.binpack();
        final int a = f.agent("a", 4, 4);
        final int epoch = f.kernel.view().agentEpoch(a);
        f.placeOrFail(1, 1);
        f.kernel.advanceTime(61 * SECOND);
        assertEquals(-1, f.kernel.view().agentSlot("a"));
        assertEquals(Reason.OK, f.kernel.registerAgent("a", units(4, 4), java.util.Map.of(), 62 * SECOND));
        final int again = f.kernel.view().agentSlot("a");
        assertNotEquals(epoch, f.kernel.view().agentEpoch(again));
        assertEquals(0, f.kernel.view().agentTaskCount(again));
        assertEquals(Reason.STALE_EPOCH, f.kernel.heartbeat(again, epoch, 1, null, 63 * SECOND),
            "an update of the old registration is refused");
        f.assertInvariants();
    }
}
