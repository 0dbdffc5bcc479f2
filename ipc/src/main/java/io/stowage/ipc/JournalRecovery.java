package io.stowage.ipc;

import io.stowage.engine.AllocatorEngine;
import io.stowage.engine.JournalReplay;
import io.stowage.engine.KernelEventApplier;

import java.nio.file.Path;
import java.util.Arrays;

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
 */
public final class JournalRecovery implements JournalReplay
{
    private final Path journalDir;
    private final int dimensions;
    private final long[] lastIndexByQueue;
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
        try (JournalReplayer replayer = new JournalReplayer(journalDir, dimensions))
        {
            records = replayer.replayInto(applier, (event, origin, index) ->
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
        lastDecision = applier.lastDecision();
        stateHash = applier.kernel().view().stateHash();
        replayNanos = System.nanoTime() - start;
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

    /** @return the records replayed. */
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
     * journaled input.
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
