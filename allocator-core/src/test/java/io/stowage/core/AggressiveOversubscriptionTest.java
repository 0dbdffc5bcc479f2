package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.stowage.core.KernelFixture.SCHEMA;
import static io.stowage.core.KernelFixture.units;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Seed root cause "aggressive oversubscription" and mitigation "backpressure": revocable tasks are bounded by
 * reported slack and the policy ratio; an agent under pressure takes nothing and revokes revocable tasks youngest
 * first until its usage is back under the threshold.
 */
class AggressiveOversubscriptionTest
{
    private final List<Long> revoked = new ArrayList<>();
    private final KernelFixture f = new KernelFixture(
        KernelConfig.builder(SCHEMA).maxAgents(8).oversubscriptionRatioMillis(500).pressureThresholdMillis(900).build(),
        new DecisionListener()
        {
            @Override
            public void onTaskEnded(final TaskRecord task, final TaskEndCause cause)
            {
                final long taskId = task.taskId();
                final int fw = task.framework();
                final int agentSlot = task.agentSlot();
                assertEquals(TaskEndCause.REVOKED, cause);
                revoked.add(taskId);
            }
        });

    private long revocable(final double cpus, final double mem)
    {
        f.request.reset(f.framework).resources(units(cpus, mem)).revocable(true);
        final Decision d = f.kernel.place(f.request, 0, f.decision);
        assertTrue(d.isPlaced(), d.toString());
        return d.taskId();
    }

    @Test
    void shouldNeverPlaceRevocableWorkBeyondSlackOrRatio()
    {
        final int a = f.agent("a", 10, 10);
        f.heartbeat(a, 1, 8, 1, false);
        revocable(2, 1);
        f.request.reset(f.framework).resources(units(0.001, 0.001)).revocable(true);
        assertEquals(Reason.INSUFFICIENT_CAPACITY, f.kernel.place(f.request, 0, f.decision).reason());
        f.assertInvariants();
    }

    @Test
    void shouldRevokeYoungestRevocableTasksUntilUsageIsUnderTheThreshold()
    {
        final int a = f.agent("a", 10, 10);
        f.heartbeat(a, 1, 0, 0, false);
        final long oldest = revocable(1, 1);
        final long middle = revocable(1, 1);
        final long youngest = revocable(1, 1);
        final long steady = f.placeOrFail(2, 2);
        f.heartbeat(a, 2, 9.5, 5, false);
        assertEquals(AgentState.PRESSURED, f.kernel.view().agentState(a));
        assertEquals(List.of(youngest), revoked, "9.5 - 1 = 8.5 is at or under 9");
        assertTrue(f.kernel.view().isRunning(oldest) && f.kernel.view().isRunning(middle) && f.kernel.view().isRunning(steady));
        assertEquals(Reason.NO_ELIGIBLE_AGENT, f.place(0.001, 0.001).reason(), "nothing goes to a pressured agent");
        assertEquals(1, f.kernel.view().frameworkEnded(f.framework, TaskEndCause.REVOKED));
        f.heartbeat(a, 3, 5, 5, false);
        assertEquals(AgentState.ACTIVE, f.kernel.view().agentState(a), "a report under the threshold ends pressure");
        f.assertInvariants();
    }

    @Test
    void shouldHonourAnExplicitPressureFlagWithoutRevokingWhenUsageIsUnderThreshold()
    {
        final int a = f.agent("a", 10, 10);
        f.heartbeat(a, 1, 0, 0, false);
        final long task = revocable(1, 1);
        f.heartbeat(a, 2, 1, 1, true);
        assertEquals(AgentState.PRESSURED, f.kernel.view().agentState(a));
        assertTrue(f.kernel.view().isRunning(task));
        assertEquals(List.of(), revoked);
    }

    @Test
    void shouldNeverLetNonRevocableWorkExceedCapacity()
    {
        f.agent("a", 10, 10);
        f.placeOrFail(10, 1);
        assertEquals(Reason.INSUFFICIENT_CAPACITY, f.place(0.001, 0).reason());
        f.assertInvariants();
    }
}
