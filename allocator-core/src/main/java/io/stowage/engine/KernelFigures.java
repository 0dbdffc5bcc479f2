package io.stowage.engine;

import io.stowage.core.AgentState;
import io.stowage.core.KernelView;
import io.stowage.core.Reason;
import io.stowage.core.ResourceSchema;
import io.stowage.core.ResourceUnit;

/**
 * What a Prometheus scrape shows of the kernel's own books, copied in one {@link AllocatorEngine#query} on the kernel
 * thread so that the HTTP thread never reads the single writer's arrays: per framework and per role the pending and
 * running tasks, the running non-revocable allocation per dimension and the refusals by reason; agents per state;
 * the cluster's capacity and allocation. Immutable once made. Quantities are in the dimension's base unit: bytes for
 * a {@link ResourceUnit#MEBIBYTES} dimension, the plain count (cpus, gpus) otherwise.
 */
final class KernelFigures
{
    private static final Reason[] REASONS = Reason.values();
    private static final AgentState[] STATES = AgentState.values();

    final String[] dimensions;
    final boolean[] bytes;
    final String[] frameworks;
    final String[] frameworkRoles;
    final long[] frameworkPending;
    final long[] frameworkRunning;
    final long[] frameworkPlaced;
    final double[][] frameworkAllocated;
    final long[][] frameworkRefusals;
    final String[] roles;
    final long[] rolePending;
    final long[] roleRunning;
    final double[][] roleAllocated;
    final long[][] roleRefusals;
    final long[] agentsByState;
    final double[] clusterCapacity;
    final double[] clusterAllocated;

    private KernelFigures(final KernelView view)
    {
        final ResourceSchema schema = view.schema();
        final int dimensionCount = schema.dimensions();
        dimensions = new String[dimensionCount];
        bytes = new boolean[dimensionCount];
        clusterCapacity = new double[dimensionCount];
        clusterAllocated = new double[dimensionCount];
        for (int d = 0; d < dimensionCount; d++)
        {
            dimensions[d] = schema.name(d);
            bytes[d] = schema.unit(d) == ResourceUnit.MEBIBYTES;
            clusterCapacity[d] = baseUnits(view.clusterCapacity(d), d);
            clusterAllocated[d] = baseUnits(view.clusterAllocated(d), d);
        }

        final int roleCount = view.roleCount();
        roles = new String[roleCount];
        rolePending = new long[roleCount];
        roleRunning = new long[roleCount];
        roleAllocated = new double[roleCount][dimensionCount];
        roleRefusals = new long[roleCount][REASONS.length];
        for (int r = 0; r < roleCount; r++)
        {
            roles[r] = view.roleName(r);
            for (int d = 0; d < dimensionCount; d++)
            {
                roleAllocated[r][d] = baseUnits(view.roleAllocated(r, d), d);
            }
        }

        // Removed frameworks are left out: their name may be registered again, and one name is one series.
        final int[] live = java.util.stream.IntStream.range(0, view.frameworkCount())
            .filter(view::isFrameworkKnown).toArray();
        final int frameworkCount = live.length;
        frameworks = new String[frameworkCount];
        frameworkRoles = new String[frameworkCount];
        frameworkPending = new long[frameworkCount];
        frameworkRunning = new long[frameworkCount];
        frameworkPlaced = new long[frameworkCount];
        frameworkAllocated = new double[frameworkCount][dimensionCount];
        frameworkRefusals = new long[frameworkCount][REASONS.length];
        for (int f = 0; f < frameworkCount; f++)
        {
            final int id = live[f];
            frameworks[f] = view.frameworkName(id);
            frameworkRoles[f] = view.frameworkRole(id);
            frameworkPending[f] = view.frameworkPending(id);
            frameworkRunning[f] = view.frameworkRunning(id);
            frameworkPlaced[f] = view.frameworkPlaced(id);
            for (int d = 0; d < dimensionCount; d++)
            {
                frameworkAllocated[f][d] = baseUnits(view.frameworkAllocated(id, d), d);
            }
            for (final Reason reason : REASONS)
            {
                frameworkRefusals[f][reason.ordinal()] = view.frameworkRefusals(id, reason);
            }
        }
        // A role's figures sum all its frameworks', removed ones included, so that its refusal counters never fall.
        for (int id = 0; id < view.frameworkCount(); id++)
        {
            final int role = view.roleId(view.frameworkRole(id));
            rolePending[role] += view.frameworkPending(id);
            roleRunning[role] += view.frameworkRunning(id);
            for (final Reason reason : REASONS)
            {
                roleRefusals[role][reason.ordinal()] += view.frameworkRefusals(id, reason);
            }
        }

        agentsByState = new long[STATES.length];
        for (int slot = 0, n = view.maxAgents(); slot < n; slot++)
        {
            if (view.isRegistered(slot))
            {
                agentsByState[view.agentState(slot).ordinal()]++;
            }
        }
    }

    /**
     * Copies the figures; on the kernel thread only (the question of one {@link AllocatorEngine#query} per scrape).
     * O(agent slots + frameworks × (dimensions + reasons)).
     *
     * @param view the kernel's view.
     * @return the copy.
     */
    static KernelFigures copy(final KernelView view)
    {
        return new KernelFigures(view);
    }

    private double baseUnits(final long millis, final int dimension)
    {
        return bytes[dimension] ? millis * (1024.0 * 1024.0 / 1000.0) : millis / 1000.0;
    }

    static Reason reason(final int ordinal)
    {
        return REASONS[ordinal];
    }

    static AgentState state(final int ordinal)
    {
        return STATES[ordinal];
    }
}
