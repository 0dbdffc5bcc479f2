package io.stowage.core;

import org.junit.jupiter.api.Test;

import static io.stowage.core.KernelFixture.SCHEMA;
import static io.stowage.core.KernelFixture.units;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where the preemption index answers and where it hands the decision to the scan: the answers themselves are
 * compared with the scan by PreemptionDifferentialTest; these tests pin that the common case does not scan.
 */
class PreemptionIndexTest
{
    private static final int AGENTS = 40;

    private KernelFixture fullCluster(final int priorities)
    {
        final KernelFixture f = new KernelFixture(
            KernelConfig.builder(SCHEMA).maxAgents(AGENTS).preemption(true).build());
        for (int a = 0; a < AGENTS; a++)
        {
            f.agent("a" + a, 8, 32);
        }
        for (int i = 0; i < AGENTS * 8; i++)
        {
            f.request.reset(f.framework).resources(units(1, 4)).priority(i % priorities);
            assertTrue(f.kernel.place(f.request, i, f.decision).isPlaced());
        }
        return f;
    }

    /** @return the agent the round placed the task on, after checking it preempted. */
    private int preempt(final KernelFixture f, final double cpus, final int priority)
    {
        f.request.reset(f.framework).resources(units(cpus, 4 * cpus)).priority(priority);
        final Decision d = f.kernel.submit(f.request, 0, f.decision);
        assertEquals(DecisionKind.QUEUED, d.kind());
        final long task = d.taskId();
        final long preempted = f.kernel.view().endedTasks(TaskEndCause.PREEMPTED);
        assertEquals(1, f.kernel.allocate(0));
        assertTrue(f.kernel.view().endedTasks(TaskEndCause.PREEMPTED) > preempted);
        f.assertInvariants();
        return f.kernel.view().taskAgent(task);
    }

    @Test
    void shouldPreemptWithoutScanningWhenEveryPriorityIsTrackedAndFourVictimsSuffice()
    {
        final KernelFixture f = fullCluster(4);
        for (int i = 0; i < 50; i++)
        {
            preempt(f, 1 + i % 4, 10);
        }
        assertEquals(0, f.kernel.preemption().fallbacks());
    }

    @Test
    void shouldTakeTheEarliestRegisteredAgentAmongEquals()
    {
        final KernelFixture f = fullCluster(4);
        assertEquals(f.kernel.view().agentSlot("a0"), preempt(f, 1, 10), "every agent needs one priority-0 victim");
        assertEquals(0, f.kernel.preemption().fallbacks());
    }

    @Test
    void shouldScanWhenTheWinnerNeedsMoreThanFourVictims()
    {
        final KernelFixture f = fullCluster(1);
        preempt(f, 5, 10);
        assertEquals(1, f.kernel.preemption().fallbacks());
    }

    @Test
    void shouldScanOnlyForTasksThatCouldPreemptAnUntrackedPriority()
    {
        final KernelFixture f = fullCluster(PreemptionIndex.MAX_LEVELS + 2);
        // Levels track priorities 0 to 7; a task of priority 8 preempts only those.
        preempt(f, 1, PreemptionIndex.MAX_LEVELS);
        assertEquals(0, f.kernel.preemption().fallbacks());
        preempt(f, 1, 20);
        assertEquals(1, f.kernel.preemption().fallbacks());
    }
}
