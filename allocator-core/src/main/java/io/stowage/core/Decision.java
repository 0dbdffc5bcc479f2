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

    /** @return true when the task was placed. */
    public boolean isPlaced()
    {
        return kind == DecisionKind.PLACED;
    }

    Decision placed(final long taskId, final int agentSlot, final int agentEpoch)
    {
        this.kind = DecisionKind.PLACED;
        this.reason = Reason.OK;
        this.taskId = taskId;
        this.agentSlot = agentSlot;
        this.agentEpoch = agentEpoch;
        return this;
    }

    Decision queued(final long taskId)
    {
        this.kind = DecisionKind.QUEUED;
        this.reason = Reason.OK;
        this.taskId = taskId;
        this.agentSlot = -1;
        this.agentEpoch = -1;
        return this;
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
        this.agentSlot = -1;
        this.agentEpoch = -1;
        return this;
    }

    @Override
    public String toString()
    {
        if (kind == DecisionKind.PLACED)
        {
            return "PLACED(task=" + taskId + ", agentSlot=" + agentSlot + ", epoch=" + agentEpoch + ")";
        }
        return kind == DecisionKind.QUEUED ? "QUEUED(task=" + taskId + ")" : kind + "(" + reason + ")";
    }
}
