package io.stowage.engine;

import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import org.agrona.concurrent.errors.DistinctErrorLog;

import java.util.concurrent.TimeUnit;

/**
 * {@link EngineThreading#DEDICATED}: the Disruptor runs the journal stage and, gated on it, the kernel stage, each in
 * a {@code BatchEventProcessor} on a thread of its own, each with its own exception handler.
 */
final class DedicatedStages implements EngineStages
{
    private final Disruptor<EngineEvent> disruptor;
    private final KernelStage kernelStage;

    DedicatedStages(
        final Disruptor<EngineEvent> disruptor,
        final JournalStage journalStage,
        final KernelStage kernelStage,
        final EngineExceptionHandler journalErrors,
        final EngineExceptionHandler kernelErrors)
    {
        this.disruptor = disruptor;
        this.kernelStage = kernelStage;
        disruptor.handleEventsWith(journalStage).then(kernelStage);
        disruptor.handleExceptionsFor(journalStage).with(journalErrors);
        disruptor.handleExceptionsFor(kernelStage).with(kernelErrors);
    }

    @Override
    public void start()
    {
        disruptor.start();
    }

    @Override
    public long appliedSequence()
    {
        return disruptor.getSequenceValueFor(kernelStage);
    }

    @Override
    public void shutdown(final long timeoutSeconds, final DistinctErrorLog errorLog)
    {
        try
        {
            disruptor.shutdown(timeoutSeconds, TimeUnit.SECONDS);
        }
        catch (final TimeoutException ex)
        {
            errorLog.record(ex);
            disruptor.halt();
        }
    }
}
