package io.stowage.core;

import java.util.List;
import java.util.Map;

import static io.stowage.core.AgentTableDescriptor.CAPACITY;
import static io.stowage.core.AgentTableDescriptor.FLAG_AVOIDED;
import static io.stowage.core.AgentTableDescriptor.FLAG_DRAINING;

/**
 * The agent lifecycle: registration (checks, a table slot, external id, attributes, heartbeat and registration
 * order), capacity and attribute changes, draining, and removal (its running tasks lost, its slot freed for reuse
 * under a new epoch). Keeps the cluster's total capacity.
 */
final class AgentRegistry
{
    private final AgentTable agents;
    private final AgentDirectory directory;
    private final AttributeInterner attributes;
    private final ConstraintViews views;
    private final RegistrationOrder registrationOrder;
    private final AgentEligibility eligibility;
    private final IndexUpkeep upkeep;
    private final HeartbeatMonitor heartbeats;
    private final TaskAccounting accounting;
    private final TaskLedger ledger;
    private final ClusterTotals totals;
    private final RequestChecks checks;
    private final Adoption adoption;
    private final KernelCounters counters;
    private final KernelClock clock;
    private final int dimensions;

    AgentRegistry(
        final AgentTable agents,
        final AgentDirectory directory,
        final AttributeInterner attributes,
        final ConstraintViews views,
        final RegistrationOrder registrationOrder,
        final AgentEligibility eligibility,
        final IndexUpkeep upkeep,
        final HeartbeatMonitor heartbeats,
        final TaskAccounting accounting,
        final TaskLedger ledger,
        final ClusterTotals totals,
        final RequestChecks checks,
        final Adoption adoption,
        final KernelCounters counters,
        final KernelClock clock,
        final int dimensions)
    {
        this.agents = agents;
        this.directory = directory;
        this.attributes = attributes;
        this.views = views;
        this.registrationOrder = registrationOrder;
        this.eligibility = eligibility;
        this.upkeep = upkeep;
        this.heartbeats = heartbeats;
        this.accounting = accounting;
        this.ledger = ledger;
        this.totals = totals;
        this.checks = checks;
        this.adoption = adoption;
        this.counters = counters;
        this.clock = clock;
        this.dimensions = dimensions;
    }

    /** See {@link AllocatorKernel#registerAgent(String, long[], Map, long, List)}. */
    Reason register(
        final String id,
        final long[] capacity,
        final Map<String, String> attributeMap,
        final long time,
        final List<AdoptedTask> running)
    {
        if (id == null || id.isEmpty())
        {
            return counters.refuse(Reason.INVALID_REQUEST);
        }
        Reason reason = checkRegistration(directory.slotOf(id) >= 0, capacity, attributeMap);
        if (reason == Reason.OK)
        {
            reason = adoption.check(running);
        }
        if (reason != Reason.OK)
        {
            return counters.refuse(reason);
        }
        final int slot = agents.allocateSlot();
        directory.bind(id, slot);
        initialise(slot, capacity, attributeMap, time);
        adoption.apply(slot, running);
        return Reason.OK;
    }

    /** See {@link AllocatorKernel#registerAgent(long, long[], Map, long)}. */
    Reason register(final long id, final long[] capacity, final Map<String, String> attributeMap, final long time)
    {
        final Reason reason = checkRegistration(directory.slotOf(id) >= 0, capacity, attributeMap);
        if (reason != Reason.OK)
        {
            return counters.refuse(reason);
        }
        final int slot = agents.allocateSlot();
        directory.bind(id, slot);
        initialise(slot, capacity, attributeMap, time);
        return Reason.OK;
    }

    /** @return why a registration is refused, in the order the kernel has always checked, or OK. */
    private Reason checkRegistration(
        final boolean idTaken, final long[] capacity, final Map<String, String> attributeMap)
    {
        if (idTaken)
        {
            return Reason.AGENT_EXISTS;
        }
        if (!checks.isValidVector(capacity, true))
        {
            return Reason.INVALID_REQUEST;
        }
        if (!isValidAttributes(attributeMap))
        {
            return Reason.INVALID_ATTRIBUTES;
        }
        return agents.isFull() ? Reason.AGENT_LIMIT : Reason.OK;
    }

    /** @return true if a map may be an agent's attributes: at most the limit, names not blank, no null value. */
    private static boolean isValidAttributes(final Map<String, String> attributeMap)
    {
        if (attributeMap == null || attributeMap.size() > KernelConfig.MAX_ATTRIBUTES_PER_AGENT)
        {
            return false;
        }
        for (final Map.Entry<String, String> e : attributeMap.entrySet())
        {
            if (e.getKey() == null || e.getKey().isBlank() || e.getValue() == null)
            {
                return false;
            }
        }
        return true;
    }

    private void initialise(
        final int slot, final long[] capacity, final Map<String, String> attributeMap, final long timeNanos)
    {
        clock.advance(timeNanos);
        if (counters.registrations() == 0)
        {
            upkeep.scaleTo(capacity);
        }
        for (int d = 0; d < dimensions; d++)
        {
            agents.set(slot, CAPACITY, d, capacity[d]);
            totals.addCapacity(d, capacity[d]);
        }
        final int attributeSet = attributes.intern(attributeMap);
        agents.attributeSet(slot, attributeSet);
        attributes.join(attributeSet, slot);
        agents.lastHeartbeat(slot, clock.now());
        heartbeats.onRegistered(slot);
        registrationOrder.append(slot, counters.onRegistered());
        eligibility.onRegistered();
        upkeep.refreshCapacity(slot);
        upkeep.refreshAgent(slot);
    }

    /** See {@link AllocatorKernel#updateCapacity(int, long[])}. */
    Reason updateCapacity(final int slot, final long[] capacity)
    {
        if (!agents.isRegistered(slot))
        {
            return counters.refuse(Reason.UNKNOWN_AGENT);
        }
        if (!checks.isValidVector(capacity, true))
        {
            return counters.refuse(Reason.INVALID_REQUEST);
        }
        for (int d = 0; d < dimensions; d++)
        {
            totals.addCapacity(d, capacity[d] - agents.get(slot, CAPACITY, d));
            agents.set(slot, CAPACITY, d, capacity[d]);
        }
        upkeep.refreshCapacity(slot);
        upkeep.refreshAgent(slot);
        return Reason.OK;
    }

    /**
     * See {@link AllocatorKernel#updateAttributes(int, Map)}. Everything is checked before anything is interned, so
     * a refusal leaves the interner, the record and the views as they were. An accepted map moves the agent between
     * the members of its old and new attribute set and tells the constraint views, which move its running tasks in
     * the spread tallies and re-decide whether each view allows it. Nothing else depends on attributes: the index's
     * leaves, maxPerAgent counts (per agent, not per value) and the preemption index do not, and preemption and the
     * autoscaling signal read the record when they ask.
     */
    Reason updateAttributes(final int slot, final Map<String, String> attributeMap)
    {
        if (!agents.isRegistered(slot))
        {
            return counters.refuse(Reason.UNKNOWN_AGENT);
        }
        if (!isValidAttributes(attributeMap))
        {
            return counters.refuse(Reason.INVALID_ATTRIBUTES);
        }
        final int before = agents.attributeSet(slot);
        final int after = attributes.intern(attributeMap);
        if (after == before)
        {
            return Reason.OK;
        }
        attributes.leave(before, slot);
        agents.attributeSet(slot, after);
        attributes.join(after, slot);
        views.onAttributesChanged(slot, before);
        return Reason.OK;
    }

    /** Starts or ends draining. */
    Reason drain(final int slot, final boolean on)
    {
        if (!agents.isRegistered(slot))
        {
            return counters.refuse(Reason.UNKNOWN_AGENT);
        }
        final int flags = agents.flags(slot);
        eligibility.setFlags(slot, on ? flags | FLAG_DRAINING : flags & ~FLAG_DRAINING);
        upkeep.refreshAgent(slot);
        return Reason.OK;
    }

    /** See {@link AllocatorKernel#removeAgent(int)}. */
    Reason remove(final int slot)
    {
        if (!agents.isRegistered(slot))
        {
            return counters.refuse(Reason.UNKNOWN_AGENT);
        }
        for (int task = ledger.firstOnAgent(slot); task != TaskLedger.NONE; task = ledger.firstOnAgent(slot))
        {
            accounting.end(task, TaskEndCause.LOST);
        }
        eligibility.setFlags(slot, agents.flags(slot) & ~FLAG_AVOIDED);
        eligibility.onRemoved(slot);
        for (int d = 0; d < dimensions; d++)
        {
            totals.addCapacity(d, -agents.get(slot, CAPACITY, d));
        }
        upkeep.exclude(slot);
        attributes.leave(agents.attributeSet(slot), slot);
        heartbeats.onRemoved(slot);
        registrationOrder.remove(slot);
        directory.unbind(slot);
        agents.freeSlot(slot);
        counters.onRemoved();
        return Reason.OK;
    }
}
