package io.stowage.engine;

import org.agrona.ErrorHandler;
import org.agrona.ExpandableDirectByteBuffer;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Takes the engine's snapshots on the kernel thread, between two inputs: after every {@code everyInputs} journaled
 * inputs or {@code everyNanos} of ingress time, whichever comes first. It remembers where the last input applied
 * stands in the journal and in each agent queue, so that recovery loads the snapshot and replays only what follows.
 * A snapshot that cannot be written is counted and reported; the engine carries on and tries again at the next due
 * input.
 * <p>
 * The kernel thread only encodes (the state must not change meanwhile); by default a thread of the snapshotter's own
 * writes the bytes to disk and forces them, so the kernel does not wait for the disk. One snapshot is in flight at a
 * time: a snapshot that falls due while the previous one is still being written waits for the next input after it is
 * done.
 */
final class EngineSnapshotter
{
    private final EngineSnapshotStore store;
    private final long everyInputs;
    private final long everyNanos;
    private final ErrorHandler errors;
    private final SnapshotFigures figures;
    private final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(1 << 20);
    private final AtomicBoolean writing = new AtomicBoolean();
    private final ExecutorService writer;
    private long[] queuePositions = new long[0];
    private int queueCount;
    private long inputs;
    private long lastJournalIndex = -1;
    private long lastIngressNanos;
    private long inputsAtLast;
    private long ingressAtLast = Long.MIN_VALUE;

    /**
     * @param store          where snapshots go.
     * @param everyInputs    inputs between two snapshots (above 0).
     * @param everyNanos     ingress time between two snapshots (above 0).
     * @param inputs         inputs applied before this engine started (from the snapshot and journal it recovered).
     * @param queuePositions the last journaled frame of each agent queue when it started.
     * @param errors         told of a snapshot that could not be written.
     * @param figures        where the figures of each snapshot are published.
     * @param background     true to write to disk on a thread of the snapshotter's own, false to write on the
     *                       kernel thread (which then waits for the disk).
     */
    EngineSnapshotter(
        final EngineSnapshotStore store, final long everyInputs, final long everyNanos, final long inputs,
        final long[] queuePositions, final ErrorHandler errors, final SnapshotFigures figures,
        final boolean background)
    {
        if (everyInputs <= 0 || everyNanos <= 0)
        {
            throw new IllegalArgumentException("snapshot intervals must be above 0, got " + everyInputs +
                " inputs and " + everyNanos + " ns");
        }
        this.writer = background ? Executors.newSingleThreadExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, "stowage-snapshot-writer");
            thread.setDaemon(true);
            return thread;
        }) : null;
        this.store = store;
        this.everyInputs = everyInputs;
        this.everyNanos = everyNanos;
        this.errors = errors;
        this.figures = figures;
        this.inputs = inputs;
        this.inputsAtLast = inputs;
        this.queuePositions = queuePositions.clone();
        this.queueCount = queuePositions.length;
    }

    /**
     * Called after each input is applied (its round included).
     *
     * @param event   the input.
     * @param applier the applier, on its thread.
     */
    void afterApplied(final EngineEvent event, final KernelEventApplier applier)
    {
        inputs++;
        lastIngressNanos = event.ingressNanos;
        if (ingressAtLast == Long.MIN_VALUE)
        {
            ingressAtLast = event.ingressNanos;
        }
        final InputOrigin origin = event.origin;
        if (origin.isFromQueue() && origin.queue() < EngineSnapshotDescriptor.MAX_QUEUES)
        {
            final int queue = origin.queue();
            if (queue >= queueCount)
            {
                grow(queue + 1);
            }
            queuePositions[queue] = origin.index();
        }
        if (event.journalIndex < 0)
        {
            return; // not journaled: a snapshot must stand at a journal position
        }
        lastJournalIndex = event.journalIndex;
        if (inputs - inputsAtLast >= everyInputs || event.ingressNanos - ingressAtLast >= everyNanos)
        {
            take(applier);
        }
    }

    /**
     * Takes a snapshot now, if an input has been journaled since the engine started.
     *
     * @param applier the applier, on its thread.
     */
    void take(final KernelEventApplier applier)
    {
        if (lastJournalIndex < 0 || writing.get())
        {
            return;
        }
        final long start = System.nanoTime();
        inputsAtLast = inputs;
        ingressAtLast = lastIngressNanos;
        final int length;
        try
        {
            final int header = EngineSnapshotDescriptor.headerLength(queueCount);
            final int applierLength = applier.writeSnapshot(buffer, header);
            length = EngineSnapshotStore.writeHeader(
                buffer, lastJournalIndex, inputs, lastIngressNanos, queuePositions, queueCount, applierLength);
        }
        catch (final IllegalStateException ex)
        {
            figures.countFailure();
            errors.onError(ex);
            return;
        }
        final long encodeNanos = System.nanoTime() - start;
        final long journalIndex = lastJournalIndex;
        final long included = inputs;
        writing.set(true);
        final Runnable write = () ->
        {
            try
            {
                final ByteBuffer bytes = buffer.byteBuffer().duplicate();
                bytes.limit(length).position(0);
                store.write(bytes, journalIndex);
                figures.taken(length, encodeNanos, System.nanoTime() - start, included, journalIndex);
            }
            catch (final UncheckedIOException ex)
            {
                figures.countFailure();
                errors.onError(ex);
            }
            finally
            {
                writing.set(false);
            }
        };
        if (writer != null)
        {
            writer.execute(write);
        }
        else
        {
            write.run();
        }
    }

    /** Waits for a snapshot being written, then stops the writer thread. Called when the kernel stage shuts down. */
    void close()
    {
        if (writer == null)
        {
            return;
        }
        writer.shutdown();
        try
        {
            if (!writer.awaitTermination(2, TimeUnit.MINUTES))
            {
                errors.onError(new IllegalStateException("a snapshot was still being written two minutes after close"));
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void grow(final int count)
    {
        final int old = queuePositions.length;
        if (count > old)
        {
            queuePositions = Arrays.copyOf(queuePositions, Math.max(count, old * 2));
            Arrays.fill(queuePositions, old, queuePositions.length, -1);
        }
        queueCount = count;
    }
}
