package io.stowage.core;

import java.time.Duration;

/**
 * What a kernel is built with: the resource schema, the placement policy, table sizes and the oversubscription
 * ratio. Immutable; made with {@link #builder(ResourceSchema)}.
 * <p>
 * Spans of time are held in nanoseconds, the unit of the caller's clock that the kernel's calls take; the builder
 * takes them as nanoseconds or as {@link Duration}s, which are the same value.
 */
public final class KernelConfig
{
    /** The default most agents the table holds. */
    public static final int DEFAULT_MAX_AGENTS = 1 << 17;
    /** The default most running tasks the ledger holds. */
    public static final int DEFAULT_MAX_TASKS = 1 << 22;
    /** The most attributes one agent may carry. */
    public static final int MAX_ATTRIBUTES_PER_AGENT = 16;

    private final ResourceSchema schema;
    private final PlacementPolicy placement;
    private final int maxAgents;
    private final int maxTasks;
    private final long oversubscriptionRatioMillis;
    private final int[] jointDimensions;
    private final boolean preemption;
    private final long pressureThresholdMillis;
    private final long heartbeatTimeoutNanos;
    private final long lostAfterNanos;
    private final long admissionMaxUtilizationMillis;
    private final int admissionExemptPriority;
    private final long[] defaultResources;
    private final boolean[] fairnessExcluded;
    private final boolean predictiveAvoidance;
    private final long predictionHorizonNanos;
    private final long trendSmoothingMillis;

    private KernelConfig(final Builder builder)
    {
        this.preemption = builder.preemption;
        this.pressureThresholdMillis = builder.pressureThresholdMillis;
        this.heartbeatTimeoutNanos = builder.heartbeatTimeoutNanos;
        this.lostAfterNanos = builder.lostAfterNanos;
        this.admissionMaxUtilizationMillis = builder.admissionMaxUtilizationMillis;
        this.admissionExemptPriority = builder.admissionExemptPriority;
        this.defaultResources = builder.defaultResources;
        this.fairnessExcluded = builder.fairnessExcluded;
        this.predictiveAvoidance = builder.predictiveAvoidance;
        this.predictionHorizonNanos = builder.predictionHorizonNanos;
        this.trendSmoothingMillis = builder.trendSmoothingMillis;
        this.jointDimensions = builder.jointDimensions != null ? builder.jointDimensions :
            schema(builder).dimensions() >= 2 ? new int[]{0, 1} : new int[]{0};
        this.schema = builder.schema;
        this.placement = builder.placement;
        this.maxAgents = builder.maxAgents;
        this.maxTasks = builder.maxTasks;
        this.oversubscriptionRatioMillis = builder.oversubscriptionRatioMillis;
    }

    private static ResourceSchema schema(final Builder builder)
    {
        return builder.schema;
    }

    /**
     * @param schema the resource dimensions.
     * @return a builder with binpack placement, default sizes and oversubscription disabled.
     */
    public static Builder builder(final ResourceSchema schema)
    {
        return new Builder(schema);
    }

    /** @return the resource dimensions. */
    public ResourceSchema schema()
    {
        return schema;
    }

    /** @return the placement policy. */
    public PlacementPolicy placement()
    {
        return placement;
    }

    /** @return the most agents registered at once. */
    public int maxAgents()
    {
        return maxAgents;
    }

    /** @return the most tasks running at once. */
    public int maxTasks()
    {
        return maxTasks;
    }

    /** @return whether a task that fits nowhere may preempt strictly lower-priority tasks. */
    public boolean preemption()
    {
        return preemption;
    }

    /** @return reported usage above this many thousandths of capacity, in any dimension, is pressure. */
    public long pressureThresholdMillis()
    {
        return pressureThresholdMillis;
    }

    /** @return time without a heartbeat after which an agent is unreachable. */
    public long heartbeatTimeoutNanos()
    {
        return heartbeatTimeoutNanos;
    }

    /** @return time without a heartbeat after which an agent is removed and its tasks lost. */
    public long lostAfterNanos()
    {
        return lostAfterNanos;
    }

    /** @return time without a heartbeat after which an agent is unreachable, as {@link #heartbeatTimeoutNanos()}. */
    public Duration heartbeatTimeout()
    {
        return Duration.ofNanos(heartbeatTimeoutNanos);
    }

    /** @return time without a heartbeat after which an agent is removed, as {@link #lostAfterNanos()}. */
    public Duration lostAfter()
    {
        return Duration.ofNanos(lostAfterNanos);
    }

    /** @return admission closes above this many thousandths of cluster capacity in any dimension; -1 if never. */
    public long admissionMaxUtilizationMillis()
    {
        return admissionMaxUtilizationMillis;
    }

    /** @return tasks of at least this priority are admitted even when admission is closed. */
    public int admissionExemptPriority()
    {
        return admissionExemptPriority;
    }

    /** @return the resources given to a submitted task that names none, or null if such a task is invalid. */
    public long[] defaultResources()
    {
        return defaultResources == null ? null : defaultResources.clone();
    }

    /**
     * @param dimension a dimension index.
     * @return the default milli-units of a dimension for a task that names no resources (0 if no default).
     */
    public long defaultResource(final int dimension)
    {
        return defaultResources == null ? 0 : defaultResources[dimension];
    }

    /**
     * @param dimension a dimension index.
     * @return true if the dimension is ignored when computing shares.
     */
    public boolean isFairnessExcluded(final int dimension)
    {
        return fairnessExcluded[dimension];
    }

    /** @return whether agents whose usage trend projects them into pressure are placed on only as a last resort. */
    public boolean predictiveAvoidance()
    {
        return predictiveAvoidance;
    }

    /** @return how far ahead the usage trend is projected. */
    public long predictionHorizonNanos()
    {
        return predictionHorizonNanos;
    }

    /** @return how far ahead the usage trend is projected, as {@link #predictionHorizonNanos()}. */
    public Duration predictionHorizon()
    {
        return Duration.ofNanos(predictionHorizonNanos);
    }

    /** @return weight of the newest usage slope in the trend's moving average, in thousandths. */
    public long trendSmoothingMillis()
    {
        return trendSmoothingMillis;
    }

    /** @return the dimensions the placement index bounds jointly (see docs/placement-index.md). */
    public int[] jointDimensions()
    {
        return jointDimensions.clone();
    }

    /** @return revocable allocation bound as thousandths of capacity per dimension; 0 disables revocable tasks. */
    public long oversubscriptionRatioMillis()
    {
        return oversubscriptionRatioMillis;
    }

    /** Builds a {@link KernelConfig}. */
    public static final class Builder
    {
        private final ResourceSchema schema;
        private PlacementPolicy placement = PlacementPolicy.BINPACK;
        private int maxAgents = DEFAULT_MAX_AGENTS;
        private int maxTasks = DEFAULT_MAX_TASKS;
        private long oversubscriptionRatioMillis;
        private int[] jointDimensions;
        private boolean preemption;
        private long pressureThresholdMillis = 900;
        private long heartbeatTimeoutNanos = 15_000_000_000L;
        private long lostAfterNanos = 60_000_000_000L;
        private long admissionMaxUtilizationMillis = -1;
        private int admissionExemptPriority = Integer.MAX_VALUE;
        private long[] defaultResources;
        private boolean[] fairnessExcluded;
        private boolean predictiveAvoidance;
        private long predictionHorizonNanos = 30_000_000_000L;
        private long trendSmoothingMillis = 300;

        private Builder(final ResourceSchema schema)
        {
            if (schema == null)
            {
                throw new IllegalArgumentException("schema is required");
            }
            this.schema = schema;
            this.fairnessExcluded = new boolean[schema.dimensions()];
        }

        /**
         * @param preemption allow a task that fits nowhere to preempt strictly lower-priority tasks.
         * @return this.
         */
        public Builder preemption(final boolean preemption)
        {
            this.preemption = preemption;
            return this;
        }

        /**
         * @param thresholdMillis usage above this many thousandths of capacity is pressure, 1 to 1000.
         * @return this.
         */
        public Builder pressureThresholdMillis(final long thresholdMillis)
        {
            if (thresholdMillis < 1 || thresholdMillis > 1000)
            {
                throw new IllegalArgumentException("pressure threshold must be 0.001 to 1, got " +
                    Quantities.format(thresholdMillis));
            }
            this.pressureThresholdMillis = thresholdMillis;
            return this;
        }

        /**
         * @param timeoutNanos time without a heartbeat before an agent is unreachable, above 0.
         * @param lostNanos    time without a heartbeat before it is removed, at least the timeout.
         * @return this.
         */
        public Builder heartbeatTimeouts(final long timeoutNanos, final long lostNanos)
        {
            if (timeoutNanos <= 0 || lostNanos < timeoutNanos)
            {
                throw new IllegalArgumentException("heartbeat timeout must be above 0 and lostAfter at least the " +
                    "timeout, got " + timeoutNanos + " ns and " + lostNanos + " ns");
            }
            this.heartbeatTimeoutNanos = timeoutNanos;
            this.lostAfterNanos = lostNanos;
            return this;
        }

        /**
         * The same as {@link #heartbeatTimeouts(long, long)}, with the spans as durations:
         * {@code heartbeatTimeouts(Duration.ofSeconds(15), Duration.ofMinutes(1))}.
         *
         * @param timeout   time without a heartbeat before an agent is unreachable, above 0.
         * @param lostAfter time without a heartbeat before it is removed, at least the timeout.
         * @return this.
         */
        public Builder heartbeatTimeouts(final Duration timeout, final Duration lostAfter)
        {
            return heartbeatTimeouts(nanos("heartbeat timeout", timeout), nanos("lostAfter", lostAfter));
        }

        /**
         * @param maxUtilizationMillis admission closes while cluster allocation exceeds this many thousandths of
         *                             capacity in any dimension, 0 to 1000.
         * @param exemptPriority       tasks of at least this priority are always admitted.
         * @return this.
         */
        public Builder admission(final long maxUtilizationMillis, final int exemptPriority)
        {
            if (maxUtilizationMillis < 0 || maxUtilizationMillis > 1000)
            {
                throw new IllegalArgumentException("admission maxUtilization must be 0 to 1, got " +
                    Quantities.format(maxUtilizationMillis));
            }
            this.admissionMaxUtilizationMillis = maxUtilizationMillis;
            this.admissionExemptPriority = exemptPriority;
            return this;
        }

        /**
         * @param resources milli-units given to a submitted task that names none (copied), or null.
         * @return this.
         */
        public Builder defaultResources(final long[] resources)
        {
            if (resources != null)
            {
                boolean positive = false;
                for (final long q : resources)
                {
                    if (q < 0 || q > AllocatorKernel.MAX_QUANTITY)
                    {
                        throw new IllegalArgumentException("default resources out of range: " + q);
                    }
                    positive |= q > 0;
                }
                if (resources.length != schema.dimensions() || !positive)
                {
                    throw new IllegalArgumentException("default resources must name " + schema.dimensions() +
                        " quantities, not all zero");
                }
            }
            this.defaultResources = resources == null ? null : resources.clone();
            return this;
        }

        /**
         * @param dimension a dimension to ignore when computing shares (e.g. gpus).
         * @return this.
         */
        public Builder fairnessExcluded(final int dimension)
        {
            this.fairnessExcluded[dimension] = true;
            return this;
        }

        /**
         * @param enabled         avoid agents whose usage trend projects them into pressure.
         * @param horizonNanos    how far ahead to project, above 0.
         * @param smoothingMillis weight of the newest slope in the moving average, 1 to 1000 thousandths.
         * @return this.
         */
        public Builder predictiveAvoidance(final boolean enabled, final long horizonNanos, final long smoothingMillis)
        {
            if (horizonNanos <= 0 || smoothingMillis < 1 || smoothingMillis > 1000)
            {
                throw new IllegalArgumentException("prediction horizon must be above 0 and smoothing 0.001 to 1");
            }
            this.predictiveAvoidance = enabled;
            this.predictionHorizonNanos = horizonNanos;
            this.trendSmoothingMillis = smoothingMillis;
            return this;
        }

        /**
         * The same as {@link #predictiveAvoidance(boolean, long, long)}, with the horizon as a duration:
         * {@code predictiveAvoidance(true, Duration.ofSeconds(30), 300)}.
         *
         * @param enabled         avoid agents whose usage trend projects them into pressure.
         * @param horizon         how far ahead to project, above 0.
         * @param smoothingMillis weight of the newest slope in the moving average, 1 to 1000 thousandths.
         * @return this.
         */
        public Builder predictiveAvoidance(final boolean enabled, final Duration horizon, final long smoothingMillis)
        {
            return predictiveAvoidance(enabled, nanos("prediction horizon", horizon), smoothingMillis);
        }

        private static long nanos(final String what, final Duration span)
        {
            if (span == null)
            {
                throw new IllegalArgumentException(what + " is required");
            }
            try
            {
                return span.toNanos();
            }
            catch (final ArithmeticException ex)
            {
                // Beyond about 292 years a span does not fit the kernel's long nanoseconds.
                throw new IllegalArgumentException(what + " " + span + " is too long for nanoseconds", ex);
            }
        }

        /**
         * @param placement binpack or spread.
         * @return this.
         */
        public Builder placement(final PlacementPolicy placement)
        {
            if (placement == null)
            {
                throw new IllegalArgumentException("placement policy is required");
            }
            this.placement = placement;
            return this;
        }

        /**
         * @param maxAgents most agents registered at once, 1 to 2^24.
         * @return this.
         */
        public Builder maxAgents(final int maxAgents)
        {
            if (maxAgents < 1 || maxAgents > (1 << 24))
            {
                throw new IllegalArgumentException("maxAgents must be 1 to 16777216, got " + maxAgents);
            }
            this.maxAgents = maxAgents;
            return this;
        }

        /**
         * @param maxTasks most tasks running at once, 1 to 2^30.
         * @return this.
         */
        public Builder maxTasks(final int maxTasks)
        {
            if (maxTasks < 1 || maxTasks > (1 << 30))
            {
                throw new IllegalArgumentException("maxTasks must be 1 to 1073741824, got " + maxTasks);
            }
            this.maxTasks = maxTasks;
            return this;
        }

        /**
         * @param ratioMillis revocable tasks may use at most ratio × capacity per dimension on an agent (and no more
         *                    than its slack), in thousandths: 500 is 0.5. 0 disables revocable tasks.
         * @return this.
         */
        public Builder oversubscriptionRatioMillis(final long ratioMillis)
        {
            if (ratioMillis < 0 || ratioMillis > 1000L * 1000)
            {
                throw new IllegalArgumentException("oversubscription ratio must be 0 to 1000, got " + ratioMillis);
            }
            this.oversubscriptionRatioMillis = ratioMillis;
            return this;
        }

        /**
         * @param dimensions the dimensions almost every request asks for (by default the first two, e.g. cpus and
         *                   mem), which the placement index bounds jointly so that agents full in any one of them
         *                   are skipped in bulk.
         * @return this.
         */
        public Builder jointDimensions(final int... dimensions)
        {
            if (dimensions.length == 0)
            {
                throw new IllegalArgumentException("at least one joint dimension is required");
            }
            for (final int d : dimensions)
            {
                if (d < 0 || d >= schema.dimensions())
                {
                    throw new IllegalArgumentException("joint dimension " + d + " is not in " + schema);
                }
            }
            this.jointDimensions = dimensions.clone();
            return this;
        }

        /** @return the configuration. */
        public KernelConfig build()
        {
            return new KernelConfig(this);
        }
    }
}
