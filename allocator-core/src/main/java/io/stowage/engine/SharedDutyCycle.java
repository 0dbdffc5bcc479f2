package io.stowage.engine;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.errors.DistinctErrorLog;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * {@link EngineThreading#SHARED}: one Agrona agent drives the ring by hand through a Disruptor {@link EventPoller}
 * (the ring's only gating sequence). Each duty cycle takes the events published so far, at most
 * {@link #MAX_BATCH}: it journals them all with the journal stage, the last one marked for a round, then applies them
 * all with the kernel stage, whose end of batch publishes the gauges and latency. The poller's sequence moves past
 * the batch only when the poll returns, after the apply, so producers cannot reuse a slot before its event is
 * applied, and {@link #appliedSequence()} covers every answer made. The batch end, and so every round point, is
 * written to the journal before any event of the batch is applied: journal replay makes the same rounds.
 * <p>
 * Errors are caught per event and per stage, with that stage's exception handler, exactly as in
 * {@link EngineThreading#DEDICATED} (the poller itself would give up the rest of the batch on a throw).
 */
final class SharedDutyCycle implements EngineStages, Agent, EventPoller.Handler<EngineEvent>
{
    /**
     * Most events journaled before the first of them is applied: after a stall the backlog is served in batches
     * this long, so the first answer of a burst does not wait for the whole backlog to be journaled. Each batch still
     * ends in a round, as a batch of the journal stage does in the dedicated mode.
     */
    static final int MAX_BATCH = 1024;

    private final RingBuffer<EngineEvent> ring;
    private final EventPoller<EngineEvent> poller;
    private final JournalStage journalStage;
    private final KernelStage kernelStage;
    private final EngineExceptionHandler journalErrors;
    private final EngineExceptionHandler kernelErrors;
    private final IdleStrategy idleStrategy;
    private final ThreadFactory threadFactory;
    private AgentRunner runner;
    private long batchStart;
    private int batchLength;

    SharedDutyCycle(
        final RingBuffer<EngineEvent> ring,
        final JournalStage journalStage,
        final KernelStage kernelStage,
        final EngineExceptionHandler journalErrors,
        final EngineExceptionHandler kernelErrors,
        final IdleStrategy idleStrategy,
        final ThreadFactory threadFactory)
    {
        this.ring = ring;
        this.poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
        this.journalStage = journalStage;
        this.kernelStage = kernelStage;
        this.journalErrors = journalErrors;
        this.kernelErrors = kernelErrors;
        this.idleStrategy = idleStrategy;
        this.threadFactory = threadFactory;
    }

    @Override
    public void start()
    {
        // Each stage's errors are caught per event in the cycle; anything else the agent throws is the kernel
        // thread's, counted and logged as the kernel stage's.
        runner = new AgentRunner(idleStrategy, kernelErrors, null, this);
        AgentRunner.startOnThread(runner, threadFactory);
    }

    @Override
    public long appliedSequence()
    {
        return poller.getSequence().get();
    }

    @Override
    public void shutdown(final long timeoutSeconds, final DistinctErrorLog errorLog)
    {
        final long target = ring.getCursor();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (appliedSequence() < target)
        {
            if (System.nanoTime() - deadline > 0)
            {
                errorLog.record(new IllegalStateException("the shared duty cycle did not apply sequence " + target +
                    " within " + timeoutSeconds + " s; closing with a backlog"));
                break;
            }
            Thread.yield();
        }
        runner.close();
    }

    @Override
    public int doWork() throws Exception
    {
        batchLength = 0;
        poller.poll(this);
        return batchLength;
    }

    @Override
    public boolean onEvent(final EngineEvent event, final long sequence, final boolean endOfBatch)
    {
        if (batchLength == 0)
        {
            batchStart = sequence;
        }
        batchLength++;
        final boolean batchEnd = endOfBatch || batchLength == MAX_BATCH;
        journal(event, sequence, batchEnd);
        if (batchEnd)
        {
            apply(batchStart, sequence);
        }
        return !batchEnd;
    }

    @Override
    public void onClose()
    {
        try
        {
            kernelStage.onShutdown();
        }
        catch (final Throwable ex)
        {
            kernelErrors.handleOnShutdownException(ex);
        }
        try
        {
            journalStage.onShutdown();
        }
        catch (final Throwable ex)
        {
            journalErrors.handleOnShutdownException(ex);
        }
    }

    @Override
    public String roleName()
    {
        return "stowage-engine-shared";
    }

    private void journal(final EngineEvent event, final long sequence, final boolean batchEnd)
    {
        try
        {
            journalStage.onEvent(event, sequence, batchEnd);
        }
        catch (final Throwable ex)
        {
            journalErrors.handleEventException(ex, sequence, event);
        }
    }

    private void apply(final long first, final long last)
    {
        for (long sequence = first; sequence <= last; sequence++)
        {
            final EngineEvent event = ring.get(sequence);
            try
            {
                kernelStage.onEvent(event, sequence, sequence == last);
            }
            catch (final Throwable ex)
            {
                kernelErrors.handleEventException(ex, sequence, event);
            }
        }
    }
}
