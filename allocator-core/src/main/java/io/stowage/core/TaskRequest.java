package io.stowage.core;

/**
 * A request to place one task, owned by the caller and reused between calls (a flyweight), so that submitting
 * allocates nothing. The kernel copies what it keeps.
 */
public final class TaskRequest
{
    /** The key of a task the caller does not name: it is known by its kernel task id only. */
    public static final long NO_KEY = -1;

    final long[] resources;
    private final ResourceSchema schema;
    int framework = -1;
    int priority;
    boolean revocable;
    int label;
    int constraints;
    boolean hasResources;
    long key = NO_KEY;

    /**
     * @param schema the kernel's resource schema, which fixes the vector length.
     */
    public TaskRequest(final ResourceSchema schema)
    {
        this.resources = new long[schema.dimensions()];
        this.schema = schema;
    }

    /**
     * Resets the request to a framework, no resources named, priority 0, non-revocable, label 0 (no label), no
     * constraints, no key.
     *
     * @param framework id returned by {@link AllocatorKernel#registerFramework(String)}.
     * @return this.
     */
    public TaskRequest reset(final int framework)
    {
        this.framework = framework;
        java.util.Arrays.fill(resources, 0L);
        this.priority = 0;
        this.revocable = false;
        this.label = 0;
        this.constraints = 0;
        this.hasResources = false;
        this.key = NO_KEY;
        return this;
    }

    /**
     * Names the task with the caller's own key, which the kernel then accepts in place of its task id
     * ({@link AllocatorKernel#cancelByKey}, {@link AllocatorKernel#finishByKey}) and carries in every decision about
     * the task. A key is unique among the kernel's live (pending or running) tasks: a key in use is refused as
     * {@link Reason#DUPLICATE_KEY}; once its task ends the key may be used again.
     *
     * @param key 0 to {@link Long#MAX_VALUE}, or {@link #NO_KEY}; a negative key other than {@link #NO_KEY} is
     *            refused as {@link Reason#INVALID_REQUEST}.
     * @return this.
     */
    public TaskRequest key(final long key)
    {
        this.key = key;
        return this;
    }

    /** @return the caller's key, or {@link #NO_KEY}. */
    public long key()
    {
        return key;
    }

    /**
     * @param dimension index in the schema.
     * @param millis    quantity in milli-units.
     * @return this.
     */
    public TaskRequest resource(final int dimension, final long millis)
    {
        resources[dimension] = millis;
        hasResources = true;
        return this;
    }

    /**
     * @param millis the whole vector, one milli-unit quantity per dimension (copied).
     * @return this.
     */
    public TaskRequest resources(final long[] millis)
    {
        if (millis.length != resources.length)
        {
            throw new IllegalArgumentException(
                "resource vector has " + millis.length + " dimensions, schema has " + resources.length);
        }
        System.arraycopy(millis, 0, resources, 0, resources.length);
        hasResources = true;
        return this;
    }

    /**
     * Sets the whole vector from text in the schema's units, e.g. {@code resources("cpus=1 mem=2GiB")}; dimensions
     * not named are zero. This parses and allocates, so it is for building requests at setup and in tests; the
     * per-task path sets milli-units with {@link #resources(long[])} or {@link #resource(int, long)}.
     *
     * @param spec {@code name=amount} entries as {@link ResourceSchema#vector(String)} reads them.
     * @return this.
     * @throws IllegalArgumentException naming the bad entry; the request is then unchanged.
     */
    public TaskRequest resources(final String spec)
    {
        return resources(schema.vector(spec));
    }

    /**
     * Sets one dimension from an amount in its unit, e.g. {@code resource("mem", "512MiB")}. This parses, so it is
     * for building requests at setup and in tests; the per-task path uses {@link #resource(int, long)}.
     *
     * @param dimension a dimension name of the schema.
     * @param amount    an amount as {@link ResourceSchema#quantity(String, String)} reads it.
     * @return this.
     * @throws IllegalArgumentException naming the dimension and the amount; the request is then unchanged.
     */
    public TaskRequest resource(final String dimension, final String amount)
    {
        return resource(schema.indexOf(dimension), schema.quantity(dimension, amount));
    }

    /**
     * @param priority higher runs first and may preempt lower.
     * @return this.
     */
    public TaskRequest priority(final int priority)
    {
        this.priority = priority;
        return this;
    }

    /**
     * @param revocable true for best-effort work placed on oversubscribed slack and revoked under pressure.
     * @return this.
     */
    public TaskRequest revocable(final boolean revocable)
    {
        this.revocable = revocable;
        return this;
    }

    /**
     * @param label id returned by {@link AllocatorKernel#internLabel(String)}, 0 for none.
     * @return this.
     */
    public TaskRequest label(final int label)
    {
        this.label = label;
        return this;
    }

    /**
     * @param constraintSet id returned by {@link AllocatorKernel#internConstraints(java.util.List)}, 0 for none.
     * @return this.
     */
    public TaskRequest constraints(final int constraintSet)
    {
        this.constraints = constraintSet;
        return this;
    }

    /** @return the constraint set id. */
    public int constraints()
    {
        return constraints;
    }

    /** @return true once resources were set since the last reset; otherwise the kernel's default applies. */
    public boolean hasResources()
    {
        return hasResources;
    }

    /** @return the framework id. */
    public int framework()
    {
        return framework;
    }

    /**
     * @param dimension index in the schema.
     * @return the requested milli-units.
     */
    public long resource(final int dimension)
    {
        return resources[dimension];
    }

    /** @return the priority. */
    public int priority()
    {
        return priority;
    }

    /** @return whether the task is revocable. */
    public boolean isRevocable()
    {
        return revocable;
    }

    /** @return the label id. */
    public int label()
    {
        return label;
    }
}
