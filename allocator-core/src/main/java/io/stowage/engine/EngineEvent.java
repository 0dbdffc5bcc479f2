package io.stowage.engine;

import io.stowage.core.AdoptedTask;
import io.stowage.core.Constraint;
import io.stowage.core.TaskRequest;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One input in flight through the engine's ring: pre-allocated once per ring slot and refilled by translators, so
 * publishing allocates nothing. Which fields are meaningful depends on {@link #type}; {@link #clear()} resets them
 * all. Fields are public for the translators, the journal codec and the kernel stage; no other code should write
 * them.
 */
public final class EngineEvent
{
    /** What the input is. */
    public EventType type = EventType.TICK;
    /** Producer's clock when the input entered the engine, in nanoseconds; the kernel's only notion of time. */
    public long ingressNanos;
    /** The caller's id for the answer, echoed to the decision listener. */
    public long correlationId;
    /** Set by the journal stage on the last event of its batch: the kernel stage runs an allocation round after it. */
    public boolean roundAfter;

    /** Framework id ({@code SUBMIT} and the framework inputs). */
    public int framework;
    /** Task priority ({@code SUBMIT}). */
    public int priority;
    /** Revocable task ({@code SUBMIT}). */
    public boolean revocable;
    /** Label id ({@code SUBMIT}). */
    public int label;
    /** Constraint set id ({@code SUBMIT}). */
    public int constraints;
    /** True if {@link #vector} holds the task's resources, the usage of a heartbeat, or a capacity. */
    public boolean hasVector;
    /**
     * Resources ({@code SUBMIT}), capacity ({@code REGISTER_AGENT}, {@code UPDATE_CAPACITY}), usage
     * ({@code HEARTBEAT}).
     */
    public final long[] vector;
    /** Task id ({@code FINISH}, {@code LAUNCH_REFUSED}, {@code CANCEL}); -1 to name the task by {@link #key}. */
    public long taskId;
    /**
     * The caller's task key: of the new task ({@code SUBMIT}), or of the task to end when {@link #taskId} is -1
     * ({@code FINISH}, {@code CANCEL}); {@code TaskRequest.NO_KEY} for none.
     */
    public long key;
    /** The agent queue frame an agent input was read from, journaled with it so recovery resumes the queue after it. */
    public final InputOrigin origin = new InputOrigin();
    /**
     * Where the journal wrote this input (a Chronicle index), set by the journal stage; -1 when no journal keeps a
     * position. Not itself journaled: a snapshot records the position of the last input it includes.
     */
    public long journalIndex = -1;

    /** External agent id ({@code REGISTER_AGENT} and every agent input). */
    public String agentId;
    /** Registration epoch the agent believes it has (agent inputs other than registration). */
    public int epoch;
    /** Agent update sequence number ({@code HEARTBEAT}). */
    public long sequence;
    /** Explicit pressure flag ({@code HEARTBEAT}). */
    public boolean pressure;
    /**
     * Agent attributes ({@code REGISTER_AGENT}, {@code UPDATE_ATTRIBUTES}); the map is not copied and must not change
     * after publishing.
     */
    public Map<String, String> attributes;

    /** Constraints ({@code INTERN_CONSTRAINTS}); the list is not copied and must not change after publishing. */
    public List<Constraint> constraintList;
    /**
     * Tasks already running on a registering agent ({@code REGISTER_AGENT}), or null for none; the list is not
     * copied and must not change after publishing.
     */
    public List<AdoptedTask> adopted;

    /**
     * Role name ({@code SET_ROLE}), framework name ({@code REGISTER_FRAMEWORK}) or label text ({@code INTERN_LABEL}).
     */
    public String name;
    /** Role ({@code REGISTER_FRAMEWORK}, {@code UPDATE_FRAMEWORK}). */
    public String role;
    /** Role weight ({@code SET_ROLE}). */
    public double weight;
    /** Role guarantee, or null ({@code SET_ROLE}). */
    public long[] guarantee;
    /** Role limit, or null ({@code SET_ROLE}). */
    public long[] limit;
    /** Rate in thousandths of a task per second, -1 for none ({@code REGISTER_FRAMEWORK}, {@code UPDATE_FRAMEWORK}). */
    public long rateMillisPerSecond;
    /** Token bucket size ({@code REGISTER_FRAMEWORK}). */
    public long burst;
    /** Most pending tasks, -1 for no limit ({@code REGISTER_FRAMEWORK}). */
    public int maxPending;

    /** The question and its answer ({@code QUERY}); engine-internal, cleared by the kernel stage once answered. */
    KernelQuery<?> query;

    /**
     * @param dimensions the kernel's resource dimensions.
     */
    public EngineEvent(final int dimensions)
    {
        this.vector = new long[dimensions];
    }

    /** Resets every field to its empty value. */
    public void clear()
    {
        type = EventType.TICK;
        ingressNanos = 0;
        correlationId = 0;
        roundAfter = false;
        framework = -1;
        priority = 0;
        revocable = false;
        label = 0;
        constraints = 0;
        hasVector = false;
        Arrays.fill(vector, 0);
        origin.clear();
        journalIndex = -1;
        taskId = -1;
        key = TaskRequest.NO_KEY;
        agentId = null;
        epoch = 0;
        sequence = 0;
        pressure = false;
        attributes = null;
        constraintList = null;
        adopted = null;
        name = null;
        role = null;
        weight = 0;
        guarantee = null;
        limit = null;
        rateMillisPerSecond = -1;
        burst = 0;
        maxPending = -1;
        query = null;
    }

    /**
     * Copies every field of another event into this one (vectors by value, strings and maps by reference).
     *
     * @param other the source.
     */
    public void copyFrom(final EngineEvent other)
    {
        type = other.type;
        ingressNanos = other.ingressNanos;
        correlationId = other.correlationId;
        roundAfter = other.roundAfter;
        framework = other.framework;
        priority = other.priority;
        revocable = other.revocable;
        label = other.label;
        constraints = other.constraints;
        hasVector = other.hasVector;
        System.arraycopy(other.vector, 0, vector, 0, vector.length);
        journalIndex = other.journalIndex;
        taskId = other.taskId;
        key = other.key;
        agentId = other.agentId;
        epoch = other.epoch;
        sequence = other.sequence;
        pressure = other.pressure;
        attributes = other.attributes;
        constraintList = other.constraintList;
        adopted = other.adopted;
        name = other.name;
        role = other.role;
        weight = other.weight;
        guarantee = other.guarantee;
        limit = other.limit;
        rateMillisPerSecond = other.rateMillisPerSecond;
        burst = other.burst;
        maxPending = other.maxPending;
        query = other.query;
    }

    @Override
    public String toString()
    {
        return "EngineEvent{" + type + ", ingress=" + ingressNanos + ", correlation=" + correlationId +
            (agentId != null ? ", agent=" + agentId : "") + (taskId >= 0 ? ", task=" + taskId : "") +
            (key != TaskRequest.NO_KEY ? ", key=" + key : "") +
            (hasVector ? ", vector=" + Arrays.toString(vector) : "") + "}";
    }
}
