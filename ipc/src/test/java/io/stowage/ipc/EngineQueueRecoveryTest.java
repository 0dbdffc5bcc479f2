package io.stowage.ipc;

import io.stowage.core.AllocatorKernel;
import io.stowage.engine.AllocatorEngine;
import io.stowage.engine.EngineEvent;
import io.stowage.engine.EngineThreading;
import io.stowage.engine.InputJournal;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An engine fed by an agent queue tailer dies while its tailer has taken frames into the ring that its journal stage
 * has not written yet (the tailer's own persisted position is past them). A new engine recovers with
 * {@link JournalRecovery}: it replays the journal and resumes the queue just after the last journaled frame, so the
 * frames taken but not journaled are read again and none is applied twice. The recovered engine reaches the state
 * hash of an uninterrupted engine over the same queue, and its journal holds every frame once, in queue order. The
 * engines run rounds on ticks only (none here), so that their states can be compared.
 */
class EngineQueueRecoveryTest
{
    private static final int AGENTS = 20;
    private static final int FRAMES = 4000;
    private static final int JOURNALED_BEFORE_CRASH = 1500;
    private static final long STEP_NANOS = 1_000_000;

    @TempDir
    Path dir;

    /** A journal whose writer dies after a number of records: it stops there, and what follows is never written. */
    private static final class DyingJournal implements InputJournal
    {
        private final ChronicleJournal journal;
        private final int limit;
        private final CountDownLatch died = new CountDownLatch(1);
        private final CountDownLatch buried = new CountDownLatch(1);
        private int written;

        DyingJournal(final ChronicleJournal journal, final int limit)
        {
            this.journal = journal;
            this.limit = limit;
        }

        @Override
        public void append(final EngineEvent event)
        {
            if (written == limit)
            {
                died.countDown();
                awaitUninterruptibly(buried);
                return;
            }
            if (written < limit)
            {
                journal.append(event);
                written++;
            }
        }

        @Override
        public void close()
        {
            journal.close();
        }
    }

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldReadAgainTheFramesTakenButNotJournaledWhenTheEngineDied(final EngineThreading threading)
        throws Exception
    {
        final long seed = System.nanoTime();
        try
        {
            run(seed, threading);
        }
        catch (final AssertionError ex)
        {
            throw new AssertionError("seed " + seed + ": " + ex.getMessage(), ex);
        }
    }

    private void run(final long seed, final EngineThreading threading) throws Exception
    {
        final Path queue = dir.resolve("agents");
        final long valid = publish(queue, new SplittableRandom(seed));
        final Path journalDir = dir.resolve("journal");

        final DyingJournal dying = new DyingJournal(new ChronicleJournal(journalDir, TestKernels.DIMENSIONS),
            JOURNALED_BEFORE_CRASH);
        final AllocatorEngine first = AllocatorEngine.builder(TestKernels.config()).threading(threading)
            .roundsAtBatchEnds(false).journal(dying).build().start();
        final long takenBeforeCrash;
        try (AgentQueueTailer tailer = tailer(queue, dir.resolve("state"), "allocator", first, 0))
        {
            pump(tailer, valid);
            assertTrue(dying.died.await(30, TimeUnit.SECONDS), "the journal reached its limit");
            takenBeforeCrash = tailer.delivered();
        }
        dying.buried.countDown();
        first.close();

        final JournalRecovery recovery = new JournalRecovery(journalDir, TestKernels.DIMENSIONS, 1);
        final AllocatorEngine second = AllocatorEngine.builder(TestKernels.config()).threading(threading)
            .roundsAtBatchEnds(false).journal(new ChronicleJournal(journalDir, TestKernels.DIMENSIONS))
            .recoverFrom(recovery).build().start();
        try (AgentQueueTailer tailer =
            tailer(queue, dir.resolve("state"), "allocator", second, recovery.lastIngressNanos()))
        {
            assertEquals(JOURNALED_BEFORE_CRASH, recovery.records());
            assertTrue(tailer.position(0) > recovery.lastIndex(0),
                "the dead engine's tailer had moved past frames that were never journaled");
            recovery.resume(tailer);
            pump(tailer, valid - JOURNALED_BEFORE_CRASH);
        }
        second.close();
        assertEquals(0, second.counters().errors(), "the recovered engine applied every input without an error");
        final AllocatorKernel recovered = second.kernelAfterClose();

        final AllocatorEngine reference = AllocatorEngine.builder(TestKernels.config()).threading(threading)
            .roundsAtBatchEnds(false).journal(new ChronicleJournal(dir.resolve("ref-journal"), TestKernels.DIMENSIONS))
            .build().start();
        try (AgentQueueTailer tailer = tailer(queue, dir.resolve("ref-state"), "reference", reference, 0))
        {
            pump(tailer, valid);
        }
        reference.close();
        final AllocatorKernel uninterrupted = reference.kernelAfterClose();

        System.out.println("engine died with " + takenBeforeCrash + " frames taken, " + JOURNALED_BEFORE_CRASH +
            " journaled; recovered and read the rest: " + valid + " frames in the journal");
        assertTrue(takenBeforeCrash > JOURNALED_BEFORE_CRASH, "frames were taken but not journaled");
        final List<Long> origins = JournalOrigins.read(journalDir, TestKernels.DIMENSIONS);
        assertEquals(valid, origins.size(), "each frame journaled once");
        assertEquals(JournalOrigins.read(dir.resolve("ref-journal"), TestKernels.DIMENSIONS), origins,
            "the same frames, in queue order");
        assertEquals(uninterrupted.view().stateHash(), recovered.view().stateHash());
        assertEquals(uninterrupted.view().staleUpdates(), recovered.view().staleUpdates(), "no heartbeat applied twice");
    }

    /** Registers the agents, then heartbeats with usage and some junk; returns the number of well-formed frames. */
    private static long publish(final Path queue, final SplittableRandom random)
    {
        long valid = 0;
        try (AgentPublisher publisher = new AgentPublisher(queue, 1); RawQueueWriter raw = new RawQueueWriter(queue))
        {
            for (int a = 0; a < AGENTS; a++)
            {
                publisher.register("agent-" + a, new long[]{8000, 16_000}, Map.of("rack", "r" + (a % 3)));
                valid++;
            }
            for (int i = 0; i < FRAMES; i++)
            {
                if (random.nextInt(20) == 0)
                {
                    final byte[] junk = new byte[1 + random.nextInt(40)];
                    random.nextBytes(junk);
                    raw.write(junk, junk.length);
                    continue;
                }
                publisher.heartbeat("agent-" + random.nextInt(AGENTS), 1,
                    new long[]{random.nextLong(8000), random.nextLong(16_000)}, random.nextInt(50) == 0);
                valid++;
            }
        }
        return valid;
    }

    /** A tailer whose ingress clock steps a millisecond per input from a start, so that runs can be compared. */
    private static AgentQueueTailer tailer(
        final Path queue, final Path state, final String name, final AllocatorEngine engine, final long startNanos)
    {
        final long[] clock = {startNanos};
        return AgentQueueTailer.builder().queue(queue).stateDir(state).name(name).dimensions(TestKernels.DIMENSIONS)
            .sink(engine.agentInput()).clock(() -> clock[0] += STEP_NANOS).build();
    }

    private static void pump(final AgentQueueTailer tailer, final long frames)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (tailer.delivered() < frames)
        {
            if (tailer.doWork() == 0)
            {
                assertTrue(System.nanoTime() < deadline, "delivered " + tailer.delivered() + " of " + frames);
                Thread.onSpinWait();
            }
        }
    }

    private static void awaitUninterruptibly(final CountDownLatch latch)
    {
        while (true)
        {
            try
            {
                latch.await();
                return;
            }
            catch (final InterruptedException ignored)
            {
                // a dead writer does not wake up
            }
        }
    }
}
