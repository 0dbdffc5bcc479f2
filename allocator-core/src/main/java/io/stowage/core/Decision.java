package io.stowage.core;

/**
 * A placement answer, owned by the caller and refilled by each call so that deciding allocates nothing.
 */
public final class Decision
{
    DecisionKind kind = DecisionKind.REJECTED;
    Reason reason = Reason.INVALID_REQUEST;
    long taskId = -1;
    int agentSlot = -1;
    int agentEpoch = -1;
    long key = TaskRequest.NO_KEY;
    private long[] resources = new long[0];

    /** @return placed, not placeable or rejected. */
    public DecisionKind kind()
    {
        return kind;
    }

    /** @return {@link Reason#OK} when placed, else why not. */
    public Reason reason()
    {
        return reason;
    }

    /** @return the id of the placed task, or -1. */
    public long taskId()
    {
        return taskId;
    }

    /** @return the slot of the agent the task was placed on, or -1. */
    public int agentSlot()
    {
        return agentSlot;
    }

    /** @return the epoch of that agent's registration, which the agent checks before launching; or -1. */
    public int agentEpoch()
    {
        return agentEpoch;
    }

    /** @return the caller's key of the placed or queued task, or {@link TaskRequest#NO_KEY}. */
    public long key()
    {
        return key;
    }

    /**
     * @param dimension index in the schema.
     * @return what the placed or queued task holds of that dimension, in milli-units (the default request if it named
     * none); 0 for other decisions.
     */
    public long resource(final int dimension)
    {
        return dimension < resources.length ? resources[dimension] : 0;
    }

    /** @return true when the task was placed. */
    public boolean isPlaced()
    {
        return kind == DecisionKind.PLACED;
    }

    Decision placed(
        final long taskId, final long key, final long[] taskResources, final int agentSlot, final int agentEpoch)
    {
        this.kind = DecisionKind.PLACED;
        this.reason = Reason.OK;
        this.taskId = taskId;
        this.key = key;
        copy(taskResources);
        this.agentSlot = agentSlot;
        this.agentEpoch = agentEpoch;
        return this;
    }

    Decision queued(final long taskId, final long key, final long[] taskResources)
    {
        this.kind = DecisionKind.QUEUED;
        this.reason = Reason.OK;
        this.taskId = taskId;
        this.key = key;
        copy(taskResources);
        this.agentSlot = -1;
        this.agentEpoch = -1;
        return this;
    }

    private void copy(final long[] taskResources)
    {
        if (resources.length != taskResources.length)
        {
            resources = new long[taskResources.length];
        }
        System.arraycopy(taskResources, 0, resources, 0, taskResources.length);
    }

    Decision notPlaceable(final Reason reason)
    {
        return set(DecisionKind.NOT_PLACEABLE, reason);
    }

    Decision rejected(final Reason reason)
    {
        return set(DecisionKind.REJECTED, reason);
    }

    private Decision set(final DecisionKind kind, final Reason reason)
    {
        this.kind = kind;
        this.reason = reason;
        this.taskId = -1;
        this.key = TaskRequest.NO_KEY;
        java.util.Arrays.fill(resources, 0);
        this.agentSlot = -1;
        this.agentEpoch = -1;
        return this;
    }

    @Override
    public String toString()
    {
        if (kind == DecisionKind.PLACED)
        {
            return "PLACED(task=" + taskId + keyText() + ", agentSlot=" + agentSlot + ", epoch=" + agentEpoch + ")";
        }
        return kind == DecisionKind.QUEUED ? "QUEUED(task=" + taskId + keyText() + ")" : kind + "(" + reason + ")";
    }

    private String keyText()
    {
        return key == TaskRequest.NO_KEY ? "" : ", key=" + key;
    }
}
