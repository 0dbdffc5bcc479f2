package io.stowage.core;

import java.util.List;
import java.util.Map;

/**
 * The allocator kernel: a deterministic single-writer state machine that decides which agent runs which task and
 * never places more on an agent than it can hold.
 * <p>
 * It starts no thread, does no I/O and reads no clock: time is a parameter of each call that needs it, in
 * nanoseconds of the caller's event clock, and the kernel's clock is the latest time it was given. Exactly one
 * thread may call it. The same sequence of calls gives the same answers and the same {@link KernelView#stateHash()}.
 * Every refusal names a {@link Reason} and changes nothing but the counters. Placing, finishing and applying
 * heartbeats allocate nothing in steady state.
 * <p>
 * Two ways to place work: {@link #place} decides one task at once (the scheduler orders its own work), while
 * {@link #submit} queues a task behind the overload protections (validation, rate limit, admission, pending limit)
 * and {@link #allocate} serves the queues fairly (weighted DRF over roles and frameworks, quotas, priorities,
 * preemption). {@link #heartbeat} applies usage reports (pressure, revocation, usage trend) and
 * {@link #advanceTime} applies heartbeat timeouts. Everything read-only is on {@link #view()}.
 * <p>
 * This class is a facade: each command goes to the one class that owns its duty ({@code AgentRegistry},
 * {@code HeartbeatMonitor} (liveness and pressure), {@code HeartbeatTimeouts}, {@code FrameworkRegistry},
 * {@code SubmitGate}, {@code TaskPlacer} and {@code AllocationRound}, {@code TaskAccounting}); docs/kernel.md maps
 * them.
 */
public final class AllocatorKernel
{
    /** The largest quantity, in milli-units, of one dimension of a request or an agent's capacity (2^52). */
    public static final long MAX_QUANTITY = 1L << 52;

    private final KernelConfig config;
    private final AgentTable agents;
    private final AttributeInterner attributes;
    private final PlacementIndex index;
    private final TaskLedger ledger;
    private final FrameworkBook frameworks;
    private final RoleBook roles;
    private final ConstraintBook constraints;
    private final ConstraintViews views;
    private final Oversubscription oversubscription;
    private final Preemption preemption;
    private final LabelBook labels = new LabelBook();
    private final KernelClock clock = new KernelClock();
    private final FrameworkRegistry frameworkRegistry;
    private final AgentRegistry agentRegistry;
    private final HeartbeatMonitor heartbeats;
    private final HeartbeatTimeouts timeouts;
    private final SubmitGate gate;
    private final TaskPlacer placer;
    private final TaskAccounting accounting;
    private final AllocationRound round;
    private final KernelCounters counters;
    private final KernelView view;
    private final AgentDirectory directory;
    private final FreeCapacityTree capacities;
    private final ClusterTotals totals;
    private final HeartbeatOrder heartbeatOrder;
    private final RegistrationOrder registrationOrder;
    private final AgentEligibility eligibility;

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
     * @throws IllegalStateException naming the flag if the JVM was started without
     *                               {@code --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED}.
     */
    public AllocatorKernel(final KernelConfig config, final DecisionListener listener)
    {
        JvmRequirements.check();
        this.config = config;
        final int dimensions = config.schema().dimensions();
        final int maxAgents = config.maxAgents();
        final long ratioMillis = config.oversubscriptionRatioMillis();
        agents = new AgentTable(maxAgents, dimensions);
        directory = new AgentDirectory(maxAgents);
        attributes = new AttributeInterner(maxAgents);
        index = new PlacementIndex(maxAgents, dimensions, config.jointDimensions(), ratioMillis > 0);
        capacities = new FreeCapacityTree(maxAgents, dimensions, config.jointDimensions());
        ledger = new TaskLedger(config.maxTasks(), maxAgents, dimensions);
        frameworks = new FrameworkBook(dimensions, ledger);
        roles = new RoleBook(dimensions);
        constraints = new ConstraintBook(attributes);
        views = new ConstraintViews(index, constraints, attributes, agents, ledger, dimensions);
        index.views(views);
        final PlacementSearch search =
            new PlacementSearch(agents, index, ledger, attributes, constraints, views, config.placement());
        counters = new KernelCounters(frameworks);
        final RequestChecks checks = new RequestChecks(dimensions, labels, constraints);
        totals = new ClusterTotals(dimensions);
        heartbeatOrder = new HeartbeatOrder(maxAgents);
        registrationOrder = new RegistrationOrder(maxAgents);
        eligibility = new AgentEligibility(agents, search);
        oversubscription = new Oversubscription(agents, ratioMillis);
        final PreemptionIndex preemptionIndex = new PreemptionIndex(
            registrationOrder, eligibility, oversubscription, agents, ledger, dimensions, maxAgents);
        final IndexUpkeep upkeep = new IndexUpkeep(
            agents, index, capacities, preemptionIndex, eligibility, oversubscription, dimensions);
        accounting = new TaskAccounting(
            agents, ledger, frameworks, roles, views, upkeep, totals, counters, clock, listener, dimensions);
        heartbeats = new HeartbeatMonitor(config, agents, ledger, heartbeatOrder, accounting, eligibility, upkeep,
            oversubscription, counters, clock);
        final Adoption adoption =
            new Adoption(frameworks, ledger, accounting, oversubscription, checks, clock, config.maxTasks());
        agentRegistry = new AgentRegistry(agents, directory, attributes, views, registrationOrder, eligibility, upkeep,
            heartbeats, accounting, ledger, totals, checks, adoption, counters, clock, dimensions);
        timeouts = new HeartbeatTimeouts(config, agents, heartbeatOrder, eligibility, upkeep, agentRegistry, clock);
        frameworkRegistry =
            new FrameworkRegistry(frameworks, roles, ledger, checks, counters, clock, accounting, upkeep);
        gate = new SubmitGate(config, frameworks, ledger, totals, oversubscription, checks, counters, clock);
        placer = new TaskPlacer(search, agents, ledger, frameworks, roles, eligibility, oversubscription,
            accounting, checks, counters, clock, dimensions);
        final AgentFit fit = new AgentFit(agents, ledger, constraints, eligibility, oversubscription, dimensions);
        preemption = new Preemption(fit, registrationOrder, accounting, upkeep, ledger, preemptionIndex, dimensions);
        round = new AllocationRound(config, totals, placer, accounting, config.preemption() ? preemption : null,
            frameworks, roles, ledger, dimensions);
        accounting.observer(round);
        final StateHasher hasher = new StateHasher(config, agents, directory, attributes, index, ledger, frameworks,
            roles, constraints, heartbeatOrder, registrationOrder, heartbeats, labels, counters, clock);
        final PendingDiagnoser diagnoser = new PendingDiagnoser(agents, ledger, frameworks, roles, eligibility,
            constraints, attributes, fit, new GuaranteeHeadroom(totals, roles, frameworks, ledger, dimensions),
            config.preemption() ? preemption : null, dimensions);
        view = new KernelView(config, agents, directory, attributes, ledger, frameworks, roles, labels, totals,
            eligibility, new UnplaceableDemand(frameworks, ledger, constraints, capacities, agents, dimensions),
            counters, clock, hasher, diagnoser);
    }

    /** @return the configuration the kernel was built with. */
    public KernelConfig config()
    {
        return config;
    }

    /** @return the resource schema: the dimensions of every quantity, and their units. */
    public ResourceSchema schema()
    {
        return config.schema();
    }

    /** @return the read-only queries over this kernel's state; live, and for the kernel's own thread. */
    public KernelView view()
    {
        return view;
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
        return frameworkRegistry.setRole(name, weight, guarantee, limit);
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
        return frameworkRegistry.register(name, role, ratePerSecondMillis, burst, maxPending);
    }

    /**
     * Changes a registered framework's settings at runtime. A role change moves its running allocation to the new
     * role at once; a new rate keeps the tokens the bucket holds (at most the new burst), so it never refills it; a
     * pending limit below the current queue keeps the queued tasks and refuses new ones until the queue is shorter.
     *
     * @param framework           the framework id.
     * @param role                its role, not blank.
     * @param ratePerSecondMillis token refill rate in thousandths of a task per second, or -1 for no rate limit.
     * @param burst               token bucket size in tasks (used with a rate), 0 to 1,000,000.
     * @param maxPending          most pending tasks, or -1 for no limit.
     * @return {@link Reason#OK}, {@link Reason#UNKNOWN_FRAMEWORK} or {@link Reason#INVALID_REQUEST}.
     */
    public Reason updateFramework(
        final int framework, final String role, final long ratePerSecondMillis, final long burst, final int maxPending)
    {
        return frameworkRegistry.update(framework, role, ratePerSecondMillis, burst, maxPending);
    }

    /**
     * Suppresses a framework: rounds place none of its tasks (and preempt nothing for them) while its queue is kept
     * and it may still submit, like Mesos' {@code suppressOffers}. Suppressing a suppressed framework is a no-op.
     *
     * @param framework the framework id.
     * @return {@link Reason#OK} or {@link Reason#UNKNOWN_FRAMEWORK}.
     */
    public Reason suppress(final int framework)
    {
        return frameworkRegistry.suppress(framework, true);
    }

    /**
     * Ends a suppression: the next round serves the framework's queue again.
     *
     * @param framework the framework id.
     * @return {@link Reason#OK} or {@link Reason#UNKNOWN_FRAMEWORK}.
     */
    public Reason revive(final int framework)
    {
        return frameworkRegistry.suppress(framework, false);
    }

    /**
     * Removes a framework. Its pending tasks are cancelled ({@link TaskEndCause#CANCELLED}) and its running tasks are
     * ended ({@link TaskEndCause#FRAMEWORK_REMOVED}, their resources released at once), each reported to the
     * {@link DecisionListener} so that their agents kill them: a removed framework holds nothing, as with Mesos'
     * {@code removeFramework}. Its id is never reused and is unknown from then on; its name may register again under
     * a new id.
     *
     * @param framework the framework id.
     * @return {@link Reason#OK} or {@link Reason#UNKNOWN_FRAMEWORK}.
     */
    public Reason removeFramework(final int framework)
    {
        return frameworkRegistry.remove(framework);
    }

    /**
     * @param label a task label such as "web"; empty for none.
     * @return its id, used in {@link TaskRequest#label(int)}.
     */
    public int internLabel(final String label)
    {
        return labels.intern(label);
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
        return agentRegistry.register(id, capacity, attributes, timeNanos, List.of());
    }

    /**
     * Registers an agent under a string id together with the tasks already running on it: after a scheduler restart,
     * the kernel is rebuilt from the scheduler's own records rather than from a journal. Each task is accounted as if
     * the kernel had placed it (agent, framework, role, cluster totals, label tallies; counted as adopted, not as a
     * placement), youngest last. A set that does not fit the capacity makes the agent
     * {@link AgentState#OVERCOMMITTED}: it keeps its tasks and receives nothing until they fit. The whole registration
     * is refused, changing nothing, if the agent or any task is malformed.
     *
     * @param id         external id, unique among registered agents.
     * @param capacity   milli-units per dimension (copied).
     * @param attributes name to value, at most {@link KernelConfig#MAX_ATTRIBUTES_PER_AGENT}.
     * @param timeNanos  event time; counts as the agent's first heartbeat and as the tasks' start.
     * @param running    the tasks running on it, oldest first (read, not kept).
     * @return {@link Reason#OK}, or why refused: as {@link #registerAgent(String, long[], Map, long)}, and for a task
     * {@link Reason#INVALID_REQUEST}, {@link Reason#UNKNOWN_FRAMEWORK}, {@link Reason#REVOCABLE_DISABLED},
     * {@link Reason#DUPLICATE_KEY} or {@link Reason#TASK_LIMIT}.
     */
    public Reason registerAgent(
        final String id,
        final long[] capacity,
        final Map<String, String> attributes,
        final long timeNanos,
        final List<AdoptedTask> running)
    {
        return agentRegistry.register(id, capacity, attributes, timeNanos, running);
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
        return agentRegistry.register(id, capacity, attributes, timeNanos);
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
        return agentRegistry.updateCapacity(slot, capacity);
    }

    /**
     * Replaces an agent's attributes (all of them: a name left out is removed), as when an operator relabels a host.
     * The same checks as {@link #registerAgent(String, long[], Map, long) registration} apply to the map, and a
     * refusal changes nothing but the refusal counter.
     * <p>
     * Once accepted, every later decision sees the new attributes: placements, allocation rounds, preemption and
     * {@link KernelView#unplaceableDemand}. Tasks already running on the agent keep running even where their own
     * constraints no longer hold on it: as in Mesos, constraints are checked when a task is placed, never afterwards.
     * They do count under the agent's new values from now on: a {@code spread} constraint weighs each value by the
     * tasks running on agents that hold it now. {@code maxPerAgent} counts tasks per agent and is not affected.
     *
     * @param slot       the agent.
     * @param attributes the new attributes, name to value (copied): at most
     *                   {@link KernelConfig#MAX_ATTRIBUTES_PER_AGENT}, no blank name, no null value.
     * @return {@link Reason#OK}, {@link Reason#UNKNOWN_AGENT} or {@link Reason#INVALID_ATTRIBUTES}.
     */
    public Reason updateAttributes(final int slot, final Map<String, String> attributes)
    {
        return agentRegistry.updateAttributes(slot, attributes);
    }

    /**
     * Applies an agent's heartbeat without an explicit pressure flag.
     *
     * @param slot      the agent.
     * @param epoch     the registration the agent believes it has.
     * @param sequence  the agent's update sequence number, increasing from 1.
     * @param usage     measured milli-units per dimension (copied), or null to report liveness only.
     * @param timeNanos event time.
     * @return {@link Reason#OK}, {@link Reason#STALE_UPDATE}, {@link Reason#STALE_EPOCH}, or why refused.
     * @see #heartbeat(int, int, long, long[], boolean, long)
     */
    public Reason heartbeat(
        final int slot, final int epoch, final long sequence, final long[] usage, final long timeNanos)
    {
        return heartbeats.heartbeat(slot, epoch, sequence, usage, false, timeNanos);
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
        return heartbeats.heartbeat(slot, epoch, sequence, usage, pressure, timeNanos);
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
        timeouts.advanceTime(timeNanos);
    }

    /**
     * Stops placements on an agent; its tasks keep running.
     *
     * @param slot the agent.
     * @return {@link Reason#OK} or {@link Reason#UNKNOWN_AGENT}.
     */
    public Reason drain(final int slot)
    {
        return agentRegistry.drain(slot, true);
    }

    /**
     * Ends draining: the agent takes placements again if nothing else stops it.
     *
     * @param slot the agent.
     * @return {@link Reason#OK} or {@link Reason#UNKNOWN_AGENT}.
     */
    public Reason undrain(final int slot)
    {
        return agentRegistry.drain(slot, false);
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
        return agentRegistry.remove(slot);
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
        return placer.place(request, timeNanos, decision);
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
        return gate.submit(request, timeNanos, decision);
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
        clock.advance(timeNanos);
        counters.onRound();
        return round.run();
    }

    /**
     * Ends a running task and releases exactly what it held.
     *
     * @param taskId the id from the placement decision.
     * @return {@link Reason#OK} or {@link Reason#UNKNOWN_TASK}.
     */
    public Reason finish(final long taskId)
    {
        return accounting.finish(taskId);
    }

    /**
     * Ends a running task named by the caller's key and releases exactly what it held.
     *
     * @param key the key the task was submitted or placed with.
     * @return {@link Reason#OK} or {@link Reason#UNKNOWN_TASK} (no live task holds the key, or it is still pending).
     */
    public Reason finishByKey(final long key)
    {
        return accounting.finish(ledger.taskIdOfKey(key));
    }

    /**
     * Withdraws a pending task: it leaves its framework's queue, the {@link DecisionListener} is told it ended as
     * {@link TaskEndCause#CANCELLED}, and it is counted per framework. A task already placed cannot be cancelled
     * (it runs, and only its agent can stop it): finish it instead.
     *
     * @param taskId the id from the queued decision.
     * @return {@link Reason#OK}, {@link Reason#UNKNOWN_TASK}, or {@link Reason#TASK_RUNNING}.
     */
    public Reason cancel(final long taskId)
    {
        return accounting.cancel(taskId);
    }

    /**
     * Withdraws a pending task named by the caller's key; see {@link #cancel(long)}.
     *
     * @param key the key the task was submitted with.
     * @return {@link Reason#OK}, {@link Reason#UNKNOWN_TASK}, or {@link Reason#TASK_RUNNING}.
     */
    public Reason cancelByKey(final long key)
    {
        return accounting.cancel(ledger.taskIdOfKey(key));
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
        return accounting.launchRefused(taskId, slot);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The parts, for the invariant checker and the package's tests
    // ---------------------------------------------------------------------------------------------------------------

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

    /** @return the preemption rule, or null if preemption is off. */
    Preemption preemption()
    {
        return config.preemption() ? preemption : null;
    }

    /** @see TaskPlacer#findAgentFor(int) */
    int findAgentFor(final int task)
    {
        return placer.findAgentFor(task);
    }

    /** @see Oversubscription#headroom(int, int) */
    long revocableHeadroom(final int slot, final int dimension)
    {
        return oversubscription.headroom(slot, dimension);
    }

    /** @see Oversubscription#bound(long) */
    long revocableBound(final long capacity)
    {
        return oversubscription.bound(capacity);
    }

    long placementIndexNodesVisited()
    {
        final FreeCapacityTree revocable = index.revocableTree();
        return index.freeTree().nodesVisited() + (revocable == null ? 0 : revocable.nodesVisited()) +
            views.nodesVisited();
    }

    /** Writes every section of the kernel's state, in the order of {@link KernelSnapshotDescriptor}'s ids. */
    void writeState(final SnapshotWriter out)
    {
        out.beginSection(KernelSnapshotDescriptor.CLOCK);
        clock.writeTo(out);
        counters.writeTo(out);
        out.endSection();
        out.beginSection(KernelSnapshotDescriptor.AGENT_TABLE);
        agents.writeTo(out);
        out.endSection();
        out.beginSection(KernelSnapshotDescriptor.DIRECTORY);
        directory.writeTo(out, agents);
        out.endSection();
        out.beginSection(KernelSnapshotDescriptor.ATTRIBUTES);
        attributes.writeTo(out);
        out.endSection();
        out.beginSection(KernelSnapshotDescriptor.LABELS);
        labels.writeTo(out);
        out.endSection();
        out.beginSection(KernelSnapshotDescriptor.CONSTRAINTS);
        constraints.writeTo(out);
        out.endSection();
        out.beginSection(KernelSnapshotDescriptor.ROLES);
        roles.writeTo(out);
        out.endSection();
        out.beginSection(KernelSnapshotDescriptor.TASK_LEDGER);
        ledger.writeTo(out);
        out.endSection();
        out.beginSection(KernelSnapshotDescriptor.FRAMEWORKS);
        frameworks.writeTo(out);
        out.endSection();
        out.beginSection(KernelSnapshotDescriptor.PLACEMENT);
        index.writeTo(out);
        out.endSection();
        out.beginSection(KernelSnapshotDescriptor.CAPACITY_TREE);
        capacities.writeTo(out);
        out.endSection();
        out.beginSection(KernelSnapshotDescriptor.HEALTH);
        heartbeatOrder.writeTo(out);
        registrationOrder.writeTo(out);
        heartbeats.writeTo(out);
        eligibility.writeTo(out);
        totals.writeTo(out);
        out.endSection();
        out.beginSection(KernelSnapshotDescriptor.VIEWS);
        views.writeTo(out);
        out.endSection();
    }

    /** Reads every section into this kernel, which must be new (nothing applied to it yet). */
    void readState(final SnapshotReader in)
    {
        in.beginSection(KernelSnapshotDescriptor.CLOCK, "CLOCK");
        clock.readFrom(in);
        counters.readFrom(in);
        in.endSection();
        in.beginSection(KernelSnapshotDescriptor.AGENT_TABLE, "AGENT_TABLE");
        agents.readFrom(in);
        in.endSection();
        in.beginSection(KernelSnapshotDescriptor.DIRECTORY, "DIRECTORY");
        directory.readFrom(in, agents);
        in.endSection();
        in.beginSection(KernelSnapshotDescriptor.ATTRIBUTES, "ATTRIBUTES");
        attributes.readFrom(in);
        in.endSection();
        in.beginSection(KernelSnapshotDescriptor.LABELS, "LABELS");
        labels.readFrom(in);
        in.endSection();
        in.beginSection(KernelSnapshotDescriptor.CONSTRAINTS, "CONSTRAINTS");
        constraints.readFrom(in);
        in.endSection();
        in.beginSection(KernelSnapshotDescriptor.ROLES, "ROLES");
        roles.readFrom(in);
        in.endSection();
        in.beginSection(KernelSnapshotDescriptor.TASK_LEDGER, "TASK_LEDGER");
        ledger.readFrom(in);
        in.endSection();
        in.beginSection(KernelSnapshotDescriptor.FRAMEWORKS, "FRAMEWORKS");
        frameworks.readFrom(in, roles.count(), ledger.slotCapacity());
        in.endSection();
        in.beginSection(KernelSnapshotDescriptor.PLACEMENT, "PLACEMENT");
        index.readFrom(in);
        in.endSection();
        in.beginSection(KernelSnapshotDescriptor.CAPACITY_TREE, "CAPACITY_TREE");
        capacities.readFrom(in);
        in.endSection();
        in.beginSection(KernelSnapshotDescriptor.HEALTH, "HEALTH");
        heartbeatOrder.readFrom(in);
        registrationOrder.readFrom(in);
        heartbeats.readFrom(in);
        eligibility.readFrom(in);
        totals.readFrom(in);
        in.endSection();
        in.beginSection(KernelSnapshotDescriptor.VIEWS, "VIEWS");
        views.readFrom(in);
        in.endSection();
    }
}
