package io.stowage.engine;

import io.stowage.core.KernelView;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * One question to the running kernel ({@link AllocatorEngine#query}): asked on the kernel thread between two inputs,
 * answered to the caller's future through an executor, so that whatever the caller chained on the future never runs
 * on the kernel thread. A question that throws completes the future exceptionally; nothing it does escapes into the
 * kernel stage.
 *
 * @param <T> the answer's type.
 */
final class KernelQuery<T>
{
    private final Function<KernelView, T> question;
    private final CompletableFuture<T> answer = new CompletableFuture<>();
    private final Executor delivery;

    KernelQuery(final Function<KernelView, T> question, final Executor delivery)
    {
        this.question = question;
        this.delivery = delivery;
    }

    CompletableFuture<T> answer()
    {
        return answer;
    }

    /** Asks the question; on the kernel thread only. */
    void ask(final KernelView view)
    {
        if (answer.isDone())
        {
            return; // timed out or the engine closed: nobody waits for it any more
        }
        final T value;
        try
        {
            value = question.apply(view);
        }
        catch (final Throwable ex)
        {
            deliver(() -> answer.completeExceptionally(ex));
            return;
        }
        deliver(() -> answer.complete(value));
    }

    private void deliver(final Runnable completion)
    {
        try
        {
            delivery.execute(completion);
        }
        catch (final RuntimeException ex)
        {
            answer.completeExceptionally(ex); // the executor refused: the caller learns why rather than waits
        }
    }
}
