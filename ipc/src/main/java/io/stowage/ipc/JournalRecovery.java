package io.stowage.ipc;

import io.stowage.core.KernelConfig;
import io.stowage.engine.AllocatorEngine;
import io.stowage.engine.EngineListener;
import io.stowage.engine.EngineSnapshotStore;
import io.stowage.engine.JournalReplay;
import io.stowage.engine.KernelEventApplier;
import org.agrona.ErrorHandler;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Recovery of an engine that journaled into a {@link ChronicleJournal}: replays the journal into the new engine's
 * kernel ({@link AllocatorEngine.Builder#recoverFrom}) and remembers, per agent queue, the last frame that reached the
 * journal, so that {@link #resume(AgentQueueTailer)} positions the queue tailer just after it. A frame the crashed
 * engine had taken from a queue but not journaled is read again; a journaled one is not, so no agent input is lost or
 * applied twice.
 * <pre>{@code
 * JournalRecovery recovery = new JournalRecovery(journalDir, dimensions, queueCount);
 * AllocatorEngine engine = AllocatorEngine.builder(config)
 *     .journal(new ChronicleJournal(journalDir, dimensions)).recoverFrom(recovery).build().start();
 * recovery.resume(tailer); // before the tailer's first doWork()
 * }</pre>
 * Given the engine's snapshot directory ({@link AllocatorEngine.Builder#snapshots}), recovery loads the newest
 * snapshot that passes its checks and replays only the journal after it; the queue positions come from the snapshot
 * and the tail. Without a usable snapshot it replays the whole journal, as before.
 */
public final class JournalRecovery implements JournalReplay
{
    private final Path journalDir;
    private final int dimensions;
    private final long[] lastIndexByQueue;
    private final Path snapshotDir;
    private EngineSnapshotStore.Loaded snapshot;
    private long restoreNanos;
    private long inputs;
    private boolean verifyStateHash = true;
    private long records;
    private long lastIngressNanos;
    private long lastDecision;
    private long replayNanos;
    private long stateHash;
    private boolean replayed;

    /**
     * @param journalDir the journal of the crashed engine (may be empty or missing: nothing to replay).
     * @param dimensions the kernel's resource dimensions.
     * @param queues     the number of agent queues the tailer reads, numbered as when the journal was written.
     */
    public JournalRecovery(final Path journalDir, final int dimensions, final int queues)
    {
        this(journalDir, dimensions, queues, null);
    }

    /**
     * @param journalDir  the journal of the crashed engine (may be empty or missing: nothing to replay).
     * @param dimensions  the kernel's resource dimensions.
     * @param queues      the number of agent queues the tailer reads, numbered as when the journal was written.
     * @param snapshotDir the crashed engine's snapshot directory, or null to replay the whole journal.
     */
    public JournalRecovery(final Path journalDir, final int dimensions, final int queues, final Path snapshotDir)
    {
        this.snapshotDir = snapshotDir;
        if (queues < 0)
        {
            throw new IllegalArgumentException("queue count must not be negative, got " + queues);
        }
        this.journalDir = journalDir;
        this.dimensions = dimensions;
        this.lastIndexByQueue = new long[queues];
        Arrays.fill(lastIndexByQueue, -1);
    }

    /**
     * Replays the whole journal into the applier and records the last journaled frame of each queue.
     *
     * @param applier the new engine's applier.
     * @throws IllegalStateException if a record does not decode, if it names a queue beyond the count given, or if
     *                               called twice.
     */
    @Override
    public void replayInto(final KernelEventApplier applier)
    {
        if (replayed)
        {
            throw new IllegalStateException("the journal " + journalDir + " was already replayed");
        }
        replayed = true;
        final long start = System.nanoTime();
        final long after = snapshot == null ? -1 : snapshot.journalIndex();
        try (JournalReplayer replayer = new JournalReplayer(journalDir, dimensions))
        {
            records = replayer.replayInto(after, applier, (event, origin, index) ->
            {
                lastIngressNanos = event.ingressNanos;
                if (origin.isFromQueue())
                {
                    if (origin.queue() >= lastIndexByQueue.length)
                    {
                        throw new IllegalStateException("journal record " + Long.toHexString(index) +
                            " came from agent queue " + origin.queue() + " but only " + lastIndexByQueue.length +
                            " queues are read now");
                    }
                    lastIndexByQueue[origin.queue()] = origin.index();
                }
            });
        }
        inputs = (snapshot == null ? 0 : snapshot.inputs()) + records;
        lastDecision = applier.lastDecision();
        stateHash = verifyStateHash ? applier.kernel().view().stateHash() : 0;
        replayNanos = System.nanoTime() - start;
    }

    /**
     * Whether recovery proves its result by state hash: a loaded snapshot's kernel against the hash written with it,
     * and {@link #stateHash()} computed after the replay. On by default. Each is a pass over every agent and task
     * (about half a second at 100,000 agents and 1.4 million tasks); a recovery that must be quick turns it off and
     * compares hashes once the engine runs (the simulator asks the engine with a query).
     *
     * @param verify true to compute and check the hashes.
     * @return this.
     */
    public JournalRecovery verifyStateHash(final boolean verify)
    {
        this.verifyStateHash = verify;
        return this;
    }

    /**
     * Loads the newest usable snapshot, if a snapshot directory was given and holds one; its queue positions become
     * the starting point of the replay's.
     *
     * @param config       the kernel's configuration.
     * @param listener     the engine's listener.
     * @param errorHandler the engine's kernel error handler, told why a newer snapshot was refused.
     * @return the applier loaded from the snapshot, or null to replay the whole journal.
     * @throws IllegalStateException if a snapshot records an agent queue beyond the count given.
     */
    @Override
    public KernelEventApplier restore(
        final KernelConfig config, final EngineListener listener, final ErrorHandler errorHandler)
    {
        if (snapshotDir == null)
        {
            return null;
        }
        final long start = System.nanoTime();
        snapshot = new EngineSnapshotStore(snapshotDir).loadLatest(config, listener, errorHandler, verifyStateHash);
        restoreNanos = System.nanoTime() - start;
        if (snapshot == null)
        {
            return null;
        }
        final long[] positions = snapshot.queuePositions();
        for (int q = 0; q < positions.length; q++)
        {
            if (q < lastIndexByQueue.length)
            {
                lastIndexByQueue[q] = positions[q];
            }
            else if (positions[q] >= 0)
            {
                throw new IllegalStateException("snapshot " + snapshot.file() + " holds frames of agent queue " + q +
                    " but only " + lastIndexByQueue.length + " queues are read now");
            }
        }
        lastIngressNanos = snapshot.ingressNanos();
        return snapshot.applier();
    }

    /** @return true if recovery started from a snapshot. */
    public boolean fromSnapshot()
    {
        return snapshot != null;
    }

    /** @return the size of the snapshot loaded, bytes, or 0. */
    public long snapshotBytes()
    {
        return snapshot == null ? 0 : snapshot.bytes();
    }

    /** @return how long finding and loading the snapshot took, nanoseconds (0 without a snapshot directory). */
    public long snapshotLoadNanos()
    {
        return restoreNanos;
    }

    /** @return why newer snapshots were refused, newest first. */
    public List<String> refusedSnapshots()
    {
        return snapshot == null ? List.of() : snapshot.refused();
    }

    @Override
    public long inputsRecovered()
    {
        return inputs;
    }

    @Override
    public long[] queuePositions()
    {
        return lastIndexByQueue.clone();
    }

    /**
     * Positions each queue of the tailer just after its last journaled frame, or at its first frame if none was
     * journaled.
     *
     * @param tailer the agent queue tailer of the recovered engine, reading the same queues in the same order.
     * @throws IllegalStateException if the journal was not replayed yet or the tailer reads another number of queues.
     */
    public void resume(final AgentQueueTailer tailer)
    {
        if (!replayed)
        {
            throw new IllegalStateException("replay the journal (build the engine) before resuming the tailer");
        }
        if (tailer.queueCount() != lastIndexByQueue.length)
        {
            throw new IllegalStateException(
                "the tailer reads " + tailer.queueCount() + " queues, the recovery expects " + lastIndexByQueue.length);
        }
        for (int q = 0; q < lastIndexByQueue.length; q++)
        {
            tailer.resumeAfter(q, lastIndexByQueue[q]);
        }
    }

    /**
     * @param queue a queue's number.
     * @return the Chronicle index of its last journaled frame, or -1.
     */
    public long lastIndex(final int queue)
    {
        return lastIndexByQueue[queue];
    }

    /** @return the records replayed: the journal after the snapshot when one was loaded, else all of it. */
    public long records()
    {
        return records;
    }

    /** @return the ingress time of the last record, or 0: a recovered producer's clock should not go back before it. */
    public long lastIngressNanos()
    {
        return lastIngressNanos;
    }

    /** @return the number of the last decision the replay made; the recovered engine continues after it. */
    public long lastDecision()
    {
        return lastDecision;
    }

    /**
     * @return the recovered kernel's state hash right after the replay: equal to the crashed kernel's at its last
     * journaled input; 0 when {@link #verifyStateHash} was turned off.
     */
    public long stateHash()
    {
        return stateHash;
    }

    /** @return how long the replay took, in nanoseconds. */
    public long replayNanos()
    {
        return replayNanos;
    }
}
