package io.stowage.engine;

import com.lmax.disruptor.EventHandler;

/**
 * The first stage: decides where allocation rounds go (after the last event of each of its batches, so a burst is
 * served by one round) and journals every input before the kernel stage may see it.
 */
final class JournalStage implements EventHandler<EngineEvent>
{
    private final InputJournal journal;

    JournalStage(final InputJournal journal)
    {
        this.journal = journal;
    }

    @Override
    public void onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch)
    {
        event.roundAfter = endOfBatch;
        journal.append(event);
    }

    @Override
    public void onShutdown()
    {
        journal.close();
    }
}
