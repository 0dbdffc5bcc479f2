package io.stowage.engine;

import org.agrona.concurrent.errors.DistinctErrorLog;

/**
 * The threads that consume the engine's ring: the journal stage's work, then the kernel stage's work, on one thread
 * or two ({@link EngineThreading}). The engine owns the ring, the stages' handlers and their threads' names; an
 * implementation owns how the handlers are driven.
 */
interface EngineStages
{
    /** Starts the consuming thread or threads; called once. */
    void start();

    /**
     * @return the sequence of the last event the kernel stage applied and answered; read with acquire semantics, so
     * the kernel stage's writes before it are visible to the caller.
     */
    long appliedSequence();

    /**
     * Applies every event published before the call, then stops the stages: the kernel stage publishes its last
     * gauges and latency figures and the journal is closed, on the engine thread that wrote them. Returns once the
     * work is done or the timeout has passed (recorded in the error log); the engine joins the threads after.
     *
     * @param timeoutSeconds how long the backlog may take to drain.
     * @param errorLog       where a timeout is recorded.
     */
    void shutdown(long timeoutSeconds, DistinctErrorLog errorLog);
}
