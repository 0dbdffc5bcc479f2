package io.stowage.engine;

/**
 * Which threads run the engine's two stages (the choice Aeron's media driver offers as its threading mode). Both modes
 * put the same multi-producer ring in front of the kernel, journal every event before the kernel applies it, and run
 * allocation rounds after the last event of each journaled batch (recorded in the journal as
 * {@link EngineEvent#roundAfter}), so a journal written in either mode replays to the same decisions and state.
 */
public enum EngineThreading
{
    /**
     * The journal stage and the kernel stage each on a thread of its own, the kernel stage gated on the journal
     * stage's sequence; idle stages wait with the builder's Disruptor {@code WaitStrategy}. Journaling overlaps
     * with applying, which suits a machine with a core for each stage besides the producers.
     */
    DEDICATED,

    /**
     * One duty-cycle thread: it takes the batch of events published so far, journals the whole batch (marking its
     * last event for a round), then applies it to the kernel and publishes the gauges and latency, and idles with
     * the builder's Agrona {@code IdleStrategy} when the ring is empty. One thread less to schedule and no hand-off
     * between stages, which suits a machine with fewer cores than busy threads (two vCPUs shared with producers).
     */
    SHARED
}
