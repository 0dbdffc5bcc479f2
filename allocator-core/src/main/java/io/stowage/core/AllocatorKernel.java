package io.stowage.core;

import org.agrona.collections.Object2IntHashMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.stowage.core.AgentTableDescriptor.*;

/**
 * The allocator kernel: a deterministic single-writer state machine that decides which agent runs which task and
 * never places more on an agent than it can hold.
 * <p>
 * It starts no thread, does no I/O and reads no clock: time is a parameter of each call that needs it, in
 * nanoseconds of the caller's event clock. Exactly one thread may call it. The same sequence of calls gives the
 * same answers and the same {@link #stateHash()}. Every refusal names a {@link Reason} and changes nothing but the
 * counters. Placing, finishing and applying heartbeats allocate nothing in steady state.
 */
public final class AllocatorKernel
{
    /** The largest quantity, in milli-units, of one dimension of a request or an agent's capacity (2^52). */
    public static final long MAX_QUANTITY = 1L << 52;

    private static final int INELIGIBLE = FLAG_DRAINING | FLAG_PRESSURED | FLAG_OVERCOMMITTED | FLAG_UNREACHABLE;

    private final KernelConfig config;
    private final ResourceSchema schema;
    private final int dimensions;
    private final PlacementPolicy policy;
    private final long ratioMillis;
    private final AgentTable agents;
    private final AgentDirectory directory;
    private final AttributeInterner attributes = new AttributeInterner();
    private final PlacementIndex index;
    private final TaskLedger ledger;
    private final FrameworkBook frameworks;
    private final Object2IntHashMap<String> labelIds = new Object2IntHashMap<>(-1);
    private final List<String> labels = new ArrayList<>();
    private final TaskEndListener taskEndListener;
    private final long[] scratchFree;
    private final long[] scratchRevocable;

    private final long[] refusals = new long[Reason.values().length];
    private long placements;
    private long finishes;
    private long lostTasks;
    private long heartbeats;
    private long registrations;
    private long removals;
    private int eligibleAgents;

    /**
     * @param config the schema, policy and sizes.
     */
    public AllocatorKernel(final KernelConfig config)
    {
        this(config, TaskEndListener.NONE);
    }

    /**
     * @param config          the schema, policy and sizes.
     * @param taskEndListener told of tasks the kernel ends on its own (lost with their agent).
     */
    public AllocatorKernel(final KernelConfig config, final TaskEndListener taskEndListener)
    {
        this.config = config;
        this.schema = config.schema();
        this.dimensions = schema.dimensions();
        this.policy = config.placement();
        this.ratioMillis = config.oversubscriptionRatioMillis();
        this.agents = new AgentTable(config.maxAgents(), dimensions);
        this.directory = new AgentDirectory(config.maxAgents());
        this.index = new PlacementIndex(config.maxAgents(), dimensions, ratioMillis > 0);
        this.ledger = new TaskLedger(config.maxTasks(), config.maxAgents(), dimensions);
        this.frameworks = new FrameworkBook(dimensions);
        this.taskEndListener = taskEndListener;
        this.scratchFree = new long[dimensions];
        this.scratchRevocable = new long[dimensions];
        labels.add("");
        labelIds.put("", 0);
    }

    /** @return the configuration the kernel was built with. */
    public KernelConfig config()
    {
        return config;
    }

    /** @return the resource schema. */
    public ResourceSchema schema()
    {
        return schema;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Frameworks and labels
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Registers a framework, or returns the id it already has.
     *
     * @param name the framework's name, not blank.
     * @return its id, used in {@link TaskRequest#reset(int)}.
     * @throws IllegalArgumentException if the name is null or blank.
     */
    public int registerFramework(final String name)
    {
        if (name == null || name.isBlank())
        {
            throw new IllegalArgumentException("framework name is blank");
        }
        final int id = frameworks.register(name);
        ledger.ensureFrameworks(frameworks.count());
        return id;
    }

    /**
     * @param name a framework name.
     * @return its id, or -1 if not registered.
     */
    public int frameworkId(final String name)
    {
        return frameworks.idOf(name);
    }

    /** @return the number of registered frameworks; ids run from 0 to this minus one. */
    public int frameworkCount()
    {
        return frameworks.count();
    }

    /**
     * @param framework a framework id.
     * @return its name.
     */
    public String frameworkName(final int framework)
    {
        return frameworks.name(framework);
    }

    /**
     * @param label a task label such as "web"; empty for none.
     * @return its id, used in {@link TaskRequest#label(int)}.
     */
    public int internLabel(final String label)
    {
        int id = labelIds.getValue(label);
        if (id < 0)
        {
            id = labels.size();
            labels.add(label);
            labelIds.put(label, id);
        }
        return id;
    }

    /**
     * @param label a label id.
     * @return its text.
     */
    public String labelName(final int label)
    {
        return labels.get(label);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Agents
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Registers an agent under a string id.
     *
     * @param id         external id, unique among registered agents.
     * @param capacity   milli-units per dimension (copied).
     * @param attributes name to value, at most {@link KernelConfig#MAX_ATTRIBUTES_PER_AGENT}.
     * @param timeNanos  event time; counts as the agent's first heartbeat.
     * @return {@link Reason#OK}, or why the agent was refused.
     */
    public Reason registerAgent(
        final String id, final long[] capacity, final Map<String, String> attributes, final long timeNanos)
    {
        if (id == null || id.isEmpty())
        {
            return refuse(Reason.INVALID_REQUEST);
        }
        if (directory.slotOf(id) >= 0)
        {
            return refuse(Reason.AGENT_EXISTS);
        }
        final Reason reason = checkRegistration(capacity, attributes);
        if (reason != Reason.OK)
        {
            return refuse(reason);
        }
        final int slot = agents.allocateSlot();
        directory.bind(id, slot);
        initialiseAgent(slot, capacity, attributes, timeNanos);
        return Reason.OK;
    }

    /**
     * Registers an agent under a numeric id.
     *
     * @param id         external id, unique among registered agents.
     * @param capacity   milli-units per dimension (copied).
     * @param attributes name to value, at most {@link KernelConfig#MAX_ATTRIBUTES_PER_AGENT}.
     * @param timeNanos  event time; counts as the agent's first heartbeat.
     * @return {@link Reason#OK}, or why the agent was refused.
     */
    public Reason registerAgent(
        final long id, final long[] capacity, final Map<String, String> attributes, final long timeNanos)
    {
        if (directory.slotOf(id) >= 0)
        {
            return refuse(Reason.AGENT_EXISTS);
        }
        final Reason reason = checkRegistration(capacity, attributes);
        if (reason != Reason.OK)
        {
            return refuse(reason);
        }
        final int slot = agents.allocateSlot();
        directory.bind(id, slot);
        initialiseAgent(slot, capacity, attributes, timeNanos);
        return Reason.OK;
    }

    private Reason checkRegistration(final long[] capacity, final Map<String, String> attributes)
    {
        if (!isValidVector(capacity, true))
        {
            return Reason.INVALID_REQUEST;
        }
        if (attributes == null || attributes.size() > KernelConfig.MAX_ATTRIBUTES_PER_AGENT)
        {
            return Reason.INVALID_ATTRIBUTES;
        }
        for (final Map.Entry<String, String> e : attributes.entrySet())
        {
            if (e.getKey() == null || e.getKey().isBlank() || e.getValue() == null)
            {
                return Reason.INVALID_ATTRIBUTES;
            }
        }
        return agents.isFull() ? Reason.AGENT_LIMIT : Reason.OK;
    }

    private void initialiseAgent(
        final int slot, final long[] capacity, final Map<String, String> attributeMap, final long timeNanos)
    {
        for (int d = 0; d < dimensions; d++)
        {
            agents.set(slot, CAPACITY, d, capacity[d]);
        }
        agents.attributeSet(slot, attributes.intern(attributeMap));
        agents.lastHeartbeat(slot, timeNanos);
        eligibleAgents++;
        registrations++;
        refreshIndex(slot);
    }

    /**
     * @param id an external string id.
     * @return the slot of the registered agent, or -1.
     */
    public int agentSlot(final String id)
    {
        return directory.slotOf(id);
    }

    /**
     * @param id an external numeric id.
     * @return the slot of the registered agent, or -1.
     */
    public int agentSlot(final long id)
    {
        return directory.slotOf(id);
    }

    /**
     * Changes an agent's capacity. If what runs on it no longer fits, the agent is {@link AgentState#OVERCOMMITTED}
     * and receives nothing until allocations fit again; running tasks keep running.
     *
     * @param slot     the agent.
     * @param capacity milli-units per dimension (copied).
     * @return {@link Reason#OK}, or why refused.
     */
    public Reason updateCapacity(final int slot, final long[] capacity)
    {
        if (!agents.isRegistered(slot))
        {
            return refuse(Reason.UNKNOWN_AGENT);
        }
        if (!isValidVector(capacity, true))
        {
            return refuse(Reason.INVALID_REQUEST);
        }
        for (int d = 0; d < dimensions; d++)
        {
            agents.set(slot, CAPACITY, d, capacity[d]);
        }
        refreshIndex(slot);
        return Reason.OK;
    }

    /**
     * Applies an agent's heartbeat: liveness and measured usage. An update whose sequence is not newer than the
     * last applied one is ignored and counted as stale.
     *
     * @param slot      the agent.
     * @param epoch     the registration the agent believes it has.
     * @param sequence  the agent's update sequence number, increasing from 1.
     * @param usage     measured milli-units per dimension (copied), or null to report liveness only.
     * @param timeNanos event time.
     * @return {@link Reason#OK}, {@link Reason#STALE_UPDATE}, {@link Reason#STALE_EPOCH}, or why refused.
     */
    public Reason heartbeat(
        final int slot, final int epoch, final long sequence, final long[] usage, final long timeNanos)
    {
        if (!agents.isRegistered(slot))
        {
            return refuse(Reason.UNKNOWN_AGENT);
        }
        if (agents.epoch(slot) != epoch)
        {
            return refuse(Reason.STALE_EPOCH);
        }
        if (usage != null && !isValidVector(usage, true))
        {
            return refuse(Reason.INVALID_REQUEST);
        }
        if (sequence <= agents.lastSequence(slot))
        {
            return refuse(Reason.STALE_UPDATE);
        }
        agents.lastSequence(slot, sequence);
        agents.lastHeartbeat(slot, timeNanos);
        heartbeats++;
        if (usage != null)
        {
            for (int d = 0; d < dimensions; d++)
            {
                agents.set(slot, USAGE, d, usage[d]);
            }
            if (ratioMillis > 0)
            {
                refreshIndex(slot);
            }
        }
        return Reason.OK;
    }

    /**
     * Stops placements on an agent; its tasks keep running.
     *
     * @param slot the agent.
     * @return {@link Reason#OK} or {@link Reason#UNKNOWN_AGENT}.
     */
    public Reason drain(final int slot)
    {
        return changeFlag(slot, FLAG_DRAINING, true);
    }

    /**
     * Ends draining: the agent takes placements again if nothing else stops it.
     *
     * @param slot the agent.
     * @return {@link Reason#OK} or {@link Reason#UNKNOWN_AGENT}.
     */
    public Reason undrain(final int slot)
    {
        return changeFlag(slot, FLAG_DRAINING, false);
    }

    private Reason changeFlag(final int slot, final int flag, final boolean on)
    {
        if (!agents.isRegistered(slot))
        {
            return refuse(Reason.UNKNOWN_AGENT);
        }
        final int flags = agents.flags(slot);
        setFlags(slot, on ? flags | flag : flags & ~flag);
        refreshIndex(slot);
        return Reason.OK;
    }

    /**
     * Removes an agent: its running tasks are lost (reported to the {@link TaskEndListener}) and its slot is freed
     * for reuse under a new epoch.
     *
     * @param slot the agent.
     * @return {@link Reason#OK} or {@link Reason#UNKNOWN_AGENT}.
     */
    public Reason removeAgent(final int slot)
    {
        if (!agents.isRegistered(slot))
        {
            return refuse(Reason.UNKNOWN_AGENT);
        }
        for (int task = ledger.firstOnAgent(slot); task != TaskLedger.NONE; task = ledger.firstOnAgent(slot))
        {
            final long taskId = ledger.taskId(task);
            final int framework = ledger.framework(task);
            release(task);
            lostTasks++;
            taskEndListener.onTaskEnded(taskId, framework, slot, TaskEndCause.LOST);
        }
        if (isEligible(agents.flags(slot)))
        {
            eligibleAgents--;
        }
        index.update(slot, null, null);
        index.moveToBucket(slot, 0);
        directory.unbind(slot);
        agents.freeSlot(slot);
        removals++;
        return Reason.OK;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tasks
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Places one task on an agent chosen by the placement policy among agents where it fits in every dimension.
     * A request whose resource vector is malformed, or whose label id was not returned by {@link #internLabel}, is
     * rejected {@link Reason#INVALID_REQUEST}.
     *
     * @param request   the task (read, not kept).
     * @param timeNanos event time, recorded as the task's start.
     * @param decision  filled with the answer.
     * @return the decision.
     */
    public Decision place(final TaskRequest request, final long timeNanos, final Decision decision)
    {
        final long[] resources = request.resources;
        if (!isValidVector(resources, false) || request.label < 0 || request.label >= labels.size())
        {
            refuse(Reason.INVALID_REQUEST);
            return decision.rejected(Reason.INVALID_REQUEST);
        }
        final int framework = request.framework;
        if (!frameworks.isKnown(framework))
        {
            refuse(Reason.UNKNOWN_FRAMEWORK);
            return decision.rejected(Reason.UNKNOWN_FRAMEWORK);
        }
        final boolean revocable = request.revocable;
        if (revocable && ratioMillis == 0)
        {
            refuse(Reason.REVOCABLE_DISABLED);
            return decision.rejected(Reason.REVOCABLE_DISABLED);
        }
        if (ledger.isFull())
        {
            refuse(Reason.TASK_LIMIT);
            return decision.rejected(Reason.TASK_LIMIT);
        }
        final int slot = index.find(resources, policy, revocable);
        if (slot < 0)
        {
            final Reason reason = eligibleAgents == 0 ? Reason.NO_ELIGIBLE_AGENT : Reason.INSUFFICIENT_CAPACITY;
            refuse(reason);
            return decision.notPlaceable(reason);
        }
        final int vector = revocable ? REVOCABLE : ALLOCATED;
        for (int d = 0; d < dimensions; d++)
        {
            agents.add(slot, vector, d, resources[d]);
        }
        agents.taskCount(slot, agents.taskCount(slot) + 1);
        final long taskId = ledger.add(
            framework, slot, request.priority, request.label, revocable, timeNanos, resources);
        frameworks.onPlaced(framework, resources, revocable);
        placements++;
        refreshIndex(slot);
        return decision.placed(taskId, slot, agents.epoch(slot));
    }

    /**
     * Ends a running task and releases exactly what it held.
     *
     * @param taskId the id from the placement decision.
     * @return {@link Reason#OK} or {@link Reason#UNKNOWN_TASK}.
     */
    public Reason finish(final long taskId)
    {
        final int task = ledger.slotOf(taskId);
        if (task == TaskLedger.NONE)
        {
            return refuse(Reason.UNKNOWN_TASK);
        }
        final int slot = ledger.agent(task);
        release(task);
        finishes++;
        refreshIndex(slot);
        return Reason.OK;
    }

    private void release(final int task)
    {
        final int slot = ledger.agent(task);
        final int framework = ledger.framework(task);
        final boolean revocable = ledger.isRevocable(task);
        final int vector = revocable ? REVOCABLE : ALLOCATED;
        for (int d = 0; d < dimensions; d++)
        {
            final long amount = ledger.resource(task, d);
            agents.add(slot, vector, d, -amount);
            frameworks.onReleased(framework, d, amount, revocable);
        }
        agents.taskCount(slot, agents.taskCount(slot) - 1);
        frameworks.onEnded(framework);
        ledger.remove(task);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Index upkeep
    // ---------------------------------------------------------------------------------------------------------------

    /** Re-derives the overcommitted flag, the utilisation bucket and the index leaves of an agent. */
    private void refreshIndex(final int slot)
    {
        int flags = agents.flags(slot);
        final boolean overcommitted = exceedsCapacity(slot);
        if (overcommitted != ((flags & FLAG_OVERCOMMITTED) != 0))
        {
            flags = overcommitted ? flags | FLAG_OVERCOMMITTED : flags & ~FLAG_OVERCOMMITTED;
            setFlags(slot, flags);
        }
        index.moveToBucket(slot, agents.utilisationBucket(slot));
        if (!isEligible(flags))
        {
            index.update(slot, null, null);
            return;
        }
        for (int d = 0; d < dimensions; d++)
        {
            final long capacity = agents.get(slot, CAPACITY, d);
            scratchFree[d] = capacity - agents.get(slot, ALLOCATED, d);
            if (ratioMillis > 0)
            {
                scratchRevocable[d] =
                    Math.min(revocableBound(capacity), capacity - agents.get(slot, USAGE, d)) -
                    agents.get(slot, REVOCABLE, d);
            }
        }
        index.update(slot, scratchFree, ratioMillis > 0 ? scratchRevocable : null);
    }

    private boolean exceedsCapacity(final int slot)
    {
        for (int d = 0; d < dimensions; d++)
        {
            final long capacity = agents.get(slot, CAPACITY, d);
            if (agents.get(slot, ALLOCATED, d) > capacity ||
                agents.get(slot, REVOCABLE, d) > revocableBound(capacity))
            {
                return true;
            }
        }
        return false;
    }

    /** @return floor(ratio × capacity): the most revocable allocation a dimension may hold. */
    long revocableBound(final long capacity)
    {
        return (capacity / 1000) * ratioMillis + (capacity % 1000) * ratioMillis / 1000;
    }

    private void setFlags(final int slot, final int flags)
    {
        final boolean was = isEligible(agents.flags(slot));
        final boolean is = isEligible(flags);
        agents.flags(slot, flags);
        if (was != is)
        {
            eligibleAgents += is ? 1 : -1;
        }
    }

    private static boolean isEligible(final int flags)
    {
        return (flags & FLAG_REGISTERED) != 0 && (flags & INELIGIBLE) == 0;
    }

    private boolean isValidVector(final long[] vector, final boolean zeroAllowed)
    {
        if (vector == null || vector.length != dimensions)
        {
            return false;
        }
        boolean anyPositive = false;
        for (int d = 0; d < dimensions; d++)
        {
            final long q = vector[d];
            if (q < 0 || q > MAX_QUANTITY)
            {
                return false;
            }
            anyPositive |= q > 0;
        }
        return zeroAllowed || anyPositive;
    }

    private Reason refuse(final Reason reason)
    {
        refusals[reason.ordinal()]++;
        return reason;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Queries
    // ---------------------------------------------------------------------------------------------------------------

    /** @return the most agents the table holds; slots run from 0 to this minus one. */
    public int maxAgents()
    {
        return agents.maxAgents();
    }

    /** @return the number of registered agents. */
    public int agentCount()
    {
        return agents.registeredCount();
    }

    /** @return the number of agents eligible for placement. */
    public int eligibleAgentCount()
    {
        return eligibleAgents;
    }

    /**
     * @param slot an agent slot.
     * @return true if a registered agent holds it.
     */
    public boolean isRegistered(final int slot)
    {
        return agents.isRegistered(slot);
    }

    /**
     * @param slot an agent slot.
     * @return its state, {@link AgentState#REMOVED} if the slot holds no agent.
     */
    public AgentState agentState(final int slot)
    {
        if (!agents.isRegistered(slot))
        {
            return AgentState.REMOVED;
        }
        final int flags = agents.flags(slot);
        if ((flags & FLAG_UNREACHABLE) != 0)
        {
            return AgentState.UNREACHABLE;
        }
        if ((flags & FLAG_DRAINING) != 0)
        {
            return AgentState.DRAINING;
        }
        if ((flags & FLAG_OVERCOMMITTED) != 0)
        {
            return AgentState.OVERCOMMITTED;
        }
        if ((flags & FLAG_PRESSURED) != 0)
        {
            return AgentState.PRESSURED;
        }
        return AgentState.ACTIVE;
    }

    /**
     * @param slot a registered agent slot.
     * @return its external id.
     */
    public String agentId(final int slot)
    {
        return directory.idOf(slot);
    }

    /**
     * @param slot an agent slot.
     * @return the epoch of its current (or last) registration.
     */
    public int agentEpoch(final int slot)
    {
        return agents.epoch(slot);
    }

    /**
     * @param slot      an agent slot.
     * @param dimension a dimension index.
     * @return capacity in milli-units.
     */
    public long agentCapacity(final int slot, final int dimension)
    {
        return agents.get(slot, CAPACITY, dimension);
    }

    /**
     * @param slot      an agent slot.
     * @param dimension a dimension index.
     * @return non-revocable allocation in milli-units.
     */
    public long agentAllocated(final int slot, final int dimension)
    {
        return agents.get(slot, ALLOCATED, dimension);
    }

    /**
     * @param slot      an agent slot.
     * @param dimension a dimension index.
     * @return revocable allocation in milli-units.
     */
    public long agentRevocable(final int slot, final int dimension)
    {
        return agents.get(slot, REVOCABLE, dimension);
    }

    /**
     * @param slot      an agent slot.
     * @param dimension a dimension index.
     * @return last reported usage in milli-units.
     */
    public long agentUsage(final int slot, final int dimension)
    {
        return agents.get(slot, USAGE, dimension);
    }

    /**
     * @param slot an agent slot.
     * @return the number of tasks running on it.
     */
    public int agentTaskCount(final int slot)
    {
        return agents.taskCount(slot);
    }

    /**
     * @param slot an agent slot.
     * @return the sequence number of the last applied update.
     */
    public long agentLastSequence(final int slot)
    {
        return agents.lastSequence(slot);
    }

    /**
     * @param slot an agent slot.
     * @return the event time of its last heartbeat.
     */
    public long agentLastHeartbeat(final int slot)
    {
        return agents.lastHeartbeat(slot);
    }

    /**
     * @param slot an agent slot.
     * @return its attributes, name to value.
     */
    public Map<String, String> agentAttributes(final int slot)
    {
        return attributes.toMap(agents.attributeSet(slot));
    }

    /** @return the number of running tasks. */
    public int runningTaskCount()
    {
        return ledger.liveCount();
    }

    /**
     * @param taskId a task id.
     * @return true if the task is running.
     */
    public boolean isRunning(final long taskId)
    {
        return ledger.slotOf(taskId) != TaskLedger.NONE;
    }

    /**
     * @param taskId a running task.
     * @return the agent slot it runs on, or -1 if not running.
     */
    public int taskAgent(final long taskId)
    {
        final int task = ledger.slotOf(taskId);
        return task == TaskLedger.NONE ? -1 : ledger.agent(task);
    }

    /**
     * @param taskId a running task.
     * @return its framework id, or -1 if not running.
     */
    public int taskFramework(final long taskId)
    {
        final int task = ledger.slotOf(taskId);
        return task == TaskLedger.NONE ? -1 : ledger.framework(task);
    }

    /**
     * @param taskId    a running task.
     * @param dimension a dimension index.
     * @return the milli-units it holds, or -1 if not running.
     */
    public long taskResource(final long taskId, final int dimension)
    {
        final int task = ledger.slotOf(taskId);
        return task == TaskLedger.NONE ? -1 : ledger.resource(task, dimension);
    }

    /**
     * @param taskId a running task.
     * @return its priority, or {@link Integer#MIN_VALUE} if not running.
     */
    public int taskPriority(final long taskId)
    {
        final int task = ledger.slotOf(taskId);
        return task == TaskLedger.NONE ? Integer.MIN_VALUE : ledger.priority(task);
    }

    /**
     * @param taskId a running task.
     * @return true if it runs on revocable resources (false if not running).
     */
    public boolean isTaskRevocable(final long taskId)
    {
        final int task = ledger.slotOf(taskId);
        return task != TaskLedger.NONE && ledger.isRevocable(task);
    }

    /**
     * @param taskId a running task.
     * @return its label id, or -1 if not running.
     */
    public int taskLabel(final long taskId)
    {
        final int task = ledger.slotOf(taskId);
        return task == TaskLedger.NONE ? -1 : ledger.label(task);
    }

    /**
     * @param taskId a running task.
     * @return its start time, or -1 if not running.
     */
    public long taskStartTime(final long taskId)
    {
        final int task = ledger.slotOf(taskId);
        return task == TaskLedger.NONE ? -1 : ledger.startTime(task);
    }

    /**
     * @param framework a framework id.
     * @param dimension a dimension index.
     * @return its running non-revocable allocation in milli-units.
     */
    public long frameworkAllocated(final int framework, final int dimension)
    {
        return frameworks.allocated(framework, dimension);
    }

    /**
     * @param framework a framework id.
     * @return its running tasks.
     */
    public int frameworkRunning(final int framework)
    {
        return frameworks.running(framework);
    }

    /**
     * @param framework a framework id.
     * @return tasks placed for it since the kernel started.
     */
    public long frameworkPlaced(final int framework)
    {
        return frameworks.placed(framework);
    }

    /**
     * @param reason a reason.
     * @return how many operations were refused or found not placeable for it.
     */
    public long refusals(final Reason reason)
    {
        return refusals[reason.ordinal()];
    }

    /** @return stale, duplicate or reordered agent updates ignored. */
    public long staleUpdates()
    {
        return refusals[Reason.STALE_UPDATE.ordinal()];
    }

    /** @return tasks placed. */
    public long placements()
    {
        return placements;
    }

    /** @return tasks finished. */
    public long finishes()
    {
        return finishes;
    }

    /** @return tasks lost with their agents. */
    public long lostTasks()
    {
        return lostTasks;
    }

    /** @return heartbeats applied. */
    public long heartbeats()
    {
        return heartbeats;
    }

    /** @return agents registered. */
    public long registrations()
    {
        return registrations;
    }

    /** @return agents removed. */
    public long removals()
    {
        return removals;
    }

    /**
     * @return a 64-bit hash of the whole state: agent records, ids, attributes, the index layout, the ledger,
     * frameworks, labels and counters. Two kernels fed the same calls have the same hash.
     */
    public long stateHash()
    {
        long hash = StateHash.mix(0, schema.toString());
        hash = StateHash.mix(hash, policy.ordinal());
        hash = StateHash.mix(hash, ratioMillis);
        for (int slot = 0; slot < agents.maxAgents(); slot++)
        {
            hash = StateHash.mix(hash, agents.epoch(slot));
            hash = StateHash.mix(hash, index.positionOf(slot));
            if (agents.isRegistered(slot))
            {
                hash = agents.hashRecord(slot, hash);
                hash = directory.hash(slot, hash);
                hash = attributes.hash(agents.attributeSet(slot), hash);
            }
        }
        for (int task = 0; task < ledger.slotCapacity(); task++)
        {
            if (ledger.isLive(task))
            {
                hash = StateHash.mix(hash, ledger.taskId(task));
                hash = StateHash.mix(hash, ledger.framework(task));
                hash = StateHash.mix(hash, ledger.agent(task));
                hash = StateHash.mix(hash, ledger.priority(task));
                hash = StateHash.mix(hash, ledger.label(task));
                hash = StateHash.mix(hash, ledger.isRevocable(task) ? 1 : 0);
                hash = StateHash.mix(hash, ledger.startTime(task));
                for (int d = 0; d < dimensions; d++)
                {
                    hash = StateHash.mix(hash, ledger.resource(task, d));
                }
            }
        }
        for (int f = 0; f < frameworks.count(); f++)
        {
            hash = StateHash.mix(hash, frameworks.name(f));
            hash = StateHash.mix(hash, frameworks.placed(f));
        }
        for (final String label : labels)
        {
            hash = StateHash.mix(hash, label);
        }
        for (final long count : refusals)
        {
            hash = StateHash.mix(hash, count);
        }
        hash = StateHash.mix(hash, placements);
        hash = StateHash.mix(hash, finishes);
        hash = StateHash.mix(hash, lostTasks);
        hash = StateHash.mix(hash, heartbeats);
        hash = StateHash.mix(hash, registrations);
        return StateHash.mix(hash, removals);
    }

    AgentTable agentTable()
    {
        return agents;
    }

    PlacementIndex placementIndex()
    {
        return index;
    }

    TaskLedger ledger()
    {
        return ledger;
    }

    FrameworkBook frameworkBook()
    {
        return frameworks;
    }

    long placementIndexNodesVisited()
    {
        final FreeCapacityTree revocable = index.revocableTree();
        return index.freeTree().nodesVisited() + (revocable == null ? 0 : revocable.nodesVisited());
    }
}
