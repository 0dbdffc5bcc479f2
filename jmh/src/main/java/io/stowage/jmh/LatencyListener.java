package io.stowage.jmh;

import io.stowage.core.Reason;
import io.stowage.core.TaskRecord;
import io.stowage.engine.EngineListener;
import io.stowage.engine.EventType;
import org.HdrHistogram.Histogram;
import org.agrona.collections.Long2LongHashMap;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The harness's listener, on the engine's kernel thread: records latency from each submit's scheduled send time
 * (derived from its correlation id, which is its index in the schedule) to its answer and to its placement, and
 * hands placed tasks to the sender through a single-producer single-consumer ring so it can finish them. Records
 * nothing for the warm-up requests. Allocates nothing per decision.
 */
final class LatencyListener implements EngineListener
{
    private static final int PLACED_RING_LENGTH = 1 << 20;
    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final long intervalNanos;
    private final Histogram answered = new Histogram(1, HIGHEST_NANOS, 3);
    private final Histogram placed = new Histogram(1, HIGHEST_NANOS, 3);
    private final Long2LongHashMap dueByTask = new Long2LongHashMap(1 << 16, 0.65f, Long.MIN_VALUE);
    private final long[] placedRing = new long[PLACED_RING_LENGTH];
    private final AtomicLong placedHead = new AtomicLong();
    private final AtomicLong placedTail = new AtomicLong();
    private final AtomicLong answers = new AtomicLong();
    private volatile long warmupStart;
    private volatile long measuredStart;
    private volatile long measuredFrom = Long.MAX_VALUE;

    LatencyListener(final long intervalNanos)
    {
        this.intervalNanos = intervalNanos;
    }

    void warmup(final long start)
    {
        warmupStart = start;
    }

    void measure(final long start, final long firstCorrelation)
    {
        measuredStart = start;
        measuredFrom = firstCorrelation;
    }

    Histogram answered()
    {
        return answered;
    }

    Histogram placed()
    {
        return placed;
    }

    long pollPlaced()
    {
        final long head = placedHead.get();
        if (head == placedTail.get())
        {
            return -1;
        }
        final long taskId = placedRing[(int)(head & (PLACED_RING_LENGTH - 1))];
        placedHead.lazySet(head + 1);
        return taskId;
    }

    void awaitAnswers(final long count) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (answers.get() < count)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("only " + answers.get() + " of " + count + " submits answered");
            }
            Thread.sleep(1);
        }
    }

    @Override
    public void onQueued(final long decision, final long correlationId, final long taskId, final long key)
    {
        final long now = System.nanoTime();
        if (correlationId >= measuredFrom)
        {
            final long due = due(correlationId);
            answered.recordValue(clamp(now - due));
            dueByTask.put(taskId, due);
        }
        answers.lazySet(answers.get() + 1);
    }

    @Override
    public void onRejected(final long decision, final long correlationId, final EventType type, final Reason reason)
    {
        if (type != EventType.SUBMIT)
        {
            return;
        }
        if (correlationId >= measuredFrom)
        {
            answered.recordValue(clamp(System.nanoTime() - due(correlationId)));
        }
        answers.lazySet(answers.get() + 1);
    }

    @Override
    public void onPlaced(
        final long decision, final TaskRecord task, final String agentId, final int agentEpoch,
        final long ingressNanos)
    {
        final long taskId = task.taskId();
        final int framework = task.framework();
        final long due = dueByTask.remove(taskId);
        if (due != Long.MIN_VALUE)
        {
            placed.recordValue(clamp(System.nanoTime() - due));
        }
        final long tail = placedTail.get();
        if (tail - placedHead.get() < PLACED_RING_LENGTH)
        {
            placedRing[(int)(tail & (PLACED_RING_LENGTH - 1))] = taskId;
            placedTail.lazySet(tail + 1);
        }
    }

    private long due(final long correlationId)
    {
        return correlationId >= measuredFrom ?
            measuredStart + (correlationId - measuredFrom) * intervalNanos :
            warmupStart + correlationId * intervalNanos;
    }

    private static long clamp(final long nanos)
    {
        return nanos < 1 ? 1 : Math.min(nanos, HIGHEST_NANOS);
    }
}
