package io.stowage.core;

/**
 * Why one task is pending: a reusable answer filled by {@link KernelView#pendingDiagnosis(long, PendingDiagnosis)}
 * (allocation-free), or made by {@link KernelView#pendingDiagnosis(long)}. Plain data: safe to hand to another
 * thread once filled.
 */
public final class PendingDiagnosis
{
    private long taskId = -1;
    private PendingReason reason = PendingReason.UNKNOWN_TASK;
    private int dimension = -1;
    private long blockingTaskId = -1;
    private boolean preempts;

    PendingDiagnosis set(
        final long taskId, final PendingReason reason, final int dimension, final long blockingTaskId,
        final boolean preempts)
    {
        this.taskId = taskId;
        this.reason = reason;
        this.dimension = dimension;
        this.blockingTaskId = blockingTaskId;
        this.preempts = preempts;
        return this;
    }

    PendingDiagnosis set(final long taskId, final PendingReason reason)
    {
        return set(taskId, reason, -1, -1, false);
    }

    /** @return the task asked about. */
    public long taskId()
    {
        return taskId;
    }

    /** @return why it is pending, or {@link PendingReason#NOT_PENDING} / {@link PendingReason#UNKNOWN_TASK}. */
    public PendingReason reason()
    {
        return reason;
    }

    /**
     * @return the index of the dimension that blocks ({@link PendingReason#ROLE_LIMIT}, {@link PendingReason#NO_FIT},
     * {@link PendingReason#HEADROOM}, {@link PendingReason#GUARANTEE_HEADROOM}), or -1 for the other reasons.
     */
    public int dimension()
    {
        return dimension;
    }

    /** @return the task at the head of the framework's queue for {@link PendingReason#QUEUED_BEHIND}, else -1. */
    public long blockingTaskId()
    {
        return blockingTaskId;
    }

    /** @return true if, for {@link PendingReason#WAITING_FOR_ROUND}, the round would preempt lower-priority tasks. */
    public boolean preempts()
    {
        return preempts;
    }

    /**
     * @param schema the kernel's schema, to name the dimension.
     * @return e.g. {@code NO_FIT on mem} or {@code QUEUED_BEHIND task 4294967298}.
     */
    public String describe(final ResourceSchema schema)
    {
        if (dimension >= 0)
        {
            return reason + " on " + schema.name(dimension);
        }
        if (blockingTaskId >= 0)
        {
            return reason + " task " + blockingTaskId;
        }
        return preempts ? reason + " by preemption" : reason.name();
    }

    @Override
    public String toString()
    {
        return "PendingDiagnosis{task=" + taskId + ", " + reason +
            (dimension >= 0 ? ", dimension=" + dimension : "") +
            (blockingTaskId >= 0 ? ", behind=" + blockingTaskId : "") + (preempts ? ", preempts" : "") + "}";
    }
}
