package io.stowage.engine;

/**
 * Brings a new engine's kernel to the state of a journal before the engine starts: recovery of a crashed allocator.
 * The engine calls it once, on the thread that builds it, with its own fresh applier; the implementation applies every
 * journaled input to it, in journal order (ipc's {@code JournalRecovery} reads a Chronicle journal). The decisions
 * the replay makes reach the engine's listener with the numbers they had when first made; counters and latency
 * start from zero.
 */
@FunctionalInterface
public interface JournalReplay
{
    /**
     * @param applier the engine's applier, which has applied nothing yet.
     */
    void replayInto(KernelEventApplier applier);
}
