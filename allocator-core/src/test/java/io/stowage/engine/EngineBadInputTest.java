package io.stowage.engine;

import io.stowage.core.Constraint;
import io.stowage.core.TaskRecord;
import io.stowage.core.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.stowage.engine.EngineFixture.config;
import static io.stowage.engine.EngineFixture.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineBadInputTest
{
    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldAnswerAndCountInputsForUnknownAgentsAndTasks(final EngineThreading threading)
    {
        final RecordingListener listener = new RecordingListener();
        final AllocatorEngine engine = AllocatorEngine.builder(config()).threading(threading)
            .listener(listener).build().start();
        final AgentInputSink agents = engine.agentInput();
        final AllocatorClient client = engine.client();

        agents.heartbeat("ghost", 1, 1, null, false, 1, null);
        listener.await("REJECTED corr=0 HEARTBEAT UNKNOWN_AGENT");
        agents.taskFinished("ghost", 1, 42, 2, null);
        listener.await("REJECTED corr=0 FINISH UNKNOWN_AGENT");
        client.finish(42, 3);
        listener.await("REJECTED corr=3 FINISH UNKNOWN_TASK");
        client.drain("ghost", 4);
        listener.await("REJECTED corr=4 DRAIN UNKNOWN_AGENT");
        client.submit(99, vector(1000, 1000), 5);
        listener.await("REJECTED corr=5 SUBMIT UNKNOWN_FRAMEWORK");
        client.setRole("ops", 0, null, null, 6);
        listener.await("REJECTED corr=6 SET_ROLE INVALID_ROLE");
        engine.close();

        assertEquals(3, counter(engine, CounterFamily.REJECTIONS, "UNKNOWN_AGENT"));
        assertEquals(1, counter(engine, CounterFamily.REJECTIONS, "UNKNOWN_TASK"));
        assertEquals(6, counter(engine, CounterFamily.DECISIONS, "rejected"));
        assertEquals(0, engine.counters().errors());
        EngineFixture.assertInvariants(engine);
    }

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldRejectMalformedVectorsWithoutReachingTheKernel(final EngineThreading threading)
    {
        final RecordingListener listener = new RecordingListener();
        final AllocatorEngine engine = AllocatorEngine.builder(config()).threading(threading)
            .listener(listener).build().start();
        final AgentInputSink agents = engine.agentInput();
        final AllocatorClient client = engine.client();
        agents.register("a1", vector(4000, 4096), Map.of(), 1, null);
        final int framework = client.registerFramework("web");

        agents.heartbeat("a1", 1, 1, new long[]{1, 2, 3}, false, 2, null);
        agents.register("a2", new long[]{1}, Map.of(), 3, null);
        assertThrows(IllegalArgumentException.class, () -> client.submit(framework, new long[]{1}, 7));
        client.submit(framework, vector(-1000, 1000), 8);
        listener.await("REJECTED corr=8 SUBMIT INVALID_REQUEST");
        client.submit(framework, vector(0, 0), 9);
        listener.await("REJECTED corr=9 SUBMIT INVALID_REQUEST");
        client.submit(framework, vector(1000, 1000), 0, false, 0, 12345, 10);
        listener.await("REJECTED corr=10 SUBMIT INVALID_REQUEST");
        agents.register("a3", vector(-5, 5), Map.of(), 4, null);
        listener.await("REJECTED corr=0 REGISTER_AGENT INVALID_REQUEST");
        agents.heartbeat("a1", 7, 1, vector(1, 1), false, 5, null);
        listener.await("REJECTED corr=0 HEARTBEAT STALE_EPOCH");
        assertThrows(IllegalArgumentException.class, () -> client.registerFramework(" "));
        assertThrows(IllegalArgumentException.class, () -> client.registerFramework("f", "*", 10, -1, -1));
        assertThrows(IllegalArgumentException.class,
            () -> client.internConstraints(List.of(new Constraint(Constraint.Op.EQ, "", List.of(), 0))));
        engine.close();

        assertEquals(2, engine.counters().malformedFrames());
        assertEquals(1, engine.kernelAfterClose().view().agentCount());
        assertEquals(0, engine.kernelAfterClose().view().pendingTaskCount());
        assertEquals(0, engine.counters().errors());
        EngineFixture.assertInvariants(engine);
    }

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldKeepTheKernelThreadAliveWhenTheListenerThrows(final EngineThreading threading)
    {
        final RecordingListener recording = new RecordingListener();
        final EngineListener throwing = new EngineListener()
        {
            @Override
            public void onQueued(final long decision, final long correlationId, final long taskId, final long key)
            {
                recording.onQueued(decision, correlationId, taskId, key);
                throw new IllegalStateException("listener bug on " + correlationId);
            }

            @Override
            public void onPlaced(
                final long decision, final TaskRecord task, final String agentId, final int agentEpoch,
                final long ingressNanos)
            {
                recording.onPlaced(decision, task, agentId, agentEpoch, ingressNanos);
                throw new IllegalStateException("listener bug in a round");
            }

            @Override
            public void onAccepted(final long decision, final long correlationId, final EventType type, final int id)
            {
                recording.onAccepted(decision, correlationId, type, id);
            }

            @Override
            public void onAgentRegistered(final long decision, final String agentId, final int epoch)
            {
                recording.onAgentRegistered(decision, agentId, epoch);
            }
        };
        final AllocatorEngine engine = AllocatorEngine.builder(config()).threading(threading)
            .listener(throwing).build().start();
        engine.agentInput().register("a1", vector(4000, 4096), Map.of(), 1, null);
        final int framework = engine.client().registerFramework("web");
        for (int i = 1; i <= 3; i++)
        {
            engine.client().submit(framework, vector(1000, 1000), i);
        }
        recording.await("QUEUED corr=3 ");
        engine.close();

        assertEquals(3, engine.kernelAfterClose().view().runningTaskCount());
        assertEquals(6, engine.counters().errors());
        EngineFixture.assertInvariants(engine);
        final List<String> errors = new ArrayList<>();
        engine.counters().readErrors((count, first, last, text) -> errors.add(text));
        assertTrue(errors.stream().anyMatch(text -> text.contains("listener bug")), errors.toString());
    }

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldApplyEventsTheJournalFailedToWriteAndCountTheFailure(final EngineThreading threading)
    {
        final RecordingListener listener = new RecordingListener();
        final InputJournal failing = new InputJournal()
        {
            @Override
            public void append(final EngineEvent event)
            {
                if (event.type == EventType.SUBMIT && event.correlationId == 2)
                {
                    throw new IllegalStateException("disk full");
                }
            }

            @Override
            public void close()
            {
            }
        };
        final AllocatorEngine engine = AllocatorEngine.builder(config()).threading(threading)
            .listener(listener).journal(failing).build().start();
        final int framework = engine.client().registerFramework("web");
        for (int i = 1; i <= 3; i++)
        {
            engine.client().submit(framework, vector(1000, 1000), i);
        }
        listener.await("QUEUED corr=3 ");
        engine.close();

        assertEquals(1, counter(engine, CounterFamily.ERRORS, "journal"));
        assertEquals(3, engine.kernelAfterClose().view().pendingTaskCount());
    }

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldReportLaunchRefusalsOnlyFromTheAgentHoldingTheTask(final EngineThreading threading)
    {
        final RecordingListener listener = new RecordingListener();
        final AllocatorEngine engine = AllocatorEngine.builder(config()).threading(threading)
            .listener(listener).build().start();
        final AgentInputSink agents = engine.agentInput();
        agents.register("a1", vector(1000, 1000), Map.of(), 1, null);
        agents.register("a2", vector(1000, 1000), Map.of(), 1, null);
        final int framework = engine.client().registerFramework("web");
        engine.client().submit(framework, vector(1000, 1000), 1);
        final String placed = listener.await("PLACED");
        final long taskId = Long.parseLong(placed.substring(placed.indexOf("task=") + 5, placed.indexOf(" res=")));
        final String holder = placed.contains("agent=a1") ? "a1" : "a2";
        final String other = holder.equals("a1") ? "a2" : "a1";

        agents.launchRefused(other, 1, taskId, Reason.INSUFFICIENT_CAPACITY, 2, null);
        listener.await("REJECTED corr=0 LAUNCH_REFUSED UNKNOWN_TASK");
        agents.taskFinished(other, 1, taskId, 2, null);
        listener.await("REJECTED corr=0 FINISH UNKNOWN_TASK");
        agents.launchRefused(holder, 2, taskId, Reason.STALE_EPOCH, 3, null);
        listener.await("REJECTED corr=0 LAUNCH_REFUSED STALE_EPOCH");
        agents.launchRefused(holder, 1, taskId, Reason.INSUFFICIENT_CAPACITY, 4, null);
        listener.await("ENDED task=" + taskId + " fw=0 agent=" + holder + " LAUNCH_REFUSED");
        engine.close();

        assertEquals(0, engine.kernelAfterClose().view().runningTaskCount());
        EngineFixture.assertInvariants(engine);
    }

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldRefuseToWaitForItselfFromTheListener(final EngineThreading threading)
    {
        final RecordingListener recording = new RecordingListener();
        final AllocatorEngine[] engine = new AllocatorEngine[1];
        final List<String> refusals = new ArrayList<>();
        final EngineListener listener = new EngineListener()
        {
            @Override
            public void onAgentRegistered(final long decision, final String agentId, final int epoch)
            {
                try
                {
                    engine[0].client().registerFramework("from-listener");
                }
                catch (final IllegalStateException ex)
                {
                    refusals.add(ex.getMessage());
                }
                try
                {
                    engine[0].close();
                }
                catch (final IllegalStateException ex)
                {
                    refusals.add(ex.getMessage());
                }
                recording.onAgentRegistered(decision, agentId, epoch);
            }
        };
        engine[0] = AllocatorEngine.builder(config()).threading(threading)
            .listener(listener).build().start();
        engine[0].agentInput().register("a1", vector(1000, 1000), Map.of(), 1, null);
        recording.await("REGISTERED agent=a1");
        engine[0].close();

        assertEquals(2, refusals.size(), refusals.toString());
        assertTrue(refusals.stream().allMatch(text -> text.contains("engine thread")), refusals.toString());
    }

    private static long counter(final AllocatorEngine engine, final CounterFamily family, final String label)
    {
        return engine.counters().value(family, label);
    }
}
