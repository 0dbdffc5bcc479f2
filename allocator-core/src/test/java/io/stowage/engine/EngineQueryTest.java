package io.stowage.engine;

import io.stowage.core.Constraint;
import io.stowage.core.TaskRecord;
import io.stowage.core.KernelView;
import io.stowage.core.PendingDiagnosis;
import io.stowage.core.PendingReason;
import io.stowage.core.Reason;
import io.stowage.core.TaskEndCause;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static io.stowage.engine.EngineFixture.config;
import static io.stowage.engine.EngineFixture.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AllocatorEngine#query}: questions answered on the kernel thread between inputs, consistent with the
 * decisions, never journaled and never the cause of a round.
 */
class EngineQueryTest
{
    private static final long WAIT_SECONDS = 10;

    private static <T> T ask(final AllocatorEngine engine, final Function<KernelView, T> question)
        throws Exception
    {
        return engine.query(question).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static PendingDiagnosis headOf(final AllocatorEngine engine, final int framework) throws Exception
    {
        return ask(engine, view -> view.pendingDiagnosis(view.frameworkPendingTask(framework, 0)));
    }

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldSayWhyEachTaskIsStillPending(final EngineThreading threading) throws Exception
    {
        final RecordingListener listener = new RecordingListener();
        try (AllocatorEngine engine = AllocatorEngine.builder(config()).threading(threading).listener(listener)
            .build().start())
        {
            final AllocatorClient client = engine.client();
            engine.agentInput().register("a1", vector(4000, 4096), Map.of("zone", "a"), System.nanoTime(), null);
            engine.agentInput().register("a2", vector(4000, 1024), Map.of("zone", "a"), System.nanoTime(), null);
            client.setRole("capped", 1.0, null, vector(1000, 100_000), 1);
            final int capped = client.registerFramework("capped", "capped", -1, 0, -1);
            final int zoned = client.registerFramework("zoned");
            final int big = client.registerFramework("big");
            final int inZoneB = client.internConstraints(List.of(Constraint.eq("zone", "b")));

            client.submit(capped, vector(1000, 100), 10);
            client.submit(capped, vector(1000, 100), 11);
            client.submit(capped, vector(1000, 100), 12);
            client.submit(zoned, vector(100, 100), 0, false, 0, inZoneB, 20);
            client.submit(big, vector(1000, 8192), 30);
            listener.await("QUEUED corr=30");
            engine.tick(System.nanoTime());
            listener.await("PLACED");

            final PendingDiagnosis roleLimit = headOf(engine, capped);
            assertEquals(PendingReason.ROLE_LIMIT, roleLimit.reason(), roleLimit.toString());
            assertEquals(0, roleLimit.dimension(), "cpus");
            final PendingDiagnosis behind = ask(engine, view -> view.pendingDiagnosis(
                view.frameworkPendingTask(capped, 1)));
            assertEquals(PendingReason.QUEUED_BEHIND, behind.reason());
            assertEquals(roleLimit.taskId(), behind.blockingTaskId());
            assertEquals(PendingReason.CONSTRAINT, headOf(engine, zoned).reason());
            final PendingDiagnosis noFit = headOf(engine, big);
            assertEquals(PendingReason.NO_FIT, noFit.reason());
            assertEquals("NO_FIT on mem", noFit.describe(EngineFixture.SCHEMA));
            assertEquals(List.of(2, 1, 1), ask(engine, view ->
                List.of(view.frameworkPending(capped), view.frameworkPending(zoned), view.frameworkPending(big))));
        }
    }

    /**
     * Another thread submits while this one asks; each answer is taken between two inputs, so the tasks the kernel
     * holds equal the tasks the listener (same thread) has been told were queued. Replaying the journal then gives
     * the live state hash and decisions: the queries left no trace in it and caused no round.
     */
    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldAnswerConsistentlyBetweenInputsAndLeaveReplayUnchanged(final EngineThreading threading)
        throws Exception
    {
        final CountingListener listener = new CountingListener();
        final CopyingJournal journal = new CopyingJournal();
        final int submits = 5_000;
        final AllocatorEngine engine = AllocatorEngine.builder(config()).threading(threading).listener(listener)
            .journal(journal).build().start();
        final List<String> inconsistent = new ArrayList<>();
        final AtomicReference<Throwable> submitterFailed = new AtomicReference<>();
        final AtomicInteger answered = new AtomicInteger();
        final int chunk = 500;
        try
        {
            engine.agentInput().register("a1", vector(8000, 8192), Map.of(), System.nanoTime(), null);
            engine.agentInput().register("a2", vector(8000, 8192), Map.of(), System.nanoTime(), null);
            final int framework = engine.client().registerFramework("web");
            final Thread submitter = new Thread(() ->
            {
                try
                {
                    for (int i = 1; i <= submits; i++)
                    {
                        engine.client().submit(framework, vector(1000, 1024), i);
                        if (i % 7 == 0)
                        {
                            engine.tick(System.nanoTime());
                        }
                        if (i % chunk == 0)
                        {
                            awaitAnotherAnswer(answered);
                        }
                    }
                }
                catch (final Throwable ex)
                {
                    submitterFailed.set(ex);
                }
            }, "submitter");
            submitter.start();
            long lastQueued = -1;
            int asked = 0;
            while ((submitter.isAlive() || lastQueued < submits) && submitterFailed.get() == null)
            {
                final long[] answer = ask(engine, view -> new long[] {
                    listener.queued - listener.ended, view.pendingTaskCount() + view.runningTaskCount(),
                    view.runningTaskCount()});
                asked++;
                answered.incrementAndGet();
                if (answer[0] != answer[1] || answer[2] > 16 || answer[0] < lastQueued)
                {
                    inconsistent.add(Arrays.toString(answer) + " after " + lastQueued);
                }
                lastQueued = answer[0];
            }
            submitter.join();
            assertTrue(asked >= submits / chunk, "asked " + asked);
        }
        finally
        {
            engine.close();
        }
        assertEquals(null, submitterFailed.get());
        assertEquals(List.of(), inconsistent);
        assertTrue(journal.events.stream().noneMatch(event -> event.type == EventType.QUERY));

        final RecordingListener replayed = new RecordingListener();
        final KernelEventApplier applier = new KernelEventApplier(config(), replayed, Throwable::printStackTrace);
        for (final EngineEvent event : journal.events)
        {
            applier.apply(event);
        }
        assertEquals(engine.kernelAfterClose().view().stateHash(), applier.kernel().view().stateHash());
        assertEquals(listener.lastDecision, applier.lastDecision());
        assertEquals(engine.kernelAfterClose().view().rounds(), applier.kernel().view().rounds());
        assertEquals(16, applier.kernel().view().runningTaskCount());
    }

    /** The submitter pauses until this thread has had one more answer, so questions fall between its submits. */
    private static void awaitAnotherAnswer(final AtomicInteger answered)
    {
        final int seen = answered.get();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (answered.get() == seen && System.nanoTime() - deadline < 0)
        {
            Thread.yield();
        }
    }

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldCompleteExceptionallyWhenTheQuestionThrowsAndKeepServing(final EngineThreading threading)
        throws Exception
    {
        final RecordingListener listener = new RecordingListener();
        try (AllocatorEngine engine = AllocatorEngine.builder(config()).threading(threading).listener(listener)
            .build().start())
        {
            final CompletableFuture<Integer> failing = engine.query(view ->
            {
                throw new IllegalArgumentException("bad question");
            });
            final ExecutionException thrown =
                assertThrows(ExecutionException.class, () -> failing.get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(IllegalArgumentException.class, thrown.getCause());
            assertEquals("bad question", thrown.getCause().getMessage());

            engine.agentInput().register("a1", vector(4000, 4096), Map.of(), System.nanoTime(), null);
            listener.await("REGISTERED agent=a1");
            assertEquals(1, ask(engine, KernelView::agentCount));
            assertEquals(0, engine.counters().value(CounterFamily.ERRORS, "kernel"));
        }
    }

    @Test
    void shouldNotRunTheCallersContinuationsOnTheKernelThread() throws Exception
    {
        try (AllocatorEngine engine = AllocatorEngine.builder(config()).build().start())
        {
            final String kernelThread = ask(engine, view -> Thread.currentThread().getName());
            final String continuation = engine.query(KernelView::agentCount)
                .thenApply(count -> Thread.currentThread().getName()).get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertTrue(kernelThread.startsWith("stowage-engine-"), kernelThread);
            assertNotEquals(kernelThread, continuation);
        }
    }

    @Test
    void shouldRefuseAQuestionOnceClosed()
    {
        final AllocatorEngine engine = AllocatorEngine.builder(config()).build().start();
        engine.close();

        final IllegalStateException thrown =
            assertThrows(IllegalStateException.class, () -> engine.query(KernelView::agentCount));
        assertEquals("engine is closed", thrown.getMessage());
    }

    @Test
    void shouldTimeOutWhenNoKernelThreadAnswers()
    {
        try (AllocatorEngine engine = AllocatorEngine.builder(config())
            .answerTimeoutNanos(TimeUnit.MILLISECONDS.toNanos(50)).build())
        {
            final CompletableFuture<Integer> answer = engine.query(KernelView::agentCount);

            final ExecutionException thrown =
                assertThrows(ExecutionException.class, () -> answer.get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, thrown.getCause());
        }
    }

    @Test
    void shouldFailAQuestionStillUnansweredWhenTheEngineCloses()
    {
        final AllocatorEngine engine = AllocatorEngine.builder(config()).build();
        final CompletableFuture<Integer> answer = engine.query(KernelView::agentCount);

        engine.close();

        final ExecutionException thrown =
            assertThrows(ExecutionException.class, () -> answer.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, thrown.getCause());
    }

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldKeepTheKernelReadableAfterClose(final EngineThreading threading) throws Exception
    {
        final AllocatorEngine engine = AllocatorEngine.builder(config()).threading(threading).build().start();
        engine.agentInput().register("a1", vector(4000, 4096), Map.of(), System.nanoTime(), null);
        assertEquals(1, ask(engine, KernelView::agentCount));
        engine.close();

        assertEquals(1, engine.kernelAfterClose().view().agentCount());
    }

    /** Counts on the kernel thread; read there by the questions, and by the test after close. */
    private static final class CountingListener implements EngineListener
    {
        long queued;
        long ended;
        long lastDecision;

        @Override
        public void onQueued(final long decision, final long correlationId, final long taskId, final long key)
        {
            queued++;
            lastDecision = decision;
        }

        @Override
        public void onRejected(final long decision, final long correlationId, final EventType type,
            final Reason reason)
        {
            lastDecision = decision;
        }

        @Override
        public void onPlaced(
            final long decision, final TaskRecord task, final String agentId, final int agentEpoch,
            final long ingressNanos)
        {
            final long taskId = task.taskId();
            final int framework = task.framework();
            lastDecision = decision;
        }

        @Override
        public void onTaskEnded(
            final long decision, final TaskRecord task, final String agentId, final TaskEndCause cause)
        {
            final long taskId = task.taskId();
            final int framework = task.framework();
            ended++;
            lastDecision = decision;
        }

        @Override
        public void onAccepted(final long decision, final long correlationId, final EventType type, final int id)
        {
            lastDecision = decision;
        }

        @Override
        public void onAgentRegistered(final long decision, final String agentId, final int epoch)
        {
            lastDecision = decision;
        }
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
