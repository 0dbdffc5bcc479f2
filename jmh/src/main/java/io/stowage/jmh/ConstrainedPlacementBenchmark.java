package io.stowage.jmh;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.Constraint;
import io.stowage.core.Decision;
import io.stowage.core.KernelConfig;
import io.stowage.core.PlacementPolicy;
import io.stowage.core.Reason;
import io.stowage.core.TaskRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static io.stowage.jmh.ClusterShape.*;

/**
 * Constrained placement in steady state on one thread, with the churn of {@link PlacementBenchmark}: each operation
 * finishes the oldest running constrained task and places a new one with the same constraint (and label).
 * <p>
 * Agents of 32 CPUs / 128 GiB carry {@code zone} (z0, z1, z2 in turn), {@code rack} (120 agents a rack) and, on 8 %
 * of them, {@code gpu=true}. The agents a constraint excludes are first filled by background tasks that never finish
 * (busy GPU hosts, other zones, other racks) to 99 % of their CPUs and then thinned at random to 85 %, so that under
 * binpack each has room for a small task in a fuller bucket than the allowed agents: a search that filters candidates
 * one by one meets all of them first. Then the allowed agents are filled to 70 % with constrained tasks, which the
 * operations churn.
 * <ul>
 *     <li>{@code NONE}: no constraint (the {@link PlacementBenchmark} case, for comparison).</li>
 *     <li>{@code NOT_IN_MINORITY}: {@code gpu ne true}: 8 % of the agents excluded.</li>
 *     <li>{@code EQ_ZONE}: {@code zone eq z0}: one zone of three.</li>
 *     <li>{@code IN_RACKS}: {@code rack in [3 racks]}: 360 agents.</li>
 *     <li>{@code MAX_PER_AGENT}: at most 2 tasks of the task's label on an agent (one label: replicas of a service
 *     kept apart). Background tasks without constraints hold 60 % of the cluster's CPUs (binpack packs them onto
 *     full agents), and the churned tasks number one for every two agents, so that under binpack the fullest agents
 *     that fit are the ones already at the limit.</li>
 *     <li>{@code MAX_PER_AGENT_8_LABELS}: the same limit for tasks of 8 labels in turn filling 70 % of the CPUs: one
 *     view per label, each kept in line with every placement (docs/placement-index.md, cost per operation).</li>
 * </ul>
 * <b>One operation is one {@code finish} plus one constrained {@code place}</b>: the score is placements per second.
 * Every placement must succeed and the kernel must pass the invariant checker at the end of the trial.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ConstrainedPlacementBenchmark extends JvmFlags
{
    /** Agents in a rack. */
    static final int RACK_SIZE = 120;
    /** Labels of MAX_PER_AGENT tasks. */
    static final int LABELS = 8;
    /** Percent of the allowed agents' CPUs the churned tasks hold. */
    static final int FILL_PERCENT = 70;
    /** Percent of the excluded agents' CPUs the background fills before it is thinned to BACKGROUND_PERCENT. */
    static final int BRIM_PERCENT = 99;
    /** Percent of every agent's CPUs the background tasks hold for MAX_PER_AGENT. */
    static final int SHARED_BACKGROUND_PERCENT = 60;
    /** Percent of the excluded agents' CPUs the background tasks hold. */
    static final int BACKGROUND_PERCENT = 85;

    /** The constraint every churned task carries. */
    public enum Kind
    {
        /** No constraint. */
        NONE,
        /** {@code gpu ne true}. */
        NOT_IN_MINORITY,
        /** {@code zone eq z0}. */
        EQ_ZONE,
        /** {@code rack in [r0, r1, r2]}. */
        IN_RACKS,
        /** {@code maxPerAgent 2}, one label. */
        MAX_PER_AGENT,
        /** {@code maxPerAgent 2}, eight labels. */
        MAX_PER_AGENT_8_LABELS
    }

    /** A filled cluster and the ring of its churned tasks. */
    @State(Scope.Thread)
    public static class Cluster
    {
        /** Registered agents. */
        @Param({"1000", "10000", "100000"})
        public int agents;

        /** The churned tasks' constraint. */
        @Param({"NONE", "NOT_IN_MINORITY", "EQ_ZONE", "IN_RACKS", "MAX_PER_AGENT", "MAX_PER_AGENT_8_LABELS"})
        public Kind constraint;

        /** Placement policy. */
        @Param({"BINPACK"})
        public PlacementPolicy policy;

        AllocatorKernel kernel;
        TaskRequest request;
        final Decision decision = new Decision();
        int constraintSet;
        int[] labelIds;
        long[] cpuRing;
        long[] memRing;
        int sizeCursor;
        long[] running;
        int[] runningLabel;
        int runningCursor;
        long timeNanos;
        long notPlaced;
        long finishRefused;

        /** Registers the agents, runs the background tasks, fills the allowed agents and precomputes sizes. */
        @Setup(Level.Trial)
        public void fill()
        {
            kernel = new AllocatorKernel(KernelConfig.builder(schema())
                .placement(policy)
                .maxAgents(agents)
                .maxTasks(agents * (int)(AGENT_CPU_MILLIS / MILLIS))
                .build());
            final int framework = kernel.registerFramework("bench");
            request = new TaskRequest(kernel.schema()).reset(framework);
            final long[] capacity = agentCapacity();
            int allowedAgents = 0;
            for (int i = 0; i < agents; i++)
            {
                final Map<String, String> attributes = attributesOf(i);
                KernelInvariants.requireOk(kernel.registerAgent(i, capacity, attributes, 0), "register agent " + i);
                allowedAgents += allowed(attributes) ? 1 : 0;
            }
            constraintSet = kernel.internConstraints(constraintOf(constraint));
            final int background = kernel.internConstraints(backgroundOf(constraint));
            final int backgroundLabel = kernel.internLabel("background");
            labelIds = new int[LABELS];
            for (int l = 0; l < LABELS; l++)
            {
                labelIds[l] = kernel.internLabel("label-" + l);
            }

            final SplittableRandom random = new SplittableRandom(SEED);
            final long backgroundTarget = constraint == Kind.MAX_PER_AGENT ?
                AGENT_CPU_MILLIS * agents * SHARED_BACKGROUND_PERCENT / 100 :
                AGENT_CPU_MILLIS * (agents - allowedAgents) * BACKGROUND_PERCENT / 100;
            // Binpack would pack the background onto full agents and leave the rest empty, out of every search's way.
            // Filled to the brim first and then thinned at random, every excluded agent keeps room for a small task
            // in a fuller bucket than the allowed agents: the agents a search that filters one by one meets first.
            final long brim = backgroundTarget * 100 / Math.max(1, BACKGROUND_PERCENT) * BRIM_PERCENT / 100;
            long[] backgroundIds = new long[16];
            long[] backgroundCpus = new long[16];
            int backgroundCount = 0;
            long backgroundCpu = 0;
            while (backgroundCpu < (constraint == Kind.MAX_PER_AGENT ? backgroundTarget : brim))
            {
                final long cpu = drawTaskCpuMillis(random);
                request.resource(CPUS, cpu).resource(MEM, taskMemMillis(cpu)).constraints(background)
                    .label(backgroundLabel);
                if (backgroundCount == backgroundIds.length)
                {
                    backgroundIds = Arrays.copyOf(backgroundIds, backgroundCount * 2);
                    backgroundCpus = Arrays.copyOf(backgroundCpus, backgroundCount * 2);
                }
                backgroundIds[backgroundCount] = placeOrThrow("background task " + backgroundCount);
                backgroundCpus[backgroundCount++] = cpu;
                backgroundCpu += cpu;
            }
            while (backgroundCpu > backgroundTarget && backgroundCount > 0)
            {
                final int victim = random.nextInt(backgroundCount);
                KernelInvariants.requireOk(kernel.finish(backgroundIds[victim]), "thin the background");
                backgroundCpu -= backgroundCpus[victim];
                backgroundIds[victim] = backgroundIds[--backgroundCount];
                backgroundCpus[victim] = backgroundCpus[backgroundCount];
            }

            final long target = AGENT_CPU_MILLIS * allowedAgents * FILL_PERCENT / 100;
            final int labelCount = constraint == Kind.MAX_PER_AGENT_8_LABELS ? LABELS : 1;
            long[] ids = new long[agents * 16];
            int[] labels = new int[ids.length];
            int count = 0;
            for (long cpus = 0; constraint == Kind.MAX_PER_AGENT ? count < agents / 2 : cpus < target; )
            {
                final long cpu = drawTaskCpuMillis(random);
                final int label = count % labelCount;
                request.resource(CPUS, cpu).resource(MEM, taskMemMillis(cpu)).constraints(constraintSet)
                    .label(labelIds[label]);
                if (count == ids.length)
                {
                    ids = Arrays.copyOf(ids, count * 2);
                    labels = Arrays.copyOf(labels, count * 2);
                }
                ids[count] = placeOrThrow("constrained task " + count);
                labels[count++] = label;
                cpus += cpu;
            }
            running = Arrays.copyOf(ids, count);
            runningLabel = Arrays.copyOf(labels, count);
            runningCursor = 0;
            request.constraints(constraintSet);

            cpuRing = new long[PlacementBenchmark.SIZE_RING_LENGTH];
            memRing = new long[PlacementBenchmark.SIZE_RING_LENGTH];
            for (int i = 0; i < cpuRing.length; i++)
            {
                cpuRing[i] = drawTaskCpuMillis(random);
                memRing[i] = taskMemMillis(cpuRing[i]);
            }
            KernelInvariants.check(kernel, "after the fill at " + agents + " agents, " + constraint);
        }

        private long placeOrThrow(final String what)
        {
            kernel.place(request, timeNanos += PlacementBenchmark.TIME_STEP_NANOS, decision);
            if (!decision.isPlaced())
            {
                throw new IllegalStateException("fill: " + what + " at " + agents + " agents, " + constraint + ": " +
                    decision);
            }
            return decision.taskId();
        }

        /** Fails the trial if any operation went wrong or the kernel's accounting does not hold. */
        @TearDown(Level.Trial)
        public void verify()
        {
            if (notPlaced != 0 || finishRefused != 0)
            {
                throw new IllegalStateException(notPlaced + " placements were not placed and " + finishRefused +
                    " finishes were refused at " + agents + " agents, " + constraint);
            }
            KernelInvariants.check(kernel, "after the trial at " + agents + " agents, " + constraint);
        }

        /** @return the attributes of the i-th agent. */
        static Map<String, String> attributesOf(final int i)
        {
            final Map<String, String> attributes = new HashMap<>();
            attributes.put("zone", "z" + (i % 3));
            attributes.put("rack", "r" + (i / RACK_SIZE));
            if (i % 25 < 2)
            {
                attributes.put("gpu", "true");
            }
            return attributes;
        }

        private boolean allowed(final Map<String, String> attributes)
        {
            switch (constraint)
            {
                case NOT_IN_MINORITY:
                    return !attributes.containsKey("gpu");
                case EQ_ZONE:
                    return "z0".equals(attributes.get("zone"));
                case IN_RACKS:
                    return List.of("r0", "r1", "r2").contains(attributes.get("rack"));
                default:
                    return true;
            }
        }

        static List<Constraint> constraintOf(final Kind kind)
        {
            switch (kind)
            {
                case NOT_IN_MINORITY:
                    return List.of(Constraint.ne("gpu", "true"));
                case EQ_ZONE:
                    return List.of(Constraint.eq("zone", "z0"));
                case IN_RACKS:
                    return List.of(Constraint.in("rack", List.of("r0", "r1", "r2")));
                case MAX_PER_AGENT:
                case MAX_PER_AGENT_8_LABELS:
                    return List.of(Constraint.maxPerAgent(2));
                default:
                    return List.of();
            }
        }

        /** @return the constraint that keeps the background tasks on the agents the churned ones may not use. */
        static List<Constraint> backgroundOf(final Kind kind)
        {
            switch (kind)
            {
                case NOT_IN_MINORITY:
                    return List.of(Constraint.eq("gpu", "true"));
                case EQ_ZONE:
                    return List.of(Constraint.ne("zone", "z0"));
                case IN_RACKS:
                    return List.of(Constraint.notIn("rack", List.of("r0", "r1", "r2")));
                default:
                    return List.of();
            }
        }
    }

    /**
     * Finishes the oldest running constrained task and places a new one with the same constraint and label.
     *
     * @param c the cluster.
     * @return the new task's id.
     */
    @Benchmark
    public long placeAndFinish(final Cluster c)
    {
        final int cursor = c.runningCursor;
        final AllocatorKernel kernel = c.kernel;
        if (kernel.finish(c.running[cursor]) != Reason.OK)
        {
            c.finishRefused++;
        }
        final int size = c.sizeCursor;
        c.sizeCursor = (size + 1) & PlacementBenchmark.SIZE_RING_MASK;
        c.request.resource(CPUS, c.cpuRing[size]).resource(MEM, c.memRing[size])
            .label(c.labelIds[c.runningLabel[cursor]]);
        final Decision decision = kernel.place(c.request, c.timeNanos += PlacementBenchmark.TIME_STEP_NANOS, c.decision);
        final long taskId = decision.taskId();
        if (!decision.isPlaced())
        {
            c.notPlaced++;
        }
        c.running[cursor] = taskId;
        c.runningCursor = cursor + 1 == c.running.length ? 0 : cursor + 1;
        return taskId;
    }
}
