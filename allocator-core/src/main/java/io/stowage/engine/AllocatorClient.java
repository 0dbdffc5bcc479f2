package io.stowage.engine;

import com.lmax.disruptor.RingBuffer;
import io.stowage.core.Constraint;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * The embedding scheduler's side of the engine: thread-safe, callable from any number of scheduler threads. Each
 * call takes the ingress time from the engine's clock (before waiting for room in the ring), publishes one event
 * into the ring and returns; the answer comes to the {@link EngineListener} on the kernel thread with the caller's
 * correlation id. Submitting and finishing allocate nothing.
 * <p>
 * Calls that hand out an id ({@link #registerFramework}, {@link #internLabel}, {@link #internConstraints}) wait for
 * the kernel's answer and return the id: the kernel assigns ids in the order its inputs are journaled, so the id is
 * the one a replay of the journal assigns, whichever threads registered concurrently. They need a started engine,
 * must not be called from the listener (the kernel thread would wait for itself), and throw
 * {@link IllegalArgumentException} when the kernel refuses the input.
 */
public final class AllocatorClient
{
    private final AllocatorEngine engine;
    private final RingBuffer<EngineEvent> ring;
    private final PendingAnswers answers;
    private final LongSupplier clock;
    private final int dimensions;
    private final long answerTimeoutNanos;

    AllocatorClient(
        final AllocatorEngine engine,
        final RingBuffer<EngineEvent> ring,
        final PendingAnswers answers,
        final LongSupplier clock,
        final int dimensions,
        final long answerTimeoutNanos)
    {
        this.engine = engine;
        this.ring = ring;
        this.answers = answers;
        this.clock = clock;
        this.dimensions = dimensions;
        this.answerTimeoutNanos = answerTimeoutNanos;
    }

    /**
     * Registers a framework in the default role {@code "*"} with no rate or pending limit, or finds the id it has.
     *
     * @param name the framework's name.
     * @return its id.
     */
    public int registerFramework(final String name)
    {
        return registerFramework(name, "*", -1, 0, -1);
    }

    /**
     * Registers a framework, or finds the id it already has (keeping its first settings). Waits for the answer.
     *
     * @param name               the framework's name, not blank.
     * @param role               its role.
     * @param ratePerSecondMillis token refill rate in thousandths of a task per second, or -1 for no rate limit.
     * @param burst              token bucket size in tasks, 0 to 1000000 (used with a rate).
     * @param maxPending         most pending tasks, or -1 for no limit.
     * @return its id.
     * @throws IllegalArgumentException if the kernel refuses the settings.
     */
    public int registerFramework(
        final String name, final String role, final long ratePerSecondMillis, final long burst, final int maxPending)
    {
        engine.checkNotEngineThread("waiting for an id");
        final long correlationId = answers.expect();
        final long ingress = clock.getAsLong();
        final long sequence = claim();
        try
        {
            final EngineEvent event = fill(sequence, EventType.REGISTER_FRAMEWORK, correlationId, ingress);
            event.name = name;
            event.role = role;
            event.rateMillisPerSecond = ratePerSecondMillis;
            event.burst = burst;
            event.maxPending = maxPending;
        }
        finally
        {
            ring.publish(sequence);
        }
        return answers.await(correlationId, answerTimeoutNanos);
    }

    /**
     * Interns a task label. Waits for the answer.
     *
     * @param label the label text; empty is label 0 (none).
     * @return its id, for {@link #submit}.
     */
    public int internLabel(final String label)
    {
        engine.checkNotEngineThread("waiting for an id");
        final long correlationId = answers.expect();
        final long ingress = clock.getAsLong();
        final long sequence = claim();
        try
        {
            fill(sequence, EventType.INTERN_LABEL, correlationId, ingress).name = label;
        }
        finally
        {
            ring.publish(sequence);
        }
        return answers.await(correlationId, answerTimeoutNanos);
    }

    /**
     * Checks and interns a constraint set. Waits for the answer.
     *
     * @param constraints the constraints (not copied; must not change afterwards).
     * @return its id, for {@link #submit}.
     * @throws IllegalArgumentException if a constraint is malformed.
     */
    public int internConstraints(final List<Constraint> constraints)
    {
        engine.checkNotEngineThread("waiting for an id");
        final long correlationId = answers.expect();
        final long ingress = clock.getAsLong();
        final long sequence = claim();
        try
        {
            fill(sequence, EventType.INTERN_CONSTRAINTS, correlationId, ingress).constraintList = constraints;
        }
        finally
        {
            ring.publish(sequence);
        }
        return answers.await(correlationId, answerTimeoutNanos);
    }

    /**
     * Sets a role's weight, guarantee and limit; answered accepted or rejected.
     *
     * @param role          the role name.
     * @param weight        its weight, above 0.
     * @param guarantee     milli-units per dimension held for it, or null (not copied; must not change afterwards).
     * @param limit         milli-units per dimension it may not exceed, or null (not copied).
     * @param correlationId echoed in the answer.
     */
    public void setRole(
        final String role, final double weight, final long[] guarantee, final long[] limit, final long correlationId)
    {
        final long ingress = clock.getAsLong();
        final long sequence = claim();
        try
        {
            final EngineEvent event = fill(sequence, EventType.SET_ROLE, correlationId, ingress);
            event.name = role;
            event.weight = weight;
            event.guarantee = guarantee;
            event.limit = limit;
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    /**
     * Submits a task; answered queued (with the task id) or rejected with a reason, then placed by a round.
     *
     * @param framework     the framework id.
     * @param resources     milli-units per dimension (copied), or null for the kernel's default request.
     * @param priority      higher runs first and may preempt lower.
     * @param revocable     best-effort work on oversubscribed slack.
     * @param label         a label id from {@link #internLabel}, 0 for none.
     * @param constraints   a constraint set id from {@link #internConstraints}, 0 for none.
     * @param correlationId echoed in the answer.
     * @throws IllegalArgumentException if the vector does not have one quantity per dimension.
     */
    public void submit(
        final int framework,
        final long[] resources,
        final int priority,
        final boolean revocable,
        final int label,
        final int constraints,
        final long correlationId)
    {
        checkVector(resources);
        final long ingress = clock.getAsLong();
        final long sequence = claim();
        try
        {
            final EngineEvent event = fill(sequence, EventType.SUBMIT, correlationId, ingress);
            event.framework = framework;
            event.priority = priority;
            event.revocable = revocable;
            event.label = label;
            event.constraints = constraints;
            if (resources != null)
            {
                event.hasVector = true;
                System.arraycopy(resources, 0, event.vector, 0, dimensions);
            }
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    /**
     * Submits a task with priority 0, not revocable, no label and no constraints.
     *
     * @param framework     the framework id.
     * @param resources     milli-units per dimension (copied), or null for the kernel's default request.
     * @param correlationId echoed in the answer.
     */
    public void submit(final int framework, final long[] resources, final long correlationId)
    {
        submit(framework, resources, 0, false, 0, 0, correlationId);
    }

    /**
     * Reports a task finished; answered accepted, or rejected if no such task runs.
     *
     * @param taskId        the task.
     * @param correlationId echoed in the answer.
     */
    public void finish(final long taskId, final long correlationId)
    {
        final long ingress = clock.getAsLong();
        final long sequence = claim();
        try
        {
            fill(sequence, EventType.FINISH, correlationId, ingress).taskId = taskId;
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    /**
     * Changes an agent's capacity (operator input).
     *
     * @param agentId       the agent's external id.
     * @param capacity      milli-units per dimension (copied).
     * @param correlationId echoed in the answer.
     */
    public void updateCapacity(final String agentId, final long[] capacity, final long correlationId)
    {
        if (capacity == null)
        {
            throw new IllegalArgumentException("capacity is required");
        }
        checkVector(capacity);
        final long ingress = clock.getAsLong();
        final long sequence = claim();
        try
        {
            final EngineEvent event = fill(sequence, EventType.UPDATE_CAPACITY, correlationId, ingress);
            event.agentId = agentId;
            event.hasVector = true;
            System.arraycopy(capacity, 0, event.vector, 0, dimensions);
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    /**
     * Stops placements on an agent (operator input).
     *
     * @param agentId       the agent's external id.
     * @param correlationId echoed in the answer.
     */
    public void drain(final String agentId, final long correlationId)
    {
        publishAgentOperation(EventType.DRAIN, agentId, correlationId);
    }

    /**
     * Ends a drain (operator input).
     *
     * @param agentId       the agent's external id.
     * @param correlationId echoed in the answer.
     */
    public void undrain(final String agentId, final long correlationId)
    {
        publishAgentOperation(EventType.UNDRAIN, agentId, correlationId);
    }

    /**
     * Removes an agent; its tasks are lost (operator input).
     *
     * @param agentId       the agent's external id.
     * @param correlationId echoed in the answer.
     */
    public void removeAgent(final String agentId, final long correlationId)
    {
        publishAgentOperation(EventType.REMOVE_AGENT, agentId, correlationId);
    }

    private void publishAgentOperation(final EventType type, final String agentId, final long correlationId)
    {
        final long ingress = clock.getAsLong();
        final long sequence = claim();
        try
        {
            fill(sequence, type, correlationId, ingress).agentId = agentId;
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    private void checkVector(final long[] vector)
    {
        if (vector != null && vector.length != dimensions)
        {
            throw new IllegalArgumentException(
                "vector has " + vector.length + " dimensions, the schema has " + dimensions);
        }
    }

    private long claim()
    {
        engine.checkOpen();
        return ring.next();
    }

    private EngineEvent fill(
        final long sequence, final EventType type, final long correlationId, final long ingressNanos)
    {
        final EngineEvent event = ring.get(sequence);
        event.clear();
        event.type = type;
        event.correlationId = correlationId;
        event.ingressNanos = ingressNanos;
        return event;
    }
}
