package io.stowage.engine;

import com.lmax.disruptor.EventHandler;

/**
 * The first stage: decides where allocation rounds go (after the last event of each of its batches, so a burst is
 * served by one round, unless rounds run on ticks only) and journals every input before the kernel stage may see it.
 */
final class JournalStage implements EventHandler<EngineEvent>
{
    private final InputJournal journal;
    private final boolean roundsAtBatchEnds;

    JournalStage(final InputJournal journal, final boolean roundsAtBatchEnds)
    {
        this.journal = journal;
        this.roundsAtBatchEnds = roundsAtBatchEnds;
    }

    @Override
    public void onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch)
    {
        event.roundAfter = roundsAtBatchEnds && endOfBatch;
        journal.append(event);
    }

    @Override
    public void onShutdown()
    {
        journal.close();
    }
}
