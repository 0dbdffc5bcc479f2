package io.stowage.ipc;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.TaskRecord;
import io.stowage.core.Decision;
import io.stowage.core.Reason;
import io.stowage.core.TaskEndCause;
import io.stowage.core.TaskRequest;
import io.stowage.engine.EngineListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The agent's guard refuses what does not fit or is stale, and the refusal makes the kernel release the task. */
class AgentGuardTest
{
    @TempDir
    Path dir;

    @Test
    void shouldAdmitWhatFitsAndRefuseWhatExceedsAnyDimension()
    {
        final AgentGuard guard = new AgentGuard("a1", new long[]{4000, 8000}, 3);
        assertEquals(Reason.OK, guard.admit(1, 3, new long[]{3000, 1000}));
        assertEquals(Reason.INSUFFICIENT_CAPACITY, guard.admit(2, 3, new long[]{1001, 1}));
        assertEquals(Reason.INSUFFICIENT_CAPACITY, guard.admit(3, 3, new long[]{1, 7001}));
        assertEquals(Reason.OK, guard.admit(4, 3, new long[]{1000, 7000}));
        assertEquals(Reason.OK, guard.admit(4, 3, new long[]{1000, 7000}), "a launch seen again is not counted twice");
        assertEquals(0, guard.remaining(0));
        assertEquals(Reason.STALE_EPOCH, guard.admit(5, 2, new long[]{0, 0}));
        assertEquals(Reason.INVALID_REQUEST, guard.admit(6, 3, new long[]{1}));
        assertTrue(guard.release(1));
        assertFalse(guard.release(1));
        assertEquals(3000, guard.remaining(0));
        guard.capacity(new long[]{2000, 8000});
        assertEquals(1000, guard.remaining(0));
        assertEquals(Reason.INSUFFICIENT_CAPACITY, guard.admit(7, 3, new long[]{1001, 0}));
        guard.epoch(4);
        assertEquals(Reason.STALE_EPOCH, guard.admit(8, 3, new long[]{1, 1}));
        assertEquals(3, guard.refusals(Reason.INSUFFICIENT_CAPACITY));
        assertEquals(2, guard.refusals(Reason.STALE_EPOCH));
        assertEquals(1, guard.runningTasks());
    }

    @Test
    void shouldRefuseForcedWrongLaunchesAndMakeTheKernelReleaseThem()
    {
        final long[] inflated = {-1};
        final long[] staled = {-1};
        final Path decisionsDir = dir.resolve("decisions");
        try (DecisionPublisher decisionPublisher = new DecisionPublisher(decisionsDir, 0, 2))
        {
            final TaskRecord forged = new TaskRecord(2);
            final EngineListener wrong = new EngineListener()
            {
                @Override
                public void onPlaced(
                    final long decision, final TaskRecord task, final String agentId, final int agentEpoch,
                    final long ingressNanos)
                {
                    final long taskId = task.taskId();
                    forged.ids(taskId, task.key(), task.framework(), task.agentSlot())
                        .attributes(task.priority(), task.isRevocable(), task.label())
                        .resources(task.copyResources(new long[2]));
                    if (taskId == inflated[0])
                    {
                        forged.resources(new long[]{9000, task.resource(1)});
                    }
                    decisionPublisher.onPlaced(decision, forged, agentId,
                        taskId == staled[0] ? agentEpoch - 1 : agentEpoch, ingressNanos);
                }

                @Override
                public void onTaskEnded(
                    final long decision, final TaskRecord task, final String agentId, final TaskEndCause cause)
                {
                    decisionPublisher.onTaskEnded(decision, task, agentId, cause);
                }
            };
            run(wrong, inflated, staled);
        }
    }

    private void run(final EngineListener wrong, final long[] inflated, final long[] staled)
    {
        final KernelDecisions decisions = new KernelDecisions();
        decisions.listener = wrong;
        final KernelSink sink = new KernelSink(decisions);
        final AllocatorKernel kernel = sink.kernel;
        final int framework = kernel.registerFramework("fw");
        final TaskRequest request = new TaskRequest(TestKernels.SCHEMA);
        final Decision decision = new Decision();
        try (AgentPublisher agentHost = new AgentPublisher(dir.resolve("agents"), 1);
            AgentQueueTailer allocator = AgentQueueTailer.builder().queue(dir.resolve("agents"))
                .stateDir(dir.resolve("state")).dimensions(2).sink(sink).build())
        {
            final AgentGuards guards = new AgentGuards(agentHost);
            try (DecisionTailer launches = new DecisionTailer(dir.resolve("decisions"), "host", guards,
                MalformedFrameListener.NONE, 0))
            {
                agentHost.register("a1", new long[]{8000, 8000}, Map.of());
                allocator.doWork();
                final int slot = kernel.view().agentSlot("a1");
                final AgentGuard guard = guards.add(new AgentGuard("a1", new long[]{8000, 8000},
                    kernel.view().agentEpoch(slot)));
                launches.addAgent("a1");

                final long[] tasks = new long[3];
                for (int i = 0; i < 3; i++)
                {
                    kernel.submit(request.reset(framework).resources(new long[]{1000, 1000}), 1, decision);
                    tasks[i] = decision.taskId();
                }
                inflated[0] = tasks[1];
                staled[0] = tasks[2];
                assertEquals(3, kernel.allocate(2));
                assertEquals(3000, kernel.view().agentAllocated(slot, 0));

                launches.doWork();
                assertEquals(1, guards.launched());
                assertEquals(2, guards.refused());
                assertEquals(1, guard.refusals(Reason.INSUFFICIENT_CAPACITY));
                assertEquals(1, guard.refusals(Reason.STALE_EPOCH));
                assertTrue(guard.isRunning(tasks[0]));

                allocator.doWork();
                assertEquals(3, allocator.delivered());
                assertEquals(3, sink.answers(Reason.OK), "the registration and both refusals were applied");
                assertEquals(1000, kernel.view().agentAllocated(slot, 0), "the kernel released both refused tasks");
                assertEquals(1000, kernel.view().agentAllocated(slot, 1));
                assertTrue(kernel.view().isRunning(tasks[0]));
                assertFalse(kernel.view().isRunning(tasks[1]));
                assertFalse(kernel.view().isRunning(tasks[2]));
                assertEquals(2, kernel.view().endedTasks(TaskEndCause.LAUNCH_REFUSED));

                final RecordingDecisions stream = new RecordingDecisions();
                try (DecisionTailer all = new DecisionTailer(dir.resolve("decisions"), null, stream,
                    MalformedFrameListener.NONE, 0))
                {
                    all.addAgent("a1");
                    all.doWork();
                }
                assertEquals(5, stream.decisions.size());
                assertTrue(stream.decisions.get(1).contains("[9000, 1000]"), stream.decisions.toString());
                assertTrue(stream.decisions.get(3).endsWith("kill " + tasks[1] + " fw0 a1 LAUNCH_REFUSED"));
                assertTrue(stream.decisions.get(4).endsWith("kill " + tasks[2] + " fw0 a1 LAUNCH_REFUSED"));
            }
        }
    }
}
