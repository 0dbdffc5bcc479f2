package io.stowage.engine;

import com.lmax.disruptor.DataProvider;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.ExceptionHandler;

/**
 * The first stage: journals every input before the kernel stage may see it, and decides where allocation rounds go:
 * after the last input of each of its batches (so a burst is served by one round), unless rounds run on ticks only.
 * <p>
 * A batch is journaled when its last event arrives: the kernel stage sees none of it before the journal stage's
 * sequence moves past the whole batch (in the dedicated mode the Disruptor moves it after the batch; in the shared
 * mode the duty cycle applies a batch after journaling it), so nothing is applied earlier than before. Waiting for
 * the batch's end lets the round mark skip {@link EventType#QUERY} events: a query is not an input, is never
 * journaled and never carries a round, so a batch that ends in a query still marks its last input, and replay of the
 * journal makes exactly the live rounds.
 */
final class JournalStage implements EventHandler<EngineEvent>
{
    private final InputJournal journal;
    private final boolean roundsAtBatchEnds;
    private final DataProvider<EngineEvent> ring;
    private final ExceptionHandler<? super EngineEvent> errors;
    private long batchStart = -1;

    /**
     * @param journal           where inputs are appended.
     * @param roundsAtBatchEnds mark the last input of each batch for a round; false: rounds run on ticks only.
     * @param ring              the ring the batches are read back from.
     * @param errors            told of an append that threw, per event; the stage carries on with the batch.
     */
    JournalStage(
        final InputJournal journal,
        final boolean roundsAtBatchEnds,
        final DataProvider<EngineEvent> ring,
        final ExceptionHandler<? super EngineEvent> errors)
    {
        this.journal = journal;
        this.roundsAtBatchEnds = roundsAtBatchEnds;
        this.ring = ring;
        this.errors = errors;
    }

    @Override
    public void onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch)
    {
        if (batchStart < 0)
        {
            batchStart = sequence;
        }
        if (endOfBatch)
        {
            final long first = batchStart;
            batchStart = -1;
            journalBatch(first, sequence);
        }
    }

    private void journalBatch(final long first, final long last)
    {
        final long roundAfter = roundsAtBatchEnds ? lastInput(first, last) : -1;
        for (long sequence = first; sequence <= last; sequence++)
        {
            final EngineEvent event = ring.get(sequence);
            if (event.type == EventType.QUERY)
            {
                event.roundAfter = false;
                continue;
            }
            event.roundAfter = sequence == roundAfter;
            event.journalIndex = -1;
            try
            {
                journal.append(event);
            }
            catch (final Throwable ex)
            {
                errors.handleEventException(ex, sequence, event);
            }
        }
    }

    /** @return the sequence of the batch's last event that is an input, or -1 if the batch holds queries only. */
    private long lastInput(final long first, final long last)
    {
        for (long sequence = last; sequence >= first; sequence--)
        {
            if (ring.get(sequence).type != EventType.QUERY)
            {
                return sequence;
            }
        }
        return -1;
    }

    @Override
    public void onShutdown()
    {
        journal.close();
    }
}
