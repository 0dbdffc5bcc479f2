package io.stowage.ipc;

import io.stowage.core.AllocatorKernel;
import io.stowage.engine.AgentInputSink;
import io.stowage.engine.AllocatorClient;
import io.stowage.engine.AllocatorEngine;
import io.stowage.engine.EngineSnapshotStore;
import io.stowage.engine.EngineThreading;
import io.stowage.engine.SnapshotFigures;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recovery of a live engine from its newest snapshot and the journal after it: an engine journals into a
 * {@link ChronicleJournal} and snapshots every few hundred inputs while it places and finishes tasks; a new engine
 * recovered through {@link JournalRecovery} with the snapshot directory loads the newest snapshot, replays only the
 * tail, and reaches the engine's state hash with the tail's decisions numbered as they were. With the newest snapshot
 * damaged, recovery says why it refused it and starts from the one before, replaying more.
 */
class EngineSnapshotRecoveryTest
{
    private static final int AGENTS = 6;
    private static final int TASKS = 3000;
    private static final long EVERY_INPUTS = 400;

    @TempDir
    Path dir;

    private long now = 1_000_000_000L;

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldRecoverFromTheNewestSnapshotAndTheJournalTail(final EngineThreading threading) throws Exception
    {
        final Path journal = dir.resolve("journal");
        final Path snapshots = dir.resolve("snapshots");
        final Map<String, Integer> epochs = new ConcurrentHashMap<>();
        final EngineJournalRecoveryTest.Queue placed = new EngineJournalRecoveryTest.Queue();
        final EngineJournalRecoveryTest.Log live = new EngineJournalRecoveryTest.Log(placed, epochs);
        final AllocatorEngine engine = AllocatorEngine.builder(TestKernels.config()).threading(threading)
            .listener(live).clock(() -> now).roundsAtBatchEnds(false)
            .journal(new ChronicleJournal(journal, TestKernels.DIMENSIONS))
            .snapshots(snapshots, EVERY_INPUTS, Long.MAX_VALUE).snapshotsInBackground(false).build().start();
        final SnapshotFigures figures;
        try
        {
            drive(engine, epochs, placed);
        }
        finally
        {
            engine.close();
            figures = engine.snapshotFigures();
        }
        final AllocatorKernel kernel = engine.kernelAfterClose();
        final long liveHash = kernel.view().stateHash();
        final int lines = live.lines.size();
        assertTrue(figures.taken() >= 5, "snapshots taken: " + figures.taken());
        assertEquals(0, figures.failed());
        final List<Path> files = new EngineSnapshotStore(snapshots).snapshots();
        assertEquals(EngineSnapshotStore.KEPT, files.size(), "only the newest snapshots are kept: " + files);

        final Recovered newest = recover(journal, snapshots);
        assertTrue(newest.recovery.fromSnapshot());
        assertEquals(List.of(), newest.recovery.refusedSnapshots());
        assertEquals(liveHash, newest.hash, "the recovered kernel has the engine's state");
        assertEquals(figures.lastBytes(), newest.recovery.snapshotBytes());
        assertEquals(live.lines.subList(lines - newest.log.lines.size(), lines), newest.log.lines,
            "the tail's decisions, numbered as they were");

        // damage the newest snapshot: recovery refuses it, names why, and starts from the one before
        try (var channel = Files.newByteChannel(files.get(0), StandardOpenOption.WRITE))
        {
            channel.position(Files.size(files.get(0)) / 2);
            channel.write(java.nio.ByteBuffer.wrap(new byte[]{1, 2, 3, 4, 5, 6, 7, 8}));
        }
        final Recovered older = recover(journal, snapshots);
        assertTrue(older.recovery.fromSnapshot());
        assertEquals(1, older.recovery.refusedSnapshots().size());
        assertTrue(older.recovery.refusedSnapshots().get(0).contains("checksum"),
            older.recovery.refusedSnapshots().get(0));
        assertEquals(liveHash, older.hash);
        assertEquals(live.lines.subList(lines - older.log.lines.size(), lines), older.log.lines);

        // no snapshot at all: the whole journal
        for (final Path file : files)
        {
            Files.delete(file);
        }
        final Recovered whole = recover(journal, snapshots);
        assertFalse(whole.recovery.fromSnapshot());
        assertEquals(liveHash, whole.hash);
        assertEquals(live.lines, whole.log.lines);
        // the snapshot's inputs and the tail after it are the whole journal, each input once
        assertEquals(whole.recovery.records(), newest.recovery.inputsRecovered());
        assertEquals(whole.recovery.records(), older.recovery.inputsRecovered());
        assertTrue(newest.recovery.records() < older.recovery.records() &&
            older.recovery.records() < whole.recovery.records(), "only the tail replayed: " +
            newest.recovery.records() + ", " + older.recovery.records() + " of " + whole.recovery.records());
    }

    private record Recovered(JournalRecovery recovery, long hash, EngineJournalRecoveryTest.Log log)
    {
    }

    private Recovered recover(final Path journal, final Path snapshots) throws IOException
    {
        final Path copy = Files.createTempDirectory(dir, "journal-copy");
        copyTree(journal, copy);
        final JournalRecovery recovery = new JournalRecovery(copy, TestKernels.DIMENSIONS, 0, snapshots);
        final EngineJournalRecoveryTest.Log log = new EngineJournalRecoveryTest.Log(null, null);
        final AllocatorEngine engine = AllocatorEngine.builder(TestKernels.config()).listener(log)
            .recoverFrom(recovery).build().start();
        engine.close();
        return new Recovered(recovery, engine.kernelAfterClose().view().stateHash(), log);
    }

    private static void copyTree(final Path from, final Path to) throws IOException
    {
        try (var files = Files.list(from))
        {
            for (final Path file : files.toList())
            {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    private void drive(
        final AllocatorEngine engine, final Map<String, Integer> epochs, final EngineJournalRecoveryTest.Queue placed)
        throws InterruptedException
    {
        final AllocatorClient client = engine.client();
        final AgentInputSink agents = engine.agentInput();
        for (int a = 0; a < AGENTS; a++)
        {
            agents.register("agent-" + a, new long[]{8000, 16_000}, Map.of("rack", "r" + a % 3), now, null);
        }
        final int framework = client.registerFramework("fw");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (epochs.size() < AGENTS && System.nanoTime() < deadline)
        {
            TimeUnit.MILLISECONDS.sleep(1);
        }
        assertEquals(AGENTS, epochs.size());
        final long[] sequences = new long[AGENTS];
        for (int i = 0; i < TASKS; i++)
        {
            now += 1_000_000;
            client.submit(framework, new long[]{250 + (i % 4) * 250, 500 + (i % 3) * 500}, i % 3, false, 0, 0, i);
            if (i % 20 == 0)
            {
                engine.tick(now);
            }
            EngineJournalRecoveryTest.Placement p;
            while ((p = placed.poll()) != null)
            {
                agents.taskFinished(p.agentId(), p.epoch(), p.taskId(), now, null);
            }
            if (i % 100 == 0)
            {
                for (int a = 0; a < AGENTS; a++)
                {
                    final String id = "agent-" + a;
                    agents.heartbeat(id, epochs.get(id), ++sequences[a], null, false, now, null);
                }
            }
        }
        engine.tick(now);
        engine.awaitApplied(TimeUnit.SECONDS.toNanos(60));
    }
}
