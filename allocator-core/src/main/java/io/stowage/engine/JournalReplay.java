package io.stowage.engine;

import io.stowage.core.KernelConfig;
import org.agrona.ErrorHandler;

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

    /**
     * Builds the applier the replay continues, from a snapshot, before {@link #replayInto} is called with it; the
     * replay then applies only the journal after the snapshot.
     *
     * @param config       the kernel's configuration.
     * @param listener     the engine's listener for the applier.
     * @param errorHandler the engine's kernel error handler.
     * @return the applier loaded from a snapshot, or null to replay the whole journal into a new one (the default).
     */
    default KernelEventApplier restore(
        final KernelConfig config, final EngineListener listener, final ErrorHandler errorHandler)
    {
        return null;
    }

    /** @return inputs the recovered kernel holds, counted from the journal's start (after {@link #replayInto}). */
    default long inputsRecovered()
    {
        return 0;
    }

    /** @return the index of the last journaled frame of each agent queue after recovery, -1 for none. */
    default long[] queuePositions()
    {
        return new long[0];
    }
}
