package io.stowage.engine;

import io.stowage.core.Reason;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The answers client threads wait for: registrations that hand out an id (framework, label, constraint set). The
 * client takes a correlation id from here, publishes, and waits; the kernel thread completes the wait. Registration
 * is rare, so it may allocate.
 */
final class PendingAnswers
{
    private final Map<Long, CompletableFuture<Integer>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong correlations = new AtomicLong();
    private volatile boolean closed;

    static boolean isAwaited(final EventType type)
    {
        return type == EventType.REGISTER_FRAMEWORK || type == EventType.INTERN_LABEL ||
            type == EventType.INTERN_CONSTRAINTS;
    }

    long expect()
    {
        final long correlationId = correlations.incrementAndGet();
        waiting.put(correlationId, new CompletableFuture<>());
        if (closed)
        {
            waiting.remove(correlationId);
            throw new IllegalStateException("engine is closed");
        }
        return correlationId;
    }

    int await(final long correlationId, final long timeoutNanos)
    {
        final CompletableFuture<Integer> answer = waiting.get(correlationId);
        try
        {
            return answer.get(timeoutNanos, TimeUnit.NANOSECONDS);
        }
        catch (final ExecutionException ex)
        {
            throw ex.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(ex);
        }
        catch (final TimeoutException ex)
        {
            throw new IllegalStateException("no answer from the engine in " +
                TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms (is it started?)", ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the engine", ex);
        }
        finally
        {
            waiting.remove(correlationId);
        }
    }

    void accepted(final long correlationId, final int id)
    {
        final CompletableFuture<Integer> answer = waiting.get(correlationId);
        if (answer != null)
        {
            answer.complete(id);
        }
    }

    void refused(final long correlationId, final EventType type, final Reason reason)
    {
        final CompletableFuture<Integer> answer = waiting.get(correlationId);
        if (answer != null)
        {
            answer.completeExceptionally(new IllegalArgumentException(type + " refused: " + reason));
        }
    }

    void close()
    {
        closed = true;
        for (final CompletableFuture<Integer> answer : waiting.values())
        {
            answer.completeExceptionally(new IllegalStateException("engine closed before answering"));
        }
    }
}
