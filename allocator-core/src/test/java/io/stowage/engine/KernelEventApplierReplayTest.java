package io.stowage.engine;

import io.stowage.core.AdoptedTask;
import io.stowage.core.Constraint;
import io.stowage.core.TaskRequest;
import io.stowage.core.TaskRecord;
import io.stowage.core.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static io.stowage.engine.EngineFixture.config;
import static io.stowage.engine.EngineFixture.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replaying the journal of a live run into a fresh applier gives the same decisions, with the same numbers, and the
 * same kernel state hash: the property recovery relies on.
 */
class KernelEventApplierReplayTest
{
    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldReproduceDecisionsAndStateWhenReplayingTheJournal(final EngineThreading threading)
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final CopyingJournal journal = new CopyingJournal();
        final RecordingListener live = new RecordingListener();
        final AtomicLong clock = new AtomicLong(10);
        final AllocatorEngine engine = AllocatorEngine.builder(config()).threading(threading)
            .listener(live).journal(journal).clock(clock::get).build().start();
        final AgentInputSink agents = engine.agentInput();
        final AllocatorClient client = engine.client();
        for (int a = 0; a < 4; a++)
        {
            agents.register("a" + a, vector(4000, 8192), Map.of("zone", "z" + (a % 2)), a, null);
        }
        final int web = client.registerFramework("web");
        final int batch = client.registerFramework("batch", "analytics", -1, 0, 50);
        final int label = client.internLabel("frontend");
        final int spread = client.internConstraints(List.of(Constraint.spread("zone")));
        client.setRole("analytics", 2.0, null, vector(8000, 16384), 1);
        final int ml = client.registerFramework("ml");
        final TaskRequest request = new TaskRequest(EngineFixture.SCHEMA);
        client.registerAgent("adopting", vector(4000, 8192), Map.of("zone", "z1"), List.of(
            AdoptedTask.of(ml, 1_000_000, vector(1000, 1024)), AdoptedTask.of(web, 1_000_001, vector(3500, 1024))),
            -2);
        long key = 0;
        for (int i = 0; i < 3_000; i++)
        {
            final long time = clock.addAndGet(random.nextInt(1_000_000));
            switch (random.nextInt(14))
            {
                case 0, 1 -> client.submit(web, vector(500 + random.nextInt(1500), 1024), random.nextInt(3),
                    false, label, spread, i);
                case 2 -> client.submit(batch, vector(1000, 512 + random.nextInt(4096)), i);
                case 3 -> client.finish(random.nextInt(200), i);
                case 4 -> agents.heartbeat("a" + random.nextInt(4), 1, i, vector(random.nextInt(4000), 100),
                    random.nextInt(50) == 0, time, null);
                case 5, 6 -> client.submit(request.reset(ml).resources(vector(200 + random.nextInt(900), 512))
                    .priority(random.nextInt(2)).key(key++), i);
                case 7 -> client.cancelByKey(random.nextInt((int)key + 1), i);
                case 8 -> client.finishByKey(random.nextInt((int)key + 1), i);
                case 9 -> client.cancel(random.nextInt(300), i);
                case 12 -> client.updateAttributes("a" + random.nextInt(4), Map.of("zone", "z" + random.nextInt(3)), i);
                case 10 -> client.updateFramework(ml, random.nextBoolean() ? "*" : "analytics",
                    random.nextBoolean() ? -1 : 50_000, 20, random.nextBoolean() ? -1 : 40, i);
                case 11 ->
                {
                    if (random.nextBoolean())
                    {
                        client.suppress(ml, -3);
                    }
                    else
                    {
                        client.revive(ml, -3);
                    }
                }
                default -> engine.tick(time);
            }
        }
        client.removeFramework(ml, -4);
        engine.client().removeAgent("a3", -1);
        engine.close();

        final RecordingListener replayed = new RecordingListener();
        final KernelEventApplier applier = new KernelEventApplier(config(), replayed, Throwable::printStackTrace);
        for (final EngineEvent event : journal.events)
        {
            applier.apply(event);
        }
        assertEquals(live.decisions(), replayed.decisions(), "seed " + seed);
        assertEquals(engine.kernelAfterClose().view().stateHash(), applier.kernel().view().stateHash(), "seed " + seed);
        assertTrue(live.decisions().stream().anyMatch(text -> text.contains("PLACED")), "seed " + seed);
        for (final String kind : List.of("CANCELLED", "FRAMEWORK_REMOVED", "key="))
        {
            assertTrue(live.decisions().stream().anyMatch(text -> text.contains(kind)), kind + ", seed " + seed);
        }
        EngineFixture.assertInvariants(engine);
    }

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldJournalEveryInputBeforeTheKernelAnswersIt(final EngineThreading threading)
    {
        final Set<Long> journaled = ConcurrentHashMap.newKeySet();
        final AtomicLong answers = new AtomicLong();
        final List<String> unjournaled = new CopyOnWriteArrayList<>();
        final InputJournal journal = new InputJournal()
        {
            @Override
            public void append(final EngineEvent event)
            {
                journaled.add(event.correlationId);
            }

            @Override
            public void close()
            {
            }
        };
        final EngineListener listener = new EngineListener()
        {
            @Override
            public void onQueued(final long decision, final long correlationId, final long taskId, final long key)
            {
                check(correlationId);
            }

            @Override
            public void onRejected(final long decision, final long correlationId, final EventType type,
                final Reason reason)
            {
                check(correlationId);
            }

            @Override
            public void onAccepted(final long decision, final long correlationId, final EventType type, final int id)
            {
                check(correlationId);
            }

            private void check(final long correlationId)
            {
                answers.incrementAndGet();
                if (!journaled.contains(correlationId))
                {
                    unjournaled.add("answered before journaled: " + correlationId);
                }
            }
        };
        final int submits = 20_000;
        try (AllocatorEngine engine = AllocatorEngine.builder(config()).threading(threading)
            .listener(listener).journal(journal).build().start())
        {
            engine.agentInput().register("a1", vector(64_000, 64_000), Map.of(), 1, null);
            final int framework = engine.client().registerFramework("web");
            for (int i = 1; i <= submits; i++)
            {
                engine.client().submit(framework, vector(1, 1), 1_000_000L + i);
            }
        }
        assertEquals(List.of(), unjournaled);
        assertEquals(submits + 1, answers.get());
    }

    /** Keeps a copy of every journaled event, as a journal on disk would. */
    private static final class CopyingJournal implements InputJournal
    {
        final List<EngineEvent> events = new ArrayList<>();

        @Override
        public void append(final EngineEvent event)
        {
            final EngineEvent copy = new EngineEvent(event.vector.length);
            copy.copyFrom(event);
            events.add(copy);
        }

        @Override
        public void close()
        {
        }
    }
}
