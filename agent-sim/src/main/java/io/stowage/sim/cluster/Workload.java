package io.stowage.sim.cluster;

import io.stowage.core.Constraint;
import io.stowage.engine.AllocatorClient;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.stowage.sim.cluster.ClusterShape.CPUS;
import static io.stowage.sim.cluster.ClusterShape.GPUS;
import static io.stowage.sim.cluster.ClusterShape.MIB_PER_CPU;

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
    private static final int BATCH_PENDING_TARGET = 2000;
    private static final long ABSURD_CPUS_MILLI = 1_000_000_000L;

    final List<FrameworkSpec> specs = new ArrayList<>();
    private final long[] target;
    private final long[] backlog;
    private final long[] burst;
    private final int[] burstEvery;
    private final long[] perSecond;
    private final SplittableRandom random;
    private final long[] resources = new long[ClusterShape.DIMENSIONS];
    private final List<long[]> pendingTargets = new ArrayList<>();
    private int unsatisfiableConstraints;
    private int offGpuHosts;

    Workload(final ClusterShape shape, final boolean protections, final SplittableRandom random)
    {
        this.random = random;
        final double cpus = shape.clusterCapacity[CPUS] / 1000.0;
        final double gpus = shape.clusterCapacity[GPUS] / 1000.0;
        final long flooderRate = Math.max(5, shape.agents / 1000);
        add(new FrameworkSpec("web", FrameworkKind.SERVICE, 2, 0, false, 2000, 2 * MIB_PER_CPU * 1000, 0,
            300, 900, limit(protections, 10_000_000), 20_000, protections ? 10_000 : -1), (long)(0.30 * cpus / 3), 0, 0, 0);
        add(new FrameworkSpec("api", FrameworkKind.SERVICE, 1, 0, false, 1000, 2 * MIB_PER_CPU * 1000, 0,
            300, 900, limit(protections, 10_000_000), 20_000, protections ? 10_000 : -1), (long)(0.20 * cpus / 1.5), 0, 0, 0);
        add(new FrameworkSpec("etl", FrameworkKind.BATCH, 1, 0, false, 1000, MIB_PER_CPU * 1000, 0,
            60, 240, limit(protections, 10_000_000), 20_000, protections ? 10_000 : -1), 0, (long)(0.25 * cpus / 1.5), 20,
            0);
        add(new FrameworkSpec("ml", FrameworkKind.BATCH, 1, 0, false, 2000, 4 * MIB_PER_CPU * 1000, 1000,
            60, 240, limit(protections, 10_000_000), 20_000, protections ? 10_000 : -1), 0, (long)(0.6 * gpus), 120, 0);
        add(new FrameworkSpec("flooder", FrameworkKind.FLOODER, 1, 0, false, 1000, MIB_PER_CPU * 1000, 0,
            30, 90, limit(protections, flooderRate * 1000), 2 * flooderRate, protections ? 1_000 : -1), 0, 0, 0,
            100 * flooderRate);
        add(new FrameworkSpec("absurd", FrameworkKind.ABSURD, 1, 0, false, 0, 0, 0,
            10, 10, limit(protections, 10_000), 20, protections ? 100 : -1), 0, 0, 0, 2);
        add(new FrameworkSpec("nowhere", FrameworkKind.UNSATISFIABLE, 1, 0, false, 1000, MIB_PER_CPU * 1000, 0,
            60, 60, limit(protections, 10_000), 20, protections ? 100 : -1), 0, 0, 0, 2);
        add(new FrameworkSpec("urgent", FrameworkKind.PRIORITY, 1, 10, false, 4000, 4 * MIB_PER_CPU * 1000, 0,
            60, 180, limit(protections, 10_000_000), 20_000, protections ? 10_000 : -1), 0, (long)(0.01 * cpus / 6), 90, 0);
        add(new FrameworkSpec("scavenger", FrameworkKind.BEST_EFFORT, 0.5, 0, true, 1000, MIB_PER_CPU * 1000, 0,
            60, 300, limit(protections, 10_000_000), 20_000, protections ? 10_000 : -1), (long)(0.15 * cpus / 1.5), 0, 0, 0);
        final int n = specs.size();
        target = new long[n];
        backlog = new long[n];
        burst = new long[n];
        burstEvery = new int[n];
        perSecond = new long[n];
        for (int f = 0; f < n; f++)
        {
            target[f] = pendingTargets.get(f)[0];
            burst[f] = pendingTargets.get(f)[1];
            burstEvery[f] = (int)pendingTargets.get(f)[2];
            perSecond[f] = pendingTargets.get(f)[3];
        }
    }

    private static long limit(final boolean protections, final long rateMilli)
    {
        return protections ? rateMilli : -1;
    }

    private void add(
        final FrameworkSpec spec, final long instances, final long burstTasks, final long every, final long rate)
    {
        specs.add(spec);
        pendingTargets.add(new long[]{instances, burstTasks, every, rate});
    }

    /**
     * Registers the roles and frameworks with the allocator.
     *
     * @return the kernel's framework id of each spec, in order.
     */
    int[] register(final AllocatorClient client)
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
        for (int f = 0; f < specs.size(); f++)
        {
            final FrameworkSpec spec = specs.get(f);
            long count = switch (spec.kind())
            {
                case SERVICE, BEST_EFFORT -> target[f] - running[f] - pending[f];
                case BATCH, PRIORITY ->
                {
                    if (burstEvery[f] > 0 && second % burstEvery[f] == burstOffset(spec.kind(), burstEvery[f]))
                    {
                        backlog[f] += burst[f];
                    }
                    final long room = spec.kind() == FrameworkKind.PRIORITY ? backlog[f] :
                        Math.min(backlog[f], BATCH_PENDING_TARGET - pending[f]);
                    backlog[f] -= Math.max(0, room);
                    yield room;
                }
                case FLOODER, ABSURD, UNSATISFIABLE -> perSecond[f];
            };
            count = Math.min(count, spec.kind() == FrameworkKind.FLOODER ? perSecond[f] : MAX_PER_SECOND);
            for (long i = 0; i < count; i++)
            {
                submitOne(f, spec, submit);
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

    /** @return the tasks each framework holds back in its own backlog (demand the allocator does not see yet). */
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
            resources[ClusterShape.MEM] = zero ? 0 : ABSURD_CPUS_MILLI * MIB_PER_CPU;
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
