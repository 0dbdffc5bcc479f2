package io.stowage.engine;

import com.lmax.disruptor.RingBuffer;
import io.stowage.core.AdoptedTask;
import io.stowage.core.Constraint;
import io.stowage.core.TaskRequest;

import java.util.List;
import java.util.Map;
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
     * Submits a task described by a request: its framework, resources (or the kernel's default), priority, revocable
     * flag, label, constraints and the caller's key, which comes back in every decision about the task. Copies the
     * request, so the caller may reuse it at once.
     *
     * @param request       the task.
     * @param correlationId echoed in the answer.
     */
    public void submit(final TaskRequest request, final long correlationId)
    {
        final long ingress = clock.getAsLong();
        final long sequence = claim();
        try
        {
            final EngineEvent event = fill(sequence, EventType.SUBMIT, correlationId, ingress);
            event.framework = request.framework();
            event.priority = request.priority();
            event.revocable = request.isRevocable();
            event.label = request.label();
            event.constraints = request.constraints();
            event.key = request.key();
            if (request.hasResources())
            {
                event.hasVector = true;
                for (int d = 0; d < dimensions; d++)
                {
                    event.vector[d] = request.resource(d);
                }
            }
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    /**
     * Reports a task finished by the caller's key; answered accepted, or rejected if no running task holds the key.
     *
     * @param key           the key the task was submitted with.
     * @param correlationId echoed in the answer.
     */
    public void finishByKey(final long key, final long correlationId)
    {
        publishTask(EventType.FINISH, -1, key, correlationId);
    }

    /**
     * Withdraws a pending task; answered accepted (after the task is reported ended as
     * {@link io.stowage.core.TaskEndCause#CANCELLED}), or rejected: {@code UNKNOWN_TASK}, or {@code TASK_RUNNING} if
     * it was placed meanwhile (then finish it).
     *
     * @param taskId        the task id from the queued answer.
     * @param correlationId echoed in the answer.
     */
    public void cancel(final long taskId, final long correlationId)
    {
        publishTask(EventType.CANCEL, taskId, TaskRequest.NO_KEY, correlationId);
    }

    /**
     * Withdraws a pending task named by the caller's key; see {@link #cancel(long, long)}.
     *
     * @param key           the key the task was submitted with.
     * @param correlationId echoed in the answer.
     */
    public void cancelByKey(final long key, final long correlationId)
    {
        publishTask(EventType.CANCEL, -1, key, correlationId);
    }

    private void publishTask(final EventType type, final long taskId, final long key, final long correlationId)
    {
        final long ingress = clock.getAsLong();
        final long sequence = claim();
        try
        {
            final EngineEvent event = fill(sequence, type, correlationId, ingress);
            event.taskId = taskId;
            event.key = key;
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    /**
     * Reports a task finished; answered accepted, or rejected if no such task runs.
     *
     * @param taskId        the task.
     * @param correlationId echoed in the answer.
     */
    public void finish(final long taskId, final long correlationId)
    {
        publishTask(EventType.FINISH, taskId, TaskRequest.NO_KEY, correlationId);
    }

    /**
     * Changes a framework's role, rate limit and pending limit at runtime (see
     * {@code AllocatorKernel.updateFramework}); answered accepted, or rejected ({@code UNKNOWN_FRAMEWORK},
     * {@code INVALID_REQUEST}).
     *
     * @param framework           the framework id.
     * @param role                its role, not blank.
     * @param ratePerSecondMillis token refill rate in thousandths of a task per second, or -1 for none.
     * @param burst               token bucket size in tasks (used with a rate).
     * @param maxPending          most pending tasks, or -1 for no limit.
     * @param correlationId       echoed in the answer.
     */
    public void updateFramework(
        final int framework,
        final String role,
        final long ratePerSecondMillis,
        final long burst,
        final int maxPending,
        final long correlationId)
    {
        final long ingress = clock.getAsLong();
        final long sequence = claim();
        try
        {
            final EngineEvent event = fill(sequence, EventType.UPDATE_FRAMEWORK, correlationId, ingress);
            event.framework = framework;
            event.role = role;
            event.rateMillisPerSecond = ratePerSecondMillis;
            event.burst = burst;
            event.maxPending = maxPending;
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    /**
     * Suppresses a framework: its queue is kept but nothing of it is placed until {@link #revive}.
     *
     * @param framework     the framework id.
     * @param correlationId echoed in the answer.
     */
    public void suppress(final int framework, final long correlationId)
    {
        publishFramework(EventType.SUPPRESS_FRAMEWORK, framework, correlationId);
    }

    /**
     * Ends a framework's suppression.
     *
     * @param framework     the framework id.
     * @param correlationId echoed in the answer.
     */
    public void revive(final int framework, final long correlationId)
    {
        publishFramework(EventType.REVIVE_FRAMEWORK, framework, correlationId);
    }

    /**
     * Removes a framework: its pending tasks are reported cancelled and its running tasks ended
     * ({@code FRAMEWORK_REMOVED}), then the removal is answered accepted.
     *
     * @param framework     the framework id.
     * @param correlationId echoed in the answer.
     */
    public void removeFramework(final int framework, final long correlationId)
    {
        publishFramework(EventType.REMOVE_FRAMEWORK, framework, correlationId);
    }

    private void publishFramework(final EventType type, final int framework, final long correlationId)
    {
        final long ingress = clock.getAsLong();
        final long sequence = claim();
        try
        {
            fill(sequence, type, correlationId, ingress).framework = framework;
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    /**
     * Registers an agent together with the tasks already running on it, from the scheduler's own records (after a
     * restart of the scheduler, or to take over a running agent); answered by
     * {@link EngineListener#onAgentRegistered} or rejected with the reason, changing nothing. An adopted set that does
     * not fit makes the agent {@code OVERCOMMITTED}. The agent's own inputs (heartbeats, finished tasks) then come
     * through {@link AllocatorEngine#agentInput()} as usual.
     *
     * @param agentId       the agent's external id.
     * @param capacity      milli-units per dimension (copied).
     * @param attributes    its attributes; not copied, must not change after the call.
     * @param running       the tasks running on it, oldest first; not copied, must not change after the call.
     * @param correlationId echoed in a rejection.
     */
    public void registerAgent(
        final String agentId,
        final long[] capacity,
        final Map<String, String> attributes,
        final List<AdoptedTask> running,
        final long correlationId)
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
            final EngineEvent event = fill(sequence, EventType.REGISTER_AGENT, correlationId, ingress);
            event.agentId = agentId;
            event.hasVector = true;
            System.arraycopy(capacity, 0, event.vector, 0, dimensions);
            event.attributes = attributes;
            event.adopted = running;
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
     * Replaces an agent's attributes (operator input): constraints see the new ones from the next placement; tasks
     * already running stay. Answered accepted, or rejected ({@code UNKNOWN_AGENT}, {@code INVALID_ATTRIBUTES}).
     *
     * @param agentId       the agent's external id.
     * @param attributes    its whole new attribute map; not copied, must not change after the call.
     * @param correlationId echoed in the answer.
     */
    public void updateAttributes(final String agentId, final Map<String, String> attributes, final long correlationId)
    {
        final long ingress = clock.getAsLong();
        final long sequence = claim();
        try
        {
            final EngineEvent event = fill(sequence, EventType.UPDATE_ATTRIBUTES, correlationId, ingress);
            event.agentId = agentId;
            event.attributes = attributes;
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
