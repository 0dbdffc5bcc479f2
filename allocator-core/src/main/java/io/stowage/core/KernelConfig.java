package io.stowage.core;

/**
 * What a kernel is built with: the resource schema, the placement policy, table sizes and the oversubscription
 * ratio. Immutable; made with {@link #builder(ResourceSchema)}.
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

    private KernelConfig(final Builder builder)
    {
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

        private Builder(final ResourceSchema schema)
        {
            if (schema == null)
            {
                throw new IllegalArgumentException("schema is required");
            }
            this.schema = schema;
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
