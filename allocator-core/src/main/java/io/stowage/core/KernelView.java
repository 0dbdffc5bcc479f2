package io.stowage.core;

import java.util.Map;

import static io.stowage.core.AgentTableDescriptor.*;

/**
 * The kernel's read-only queries, reached through {@link AllocatorKernel#view()}: agents, tasks, frameworks, roles,
 * the cluster totals, the counters and the {@link #stateHash()}. Like the kernel it is single-threaded: read it on
 * the thread that drives the kernel (the engine offers its own ways to ask a running kernel). Quantities are
 * milli-units of the {@link ResourceSchema} (see {@link ResourceSchema#format(long[])} for text); slots and task ids
 * are those the kernel's decisions carry. Answers are live: they change with the next call to the kernel.
 */
public final class KernelView
{
    private final KernelConfig config;
    private final AgentTable agents;
    private final AgentDirectory directory;
    private final AttributeInterner attributes;
    private final TaskLedger ledger;
    private final FrameworkBook frameworks;
    private final RoleBook roles;
    private final LabelBook labels;
    private final ClusterTotals totals;
    private final AgentEligibility eligibility;
    private final UnplaceableDemand unplaceable;
    private final KernelCounters counters;
    private final KernelClock clock;
    private final StateHasher hasher;
    private final PendingDiagnoser diagnoser;
    private final PendingDiagnosis scratchDiagnosis = new PendingDiagnosis();

    KernelView(
        final KernelConfig config,
        final AgentTable agents,
        final AgentDirectory directory,
        final AttributeInterner attributes,
        final TaskLedger ledger,
        final FrameworkBook frameworks,
        final RoleBook roles,
        final LabelBook labels,
        final ClusterTotals totals,
        final AgentEligibility eligibility,
        final UnplaceableDemand unplaceable,
        final KernelCounters counters,
        final KernelClock clock,
        final StateHasher hasher,
        final PendingDiagnoser diagnoser)
    {
        this.config = config;
        this.agents = agents;
        this.directory = directory;
        this.attributes = attributes;
        this.ledger = ledger;
        this.frameworks = frameworks;
        this.roles = roles;
        this.labels = labels;
        this.totals = totals;
        this.eligibility = eligibility;
        this.unplaceable = unplaceable;
        this.counters = counters;
        this.clock = clock;
        this.hasher = hasher;
        this.diagnoser = diagnoser;
    }

    /** @return the configuration the kernel was built with. */
    public KernelConfig config()
    {
        return config;
    }

    /** @return the resource schema: the dimensions of every quantity. */
    public ResourceSchema schema()
    {
        return config.schema();
    }

    /** @return the kernel's clock: the latest event time it was given, {@link Long#MIN_VALUE} before any. */
    public long now()
    {
        return clock.now();
    }

    /**
     * @param name a framework name.
     * @return its id, or -1 if not registered.
     */
    public int frameworkId(final String name)
    {
        return frameworks.idOf(name);
    }

    /** @return the number of frameworks ever registered, removed ones included; ids run from 0 to this minus one. */
    public int frameworkCount()
    {
        return frameworks.count();
    }

    /**
     * @param framework a framework id.
     * @return true if it is registered and not removed.
     */
    public boolean isFrameworkKnown(final int framework)
    {
        return frameworks.isKnown(framework);
    }

    /**
     * @param framework a framework id.
     * @return true while it is suppressed (its queue kept, nothing of it placed).
     */
    public boolean isFrameworkSuppressed(final int framework)
    {
        return frameworks.isKnown(framework) && frameworks.isSuppressed(framework);
    }

    /**
     * @param framework a framework id.
     * @return its pending limit, or -1 for none.
     */
    public int frameworkMaxPending(final int framework)
    {
        final int limit = frameworks.maxPending(framework);
        return limit == FrameworkBook.NO_PENDING_LIMIT ? -1 : limit;
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
     * @param label a label id.
     * @return its text.
     */
    public String labelName(final int label)
    {
        return labels.name(label);
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
        return eligibility.eligibleAgents();
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
        return agents.isRegistered(slot) ? AgentState.ofFlags(agents.flags(slot)) : AgentState.REMOVED;
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
     * @param index     0 to {@link #frameworkPending(int)} − 1, in the order the framework's queue serves its tasks
     *                  (highest priority first, then oldest first).
     * @return the id of the pending task at that place. Lists the queue ({@link #frameworkPendingTasks}): a query, not
     * for the hot path.
     * @throws IndexOutOfBoundsException if there is no task at that place.
     */
    public long frameworkPendingTask(final int framework, final int index)
    {
        return ledger.taskId(frameworks.queue(framework).slots()[index]);
    }

    /**
     * Why a task is still pending: the first obstacle an allocation round would meet for it, found against the state
     * now (see {@link PendingReason} for the order). A query, not on the decision path: it may look at every agent.
     * Allocation-free.
     *
     * @param taskId a task id, as {@code onQueued} gave it.
     * @param into   filled and returned.
     * @return {@code into}; {@link PendingReason#UNKNOWN_TASK} or {@link PendingReason#NOT_PENDING} for an id that
     * is not a pending task.
     */
    public PendingDiagnosis pendingDiagnosis(final long taskId, final PendingDiagnosis into)
    {
        return diagnoser.diagnose(taskId, into);
    }

    /**
     * @param taskId a task id.
     * @return a new {@link PendingDiagnosis} of the task, safe to hand to another thread.
     */
    public PendingDiagnosis pendingDiagnosis(final long taskId)
    {
        return diagnoser.diagnose(taskId, new PendingDiagnosis());
    }

    /**
     * @param taskId a task id.
     * @return why it is pending (see {@link #pendingDiagnosis(long, PendingDiagnosis)}); allocation-free.
     */
    public PendingReason pendingReason(final long taskId)
    {
        return diagnoser.diagnose(taskId, scratchDiagnosis).reason();
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
        return totals.dominantShare(config, d -> frameworks.allocated(framework, d));
    }

    /**
     * @param role a role id (see {@link #roleId(String)}).
     * @return the dominant share of the role's summed allocation divided by its weight.
     */
    public double roleShare(final int role)
    {
        return totals.dominantShare(config, d -> roles.allocated(role, d)) / roles.weight(role);
    }

    /** @return the number of roles (named by a framework or a setting); ids run from 0 to this minus one. */
    public int roleCount()
    {
        return roles.count();
    }

    /**
     * @param role a role id.
     * @return its name.
     */
    public String roleName(final int role)
    {
        return roles.name(role);
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
        return totals.capacity(dimension);
    }

    /**
     * @param dimension a dimension index.
     * @return total running non-revocable allocation, in milli-units.
     */
    public long clusterAllocated(final int dimension)
    {
        return totals.allocated(dimension);
    }

    /** @return true while the cluster is above the admission threshold. */
    public boolean admissionClosed()
    {
        return totals.isAbove(config.admissionMaxUtilizationMillis());
    }

    /** @return agents whose usage trend projects them into pressure. */
    public int avoidedAgentCount()
    {
        return eligibility.avoidedAgents();
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
        return unplaceable.measure(framework, demand);
    }

    /**
     * @param framework a framework id.
     * @param label     a label id, or -1 for any label.
     * @return the id of the framework's oldest running task with that label, or -1 if none. Walks the framework's
     * running tasks: a query, not for the hot path.
     */
    public long oldestRunningTask(final int framework, final int label)
    {
        return frameworks.isKnown(framework) ? ledger.oldestRunning(framework, label) : -1;
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
     * @param slot an agent slot.
     * @return the ids of the tasks running on it, oldest first, in a new array; empty for an unknown slot. Walks its
     * tasks: a query, not for the hot path.
     */
    public long[] agentRunningTasks(final int slot)
    {
        if (!agents.isRegistered(slot))
        {
            return new long[0];
        }
        final long[] ids = new long[agents.taskCount(slot)];
        int next = ids.length;
        for (int task = ledger.firstOnAgent(slot); task != TaskLedger.NONE; task = ledger.nextOnAgent(task))
        {
            ids[--next] = ledger.taskId(task);
        }
        return ids;
    }

    /**
     * @param framework a framework id.
     * @return the ids of its pending tasks in the order rounds serve them, in a new array; empty for an unknown
     * framework. A query, not for the hot path.
     */
    public long[] frameworkPendingTasks(final int framework)
    {
        if (!frameworks.isKnown(framework))
        {
            return new long[0];
        }
        final int[] slots = frameworks.queue(framework).slots();
        final long[] ids = new long[slots.length];
        for (int i = 0; i < slots.length; i++)
        {
            ids[i] = ledger.taskId(slots[i]);
        }
        return ids;
    }

    /**
     * @param taskId a task id.
     * @return true if the task waits in its framework's queue.
     */
    public boolean isPending(final long taskId)
    {
        final int task = ledger.liveSlotOf(taskId);
        return task != TaskLedger.NONE && ledger.isPending(task);
    }

    /**
     * @param key a caller's task key.
     * @return the id of the live (pending or running) task holding it, or -1.
     */
    public long taskIdOfKey(final long key)
    {
        return ledger.taskIdOfKey(key);
    }

    /**
     * @param taskId a task id.
     * @return the caller's key of the live task, or {@link TaskRequest#NO_KEY} if it has none or is not live.
     */
    public long taskKey(final long taskId)
    {
        final int task = ledger.liveSlotOf(taskId);
        return task == TaskLedger.NONE ? TaskRequest.NO_KEY : ledger.key(task);
    }

    /**
     * Reads everything about a live task at once.
     *
     * @param taskId a task id.
     * @param into   filled with the task (agent slot -1 while it is pending).
     * @return true if the task is live; false, and {@code into} unchanged, if not.
     */
    public boolean task(final long taskId, final TaskRecord into)
    {
        final int task = ledger.liveSlotOf(taskId);
        if (task == TaskLedger.NONE)
        {
            return false;
        }
        into.fill(ledger, task);
        return true;
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
        return counters.refusals(reason);
    }

    /** @return stale, duplicate or reordered agent updates ignored. */
    public long staleUpdates()
    {
        return counters.refusals(Reason.STALE_UPDATE);
    }

    /** @return tasks placed. */
    public long placements()
    {
        return counters.placements();
    }

    /** @return tasks adopted with their agents' registrations (running when registered, not placed here). */
    public long adoptedTasks()
    {
        return counters.adopted();
    }

    /** @return tasks finished. */
    public long finishes()
    {
        return counters.finishes();
    }

    /** @return tasks lost with their agents. */
    public long lostTasks()
    {
        return counters.ended(TaskEndCause.LOST);
    }

    /**
     * @param cause why the kernel ended tasks.
     * @return how many running tasks the kernel ended for that cause.
     */
    public long endedTasks(final TaskEndCause cause)
    {
        return counters.ended(cause);
    }

    /** @return allocation rounds run. */
    public long rounds()
    {
        return counters.rounds();
    }

    /** @return heartbeats applied. */
    public long heartbeats()
    {
        return counters.heartbeats();
    }

    /** @return agents registered. */
    public long registrations()
    {
        return counters.registrations();
    }

    /** @return agents removed. */
    public long removals()
    {
        return counters.removals();
    }

    /**
     * @return a 64-bit hash of the whole state: agent records, ids, attributes, the index layout, the ledger,
     * frameworks, labels and counters. Two kernels fed the same calls have the same hash.
     */
    public long stateHash()
    {
        return hasher.hash();
    }
}
