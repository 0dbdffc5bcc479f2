package io.stowage.engine;

import org.agrona.ErrorHandler;
import org.agrona.ExpandableDirectByteBuffer;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Takes the engine's snapshots on the kernel thread, between two inputs: after every {@code everyInputs} journaled
 * inputs or {@code everyNanos} of ingress time, whichever comes first. It remembers where the last input applied
 * stands in the journal and in each agent queue, so that recovery loads the snapshot and replays only what follows.
 * A snapshot that cannot be written is counted and reported; the engine carries on and tries again at the next due
 * input.
 */
final class EngineSnapshotter
{
    private final EngineSnapshotStore store;
    private final long everyInputs;
    private final long everyNanos;
    private final ErrorHandler errors;
    private final SnapshotFigures figures;
    private final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(1 << 20);
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
     */
    EngineSnapshotter(
        final EngineSnapshotStore store, final long everyInputs, final long everyNanos, final long inputs,
        final long[] queuePositions, final ErrorHandler errors, final SnapshotFigures figures)
    {
        if (everyInputs <= 0 || everyNanos <= 0)
        {
            throw new IllegalArgumentException("snapshot intervals must be above 0, got " + everyInputs +
                " inputs and " + everyNanos + " ns");
        }
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
        if (lastJournalIndex < 0)
        {
            return;
        }
        final long start = System.nanoTime();
        inputsAtLast = inputs;
        ingressAtLast = lastIngressNanos;
        try
        {
            final int header = EngineSnapshotDescriptor.headerLength(queueCount);
            final int applierLength = applier.writeSnapshot(buffer, header);
            final int length = EngineSnapshotStore.writeHeader(
                buffer, lastJournalIndex, inputs, lastIngressNanos, queuePositions, queueCount, applierLength);
            final long encoded = System.nanoTime();
            final ByteBuffer bytes = buffer.byteBuffer().duplicate();
            bytes.limit(length).position(0);
            store.write(bytes, lastJournalIndex);
            final long end = System.nanoTime();
            figures.taken(length, encoded - start, end - start, inputs, lastJournalIndex);
        }
        catch (final UncheckedIOException | IllegalStateException ex)
        {
            figures.countFailure();
            errors.onError(ex);
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
