package io.stowage.sim.cluster;

import io.stowage.core.Reason;
import io.stowage.core.TaskRecord;
import io.stowage.core.TaskEndCause;
import io.stowage.engine.EngineListener;
import io.stowage.engine.EventType;
import org.HdrHistogram.Histogram;

import static io.stowage.sim.cluster.ClusterShape.DIMENSIONS;

/**
 * The simulation's listener on the kernel thread: books every answer and decision (per framework and per reason),
 * keeps a shadow of what the kernel allocated on each agent from its decisions alone, and counts any placement that
 * would take an agent over the capacity the kernel knows (the "allocation over capacity" that must stay 0; revocable
 * tasks are held to the oversubscription allowance, a fraction of capacity, on top), records
 * the wall-clock latency of each decision, learns agent epochs, and forwards placements and kills to the decision
 * stream. Decisions replayed after an allocator recovery (numbers already seen) are forwarded but not booked again.
 */
final class DecisionLedger implements EngineListener
{
    private static final int REASONS = Reason.values().length;
    private static final int TASK_END_CAUSES = TaskEndCause.values().length;

    final long[] agentAllocated;
    /** Revocable allocations per agent and dimension, bounded by the oversubscription ratio instead of capacity. */
    final long[] agentRevocable;
    /** Frameworks whose tasks are revocable (by kernel framework id). */
    final boolean[] revocableFramework;
    final long[] agentCapacity;
    final long[] frameworkAllocated;
    final int[] epochs;
    final long[] queued;
    final long[] placed;
    final long[] rejected;
    final long[] ended;
    final long[] rejectedByReason = new long[REASONS];
    final long[] agentInputRefusals = new long[REASONS];
    final Histogram latency = new Histogram(3_600_000_000_000L, 3);
    final Histogram[] frameworkLatency;
    final long[] pendingCapacity;
    long decisions;
    long allocationOverCapacity;
    long lastDecision;
    volatile long tickSentNanos;
    volatile EngineListener decisionStream = new EngineListener()
    {
    };

    private final ClusterShape shape;
    private final TaskBook book;
    private final SubmitLog submits;
    private final int frameworks;
    private final long[] resources = new long[DIMENSIONS];
    private final long oversubscriptionMillis;

    DecisionLedger(
        final ClusterShape shape,
        final TaskBook book,
        final SubmitLog submits,
        final int frameworks,
        final long oversubscriptionMillis)
    {
        this.oversubscriptionMillis = oversubscriptionMillis;
        this.shape = shape;
        this.book = book;
        this.submits = submits;
        this.frameworks = frameworks;
        agentAllocated = new long[shape.agents * DIMENSIONS];
        agentRevocable = new long[shape.agents * DIMENSIONS];
        revocableFramework = new boolean[frameworks];
        agentCapacity = shape.capacity.clone();
        pendingCapacity = shape.capacity.clone();
        frameworkAllocated = new long[frameworks * DIMENSIONS];
        epochs = new int[shape.agents];
        queued = new long[frameworks];
        placed = new long[frameworks];
        rejected = new long[frameworks * REASONS];
        ended = new long[frameworks * TASK_END_CAUSES];
        frameworkLatency = new Histogram[frameworks];
        for (int f = 0; f < frameworks; f++)
        {
            frameworkLatency[f] = new Histogram(3_600_000_000_000L, 2);
        }
    }

    private void record(final int framework, final long sentNanos)
    {
        final long nanos = Math.max(0, System.nanoTime() - sentNanos);
        latency.recordValue(nanos);
        if (framework >= 0 && framework < frameworks)
        {
            frameworkLatency[framework].recordValue(nanos);
        }
    }

    /** The correlation id of an operator's capacity update of an agent. */
    static long capacityCorrelation(final int agent)
    {
        return -(agent + 1L);
    }

    private boolean seen(final long decision)
    {
        if (decision <= lastDecision)
        {
            return true;
        }
        lastDecision = decision;
        decisions++;
        return false;
    }

    @Override
    public void onQueued(final long decision, final long correlationId, final long taskId, final long key)
    {
        if (seen(decision))
        {
            return;
        }
        final int framework = submits.framework(correlationId);
        submits.resources(correlationId, resources);
        book.pending(taskId, framework, resources);
        queued[framework]++;
        record(framework, submits.sentNanos(correlationId));
    }

    @Override
    public void onRejected(final long decision, final long correlationId, final EventType type, final Reason reason)
    {
        if (seen(decision))
        {
            return;
        }
        if (type == EventType.SUBMIT)
        {
            final int framework = submits.framework(correlationId);
            rejected[framework * REASONS + reason.ordinal()]++;
            rejectedByReason[reason.ordinal()]++;
            record(framework, submits.sentNanos(correlationId));
        }
        else
        {
            agentInputRefusals[reason.ordinal()]++;
        }
    }

    @Override
    public void onAccepted(final long decision, final long correlationId, final EventType type, final int id)
    {
        if (seen(decision))
        {
            return;
        }
        if (type == EventType.UPDATE_CAPACITY && correlationId < 0)
        {
            final int agent = (int)(-correlationId - 1);
            System.arraycopy(pendingCapacity, agent * DIMENSIONS, agentCapacity, agent * DIMENSIONS, DIMENSIONS);
        }
    }

    @Override
    public void onAgentRegistered(final long decision, final String agentId, final int epoch)
    {
        if (seen(decision))
        {
            return;
        }
        final int agent = shape.indexOf(agentId);
        if (agent >= 0)
        {
            epochs[agent] = epoch;
        }
    }

    @Override
    public void onPlaced(
        final long decision, final TaskRecord task, final String agentId, final int agentEpoch,
        final long ingressNanos)
    {
        final long taskId = task.taskId();
        final int framework = task.framework();
        if (!seen(decision))
        {
            final int agent = shape.indexOf(agentId);
            if (agent >= 0 && book.placed(taskId, agent))
            {
                placed[framework]++;
                final boolean revocable = revocableFramework[framework];
                final long[] ledger = revocable ? agentRevocable : agentAllocated;
                boolean over = false;
                for (int d = 0; d < DIMENSIONS; d++)
                {
                    final int i = agent * DIMENSIONS + d;
                    final long amount = book.resource(taskId, d);
                    ledger[i] += amount;
                    frameworkAllocated[framework * DIMENSIONS + d] += amount;
                    final long bound = revocable ?
                        agentCapacity[i] / 1000 * oversubscriptionMillis + agentCapacity[i] % 1000 *
                        oversubscriptionMillis / 1000 : agentCapacity[i];
                    over |= ledger[i] > bound;
                }
                if (over)
                {
                    allocationOverCapacity++;
                }
            }
            record(framework, tickSentNanos);
        }
        decisionStream.onPlaced(decision, task, agentId, agentEpoch, ingressNanos);
    }

    @Override
    public void onTaskEnded(
        final long decision, final TaskRecord task, final String agentId, final TaskEndCause cause)
    {
        final long taskId = task.taskId();
        final int framework = task.framework();
        if (!seen(decision))
        {
            ended[framework * TASK_END_CAUSES + cause.ordinal()]++;
            if (book.end(taskId, (byte)cause.ordinal()) == TaskBook.RUNNING)
            {
                release(taskId, book.agent(taskId), framework);
            }
        }
        decisionStream.onTaskEnded(decision, task, agentId, cause);
    }

    /** Takes a running task's resources off its agent and framework in the shadow (kernel thread, or a shard). */
    void release(final long taskId, final int agent, final int framework)
    {
        final long[] ledger = revocableFramework[framework] ? agentRevocable : agentAllocated;
        for (int d = 0; d < DIMENSIONS; d++)
        {
            final long amount = book.resource(taskId, d);
            ledger[agent * DIMENSIONS + d] -= amount;
            frameworkAllocated[framework * DIMENSIONS + d] -= amount;
        }
    }

    long rejected(final int framework, final Reason reason)
    {
        return rejected[framework * REASONS + reason.ordinal()];
    }

    long ended(final int framework, final TaskEndCause cause)
    {
        return ended[framework * TASK_END_CAUSES + cause.ordinal()];
    }
}
