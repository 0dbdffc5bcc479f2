package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.stowage.core.KernelFixture.SCHEMA;
import static io.stowage.core.KernelFixture.units;
import static org.junit.jupiter.api.Assertions.*;

/** Seed root cause "lack of preemption": a high-priority task that fits nowhere preempts lower-priority tasks. */
class LackOfPreemptionTest
{
    private final List<Long> preempted = new ArrayList<>();

    private KernelFixture kernel(final boolean preemption)
    {
        return new KernelFixture(KernelConfig.builder(SCHEMA).maxAgents(8).preemption(preemption).build(),
            new DecisionListener()
            {
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

    private long placeWithPriority(final KernelFixture f, final int priority, final double cpus)
    {
        f.request.reset(f.framework).resources(units(cpus, 1)).priority(priority);
        final Decision d = f.kernel.place(f.request, 0, f.decision);
        assertTrue(d.isPlaced());
        return d.taskId();
    }

    @Test
    void shouldPreemptFewestLowestPriorityYoungestVictims()
    {
        final KernelFixture f = kernel(true);
        final int a = f.agent("a", 4, 10);
        final int b = f.agent("b", 4, 10);
        f.kernel.drain(b);
        final long a1 = placeWithPriority(f, 1, 2);
        final long a0old = placeWithPriority(f, 0, 1);
        final long a0young = placeWithPriority(f, 0, 1);
        f.kernel.undrain(b);
        f.kernel.drain(a);
        placeWithPriority(f, 2, 4);
        f.kernel.undrain(a);
        final int urgent = f.kernel.registerFramework("urgent");
        f.request.reset(urgent).resources(units(1, 1)).priority(5);
        f.kernel.submit(f.request, 0, f.decision);
        assertEquals(1, f.kernel.allocate(0));
        assertEquals(List.of(a0young), preempted, "on a the youngest priority-0 task suffices; b's victim is 2");
        assertTrue(f.kernel.view().isRunning(a0old) && f.kernel.view().isRunning(a1));
        assertEquals(1, f.kernel.view().frameworkEnded(f.framework, TaskEndCause.PREEMPTED));
        f.assertInvariants();
    }

    @Test
    void shouldLeaveTheTaskPendingWithoutPreemption()
    {
        final KernelFixture f = kernel(false);
        f.agent("a", 1, 10);
        placeWithPriority(f, 0, 1);
        final int urgent = f.kernel.registerFramework("urgent");
        f.request.reset(urgent).resources(units(1, 1)).priority(5);
        f.kernel.submit(f.request, 0, f.decision);
        assertEquals(0, f.kernel.allocate(0));
        assertEquals(1, f.kernel.view().frameworkPending(urgent));
        assertEquals(List.of(), preempted);
    }

    @Test
    void shouldNeverPreemptEqualOrHigherPriority()
    {
        final KernelFixture f = kernel(true);
        f.agent("a", 1, 10);
        placeWithPriority(f, 5, 1);
        final int urgent = f.kernel.registerFramework("urgent");
        f.request.reset(urgent).resources(units(1, 1)).priority(5);
        f.kernel.submit(f.request, 0, f.decision);
        assertEquals(0, f.kernel.allocate(0));
        assertEquals(List.of(), preempted);
    }
}
