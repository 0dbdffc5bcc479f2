package io.stowage.engine;

import com.lmax.disruptor.RingBuffer;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.stowage.engine.EngineFixture.config;
import static io.stowage.engine.EngineFixture.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared duty cycle stepped by hand on the test thread (as Agrona's {@code AgentInvoker} would): each cycle
 * journals its whole batch before it applies any of it, and marks exactly the batch's last event for a round.
 */
class SharedDutyCycleTest
{
    private final RingBuffer<EngineEvent> ring = RingBuffer.createMultiProducer(() -> new EngineEvent(2), 4096);
    private final EngineCounters counters = EngineCounters.inMemory();
    private final RecordingListener listener = new RecordingListener();
    private final LatencyMeter latency = new LatencyMeter(counters, 1_000_000_000L, System.nanoTime());
    private final KernelStageListener stageListener =
        new KernelStageListener(listener, counters, latency, new PendingAnswers(), System::nanoTime);
    private final EngineExceptionHandler kernelErrors =
        new EngineExceptionHandler("kernel", counters.errorLog(), counters::kernelError);
    private final EngineExceptionHandler journalErrors =
        new EngineExceptionHandler("journal", counters.errorLog(), counters::journalError);
    private final KernelEventApplier applier = new KernelEventApplier(config(), stageListener, kernelErrors);
    private final List<String> journal = new ArrayList<>();
    private final InputJournal recording = new InputJournal()
    {
        @Override
        public void append(final EngineEvent event)
        {
            journal.add(event.type + (event.roundAfter ? " round" : "") + " after decision " +
                applier.lastDecision());
        }

        @Override
        public void close()
        {
            journal.add("closed");
        }
    };
    private final SharedDutyCycle cycle = new SharedDutyCycle(ring, new JournalStage(recording, true, ring, journalErrors),
        new KernelStage(applier, stageListener, counters, latency, ring, null), journalErrors, kernelErrors,
        new NoOpIdleStrategy(), Thread::new);
    private final AgentInput agents = new AgentInput(ring, counters, 2);

    @Test
    void shouldJournalTheWholeBatchBeforeApplyingAnyOfItAndRoundAfterItsLastEvent() throws Exception
    {
        agents.register("a1", vector(1000, 1000), Map.of(), 1, null);
        agents.register("a2", vector(1000, 1000), Map.of(), 2, null);
        agents.heartbeat("a1", 1, 1, null, false, 3, null);

        assertEquals(3, cycle.doWork());

        assertEquals(List.of(
            "REGISTER_AGENT after decision 0",
            "REGISTER_AGENT after decision 0",
            "HEARTBEAT round after decision 0"), journal);
        assertEquals(2, applier.lastDecision());
        assertEquals(2, cycle.appliedSequence());
        assertEquals(0, cycle.doWork());
        assertEquals(0, counters.value(CounterFamily.ERRORS, "journal") + counters.value(CounterFamily.ERRORS,
            "kernel"));
    }

    @Test
    void shouldMarkTheLastInputForTheRoundWhenABatchEndsInQueriesAndJournalNoQuery() throws Exception
    {
        agents.register("a1", vector(1000, 1000), Map.of(), 1, null);
        final KernelQuery<Integer> first = publishQuery();
        agents.heartbeat("a1", 1, 1, null, false, 3, null);
        final KernelQuery<Integer> second = publishQuery();
        final KernelQuery<Integer> third = publishQuery();

        assertEquals(5, cycle.doWork());

        assertEquals(List.of(
            "REGISTER_AGENT after decision 0",
            "HEARTBEAT round after decision 0"), journal);
        assertEquals(1, first.answer().get(), "asked after the registration before it in the ring was applied");
        assertEquals(1, second.answer().get());
        assertEquals(1, third.answer().get());
        assertEquals(1, applier.kernel().view().rounds());
        assertEquals(1, applier.lastDecision(), "queries make no decision");

        publishQuery();
        assertEquals(1, cycle.doWork());
        assertEquals(2, journal.size(), "a batch of queries only journals nothing");
        assertEquals(1, applier.kernel().view().rounds(), "and runs no round");
    }

    private KernelQuery<Integer> publishQuery()
    {
        final KernelQuery<Integer> query = new KernelQuery<>(view -> view.agentCount(), Runnable::run);
        final long sequence = ring.next();
        final EngineEvent event = ring.get(sequence);
        event.clear();
        event.type = EventType.QUERY;
        event.query = query;
        ring.publish(sequence);
        return query;
    }

    @Test
    void shouldServeABacklogInBatchesOfAtMostMaxBatchEachEndingInARound() throws Exception
    {
        agents.register("a1", vector(1000, 1000), Map.of(), 1, null);
        assertEquals(1, cycle.doWork());
        journal.clear();
        final int backlog = SharedDutyCycle.MAX_BATCH + 10;
        for (int i = 1; i <= backlog; i++)
        {
            agents.heartbeat("a1", 1, i, null, false, i, null);
        }

        assertEquals(SharedDutyCycle.MAX_BATCH, cycle.doWork());
        assertEquals(10, cycle.doWork());

        assertEquals(backlog, journal.size());
        for (int i = 0; i < backlog; i++)
        {
            final boolean batchEnd = i == SharedDutyCycle.MAX_BATCH - 1 || i == backlog - 1;
            assertEquals(batchEnd, journal.get(i).contains("round"), "record " + i + ": " + journal.get(i));
        }
        assertEquals(backlog, cycle.appliedSequence());
    }

    @Test
    void shouldCountAJournalFailureAndStillApplyTheEvent() throws Exception
    {
        final SharedDutyCycle failing = new SharedDutyCycle(ring, new JournalStage(new InputJournal()
        {
            @Override
            public void append(final EngineEvent event)
            {
                throw new IllegalStateException("disk full");
            }

            @Override
            public void close()
            {
            }
        }, true, ring, journalErrors), new KernelStage(applier, stageListener, counters, latency, ring, null), journalErrors, kernelErrors,
            new NoOpIdleStrategy(), Thread::new);
        agents.register("a1", vector(1000, 1000), Map.of(), 1, null);

        assertEquals(1, failing.doWork());

        assertEquals(1, counters.value(CounterFamily.ERRORS, "journal"));
        assertEquals(1, applier.kernel().view().agentCount());
        assertTrue(listener.decisions().get(0).contains("REGISTERED agent=a1"), listener.decisions().toString());
    }

    @Test
    void shouldCloseTheJournalOnClose() throws Exception
    {
        cycle.onClose();

        assertEquals(List.of("closed"), journal);
        assertFalse(counters.value(CounterFamily.ERRORS, "kernel") > 0);
    }
}
