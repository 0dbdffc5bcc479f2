package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.stowage.core.KernelFixture.SCHEMA;
import static io.stowage.core.KernelFixture.units;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Caller-owned task keys, cancelling pending tasks, and decisions that carry a task's key and resources.
 */
class TaskLifecycleTest
{
    /** Records what the kernel reports, copying each record (the kernel refills it). */
    static final class Reports implements DecisionListener
    {
        final List<String> events = new ArrayList<>();
        final List<long[]> placedResources = new ArrayList<>();

        @Override
        public void onPlaced(final TaskRecord task, final int agentEpoch)
        {
            events.add("placed key=" + task.key() + " agent=" + task.agentSlot());
            placedResources.add(task.copyResources(new long[task.dimensions()]));
        }

        @Override
        public void onTaskEnded(final TaskRecord task, final TaskEndCause cause)
        {
            events.add(cause + " key=" + task.key() + " agent=" + task.agentSlot());
        }
    }

    private final Reports reports = new Reports();
    private final KernelFixture f =
        new KernelFixture(KernelConfig.builder(SCHEMA).maxAgents(16).build(), reports);

    private Decision submitKeyed(final long key, final double cpus, final double mem)
    {
        return f.kernel.submit(f.request.reset(f.framework).resources(units(cpus, mem)).key(key), 0, f.decision);
    }

    @Test
    void shouldCarryTheCallersKeyAndTheResourcesInEveryDecision()
    {
        f.agent("a", 8, 8);
        final Decision queued = submitKeyed(7001, 2, 3);
        assertEquals(DecisionKind.QUEUED, queued.kind());
        assertEquals(7001, queued.key());
        assertEquals(2000, queued.resource(0));
        final long taskId = queued.taskId();
        assertEquals(taskId, f.kernel.view().taskIdOfKey(7001));
        assertEquals(7001, f.kernel.view().taskKey(taskId));
        assertTrue(f.kernel.view().isPending(taskId));

        assertEquals(1, f.kernel.allocate(1));
        assertEquals(List.of("placed key=7001 agent=" + f.kernel.view().agentSlot("a")), reports.events);
        assertArrayEquals(units(2, 3), reports.placedResources.get(0));

        final TaskRecord record = new TaskRecord(2);
        assertTrue(f.kernel.view().task(taskId, record));
        assertEquals(7001, record.key());
        assertEquals(3000, record.resource(1));

        final Decision placed =
            f.kernel.place(f.request.reset(f.framework).resources(units(1, 1)).key(7002), 2, f.decision);
        assertTrue(placed.isPlaced());
        assertEquals(7002, placed.key());
        assertEquals(1000, placed.resource(1));

        assertEquals(Reason.OK, f.kernel.finishByKey(7001));
        assertEquals(-1, f.kernel.view().taskIdOfKey(7001), "a key is free once its task ends");
        assertEquals(DecisionKind.QUEUED, submitKeyed(7001, 1, 1).kind(), "and may be used again");
        f.assertInvariants();
    }

    @Test
    void shouldRefuseADuplicateOrNegativeKeyChangingNothing()
    {
        f.agent("a", 8, 8);
        final long first = submitKeyed(5, 1, 1).taskId();
        final long pending = f.kernel.view().pendingTaskCount();
        assertEquals(Reason.DUPLICATE_KEY, submitKeyed(5, 1, 1).reason());
        assertEquals(Reason.DUPLICATE_KEY,
            f.kernel.place(f.request.reset(f.framework).resources(units(1, 1)).key(5), 0, f.decision).reason());
        assertEquals(Reason.INVALID_REQUEST, submitKeyed(-7, 1, 1).reason());
        assertEquals(pending, f.kernel.view().pendingTaskCount());
        assertEquals(2, f.kernel.view().frameworkRefusals(f.framework, Reason.DUPLICATE_KEY));
        assertEquals(first, f.kernel.view().taskIdOfKey(5), "the key still names the first task");
        assertEquals(0, f.kernel.view().runningTaskCount());
        f.assertInvariants();
    }

    @Test
    void shouldRefuseADuplicateKeyBeforeTakingARateToken()
    {
        final int limited = f.kernel.registerFramework("limited", "*", 0, 1, -1);
        f.kernel.submit(f.request.reset(limited).resources(units(1, 1)).key(1), 0, f.decision);
        assertEquals(Reason.DUPLICATE_KEY,
            f.kernel.submit(f.request.reset(limited).resources(units(1, 1)).key(1), 0, f.decision).reason());
        assertEquals(0, f.kernel.view().frameworkRefusals(limited, Reason.RATE_LIMITED));
    }

    @Test
    void shouldCancelAPendingTaskOutOfTheMiddleOfItsQueueAndReportIt()
    {
        final long[] ids = new long[5];
        for (int i = 0; i < ids.length; i++)
        {
            ids[i] = submitKeyed(100 + i, 1, 1).taskId();
        }
        assertEquals(Reason.OK, f.kernel.cancel(ids[2]));
        assertEquals(Reason.OK, f.kernel.cancelByKey(104));
        assertEquals(List.of("CANCELLED key=102 agent=-1", "CANCELLED key=104 agent=-1"), reports.events);
        assertEquals(3, f.kernel.view().frameworkPending(f.framework));
        assertEquals(2, f.kernel.view().frameworkEnded(f.framework, TaskEndCause.CANCELLED));
        assertEquals(2, f.kernel.view().endedTasks(TaskEndCause.CANCELLED));
        assertFalse(f.kernel.view().isPending(ids[2]));
        f.assertInvariants();

        reports.events.clear();
        f.agent("a", 8, 8);
        assertEquals(3, f.kernel.allocate(1));
        final int a = f.kernel.view().agentSlot("a");
        assertEquals(List.of("placed key=100 agent=" + a, "placed key=101 agent=" + a, "placed key=103 agent=" + a),
            reports.events, "the others keep their order");
        f.assertInvariants();
    }

    @Test
    void shouldRefuseToCancelARunningOrUnknownTaskChangingNothing()
    {
        f.agent("a", 8, 8);
        final long id = submitKeyed(1, 1, 1).taskId();
        f.kernel.allocate(0);
        assertEquals(Reason.TASK_RUNNING, f.kernel.cancel(id));
        assertEquals(Reason.TASK_RUNNING, f.kernel.cancelByKey(1));
        assertEquals(Reason.UNKNOWN_TASK, f.kernel.cancel(id + 1));
        assertEquals(Reason.UNKNOWN_TASK, f.kernel.cancelByKey(99));
        assertEquals(Reason.UNKNOWN_TASK, f.kernel.cancel(-1));
        assertTrue(f.kernel.view().isRunning(id));
        assertEquals(2, f.kernel.view().frameworkRefusals(f.framework, Reason.TASK_RUNNING), "counted per framework");
        assertEquals(1, f.kernel.view().agentTaskCount(f.kernel.view().agentSlot("a")));
        assertEquals(Reason.OK, f.kernel.finishByKey(1));
    }

    /** A seeded model test: random submits, cancels from anywhere, rounds and finishes against a list model. */
    @Test
    void shouldServeWhatIsLeftInOrderAfterRandomCancels()
    {
        final long seed = Long.getLong("stowage.seed", System.nanoTime());
        try
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final List<long[]> model = new ArrayList<>();   // {key, priority}, in submission order
            long nextKey = 0;
            f.agent("a", 1000, 1000);
            for (int step = 0; step < 4000; step++)
            {
                final int op = random.nextInt(10);
                if (op < 6)
                {
                    final int priority = random.nextInt(3);
                    f.kernel.submit(f.request.reset(f.framework).resources(units(1, 1)).priority(priority)
                        .key(nextKey), 0, f.decision);
                    model.add(new long[]{nextKey++, priority});
                }
                else if (op < 9 && !model.isEmpty())
                {
                    final long[] victim = model.remove(random.nextInt(model.size()));
                    assertEquals(Reason.OK, f.kernel.cancelByKey(victim[0]));
                }
                else if (!model.isEmpty())
                {
                    reports.events.clear();
                    model.sort((x, y) -> Long.compare(y[1], x[1]));   // stable: submission order within a priority
                    final int placed = f.kernel.allocate(step);
                    for (int i = 0; i < placed; i++)
                    {
                        assertTrue(reports.events.get(i).startsWith("placed key=" + model.get(i)[0] + " "),
                            "step " + step + ": " + reports.events.get(i) + " expected key " + model.get(i)[0]);
                        assertEquals(Reason.OK, f.kernel.finishByKey(model.get(i)[0]));
                    }
                    model.subList(0, placed).clear();
                    model.sort((x, y) -> Long.compare(x[0], y[0]));
                }
                assertEquals(model.size(), f.kernel.view().frameworkPending(f.framework));
                if (step % 97 == 0)
                {
                    f.assertInvariants();
                }
            }
            f.assertInvariants();
        }
        catch (final AssertionError e)
        {
            throw new AssertionError("seed " + seed + " (repeat with -Dstowage.seed=" + seed + ")", e);
        }
    }
}
