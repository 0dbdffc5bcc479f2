package io.stowage.engine;

import com.lmax.disruptor.ExceptionHandler;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.errors.DistinctErrorLog;

/**
 * What a stage does with an error: count it, record it with its reason in the distinct error log, and carry on.
 * Chosen over the Disruptor's default handler, which would halt the stage on the first bad event.
 */
final class EngineExceptionHandler implements ExceptionHandler<EngineEvent>, ErrorHandler
{
    private final String stage;
    private final DistinctErrorLog errorLog;
    private final Runnable count;

    EngineExceptionHandler(final String stage, final DistinctErrorLog errorLog, final Runnable count)
    {
        this.stage = stage;
        this.errorLog = errorLog;
        this.count = count;
    }

    @Override
    public void onError(final Throwable error)
    {
        count.run();
        errorLog.record(error);
    }

    @Override
    public void handleEventException(final Throwable ex, final long sequence, final EngineEvent event)
    {
        onError(new IllegalStateException(stage + " stage failed on " + event + " at " + sequence + ": " + ex, ex));
    }

    @Override
    public void handleOnStartException(final Throwable ex)
    {
        onError(new IllegalStateException(stage + " stage failed to start: " + ex, ex));
    }

    @Override
    public void handleOnShutdownException(final Throwable ex)
    {
        onError(new IllegalStateException(stage + " stage failed to shut down: " + ex, ex));
    }
}
