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
 * nanoseconds of the caller's event clock, and the kernel's clock is the latest time it was given. Exactly one
 * thread may call it. The same sequence of calls gives the same answers and the same {@link #stateHash()}. Every
 * refusal names a {@link Reason} and changes nothing but the counters. Placing, finishing and applying heartbeats
 * allocate nothing in steady state.
 * <p>
 * Two ways to place work: {@link #place} decides one task at once (the scheduler orders its own work), while
 * {@link #submit} queues a task behind the overload protections (validation, rate limit, admission, pending limit)
 * and {@link #allocate} serves the queues fairly (weighted DRF over roles and frameworks, quotas, priorities,
 * preemption). {@link #heartbeat} applies usage reports (pressure, revocation, usage trend) and
 * {@link #advanceTime} applies heartbeat timeouts.
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
    private final long thresholdMillis;
    private final AgentTable agents;
    private final AgentDirectory directory;
    private final AttributeInterner attributes;
    private final PlacementIndex index;
    private final FreeCapacityTree capacities;
    private final TaskLedger ledger;
    private final FrameworkBook frameworks;
    private final RoleBook roles;
    private final ConstraintBook constraints;
    private final AgentHealth health;
    private final PlacementSearch search;
    private final ConstraintViews views;
    private final Preemption preemption;
    private final PreemptionIndex preemptionIndex;
    private final AllocationRound round;
    private final Object2IntHashMap<String> labelIds = new Object2IntHashMap<>(-1);
    private final List<String> labels = new ArrayList<>();
    private final DecisionListener listener;
    private final long[] scratchFree;
    private final long[] scratchRevocable;
    private final long[] scratchRequest;
    private final long[] scratchRemaining;
    private final long[] clusterCapacity;
    private final long[] clusterAllocated;
    private final long[] registrationOrder;
    /** Registered agents as a doubly linked list in registration order (preemption scans it oldest first). */
    private final int[] registeredNext;
    private final int[] registeredPrev;
    private int registeredHead = -1;
    private int registeredTail = -1;
    private final double[] usageTrend;
    private final long[] lastUsageTime;

    private final long[] refusals = new long[Reason.values().length];
    private final long[] ended = new long[TaskEndCause.values().length];
    private long now = Long.MIN_VALUE;
    private long placements;
    private long finishes;
    private long heartbeats;
    private long registrations;
    private long removals;
    private long rounds;
    private int eligibleAgents;
    private int avoidedAgents;

    /**
     * @param config the schema, policy, sizes and protections.
     */
    public AllocatorKernel(final KernelConfig config)
    {
        this(config, DecisionListener.NONE);
    }

    /**
     * @param config   the schema, policy, sizes and protections.
     * @param listener told of placements made by rounds and of tasks the kernel ends (lost, preempted, revoked).
     */
    public AllocatorKernel(final KernelConfig config, final DecisionListener listener)
    {
        this.config = config;
        this.schema = config.schema();
        this.dimensions = schema.dimensions();
        this.policy = config.placement();
        this.ratioMillis = config.oversubscriptionRatioMillis();
        this.thresholdMillis = config.pressureThresholdMillis();
        final int maxAgents = config.maxAgents();
        this.agents = new AgentTable(maxAgents, dimensions);
        this.directory = new AgentDirectory(maxAgents);
        this.attributes = new AttributeInterner(maxAgents);
        this.index = new PlacementIndex(maxAgents, dimensions, config.jointDimensions(), ratioMillis > 0);
        this.capacities = new FreeCapacityTree(maxAgents, dimensions, config.jointDimensions());
        this.ledger = new TaskLedger(config.maxTasks(), maxAgents, dimensions);
        this.frameworks = new FrameworkBook(dimensions);
        this.roles = new RoleBook(dimensions);
        this.constraints = new ConstraintBook(attributes);
        this.health = new AgentHealth(maxAgents);
        this.views = new ConstraintViews(index, constraints, attributes, agents, ledger, dimensions);
        index.views(views);
        this.search = new PlacementSearch(agents, index, ledger, attributes, constraints, views, policy);
        this.preemptionIndex = new PreemptionIndex(this, agents, ledger, dimensions, maxAgents, ratioMillis > 0);
        this.preemption = new Preemption(this, ledger, preemptionIndex, dimensions);
        this.round = new AllocationRound(this, frameworks, roles, ledger, dimensions);
        this.listener = listener;
        this.scratchFree = new long[dimensions];
        this.scratchRevocable = new long[dimensions];
        this.scratchRequest = new long[dimensions];
        this.scratchRemaining = new long[dimensions];
        this.clusterCapacity = new long[dimensions];
        this.clusterAllocated = new long[dimensions];
        this.registrationOrder = new long[maxAgents];
        this.registeredNext = new int[maxAgents];
        this.registeredPrev = new int[maxAgents];
        this.usageTrend = config.predictiveAvoidance() ? new double[maxAgents * dimensions] : null;
        this.lastUsageTime = new long[maxAgents];
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

    /** @return the kernel's clock: the latest event time it was given. */
    public long now()
    {
        return now;
    }

    private void advanceClock(final long timeNanos)
    {
        if (timeNanos > now)
        {
            now = timeNanos;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Roles, frameworks, labels and constraints
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Creates or replaces a role's settings.
     *
     * @param name      the role name, not blank.
     * @param weight    its weight in fairness, above 0: its share is divided by it.
     * @param guarantee milli-units per dimension held for it (copied), or null for none.
     * @param limit     milli-units per dimension it may not exceed (copied), or null for none.
     * @return {@link Reason#OK} or {@link Reason#INVALID_ROLE}.
     */
    public Reason setRole(final String name, final double weight, final long[] guarantee, final long[] limit)
    {
        if (name == null || name.isBlank() || !(weight > 0) || Double.isInfinite(weight) ||
            (guarantee != null && !isValidVector(guarantee, true)) || (limit != null && !isValidVector(limit, true)))
        {
            return refuse(Reason.INVALID_ROLE);
        }
        roles.configure(roles.idOf(name), weight, guarantee, limit);
        return Reason.OK;
    }

    /**
     * Registers a framework in the default role {@code "*"} with no rate or pending limit, or returns the id it
     * already has.
     *
     * @param name the framework's name, not blank.
     * @return its id, used in {@link TaskRequest#reset(int)}.
     * @throws IllegalArgumentException if the name is null or blank.
     */
    public int registerFramework(final String name)
    {
        return registerFramework(name, RoleBook.DEFAULT_ROLE, -1, 0, -1);
    }

    /**
     * Registers a framework, or returns the id it already has (keeping its first settings).
     *
     * @param name               the framework's name, not blank.
     * @param role               its role; a role not configured with {@link #setRole} has weight 1 and no quota.
     * @param ratePerSecondMillis token refill rate in thousandths of a task per second, or -1 for no rate limit.
     * @param burst              token bucket size in tasks (used with a rate).
     * @param maxPending         most pending tasks, or -1 for no limit.
     * @return its id.
     * @throws IllegalArgumentException naming the bad argument.
     */
    public int registerFramework(
        final String name, final String role, final long ratePerSecondMillis, final long burst, final int maxPending)
    {
        if (name == null || name.isBlank())
        {
            throw new IllegalArgumentException("framework name is blank");
        }
        if (role == null || role.isBlank())
        {
            throw new IllegalArgumentException("framework " + name + " has a blank role");
        }
        if (ratePerSecondMillis >= 0 && (burst < 0 || burst > 1_000_000))
        {
            throw new IllegalArgumentException("framework " + name + ": burst must be 0 to 1000000, got " + burst);
        }
        if (ratePerSecondMillis < -1 || maxPending < -1)
        {
            throw new IllegalArgumentException("framework " + name + ": rate and maxPending must be -1 or above");
        }
        final TokenBucket bucket = ratePerSecondMillis < 0 ? null :
            new TokenBucket(ratePerSecondMillis, burst, now == Long.MIN_VALUE ? 0 : now);
        final int id = frameworks.register(name, roles.idOf(role), bucket,
            maxPending < 0 ? FrameworkBook.NO_PENDING_LIMIT : maxPending);
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
     * @param framework a framework id.
     * @return the name of its role.
     */
    public String frameworkRole(final int framework)
    {
        return roles.name(frameworks.role(framework));
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

    /**
     * Checks and interns a task's constraints, once, so that tasks carry them as an id.
     *
     * @param constraintList the constraints, empty for none.
     * @return the id for {@link TaskRequest#constraints(int)}, or -1 if any constraint is malformed (a task carrying
     * -1 is refused as {@link Reason#INVALID_REQUEST}; {@link Constraint#problem()} says what is wrong).
     */
    public int internConstraints(final List<Constraint> constraintList)
    {
        return constraints.intern(constraintList);
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
        final int slot = admitAgent(capacity, attributes);
        if (slot < 0)
        {
            return Reason.values()[-slot];
        }
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
        final int slot = admitAgent(capacity, attributes);
        if (slot < 0)
        {
            return Reason.values()[-slot];
        }
        directory.bind(id, slot);
        initialiseAgent(slot, capacity, attributes, timeNanos);
        return Reason.OK;
    }

    /**
     * Checks a registration and takes a table slot for it.
     *
     * @return the slot, or minus the ordinal of the refusal's reason (already counted).
     */
    private int admitAgent(final long[] capacity, final Map<String, String> attributes)
    {
        final Reason reason = checkRegistration(capacity, attributes);
        if (reason != Reason.OK)
        {
            return -refuse(reason).ordinal();
        }
        return agents.allocateSlot();
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
        advanceClock(timeNanos);
        if (registrations == 0)
        {
            index.scaleTo(capacity);
            capacities.scaleTo(capacity);
        }
        for (int d = 0; d < dimensions; d++)
        {
            agents.set(slot, CAPACITY, d, capacity[d]);
            clusterCapacity[d] += capacity[d];
        }
        final int attributeSet = attributes.intern(attributeMap);
        agents.attributeSet(slot, attributeSet);
        attributes.join(attributeSet, slot);
        agents.lastHeartbeat(slot, now);
        health.touch(slot);
        registrationOrder[slot] = ++registrations;
        registeredPrev[slot] = registeredTail;
        registeredNext[slot] = -1;
        if (registeredTail >= 0)
        {
            registeredNext[registeredTail] = slot;
        }
        else
        {
            registeredHead = slot;
        }
        registeredTail = slot;
        if (usageTrend != null)
        {
            java.util.Arrays.fill(usageTrend, slot * dimensions, (slot + 1) * dimensions, 0.0);
        }
        eligibleAgents++;
        refreshCapacity(slot);
        refreshAgent(slot);
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
            clusterCapacity[d] += capacity[d] - agents.get(slot, CAPACITY, d);
            agents.set(slot, CAPACITY, d, capacity[d]);
        }
        refreshCapacity(slot);
        refreshAgent(slot);
        return Reason.OK;
    }

    /**
     * Applies an agent's heartbeat without an explicit pressure flag.
     *
     * @see #heartbeat(int, int, long, long[], boolean, long)
     */
    public Reason heartbeat(
        final int slot, final int epoch, final long sequence, final long[] usage, final long timeNanos)
    {
        return heartbeat(slot, epoch, sequence, usage, false, timeNanos);
    }

    /**
     * Applies an agent's heartbeat: liveness, measured usage and pressure. An update whose sequence is not newer than
     * the last applied one is ignored and counted as stale. Usage above the pressure threshold in any dimension, or
     * the pressure flag, puts the agent under pressure: nothing is placed on it and its revocable tasks are revoked,
     * youngest first, until usage minus theirs is at or under the threshold; a later report under the threshold
     * without the flag ends it. A heartbeat of an unreachable agent makes it active again with its tasks.
     *
     * @param slot      the agent.
     * @param epoch     the registration the agent believes it has.
     * @param sequence  the agent's update sequence number, increasing from 1.
     * @param usage     measured milli-units per dimension (copied), or null to report liveness only.
     * @param pressure  the agent reports pressure explicitly.
     * @param timeNanos event time.
     * @return {@link Reason#OK}, {@link Reason#STALE_UPDATE}, {@link Reason#STALE_EPOCH}, or why refused.
     */
    public Reason heartbeat(
        final int slot,
        final int epoch,
        final long sequence,
        final long[] usage,
        final boolean pressure,
        final long timeNanos)
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
        advanceClock(timeNanos);
        agents.lastSequence(slot, sequence);
        agents.lastHeartbeat(slot, now);
        health.touch(slot);
        heartbeats++;
        int flags = agents.flags(slot) & ~FLAG_UNREACHABLE;
        if (usage != null)
        {
            if (usageTrend != null)
            {
                flags = updateTrend(slot, usage, flags);
            }
            for (int d = 0; d < dimensions; d++)
            {
                agents.set(slot, USAGE, d, usage[d]);
            }
            lastUsageTime[slot] = now;
            flags |= FLAG_USAGE_REPORTED;
            flags = pressure || exceedsThreshold(slot) ? flags | FLAG_PRESSURED : flags & ~FLAG_PRESSURED;
        }
        else if (pressure)
        {
            flags |= FLAG_PRESSURED;
        }
        final int before = agents.flags(slot);
        setFlags(slot, flags);
        int revoked = 0;
        if ((flags & FLAG_PRESSURED) != 0 && (usage != null || pressure))
        {
            revoked = revokeUnderPressure(slot);
        }
        if (flags != before || revoked > 0 || (usage != null && ratioMillis > 0))
        {
            refreshAgent(slot);
        }
        return Reason.OK;
    }

    private boolean exceedsThreshold(final int slot)
    {
        for (int d = 0; d < dimensions; d++)
        {
            if (agents.get(slot, USAGE, d) * 1000 > thresholdMillis * agents.get(slot, CAPACITY, d))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Revokes revocable tasks, youngest first, until reported usage minus theirs is at or under the threshold.
     *
     * @return how many tasks were revoked.
     */
    private int revokeUnderPressure(final int slot)
    {
        int revoked = 0;
        for (int d = 0; d < dimensions; d++)
        {
            scratchRemaining[d] = agents.get(slot, USAGE, d);
        }
        int task = ledger.firstOnAgent(slot);
        while (task != TaskLedger.NONE && remainingExceedsThreshold(slot))
        {
            final int older = ledger.nextOnAgent(task);
            if (ledger.isRevocable(task))
            {
                for (int d = 0; d < dimensions; d++)
                {
                    scratchRemaining[d] -= ledger.resource(task, d);
                }
                endTask(task, TaskEndCause.REVOKED);
                revoked++;
            }
            task = older;
        }
        return revoked;
    }

    private boolean remainingExceedsThreshold(final int slot)
    {
        for (int d = 0; d < dimensions; d++)
        {
            if (scratchRemaining[d] * 1000 > thresholdMillis * agents.get(slot, CAPACITY, d))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Updates the agent's usage trend: an exponential moving average of the usage slope per dimension. If usage
     * projected over the horizon would cross the pressure threshold, the agent is avoided: placed on only when no
     * other agent fits.
     */
    private int updateTrend(final int slot, final long[] usage, final int flags)
    {
        final double alpha = config.trendSmoothingMillis() / 1000.0;
        final long elapsed = now - lastUsageTime[slot];
        boolean avoid = false;
        for (int d = 0; d < dimensions; d++)
        {
            final int i = slot * dimensions + d;
            if ((flags & FLAG_USAGE_REPORTED) != 0 && elapsed > 0)
            {
                final double slope = (usage[d] - agents.get(slot, USAGE, d)) / (double)elapsed;
                usageTrend[i] = alpha * slope + (1 - alpha) * usageTrend[i];
            }
            final double projected = usage[d] + usageTrend[i] * config.predictionHorizonNanos();
            avoid |= projected * 1000 > (double)thresholdMillis * agents.get(slot, CAPACITY, d);
        }
        return avoid ? flags | FLAG_AVOIDED : flags & ~FLAG_AVOIDED;
    }

    /**
     * Applies heartbeat timeouts at the given time: an agent silent for more than the heartbeat timeout becomes
     * {@link AgentState#UNREACHABLE} (no placements); silent for more than lostAfter, it is removed and its tasks are
     * lost. Looks only at the agents whose heartbeat is older than the timeout.
     *
     * @param timeNanos event time.
     */
    public void advanceTime(final long timeNanos)
    {
        advanceClock(timeNanos);
        int slot = health.oldest();
        while (slot >= 0)
        {
            final long silence = now - agents.lastHeartbeat(slot);
            if (silence <= config.heartbeatTimeoutNanos())
            {
                return;
            }
            final int newer = health.newer(slot);
            if (silence > config.lostAfterNanos())
            {
                removeAgent(slot);
            }
            else if ((agents.flags(slot) & FLAG_UNREACHABLE) == 0)
            {
                setFlags(slot, agents.flags(slot) | FLAG_UNREACHABLE);
                refreshAgent(slot);
            }
            slot = newer;
        }
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
        refreshAgent(slot);
        return Reason.OK;
    }

    /**
     * Removes an agent: its running tasks are lost (reported to the {@link DecisionListener}) and its slot is freed
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
            endTask(task, TaskEndCause.LOST);
        }
        setFlags(slot, agents.flags(slot) & ~FLAG_AVOIDED);
        if (isEligible(agents.flags(slot)))
        {
            eligibleAgents--;
        }
        for (int d = 0; d < dimensions; d++)
        {
            clusterCapacity[d] -= agents.get(slot, CAPACITY, d);
        }
        index.update(slot, null, null);
        index.moveToBucket(slot, 0);
        capacities.exclude(slot);
        preemptionIndex.remove(slot);
        attributes.leave(agents.attributeSet(slot), slot);
        health.remove(slot);
        unlinkRegistered(slot);
        directory.unbind(slot);
        agents.freeSlot(slot);
        removals++;
        return Reason.OK;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tasks
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Places one task at once on an agent chosen by the placement policy among agents where it fits in every
     * dimension and its constraints hold, within its role's limit. No queue and no fairness ordering: for a scheduler
     * that orders its own work. The task needs resources (no default applies). A malformed resource vector, or a label
     * or constraint set id the kernel did not hand out, is {@link Reason#INVALID_REQUEST}.
     *
     * @param request   the task (read, not kept).
     * @param timeNanos event time, recorded as the task's start.
     * @param decision  filled with the answer.
     * @return the decision.
     */
    public Decision place(final TaskRequest request, final long timeNanos, final Decision decision)
    {
        final long[] resources = request.resources;
        if (!isValidVector(resources, false) || !isValidConstraintSet(request.constraints) ||
            !isValidLabel(request.label))
        {
            return reject(decision, request.framework, Reason.INVALID_REQUEST);
        }
        final int framework = request.framework;
        if (!frameworks.isKnown(framework))
        {
            return reject(decision, -1, Reason.UNKNOWN_FRAMEWORK);
        }
        final boolean revocable = request.revocable;
        if (revocable && ratioMillis == 0)
        {
            return reject(decision, framework, Reason.REVOCABLE_DISABLED);
        }
        if (ledger.isFull())
        {
            return reject(decision, framework, Reason.TASK_LIMIT);
        }
        if (!revocable && roles.wouldExceedLimit(frameworks.role(framework), resources))
        {
            countRefusal(framework, Reason.ROLE_LIMIT);
            return decision.notPlaceable(Reason.ROLE_LIMIT);
        }
        advanceClock(timeNanos);
        final int slot = search.find(resources, revocable, request.constraints, framework, request.label);
        if (slot < 0)
        {
            final Reason reason = eligibleAgents == 0 ? Reason.NO_ELIGIBLE_AGENT : Reason.INSUFFICIENT_CAPACITY;
            countRefusal(framework, reason);
            return decision.notPlaceable(reason);
        }
        final long taskId = ledger.addPending(framework, request.priority, request.label, revocable,
            request.constraints, now, resources);
        startTask((int)taskId, slot);
        return decision.placed(taskId, slot, agents.epoch(slot));
    }

    /**
     * Submits a task to its framework's queue, behind the protections against misbehaving frameworks. Checks, in
     * order: validity ({@link Reason#INVALID_REQUEST}: malformed resources or constraints, or no resources and no
     * default), framework known, revocable allowed, rate limit ({@link Reason#RATE_LIMITED}), admission
     * ({@link Reason#ADMISSION_CLOSED}), pending limit ({@link Reason#PENDING_LIMIT}). An accepted task is
     * {@link DecisionKind#QUEUED} until an {@link #allocate} round places it.
     *
     * @param request   the task (read, not kept); with no resources set, the configured default applies.
     * @param timeNanos event time.
     * @param decision  filled with the answer.
     * @return the decision.
     */
    public Decision submit(final TaskRequest request, final long timeNanos, final Decision decision)
    {
        final int framework = request.framework;
        final long[] resources;
        if (request.hasResources)
        {
            resources = request.resources;
        }
        else
        {
            resources = config.defaultResources() == null ? null : scratchRequest;
            if (resources != null)
            {
                for (int d = 0; d < dimensions; d++)
                {
                    scratchRequest[d] = config.defaultResource(d);
                }
            }
        }
        if (resources == null || !isValidVector(resources, false) || !isValidConstraintSet(request.constraints) ||
            !isValidLabel(request.label))
        {
            return reject(decision, framework, Reason.INVALID_REQUEST);
        }
        if (!frameworks.isKnown(framework))
        {
            return reject(decision, -1, Reason.UNKNOWN_FRAMEWORK);
        }
        if (request.revocable && ratioMillis == 0)
        {
            return reject(decision, framework, Reason.REVOCABLE_DISABLED);
        }
        advanceClock(timeNanos);
        final TokenBucket bucket = frameworks.rateLimit(framework);
        if (bucket != null && !bucket.tryTake(now))
        {
            return reject(decision, framework, Reason.RATE_LIMITED);
        }
        if (request.priority < config.admissionExemptPriority() && isAdmissionClosed())
        {
            return reject(decision, framework, Reason.ADMISSION_CLOSED);
        }
        final PendingQueue queue = frameworks.queue(framework);
        if (queue.size() >= frameworks.maxPending(framework))
        {
            return reject(decision, framework, Reason.PENDING_LIMIT);
        }
        if (ledger.isFull())
        {
            return reject(decision, framework, Reason.TASK_LIMIT);
        }
        final long taskId = ledger.addPending(framework, request.priority, request.label, request.revocable,
            request.constraints, now, resources);
        queue.push((int)taskId, request.priority);
        return decision.queued(taskId);
    }

    /**
     * Runs one allocation round over the pending queues (see {@link AllocationRound}). Placements and the tasks
     * preempted for them are reported to the {@link DecisionListener}.
     *
     * @param timeNanos event time, recorded as the start of placed tasks.
     * @return tasks placed.
     */
    public int allocate(final long timeNanos)
    {
        advanceClock(timeNanos);
        rounds++;
        return round.run();
    }

    /**
     * @param task a pending task's ledger slot.
     * @return the agent the placement search chooses for it, or -1 if none can take it now.
     */
    int findAgentFor(final int task)
    {
        for (int d = 0; d < dimensions; d++)
        {
            scratchRequest[d] = ledger.resource(task, d);
        }
        return search.find(scratchRequest, ledger.isRevocable(task), ledger.constraintSet(task),
            ledger.framework(task), ledger.label(task));
    }

    Preemption preemption()
    {
        return config.preemption() ? preemption : null;
    }

    /** Starts a pending task on an agent chosen for it by the round and reports the placement. */
    void startPending(final int task, final int slot)
    {
        startTask(task, slot);
        listener.onPlaced(ledger.taskId(task), ledger.framework(task), slot, agents.epoch(slot));
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
        views.onTaskEnded(ledger.framework(task), ledger.label(task), slot);
        ledger.remove(task);
        finishes++;
        refreshAgent(slot);
        return Reason.OK;
    }

    /**
     * The agent's guard refused to launch a placed task (the last line of defence): the kernel releases exactly what
     * the task held and reports it to the {@link DecisionListener} as {@link TaskEndCause#LAUNCH_REFUSED}.
     *
     * @param taskId the task the agent refused.
     * @param slot   the agent that refused it; it must be the agent the task was placed on.
     * @return {@link Reason#OK}, {@link Reason#UNKNOWN_TASK}, or {@link Reason#UNKNOWN_AGENT} if the task is not on
     * that agent (an agent cannot refuse another agent's task).
     */
    public Reason launchRefused(final long taskId, final int slot)
    {
        final int task = ledger.slotOf(taskId);
        if (task == TaskLedger.NONE)
        {
            return refuse(Reason.UNKNOWN_TASK);
        }
        if (ledger.agent(task) != slot)
        {
            return refuse(Reason.UNKNOWN_AGENT);
        }
        endTask(task, TaskEndCause.LAUNCH_REFUSED);
        refreshAgent(slot);
        return Reason.OK;
    }

    private void startTask(final int task, final int slot)
    {
        final boolean revocable = ledger.isRevocable(task);
        final int vector = revocable ? REVOCABLE : ALLOCATED;
        final int framework = ledger.framework(task);
        final int role = frameworks.role(framework);
        for (int d = 0; d < dimensions; d++)
        {
            final long amount = ledger.resource(task, d);
            agents.add(slot, vector, d, amount);
            scratchRequest[d] = amount;
            if (!revocable)
            {
                roles.add(role, d, amount);
                clusterAllocated[d] += amount;
            }
        }
        agents.taskCount(slot, agents.taskCount(slot) + 1);
        ledger.start(task, slot, now);
        views.onTaskStarted(framework, ledger.label(task), slot);
        frameworks.onPlaced(framework, scratchRequest, revocable);
        round.onAllocationChanged(framework);
        placements++;
        refreshAgent(slot);
    }

    /** Ends a running task on the kernel's initiative, reports it, and refreshes nothing (callers do). */
    void endTask(final int task, final TaskEndCause cause)
    {
        final long taskId = ledger.taskId(task);
        final int framework = ledger.framework(task);
        final int slot = ledger.agent(task);
        release(task);
        views.onTaskEnded(framework, ledger.label(task), slot);
        ledger.remove(task);
        ended[cause.ordinal()]++;
        frameworks.countEnded(framework, cause);
        round.onAllocationChanged(framework);
        listener.onTaskEnded(taskId, framework, slot, cause);
    }

    private void release(final int task)
    {
        final int slot = ledger.agent(task);
        final int framework = ledger.framework(task);
        final int role = frameworks.role(framework);
        final boolean revocable = ledger.isRevocable(task);
        final int vector = revocable ? REVOCABLE : ALLOCATED;
        for (int d = 0; d < dimensions; d++)
        {
            final long amount = ledger.resource(task, d);
            agents.add(slot, vector, d, -amount);
            frameworks.onReleased(framework, d, amount, revocable);
            if (!revocable)
            {
                roles.add(role, d, -amount);
                clusterAllocated[d] -= amount;
            }
        }
        agents.taskCount(slot, agents.taskCount(slot) - 1);
        frameworks.onEnded(framework);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Index upkeep
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Re-derives the overcommitted flag, the utilisation bucket and the index leaves of an agent, reading each
     * capacity and allocation once (this runs twice per placement: on the task's start and on its end).
     */
    void refreshAgent(final int slot)
    {
        preemptionIndex.touch(slot);
        int flags = agents.flags(slot);
        final boolean revocable = ratioMillis > 0;
        boolean overcommitted = false;
        int bucket = 0;
        for (int d = 0; d < dimensions; d++)
        {
            final long capacity = agents.get(slot, CAPACITY, d);
            final long allocated = agents.get(slot, ALLOCATED, d);
            // Without oversubscription no revocable task is ever accepted, so the revocable vector stays 0.
            overcommitted |= allocated > capacity ||
                (revocable && agents.get(slot, REVOCABLE, d) > revocableBound(capacity));
            // The same buckets as AgentTable.utilisationBucket, which the invariant checker compares with the index.
            final int b = allocated >= capacity ? (allocated == 0 ? 0 : PlacementIndex.FULL_BUCKET) :
                (int)((allocated << PlacementIndex.BUCKET_SHIFT) / capacity);
            bucket = Math.max(bucket, b);
            scratchFree[d] = capacity - allocated;
            if (revocable)
            {
                scratchRevocable[d] = revocableHeadroom(slot, d);
            }
        }
        if (overcommitted != ((flags & FLAG_OVERCOMMITTED) != 0))
        {
            flags = overcommitted ? flags | FLAG_OVERCOMMITTED : flags & ~FLAG_OVERCOMMITTED;
            setFlags(slot, flags);
        }
        index.moveToBucket(slot, bucket);
        if (!isEligible(flags))
        {
            index.update(slot, null, null);
            return;
        }
        index.update(slot, scratchFree, revocable ? scratchRevocable : null);
    }

    private void refreshCapacity(final int slot)
    {
        for (int d = 0; d < dimensions; d++)
        {
            capacities.leaf(slot, d, agents.get(slot, CAPACITY, d));
        }
        capacities.update(slot);
    }

    /**
     * @return min(floor(ratio × capacity), slack) − revocable allocated, where slack is capacity − last reported
     * usage, or 0 before the agent reports any usage.
     */
    long revocableHeadroom(final int slot, final int dimension)
    {
        final long capacity = agents.get(slot, CAPACITY, dimension);
        final long slack = (agents.flags(slot) & FLAG_USAGE_REPORTED) != 0 ?
            capacity - agents.get(slot, USAGE, dimension) : 0;
        return Math.min(revocableBound(capacity), slack) - agents.get(slot, REVOCABLE, dimension);
    }

    /** @return floor(ratio × capacity): the most revocable allocation a dimension may hold. */
    long revocableBound(final long capacity)
    {
        return (capacity / 1000) * ratioMillis + (capacity % 1000) * ratioMillis / 1000;
    }

    private void setFlags(final int slot, final int flags)
    {
        final int old = agents.flags(slot);
        final boolean was = isEligible(old);
        final boolean is = isEligible(flags);
        agents.flags(slot, flags);
        if (was != is)
        {
            eligibleAgents += is ? 1 : -1;
        }
        final boolean wasAvoided = (old & FLAG_AVOIDED) != 0;
        final boolean isAvoided = (flags & FLAG_AVOIDED) != 0;
        if (wasAvoided != isAvoided)
        {
            avoidedAgents += isAvoided ? 1 : -1;
            search.avoidedAgents(avoidedAgents);
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

    private boolean isValidLabel(final int label)
    {
        return label >= 0 && label < labels.size();
    }

    private boolean isValidConstraintSet(final int constraintSet)
    {
        return constraintSet >= 0 && constraintSet < constraints.count();
    }

    private Reason refuse(final Reason reason)
    {
        refusals[reason.ordinal()]++;
        return reason;
    }

    private void countRefusal(final int framework, final Reason reason)
    {
        refusals[reason.ordinal()]++;
        if (frameworks.isKnown(framework))
        {
            frameworks.countRefusal(framework, reason);
        }
    }

    private Decision reject(final Decision decision, final int framework, final Reason reason)
    {
        countRefusal(framework, reason);
        return decision.rejected(reason);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers for the round and preemption
    // ---------------------------------------------------------------------------------------------------------------

    /** @return the earliest registered agent still registered, or -1. */
    int firstInRegistrationOrder()
    {
        return registeredHead;
    }

    /** @return the agent registered next after this one (still registered), or -1. */
    int nextInRegistrationOrder(final int slot)
    {
        return registeredNext[slot];
    }

    private void unlinkRegistered(final int slot)
    {
        final int prev = registeredPrev[slot];
        final int next = registeredNext[slot];
        if (prev >= 0)
        {
            registeredNext[prev] = next;
        }
        else
        {
            registeredHead = next;
        }
        if (next >= 0)
        {
            registeredPrev[next] = prev;
        }
        else
        {
            registeredTail = prev;
        }
    }

    /** @return true if the agent is registered and nothing stops placements on it. */
    boolean isEligibleAgent(final int slot)
    {
        return isEligible(agents.flags(slot));
    }

    /**
     * @return true if the agent is eligible and the task's constraints hold on it as it stands: its attribute
     * predicates, and fewer than maxPerAgent running tasks of the task's framework and label (a hard constraint,
     * which preemption must not break either).
     */
    boolean isEligibleFor(final int slot, final int task)
    {
        if (!isEligible(agents.flags(slot)))
        {
            return false;
        }
        final ConstraintBook.Compiled set = constraints.get(ledger.constraintSet(task));
        if (!constraints.attributesHold(set, agents.attributeSet(slot)))
        {
            return false;
        }
        if (set.maxPerAgent == 0)
        {
            return true;
        }
        final int framework = ledger.framework(task);
        final int label = ledger.label(task);
        int count = 0;
        for (int t = ledger.firstOnAgent(slot); t != TaskLedger.NONE; t = ledger.nextOnAgent(t))
        {
            if (ledger.framework(t) == framework && ledger.label(t) == label && ++count >= set.maxPerAgent)
            {
                return false;
            }
        }
        return true;
    }

    /** @return true if the task fits the agent once the given quantities are freed. */
    boolean fitsAfterFreeing(final int slot, final int task, final long[] freed)
    {
        final boolean revocable = ledger.isRevocable(task);
        for (int d = 0; d < dimensions; d++)
        {
            final long room = revocable ? revocableHeadroom(slot, d) : agents.get(slot, CAPACITY, d) -
                agents.get(slot, ALLOCATED, d);
            if (ledger.resource(task, d) > room + freed[d])
            {
                return false;
            }
        }
        return true;
    }

    /** @return total capacity of registered agents minus non-revocable allocation, in a dimension. */
    long clusterFree(final int dimension)
    {
        return clusterCapacity[dimension] - clusterAllocated[dimension];
    }

    private boolean isAdmissionClosed()
    {
        final long max = config.admissionMaxUtilizationMillis();
        if (max < 0)
        {
            return false;
        }
        for (int d = 0; d < dimensions; d++)
        {
            if (clusterAllocated[d] * 1000.0 > max * (double)clusterCapacity[d])
            {
                return true;
            }
        }
        return false;
    }

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
     * @return true once the agent has reported usage; before that its slack counts as 0.
     */
    public boolean agentReportedUsage(final int slot)
    {
        return (agents.flags(slot) & FLAG_USAGE_REPORTED) != 0;
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

    /** @return the number of pending tasks over all frameworks. */
    public int pendingTaskCount()
    {
        return ledger.liveCount() - ledger.runningCount();
    }

    /**
     * @param framework a framework id.
     * @return its pending tasks.
     */
    public int frameworkPending(final int framework)
    {
        return frameworks.queue(framework).size();
    }

    /**
     * @param framework a framework id.
     * @param reason    a reason.
     * @return how many of its tasks were refused or found not placeable for that reason.
     */
    public long frameworkRefusals(final int framework, final Reason reason)
    {
        return frameworks.refusals(framework, reason);
    }

    /**
     * @param framework a framework id.
     * @param cause     why the kernel ended tasks.
     * @return how many of its running tasks the kernel ended for that cause.
     */
    public long frameworkEnded(final int framework, final TaskEndCause cause)
    {
        return frameworks.ended(framework, cause);
    }

    /**
     * A framework's dominant share: the maximum over dimensions not excluded from fairness of its running
     * non-revocable allocation divided by the total capacity of registered agents.
     *
     * @param framework a framework id.
     * @return the share, 0 to 1 (above 1 only while agents are overcommitted).
     */
    public double frameworkShare(final int framework)
    {
        double share = 0;
        for (int d = 0; d < dimensions; d++)
        {
            if (!config.isFairnessExcluded(d) && clusterCapacity[d] > 0)
            {
                share = Math.max(share, frameworks.allocated(framework, d) / (double)clusterCapacity[d]);
            }
        }
        return share;
    }

    /**
     * @param role a role id (see {@link #roleId(String)}).
     * @return the dominant share of the role's summed allocation divided by its weight.
     */
    public double roleShare(final int role)
    {
        double share = 0;
        for (int d = 0; d < dimensions; d++)
        {
            if (!config.isFairnessExcluded(d) && clusterCapacity[d] > 0)
            {
                share = Math.max(share, roles.allocated(role, d) / (double)clusterCapacity[d]);
            }
        }
        return share / roles.weight(role);
    }

    /**
     * @param name a role name.
     * @return its id, or -1 if no framework or setting named it.
     */
    public int roleId(final String name)
    {
        return roles.find(name);
    }

    /**
     * @param role      a role id.
     * @param dimension a dimension index.
     * @return the role's running non-revocable allocation in milli-units.
     */
    public long roleAllocated(final int role, final int dimension)
    {
        return roles.allocated(role, dimension);
    }

    /**
     * @param dimension a dimension index.
     * @return total capacity of registered agents, in milli-units.
     */
    public long clusterCapacity(final int dimension)
    {
        return clusterCapacity[dimension];
    }

    /**
     * @param dimension a dimension index.
     * @return total running non-revocable allocation, in milli-units.
     */
    public long clusterAllocated(final int dimension)
    {
        return clusterAllocated[dimension];
    }

    /** @return true while the cluster is above the admission threshold. */
    public boolean admissionClosed()
    {
        return isAdmissionClosed();
    }

    /** @return agents whose usage trend projects them into pressure. */
    public int avoidedAgentCount()
    {
        return avoidedAgents;
    }

    /**
     * The autoscaling signal: a framework's pending tasks that fit no registered agent even if it were empty
     * (capacity and attribute constraints), i.e. demand only more or bigger agents can serve.
     *
     * @param framework a framework id.
     * @param demand    filled with the summed milli-units of those tasks per dimension.
     * @return how many such tasks are pending.
     */
    public int unplaceableDemand(final int framework, final long[] demand)
    {
        java.util.Arrays.fill(demand, 0);
        final PendingQueue queue = frameworks.queue(framework);
        int count = 0;
        for (int i = 0; i < queue.size(); i++)
        {
            final int task = queue.slotAt(i);
            for (int d = 0; d < dimensions; d++)
            {
                scratchRequest[d] = ledger.resource(task, d);
            }
            final ConstraintBook.Compiled set = constraints.get(ledger.constraintSet(task));
            final int fit = capacities.findFirst(scratchRequest,
                set.hasAttributePredicates() ?
                position -> constraints.attributesHold(set, agents.attributeSet(position)) : null);
            if (fit < 0)
            {
                count++;
                for (int d = 0; d < dimensions; d++)
                {
                    demand[d] += scratchRequest[d];
                }
            }
        }
        return count;
    }

    /**
     * @param framework a framework id.
     * @param label     a label id, or -1 for any label.
     * @return the id of the framework's oldest running task with that label, or -1 if none. Walks the framework's
     * running tasks: a query, not for the hot path.
     */
    public long oldestRunningTask(final int framework, final int label)
    {
        if (!frameworks.isKnown(framework))
        {
            return -1;
        }
        for (int task = ledger.firstOfFramework(framework); task != TaskLedger.NONE;
            task = ledger.nextOfFramework(task))
        {
            if (label < 0 || ledger.label(task) == label)
            {
                return ledger.taskId(task);
            }
        }
        return -1;
    }

    /** @return the number of running tasks. */
    public int runningTaskCount()
    {
        return ledger.runningCount();
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
        return ended[TaskEndCause.LOST.ordinal()];
    }

    /**
     * @param cause why the kernel ended tasks.
     * @return how many running tasks the kernel ended for that cause.
     */
    public long endedTasks(final TaskEndCause cause)
    {
        return ended[cause.ordinal()];
    }

    /** @return allocation rounds run. */
    public long rounds()
    {
        return rounds;
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
                hash = StateHash.mix(hash, ledger.isRunning(task) ? 2 : 1);
                hash = StateHash.mix(hash, ledger.isRunning(task) ? ledger.startSequence(task) : -1);
                hash = StateHash.mix(hash, ledger.constraintSet(task));
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
        hash = frameworks.hash(hash);
        hash = roles.hash(hash);
        hash = constraints.hash(hash);
        hash = health.hash(hash);
        for (int slot = 0; slot < agents.maxAgents(); slot++)
        {
            if (agents.isRegistered(slot))
            {
                hash = StateHash.mix(hash, registrationOrder[slot]);
                hash = StateHash.mix(hash, lastUsageTime[slot]);
                for (int d = 0; usageTrend != null && d < dimensions; d++)
                {
                    hash = StateHash.mix(hash, Double.doubleToLongBits(usageTrend[slot * dimensions + d]));
                }
            }
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
        for (final long count : ended)
        {
            hash = StateHash.mix(hash, count);
        }
        hash = StateHash.mix(hash, now);
        hash = StateHash.mix(hash, rounds);
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

    ConstraintViews constraintViews()
    {
        return views;
    }

    ConstraintBook constraintBook()
    {
        return constraints;
    }

    AttributeInterner attributeInterner()
    {
        return attributes;
    }

    int attributeSetCount()
    {
        return attributes.setCount();
    }

    TaskLedger ledger()
    {
        return ledger;
    }

    FrameworkBook frameworkBook()
    {
        return frameworks;
    }

    RoleBook roleBook()
    {
        return roles;
    }


    long placementIndexNodesVisited()
    {
        final FreeCapacityTree revocable = index.revocableTree();
        return index.freeTree().nodesVisited() + (revocable == null ? 0 : revocable.nodesVisited()) +
            views.nodesVisited();
    }
}
