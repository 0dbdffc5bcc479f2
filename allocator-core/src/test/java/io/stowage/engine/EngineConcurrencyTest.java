package io.stowage.engine;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.TaskRecord;
import io.stowage.core.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import static io.stowage.engine.EngineFixture.config;
import static io.stowage.engine.EngineFixture.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Eight scheduler threads submit and finish at once while two agent threads heartbeat: the kernel stage, the single
 * writer, must answer every submit exactly once and keep every invariant, and the counters read through a second
 * mapping of the file must agree with what the listener saw.
 */
class EngineConcurrencyTest
{
    private static final int PRODUCERS = 8;
    private static final int SUBMITS_PER_PRODUCER = 5_000;
    private static final int AGENTS = 8;

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldAnswerEverySubmitOnceAndKeepInvariantsUnderConcurrentProducers(final EngineThreading threading)
        throws Exception
    {
        final int submits = PRODUCERS * SUBMITS_PER_PRODUCER;
        final Listener listener = new Listener(submits);
        final AllocatorEngine engine = AllocatorEngine.builder(config()).threading(threading)
            .listener(listener).countersDirectory(directory).ringSize(1024).build().start();
        for (int a = 0; a < AGENTS; a++)
        {
            engine.agentInput().register("agent-" + a, vector(16_000, 32_768), Map.of(), System.nanoTime(), null);
        }
        final int[] frameworks = new int[PRODUCERS];
        for (int p = 0; p < PRODUCERS; p++)
        {
            frameworks[p] = engine.client().registerFramework("framework-" + p);
            assertEquals(p, frameworks[p]);
        }

        final CyclicBarrier go = new CyclicBarrier(PRODUCERS + 2);
        final AtomicBoolean producing = new AtomicBoolean(true);
        final AtomicLong finishesSent = new AtomicLong();
        final List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++)
        {
            final int producer = p;
            threads.add(new Thread(() ->
            {
                await(go);
                final AllocatorClient client = engine.client();
                final long[] resources = vector(1000, 1024);
                for (int i = 0; i < SUBMITS_PER_PRODUCER; i++)
                {
                    client.submit(frameworks[producer], resources, 1 + (long)producer * SUBMITS_PER_PRODUCER + i);
                    final Long placed = listener.placed.get(producer).poll();
                    if (placed != null)
                    {
                        client.finish(placed, 0);
                        finishesSent.incrementAndGet();
                    }
                }
            }, "producer-" + p));
        }
        for (int h = 0; h < 2; h++)
        {
            final int first = h * AGENTS / 2;
            threads.add(new Thread(() ->
            {
                await(go);
                long sequence = 0;
                while (producing.get())
                {
                    sequence++;
                    for (int a = first; a < first + AGENTS / 2; a++)
                    {
                        engine.agentInput().heartbeat("agent-" + a, 1, sequence,
                            sequence % 2 == 0 ? null : vector(100, 100), false, System.nanoTime(), null);
                    }
                    Thread.onSpinWait();
                }
            }, "heartbeats-" + h));
        }
        threads.forEach(Thread::start);
        for (int p = 0; p < PRODUCERS; p++)
        {
            threads.get(p).join();
        }
        producing.set(false);
        for (final Thread thread : threads)
        {
            thread.join();
        }
        listener.awaitAnswers();
        engine.client().drain("agent-0", 0);
        engine.close();

        for (int correlation = 1; correlation <= submits; correlation++)
        {
            assertEquals(1, listener.answers.get(correlation), "answers to submit " + correlation);
        }
        EngineFixture.assertInvariants(engine);
        final AllocatorKernel kernel = engine.kernelAfterClose();
        assertEquals(listener.placedCount.get(), kernel.view().placements());
        assertEquals(listener.queued.get() - listener.placedCount.get(), kernel.view().pendingTaskCount());
        assertEquals(listener.placedCount.get() - finishesSent.get(), kernel.view().runningTaskCount());
        assertTrue(listener.placedCount.get() > 0);

        try (EngineCountersReader second = EngineCountersReader.map(directory))
        {
            assertEquals(submits, second.value(CounterFamily.EVENTS, "submit"));
            assertEquals(finishesSent.get(), second.value(CounterFamily.EVENTS, "finish"));
            assertEquals(listener.queued.get(), second.value(CounterFamily.DECISIONS, "queued"));
            assertEquals(listener.placedCount.get(), second.value(CounterFamily.DECISIONS, "placed"));
            assertEquals(kernel.view().heartbeats() + listener.heartbeatRejections.get(),
                second.value(CounterFamily.EVENTS, "heartbeat"));
            assertEquals(kernel.view().pendingTaskCount(), second.value(CounterFamily.PENDING_TASKS, ""));
            assertEquals(kernel.view().runningTaskCount(), second.value(CounterFamily.RUNNING_TASKS, ""));
            assertEquals(0, second.value(CounterFamily.ERRORS, "kernel"));
            for (final EngineCountersReader.Entry entry : second.entries())
            {
                assertEquals(engine.counters().value(entry.family(), entry.labelValue()), entry.value(),
                    entry.label());
            }
        }
    }

    private static void await(final CyclicBarrier barrier)
    {
        try
        {
            barrier.await();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** Counts answers per submit and hands placed tasks back to the producer of their framework. */
    private static final class Listener implements EngineListener
    {
        final AtomicIntegerArray answers;
        final AtomicLong queued = new AtomicLong();
        final AtomicLong heartbeatRejections = new AtomicLong();
        final AtomicLong placedCount = new AtomicLong();
        final AtomicLong submitAnswers = new AtomicLong();
        final int submits;
        final List<ConcurrentLinkedQueue<Long>> placed = new ArrayList<>();

        Listener(final int submits)
        {
            this.submits = submits;
            this.answers = new AtomicIntegerArray(submits + 1);
            for (int p = 0; p < PRODUCERS; p++)
            {
                placed.add(new ConcurrentLinkedQueue<>());
            }
        }

        @Override
        public void onQueued(final long decision, final long correlationId, final long taskId, final long key)
        {
            queued.incrementAndGet();
            answer(correlationId);
        }

        @Override
        public void onRejected(
            final long decision, final long correlationId, final EventType type, final Reason reason)
        {
            if (type == EventType.SUBMIT)
            {
                answer(correlationId);
            }
            if (type == EventType.HEARTBEAT)
            {
                heartbeatRejections.incrementAndGet();
            }
        }

        @Override
        public void onPlaced(
            final long decision, final TaskRecord task, final String agentId, final int agentEpoch,
            final long ingressNanos)
        {
            final long taskId = task.taskId();
            final int framework = task.framework();
            placedCount.incrementAndGet();
            placed.get(framework).add(taskId);
        }

        private void answer(final long correlationId)
        {
            answers.incrementAndGet((int)correlationId);
            submitAnswers.incrementAndGet();
        }

        void awaitAnswers() throws InterruptedException
        {
            final long deadline = System.nanoTime() + 30_000_000_000L;
            while (submitAnswers.get() < submits && System.nanoTime() < deadline)
            {
                Thread.sleep(1);
            }
        }
    }
}
