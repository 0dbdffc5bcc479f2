package io.stowage.sim.cluster;

import io.stowage.core.Constraint;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.stowage.sim.cluster.ClusterShape.CPUS;
import static io.stowage.sim.cluster.ClusterShape.GPUS;

/**
 * The frameworks and what they submit each simulated second, sized to the cluster: two services kept at a target
 * instance count, two batch frameworks fed in bursts, a flooder at a hundred times its rate limit, one asking for zero
 * or absurd resources, one asking for a zone that does not exist, high-priority waves, and revocable best-effort work.
 * Together they ask for more than the cluster holds, so that fairness, admission and preemption matter. Tasks that
 * need no GPU keep off the GPU hosts (a constraint), as operators reserve them. Runs on the driver thread.
 */
final class Workload
{
    /** At most this many submissions per framework per second, so that a start from empty ramps up. */
    private static final int MAX_PER_SECOND = 4000;
    /** A batch framework keeps at most this many tasks pending in the allocator; the rest waits in its backlog. */
    private static final int BATCH_PENDING_TARGET = MAX_PER_SECOND;
    private static final long ABSURD_CPUS_MILLI = 1_000_000_000L;

    /** Limits for frameworks that should never meet them. */
    private static final Limits GENEROUS = new Limits(10_000, 20_000, 10_000);
    /** Limits for the frameworks that ask for nothing sensible. */
    private static final Limits SPARING = new Limits(10, 20, 100);

    final List<FrameworkSpec> specs = new ArrayList<>();
    private final List<Demand> demands = new ArrayList<>();
    private final long[] backlog;
    private final long[] submitCounts;
    private final boolean protections;
    private final SplittableRandom random;
    private final long[] resources = new long[ClusterShape.DIMENSIONS];
    private int unsatisfiableConstraints;
    private int offGpuHosts;

    Workload(final ClusterShape shape, final boolean protections, final SplittableRandom random)
    {
        this.random = random;
        this.protections = protections;
        final double cpus = shape.clusterCapacity[CPUS] / 1000.0;
        final double gpus = shape.clusterCapacity[GPUS] / 1000.0;
        final long flooderRate = Math.max(5, shape.agents / 1000);
        add("web", FrameworkKind.SERVICE, 2, 0, 2, 8, 0, 120, 480, GENEROUS, Demand.instances(0.30 * cpus / 3));
        add("api", FrameworkKind.SERVICE, 1, 0, 1, 8, 0, 120, 480, GENEROUS, Demand.instances(0.20 * cpus / 1.5));
        add("etl", FrameworkKind.BATCH, 1, 0, 1, 4, 0, 60, 240, GENEROUS, Demand.bursts(0.25 * cpus / 1.5, 20));
        add("ml", FrameworkKind.BATCH, 1, 0, 2, 16, 1, 60, 240, GENEROUS, Demand.bursts(0.6 * gpus, 120));
        add("flooder", FrameworkKind.FLOODER, 1, 0, 1, 4, 0, 30, 90,
            new Limits(flooderRate, 2 * flooderRate, 1_000), Demand.perSecond(100 * flooderRate));
        add("absurd", FrameworkKind.ABSURD, 1, 0, 0, 0, 0, 10, 10, SPARING, Demand.perSecond(2));
        add("nowhere", FrameworkKind.UNSATISFIABLE, 1, 0, 1, 4, 0, 60, 60, SPARING, Demand.perSecond(2));
        add("urgent", FrameworkKind.PRIORITY, 1, 10, 4, 16, 0, 60, 180, GENEROUS, Demand.bursts(0.01 * cpus / 6, 90));
        add("scavenger", FrameworkKind.BEST_EFFORT, 0.5, 0, 1, 4, 0, 60, 300, GENEROUS,
            Demand.instances(0.15 * cpus / 1.5));
        backlog = new long[specs.size()];
        submitCounts = new long[specs.size()];
    }

    /** Rate limit (tasks per second), token bucket size and pending limit a framework gets with the protections. */
    private record Limits(long perSecond, long burst, int maxPending)
    {
    }

    /**
     * What a framework wants: instances kept running (services, best effort), a burst into its backlog every so many
     * seconds (batch, priority), or a number of submissions every second (the bad ones).
     */
    private record Demand(long instances, long burstTasks, int burstEvery, long perSecond)
    {
        static Demand instances(final double instances)
        {
            return new Demand((long)instances, 0, 0, 0);
        }

        static Demand bursts(final double tasks, final int every)
        {
            return new Demand(0, (long)tasks, every, 0);
        }

        static Demand perSecond(final long tasks)
        {
            return new Demand(0, 0, 0, tasks);
        }
    }

    private void add(
        final String name,
        final FrameworkKind kind,
        final double weight,
        final int priority,
        final long cpus,
        final long memGiB,
        final long gpus,
        final int minSeconds,
        final int maxSeconds,
        final Limits limits,
        final Demand demand)
    {
        specs.add(new FrameworkSpec(name, kind, weight, priority, kind == FrameworkKind.BEST_EFFORT, cpus * 1000,
            memGiB * 1024 * 1000, gpus * 1000, minSeconds, maxSeconds,
            protections ? limits.perSecond() * 1000 : -1, limits.burst(), protections ? limits.maxPending() : -1));
        demands.add(demand);
    }

    /**
     * Registers the roles and frameworks with the allocator.
     *
     * @return the kernel's framework id of each spec, in order.
     */
    int[] register(final AllocatorLink client)
    {
        final int[] ids = new int[specs.size()];
        for (int f = 0; f < ids.length; f++)
        {
            final FrameworkSpec spec = specs.get(f);
            client.setRole(spec.name(), spec.weight(), null, null, 0);
            ids[f] = client.registerFramework(spec.name(), spec.name(), spec.ratePerSecondMilli(), spec.burst(),
                spec.maxPending());
        }
        unsatisfiableConstraints = client.internConstraints(List.of(Constraint.eq("zone", "z9")));
        offGpuHosts = client.internConstraints(List.of(Constraint.ne("gpu", "true")));
        return ids;
    }

    /**
     * Submits what each framework wants this second.
     *
     * @param second  the simulated second.
     * @param running tasks running per framework (spec order).
     * @param pending tasks pending in the allocator per framework.
     * @param submit  where each submission goes.
     */
    void submit(final int second, final long[] running, final long[] pending, final Submitter submit)
    {
        long most = 0;
        for (int f = 0; f < specs.size(); f++)
        {
            final FrameworkSpec spec = specs.get(f);
            final Demand demand = demands.get(f);
            long count = switch (spec.kind())
            {
                case SERVICE, BEST_EFFORT ->
                {
                    // instances it wants beyond those running and pending: it keeps at most MAX_PER_SECOND pending
                    // and holds the rest back, like a batch framework's backlog
                    final long wanted = Math.max(0, demand.instances() - running[f] - pending[f]);
                    final long room = Math.max(0, Math.min(wanted, MAX_PER_SECOND - pending[f]));
                    backlog[f] = wanted - room;
                    yield room;
                }
                case BATCH, PRIORITY ->
                {
                    final int every = demand.burstEvery();
                    if (second % every == burstOffset(spec.kind(), every))
                    {
                        backlog[f] += demand.burstTasks();
                    }
                    final long room = spec.kind() == FrameworkKind.PRIORITY ? backlog[f] :
                        Math.min(backlog[f], BATCH_PENDING_TARGET - pending[f]);
                    backlog[f] -= Math.max(0, room);
                    yield room;
                }
                case FLOODER, ABSURD, UNSATISFIABLE -> demand.perSecond();
            };
            count = Math.min(count, spec.kind() == FrameworkKind.FLOODER ? demand.perSecond() : MAX_PER_SECOND);
            submitCounts[f] = count;
            most = Math.max(most, count);
        }
        // Frameworks submit side by side, one task each in turn, as independent schedulers would: a round that runs
        // part-way through the second's submissions then sees every framework's share of them.
        for (long i = 0; i < most; i++)
        {
            for (int f = 0; f < specs.size(); f++)
            {
                if (i < submitCounts[f])
                {
                    submitOne(f, specs.get(f), submit);
                }
            }
        }
    }

    /** Batch bursts start in the first second; the first priority wave comes at two thirds of its period, on a full cluster. */
    private static int burstOffset(final FrameworkKind kind, final int every)
    {
        return kind == FrameworkKind.PRIORITY ? every * 2 / 3 : 1 % every;
    }

    /**
     * A batch or priority framework keeps the tasks the allocator turned away for now (admission closed, rate or
     * pending limit) and submits them again later.
     *
     * @param framework the framework (spec order).
     * @param tasks     tasks turned away since the last call.
     */
    void turnedAway(final int framework, final long tasks)
    {
        final FrameworkKind kind = specs.get(framework).kind();
        if (kind == FrameworkKind.BATCH || kind == FrameworkKind.PRIORITY)
        {
            backlog[framework] += tasks;
        }
    }

    /**
     * @return the tasks each framework holds back (demand the allocator does not see yet): a batch framework's backlog,
     * or the instances a service wants beyond those running and pending.
     */
    long backlog(final int framework)
    {
        return backlog[framework];
    }

    private void submitOne(final int f, final FrameworkSpec spec, final Submitter submit)
    {
        int constraints = 0;
        if (spec.kind() == FrameworkKind.ABSURD)
        {
            final boolean zero = random.nextBoolean();
            resources[CPUS] = zero ? 0 : ABSURD_CPUS_MILLI;
            resources[ClusterShape.MEM] = zero ? 0 : ABSURD_CPUS_MILLI * ClusterShape.MIB_PER_CPU;
            resources[GPUS] = 0;
        }
        else
        {
            final int pick = random.nextInt(10);
            final int factor = pick >= 6 ? 2 : 1;
            resources[CPUS] = spec.cpusMilli() * factor;
            resources[ClusterShape.MEM] = spec.memMiBMilli() * factor;
            resources[GPUS] = spec.gpusMilli();
            if (spec.kind() == FrameworkKind.UNSATISFIABLE)
            {
                constraints = unsatisfiableConstraints;
            }
            else if (spec.gpusMilli() == 0)
            {
                constraints = offGpuHosts;
            }
        }
        submit.submit(f, resources, spec.priority(), spec.revocable(), constraints);
    }

    /** Where a submission goes. */
    @FunctionalInterface
    interface Submitter
    {
        void submit(int framework, long[] resources, int priority, boolean revocable, int constraints);
    }
}
