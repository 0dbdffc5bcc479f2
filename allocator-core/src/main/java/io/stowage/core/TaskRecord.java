package io.stowage.core;

import java.util.Arrays;

/**
 * What a decision says about one task: its ids, owner, agent, priority and resources, so that launching or killing it
 * needs nothing from the embedder's own books. The kernel fills one instance before each {@link DecisionListener}
 * callback and refills it for the next, so a listener copies what it keeps and never holds the record itself. The
 * setters are for adapters and tests that make records of their own.
 */
public final class TaskRecord
{
    private final long[] resources;
    private long taskId = -1;
    private long key = TaskRequest.NO_KEY;
    private int framework = -1;
    private int agentSlot = -1;
    private int priority;
    private boolean revocable;
    private int label;

    /**
     * @param dimensions the schema's dimension count.
     */
    public TaskRecord(final int dimensions)
    {
        this.resources = new long[dimensions];
    }

    void fill(final TaskLedger ledger, final int task)
    {
        taskId = ledger.taskId(task);
        key = ledger.key(task);
        framework = ledger.framework(task);
        agentSlot = ledger.agent(task);
        priority = ledger.priority(task);
        revocable = ledger.isRevocable(task);
        label = ledger.label(task);
        for (int d = 0; d < resources.length; d++)
        {
            resources[d] = ledger.resource(task, d);
        }
    }

    /** @return the kernel's task id. */
    public long taskId()
    {
        return taskId;
    }

    /** @return the caller's key, or {@link TaskRequest#NO_KEY}. */
    public long key()
    {
        return key;
    }

    /** @return the framework id. */
    public int framework()
    {
        return framework;
    }

    /** @return the agent slot the task runs or ran on, or -1 for a task that never ran. */
    public int agentSlot()
    {
        return agentSlot;
    }

    /** @return the task's priority. */
    public int priority()
    {
        return priority;
    }

    /** @return true if it runs on revocable resources. */
    public boolean isRevocable()
    {
        return revocable;
    }

    /** @return its label id, 0 for none. */
    public int label()
    {
        return label;
    }

    /** @return the schema's dimension count. */
    public int dimensions()
    {
        return resources.length;
    }

    /**
     * @param dimension index in the schema.
     * @return what the task holds of it, in milli-units.
     */
    public long resource(final int dimension)
    {
        return resources[dimension];
    }

    /**
     * Copies the task's resources.
     *
     * @param into an array of at least {@link #dimensions()} longs.
     * @return {@code into}.
     */
    public long[] copyResources(final long[] into)
    {
        System.arraycopy(resources, 0, into, 0, resources.length);
        return into;
    }

    /**
     * Sets the ids.
     *
     * @param taskId    the kernel's task id.
     * @param key       the caller's key, or {@link TaskRequest#NO_KEY}.
     * @param framework the framework id.
     * @param agentSlot the agent slot, or -1.
     * @return this.
     */
    public TaskRecord ids(final long taskId, final long key, final int framework, final int agentSlot)
    {
        this.taskId = taskId;
        this.key = key;
        this.framework = framework;
        this.agentSlot = agentSlot;
        return this;
    }

    /**
     * Sets the placement attributes.
     *
     * @param priority  the priority.
     * @param revocable true if on revocable resources.
     * @param label     the label id.
     * @return this.
     */
    public TaskRecord attributes(final int priority, final boolean revocable, final int label)
    {
        this.priority = priority;
        this.revocable = revocable;
        this.label = label;
        return this;
    }

    /**
     * Sets the resources.
     *
     * @param millis one milli-unit quantity per dimension (copied).
     * @return this.
     */
    public TaskRecord resources(final long[] millis)
    {
        System.arraycopy(millis, 0, resources, 0, resources.length);
        return this;
    }

    @Override
    public String toString()
    {
        return "TaskRecord{task=" + taskId + (key == TaskRequest.NO_KEY ? "" : ", key=" + key) +
            ", framework=" + framework + ", agentSlot=" + agentSlot + ", priority=" + priority +
            (revocable ? ", revocable" : "") + ", resources=" + Arrays.toString(resources) + "}";
    }
}
