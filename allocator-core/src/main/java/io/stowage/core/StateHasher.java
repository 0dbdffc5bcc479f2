package io.stowage.core;

/**
 * Computes the kernel's state hash: a 64-bit digest of the whole state (agent records, ids, attributes, the index
 * layout, the ledger, frameworks, roles, constraints, heartbeat and registration order, usage trends, labels and
 * counters). Two kernels fed the same calls have the same hash; the order of the fields below is part of the hash,
 * so it changes only on purpose.
 */
final class StateHasher
{
    private final KernelConfig config;
    private final AgentTable agents;
    private final AgentDirectory directory;
    private final AttributeInterner attributes;
    private final PlacementIndex index;
    private final TaskLedger ledger;
    private final FrameworkBook frameworks;
    private final RoleBook roles;
    private final ConstraintBook constraints;
    private final HeartbeatOrder heartbeatOrder;
    private final RegistrationOrder registrationOrder;
    private final HeartbeatMonitor heartbeats;
    private final LabelBook labels;
    private final KernelCounters counters;
    private final KernelClock clock;

    StateHasher(
        final KernelConfig config,
        final AgentTable agents,
        final AgentDirectory directory,
        final AttributeInterner attributes,
        final PlacementIndex index,
        final TaskLedger ledger,
        final FrameworkBook frameworks,
        final RoleBook roles,
        final ConstraintBook constraints,
        final HeartbeatOrder heartbeatOrder,
        final RegistrationOrder registrationOrder,
        final HeartbeatMonitor heartbeats,
        final LabelBook labels,
        final KernelCounters counters,
        final KernelClock clock)
    {
        this.config = config;
        this.agents = agents;
        this.directory = directory;
        this.attributes = attributes;
        this.index = index;
        this.ledger = ledger;
        this.frameworks = frameworks;
        this.roles = roles;
        this.constraints = constraints;
        this.heartbeatOrder = heartbeatOrder;
        this.registrationOrder = registrationOrder;
        this.heartbeats = heartbeats;
        this.labels = labels;
        this.counters = counters;
        this.clock = clock;
    }

    long hash()
    {
        final int dimensions = config.schema().dimensions();
        long hash = StateHash.mix(0, config.schema().toString());
        hash = StateHash.mix(hash, config.placement().ordinal());
        hash = StateHash.mix(hash, config.oversubscriptionRatioMillis());
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
                hash = StateHash.mix(hash, ledger.key(task));
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
        hash = heartbeatOrder.hash(hash);
        for (int slot = 0; slot < agents.maxAgents(); slot++)
        {
            if (agents.isRegistered(slot))
            {
                hash = StateHash.mix(hash, registrationOrder.numberOf(slot));
                hash = heartbeats.hash(slot, hash);
            }
        }
        hash = labels.hash(hash);
        return counters.hash(hash, clock.now());
    }
}
