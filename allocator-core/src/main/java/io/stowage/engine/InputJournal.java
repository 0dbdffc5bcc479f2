package io.stowage.engine;

/**
 * Where the engine's journal stage writes every input before the kernel stage applies it (the LMAX
 * business-logic-processor pattern). An implementation must make the event durable in the order given, including
 * {@link EngineEvent#roundAfter}, so that replaying the journal into a fresh kernel reproduces the same state and the
 * same decisions. Called on the journal thread only.
 */
public interface InputJournal extends AutoCloseable
{
    /** A journal that keeps nothing: for engines that do not need recovery (tests, benchmarks). */
    InputJournal NONE = new InputJournal()
    {
        @Override
        public void append(final EngineEvent event)
        {
        }

        @Override
        public void close()
        {
        }
    };

    /**
     * @param event the input, with {@link EngineEvent#roundAfter} already decided.
     */
    void append(EngineEvent event);

    @Override
    void close();
}
