package io.stowage.cluster;

import io.stowage.core.KernelConfig;
import io.stowage.engine.EngineCounters;

import java.util.Objects;

/**
 * How an {@link AllocatorService} runs. Every node of a cluster must be given the same configuration (the kernel's,
 * the time source, the round period, the window): they are part of what makes every node decide the same.
 */
public final class AllocatorServiceConfig
{
    /** Default number of recent decisions kept for clients that resume. */
    public static final int DEFAULT_WINDOW_DECISIONS = 1 << 16;
    /** Default bytes of recent decisions kept for clients that resume. */
    public static final int DEFAULT_WINDOW_BYTES = 16 << 20;

    private final KernelConfig kernel;
    private EventTime eventTime = EventTime.CLUSTER_CLOCK;
    private long roundPeriodNanos = 10_000_000L;
    private int windowDecisions = DEFAULT_WINDOW_DECISIONS;
    private int windowBytes = DEFAULT_WINDOW_BYTES;
    private EngineCounters counters;
    private ServiceObserver observer = new ServiceObserver()
    {
    };

    /**
     * @param kernel the kernel's configuration.
     */
    public AllocatorServiceConfig(final KernelConfig kernel)
    {
        this.kernel = Objects.requireNonNull(kernel, "kernel");
    }

    /** @return the kernel's configuration. */
    public KernelConfig kernel()
    {
        return kernel;
    }

    /** @return which time the kernel is given. */
    public EventTime eventTime()
    {
        return eventTime;
    }

    /**
     * @param eventTime which time the kernel is given (default {@link EventTime#CLUSTER_CLOCK}).
     * @return this.
     */
    public AllocatorServiceConfig eventTime(final EventTime eventTime)
    {
        this.eventTime = Objects.requireNonNull(eventTime, "eventTime");
        return this;
    }

    /** @return the period of the round timer in nanoseconds, 0 for none. */
    public long roundPeriodNanos()
    {
        return eventTime == EventTime.RECORD ? 0 : roundPeriodNanos;
    }

    /**
     * @param roundPeriodNanos the period of the round timer (a TICK: heartbeat timeouts and a round) in nanoseconds,
     *                         0 for none (default 10 ms); ignored with {@link EventTime#RECORD}.
     * @return this.
     */
    public AllocatorServiceConfig roundPeriodNanos(final long roundPeriodNanos)
    {
        if (roundPeriodNanos < 0)
        {
            throw new IllegalArgumentException("round period " + roundPeriodNanos + " ns");
        }
        this.roundPeriodNanos = roundPeriodNanos;
        return this;
    }

    /** @return most decisions kept for clients that resume. */
    public int windowDecisions()
    {
        return windowDecisions;
    }

    /** @return most bytes of decisions kept for clients that resume. */
    public int windowBytes()
    {
        return windowBytes;
    }

    /**
     * @param decisions most decisions kept for clients that resume.
     * @param bytes     most bytes they may take.
     * @return this.
     */
    public AllocatorServiceConfig window(final int decisions, final int bytes)
    {
        this.windowDecisions = decisions;
        this.windowBytes = bytes;
        return this;
    }

    /** @return where the service counts what it applies, or null. */
    public EngineCounters counters()
    {
        return counters;
    }

    /**
     * @param counters where the service counts the inputs it applies, its decisions, refusals (as malformed frames)
     *                 and errors, in the engine's families, for {@code ./stowage stat} (default: none). Each member
     *                 counts what it applied, replay after a restart included.
     * @return this.
     */
    public AllocatorServiceConfig counters(final EngineCounters counters)
    {
        this.counters = counters;
        return this;
    }

    /** @return what the service tells its launcher. */
    public ServiceObserver observer()
    {
        return observer;
    }

    /**
     * @param observer what the service tells its launcher (default: nothing).
     * @return this.
     */
    public AllocatorServiceConfig observer(final ServiceObserver observer)
    {
        this.observer = Objects.requireNonNull(observer, "observer");
        return this;
    }
}
