package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.stowage.core.KernelFixture.SCHEMA;
import static io.stowage.core.KernelFixture.units;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Preemption takes victims only on agents whose constraints hold, maxPerAgent included (found by
 * AllocationRoundDifferentialTest): a task blocked by its maxPerAgent must not preempt its way onto an agent that
 * already runs that many tasks of its framework and label.
 */
class PreemptionConstraintTest
{
    private final List<Long> preempted = new ArrayList<>();
    private final List<Integer> placedOn = new ArrayList<>();

    private KernelFixture kernel()
    {
        return new KernelFixture(KernelConfig.builder(SCHEMA).maxAgents(8).preemption(true).build(),
            new DecisionListener()
            {
                @Override
                public void onPlaced(final TaskRecord task, final int epoch)
                {
                    final long taskId = task.taskId();
                    final int framework = task.framework();
                    final int agentSlot = task.agentSlot();
                    placedOn.add(agentSlot);
                }

                @Override
                public void onTaskEnded(final TaskRecord task, final TaskEndCause cause)
                {
                    final long taskId = task.taskId();
                    final int fw = task.framework();
                    final int agentSlot = task.agentSlot();
                    assertEquals(TaskEndCause.PREEMPTED, cause);
                    preempted.add(taskId);
                }
            });
    }

    private long submit(final KernelFixture f, final int framework, final int priority, final int constraints)
    {
        f.request.reset(framework).resources(units(1, 1)).priority(priority).constraints(constraints);
        final Decision d = f.kernel.submit(f.request, 0, f.decision);
        assertEquals(DecisionKind.QUEUED, d.kind(), d.toString());
        return d.taskId();
    }

    @Test
    void shouldNotPlaceBeyondMaxPerAgentWithoutVictims()
    {
        final KernelFixture f = kernel();
        f.agent("a", 10, 10);
        final int onePerAgent = f.kernel.internConstraints(List.of(Constraint.maxPerAgent(1)));
        submit(f, f.framework, 0, onePerAgent);
        assertEquals(1, f.kernel.allocate(0));
        submit(f, f.framework, 1, onePerAgent);
        assertEquals(0, f.kernel.allocate(0), "the only agent already runs one task of the framework");
        assertEquals(1, f.kernel.view().frameworkRunning(f.framework));
        assertEquals(1, f.kernel.view().frameworkPending(f.framework));
        assertEquals(List.of(), preempted);
        f.assertInvariants();
    }

    @Test
    void shouldNotPreemptOnAnAgentAtMaxPerAgent()
    {
        final KernelFixture f = kernel();
        f.agent("a", 2, 10);
        final int other = f.kernel.registerFramework("other");
        final int onePerAgent = f.kernel.internConstraints(List.of(Constraint.maxPerAgent(1)));
        submit(f, f.framework, 0, onePerAgent);
        submit(f, other, 0, 0);
        assertEquals(2, f.kernel.allocate(0));
        submit(f, f.framework, 1, onePerAgent);
        assertEquals(0, f.kernel.allocate(0), "preempting the other framework's task leaves maxPerAgent reached");
        assertEquals(List.of(), preempted);
        assertEquals(1, f.kernel.view().frameworkRunning(other));
        f.assertInvariants();
    }

    @Test
    void shouldPreemptOnAnAgentBelowMaxPerAgent()
    {
        final KernelFixture f = kernel();
        final int a = f.agent("a", 2, 10);
        final int b = f.agent("b", 1, 10);
        final int other = f.kernel.registerFramework("other");
        final int onePerAgent = f.kernel.internConstraints(List.of(Constraint.maxPerAgent(1)));
        f.kernel.drain(b);
        submit(f, f.framework, 0, onePerAgent);
        submit(f, other, 0, 0);
        assertEquals(2, f.kernel.allocate(0));
        f.kernel.undrain(b);
        f.kernel.drain(a);
        final long victim = submit(f, other, 0, 0);
        assertEquals(1, f.kernel.allocate(0));
        f.kernel.undrain(a);
        placedOn.clear();
        submit(f, f.framework, 1, onePerAgent);
        assertEquals(1, f.kernel.allocate(0));
        assertEquals(List.of(victim), preempted, "b is below maxPerAgent; a is at it");
        assertEquals(List.of(b), placedOn);
        f.assertInvariants();
    }
}
