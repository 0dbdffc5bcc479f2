package io.stowage.ipc;

import io.stowage.engine.InputOrigin;
import io.stowage.engine.EngineEvent;

/** Receives the inputs of a journal in order during replay. */
@FunctionalInterface
public interface JournalHandler
{
    /**
     * @param event        the input; reused for the next record, so copy what must be kept.
     * @param origin       where the input came from; reused too.
     * @param journalIndex the record's Chronicle index in the journal.
     */
    void onInput(EngineEvent event, InputOrigin origin, long journalIndex);
}
