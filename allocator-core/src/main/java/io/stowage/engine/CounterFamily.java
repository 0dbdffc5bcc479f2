package io.stowage.engine;

/**
 * The kinds of counter the engine keeps. Each counter in the counters file has its family's type id and, in its
 * key, the value of the family's label (empty for a family without one), so that a reader in another process can
 * group them and the Prometheus exporter can name them without knowing the engine's internals. The latency families
 * ({@code LATENCY*}) are the exception: their figures are in microseconds for the stat screen, and the exporter serves
 * them as the histogram {@code stowage_latency_seconds} and the gauge {@code stowage_latency_max_seconds}.
 */
public enum CounterFamily
{
    /** Inputs applied by the kernel stage, by event type. */
    EVENTS(101, "stowage_events_total", "counter", "type", "Inputs applied by the kernel stage, by type."),
    /** Answers and decisions, by kind. */
    DECISIONS(102, "stowage_decisions_total", "counter", "kind", "Answers and decisions made, by kind."),
    /** Refused inputs, by reason. */
    REJECTIONS(103, "stowage_rejections_total", "counter", "reason", "Refused inputs, by reason."),
    /** Running tasks the kernel ended, by cause. */
    TASKS_ENDED(104, "stowage_tasks_ended_total", "counter", "cause", "Running tasks the kernel ended, by cause."),
    /** Agent updates ignored because their sequence number was not newer. */
    STALE_UPDATES(105, "stowage_stale_updates_total", "counter", null,
        "Agent updates ignored as stale, duplicate or reordered."),
    /** Frames the queue tailer could not decode. */
    MALFORMED_FRAMES(106, "stowage_malformed_frames_total", "counter", null,
        "Agent frames dropped as malformed before reaching the ring."),
    /** Errors caught by a stage and recorded in the error log. */
    ERRORS(107, "stowage_errors_total", "counter", "stage", "Errors caught and recorded, by stage."),
    /** Events published and not yet applied by the kernel stage. */
    RING_OCCUPANCY(108, "stowage_ring_occupancy", "gauge", null, "Events in the ring not yet applied."),
    /** Slots in the ring. */
    RING_CAPACITY(109, "stowage_ring_capacity", "gauge", null, "Slots in the ring."),
    /** Registered agents. */
    AGENTS(110, "stowage_agents", "gauge", null, "Registered agents."),
    /** Running tasks. */
    RUNNING_TASKS(111, "stowage_running_tasks", "gauge", null, "Running tasks."),
    /** Tasks waiting for an allocation round. */
    PENDING_TASKS(112, "stowage_pending_tasks", "gauge", null, "Tasks waiting in the pending queues."),
    /** Ingress-to-decision latency percentiles of the last interval, in microseconds. */
    LATENCY(113, "stowage_latency_microseconds", "summary", "quantile",
        "Ingress to decision latency of the last interval, in microseconds."),
    /** Latency samples since start (the summary's count). */
    LATENCY_COUNT(114, "stowage_latency_microseconds_count", null, null, null),
    /** Latency summed since start, in microseconds (the summary's sum). */
    LATENCY_SUM(115, "stowage_latency_microseconds_sum", null, null, null),
    /** Highest latency of the last interval, in microseconds. */
    LATENCY_MAX(116, "stowage_latency_max_microseconds", "gauge", null,
        "Highest ingress to decision latency of the last interval, in microseconds."),
    /**
     * Latency samples since start at or under a bound, one counter per bound of the histogram (its label: the bound
     * in nanoseconds); the Prometheus exporter serves them as the buckets of {@code stowage_latency_seconds}.
     */
    LATENCY_BUCKET(117, "stowage_latency_seconds_bucket", null, "le_nanos", null);

    private static final CounterFamily[] VALUES = values();

    private final int typeId;
    private final String metricName;
    private final String metricType;
    private final String labelName;
    private final String help;

    CounterFamily(
        final int typeId, final String metricName, final String metricType, final String labelName, final String help)
    {
        this.typeId = typeId;
        this.metricName = metricName;
        this.metricType = metricType;
        this.labelName = labelName;
        this.help = help;
    }

    /** @return the counter type id in the counters file. */
    public int typeId()
    {
        return typeId;
    }

    /** @return the Prometheus metric name. */
    public String metricName()
    {
        return metricName;
    }

    /**
     * @return the Prometheus metric type ({@code counter}, {@code gauge}, {@code summary}), or null for the count and
     * sum samples that belong to the summary before them.
     */
    public String metricType()
    {
        return metricType;
    }

    /** @return the name of the family's label, or null if its counters have none. */
    public String labelName()
    {
        return labelName;
    }

    /** @return the Prometheus help text, or null for the samples of a summary. */
    public String help()
    {
        return help;
    }

    /**
     * @param typeId a counter type id.
     * @return its family, or null if it is not one of the engine's.
     */
    public static CounterFamily ofTypeId(final int typeId)
    {
        for (final CounterFamily family : VALUES)
        {
            if (family.typeId == typeId)
            {
                return family;
            }
        }
        return null;
    }
}
