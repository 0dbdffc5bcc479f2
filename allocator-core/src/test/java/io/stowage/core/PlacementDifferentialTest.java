package io.stowage.core;

import io.stowage.core.ClusterWorkload.Drain;
import io.stowage.core.ClusterWorkload.Ended;
import io.stowage.core.ClusterWorkload.Finish;
import io.stowage.core.ClusterWorkload.Generator;
import io.stowage.core.ClusterWorkload.Heartbeat;
import io.stowage.core.ClusterWorkload.Op;
import io.stowage.core.ClusterWorkload.Outcome;
import io.stowage.core.ClusterWorkload.Place;
import io.stowage.core.ClusterWorkload.RegisterFramework;
import io.stowage.core.ClusterWorkload.RegisterName;
import io.stowage.core.ClusterWorkload.RegisterNumber;
import io.stowage.core.ClusterWorkload.Remove;
import io.stowage.core.ClusterWorkload.Shadow;
import io.stowage.core.ClusterWorkload.ShadowAgent;
import io.stowage.core.ClusterWorkload.ShadowTask;
import io.stowage.core.ClusterWorkload.Spec;
import io.stowage.core.ClusterWorkload.Undrain;
import io.stowage.core.ClusterWorkload.UpdateCapacity;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static io.stowage.core.ClusterWorkload.isValidVector;
import static io.stowage.core.ClusterWorkload.revocableBound;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded randomized differential test of the kernel against a brute-force reference.
 * <p>
 * Random clusters (1 to 2,000 agents, 1 to 8 dimensions, both policies, with and without oversubscription, table
 * sizes near the agent count) receive random operation sequences, valid and invalid. After every operation the
 * {@link InvariantChecker} must find nothing. Every placement answer is compared with a reference that scans all
 * agents through the public queries: a placed task must be on a feasible {@code ACTIVE} agent whose dominant
 * utilisation is within 1/64 of the best (highest for binpack, lowest for spread); "not placeable" only when no agent
 * is feasible; rejections for exactly the reference's validation reason. A shadow model of agents and running tasks
 * checks that finishing releases exactly what a task held, that removing an agent reports exactly its tasks as lost,
 * and that every refusal changes nothing but its own refusal counter.
 * <p>
 * {@code -Dstowage.differential.operations=N} sets the number of operations (default 10^6), {@code -Dstowage.seed=S}
 * repeats a run, {@code -Dstowage.differential.cluster=C} runs only cluster C of that seed.
 */
class PlacementDifferentialTest
{
    private static final int MAX_FAILURES_REPORTED = 10;
    private static final int HISTORY = 12;

    @Test
    void kernelAgreesWithBruteForceReference()
    {
        final long operations = Long.getLong("stowage.differential.operations", 1_000_000L);
        final Long seedProperty = Long.getLong("stowage.seed");
        final long masterSeed = seedProperty != null ? seedProperty : System.nanoTime();
        final Integer onlyCluster = Integer.getInteger("stowage.differential.cluster");
        System.out.println("PlacementDifferentialTest: master seed " + masterSeed + " (repeat with -Dstowage.seed=" +
            masterSeed + "), operations " + operations + (onlyCluster != null ? ", only cluster " + onlyCluster : ""));

        final Totals totals = new Totals();
        final long start = System.nanoTime();
        if (onlyCluster != null)
        {
            new ClusterRun(masterSeed, onlyCluster, totals).run();
        }
        else
        {
            for (int cluster = 0; totals.operations < operations; cluster++)
            {
                new ClusterRun(masterSeed, cluster, totals).run();
            }
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "PlacementDifferentialTest: seed %d, %d clusters, %d operations (%.1f s): %d placements (%d with one " +
                "feasible agent; most running at once %d), %d not placeable (%d no eligible agent, %d insufficient " +
                "capacity), %d rejections %s, %d other refusals %s, %d finishes, %d tasks lost, %d capacity updates " +
                "leaving an agent overcommitted, %d full model checks, %d invariant violations, %d disagreements%n",
            masterSeed, totals.clusters, totals.operations, seconds, totals.placements, totals.singleFeasible,
            totals.maxRunningTasks, totals.notPlaceable, totals.noEligible, totals.insufficient, totals.rejections,
            totals.rejectionsByReason, totals.otherRefusals, totals.otherRefusalsByReason, totals.finishes,
            totals.lost, totals.overcommits, totals.fullChecks, totals.invariantViolations, totals.disagreements);

        final String failures = String.join("\n\n", totals.failures);
        assertEquals(0, totals.invariantViolations,
            () -> "invariant violations (seed " + masterSeed + "):\n" + failures);
        assertEquals(0, totals.disagreements, () -> "disagreements with the reference (seed " + masterSeed + "):\n" +
            failures);
        if (onlyCluster == null)
        {
            assertTrue(totals.operations >= operations, "ran " + totals.operations + " operations of " + operations);
            assertTrue(totals.placements > 0 && totals.notPlaceable > 0 && totals.rejections > 0,
                "the workload exercised too little: " + totals.placements + " placements, " + totals.notPlaceable +
                    " not placeable, " + totals.rejections + " rejections");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    static final class Totals
    {
        long clusters;
        long operations;
        long placements;
        long notPlaceable;
        long noEligible;
        long insufficient;
        long rejections;
        final EnumMap<Reason, Long> rejectionsByReason = new EnumMap<>(Reason.class);
        long otherRefusals;
        final EnumMap<Reason, Long> otherRefusalsByReason = new EnumMap<>(Reason.class);
        long finishes;
        long lost;
        long fullChecks;
        long overcommits;
        long singleFeasible;
        int maxRunningTasks;
        long invariantViolations;
        long disagreements;
        final List<String> failures = new ArrayList<>();
    }

    /** A failed check; the cluster run adds the seed, operation index and recent history. */
    static class Disagreement extends RuntimeException
    {
        Disagreement(final String message)
        {
            super(message, null, false, false);
        }
    }

    static final class InvariantViolation extends Disagreement
    {
        InvariantViolation(final String message)
        {
            super(message);
        }
    }

    static void expect(final boolean condition, final String what)
    {
        if (!condition)
        {
            throw new Disagreement(what);
        }
    }

    static void expectEquals(final Object expected, final Object actual, final String what)
    {
        if (!java.util.Objects.equals(expected, actual))
        {
            throw new Disagreement(what + ": expected " + expected + ", kernel has " + actual);
        }
    }

    static void expectEquals(final long expected, final long actual, final String what)
    {
        if (expected != actual)
        {
            throw new Disagreement(what + ": expected " + expected + ", kernel has " + actual);
        }
    }

    /** @return the sign of a×b − c×d for non-negative operands, exactly (128-bit products). */
    static int compareProducts(final long a, final long b, final long c, final long d)
    {
        final long high1 = Math.multiplyHigh(a, b);
        final long high2 = Math.multiplyHigh(c, d);
        if (high1 != high2)
        {
            return Long.compare(high1, high2);
        }
        return Long.compareUnsigned(a * b, c * d);
    }

    /**
     * A hash of everything the kernel holds except its refusal counters: agent records, ids, index layout and
     * leaves, the ledger, frameworks and the other counters. Used to show that a refusal changed nothing else.
     */
    static long stateWithoutRefusals(final AllocatorKernel kernel)
    {
        final AgentTable agents = kernel.agentTable();
        final PlacementIndex index = kernel.placementIndex();
        final TaskLedger ledger = kernel.ledger();
        final FrameworkBook frameworks = kernel.frameworkBook();
        final int dims = kernel.schema().dimensions();
        long h = 17;
        for (int slot = 0; slot < agents.maxAgents(); slot++)
        {
            h = StateHash.mix(h, agents.flags(slot));
            h = StateHash.mix(h, agents.epoch(slot));
            h = StateHash.mix(h, index.positionOf(slot));
            h = StateHash.mix(h, index.bucketOf(slot));
            if (agents.isRegistered(slot))
            {
                h = agents.hashRecord(slot, h);
                h = StateHash.mix(h, kernel.view().agentId(slot).hashCode());
            }
        }
        for (int position = 0; position < agents.maxAgents(); position++)
        {
            for (int d = 0; d < dims; d++)
            {
                h = StateHash.mix(h, index.freeTree().leaf(position, d));
                if (index.revocableTree() != null)
                {
                    h = StateHash.mix(h, index.revocableTree().leaf(position, d));
                }
            }
        }
        h = StateHash.mix(h, ledger.slotCapacity());
        h = StateHash.mix(h, ledger.liveCount());
        for (int task = 0; task < ledger.slotCapacity(); task++)
        {
            if (ledger.isLive(task))
            {
                h = StateHash.mix(h, ledger.taskId(task));
                h = StateHash.mix(h, ledger.framework(task));
                h = StateHash.mix(h, ledger.agent(task));
                h = StateHash.mix(h, ledger.priority(task));
                h = StateHash.mix(h, ledger.label(task));
                h = StateHash.mix(h, ledger.isRevocable(task) ? 1 : 0);
                h = StateHash.mix(h, ledger.startTime(task));
                for (int d = 0; d < dims; d++)
                {
                    h = StateHash.mix(h, ledger.resource(task, d));
                }
            }
        }
        h = StateHash.mix(h, frameworks.count());
        for (int f = 0; f < frameworks.count(); f++)
        {
            h = StateHash.mix(h, frameworks.placed(f));
            h = StateHash.mix(h, frameworks.running(f));
            for (int d = 0; d < dims; d++)
            {
                h = StateHash.mix(h, frameworks.allocated(f, d));
                h = StateHash.mix(h, frameworks.revocable(f, d));
            }
        }
        h = StateHash.mix(h, kernel.view().placements());
        h = StateHash.mix(h, kernel.view().finishes());
        h = StateHash.mix(h, kernel.view().lostTasks());
        h = StateHash.mix(h, kernel.view().heartbeats());
        h = StateHash.mix(h, kernel.view().registrations());
        h = StateHash.mix(h, kernel.view().removals());
        h = StateHash.mix(h, kernel.view().agentCount());
        return StateHash.mix(h, kernel.view().eligibleAgentCount());
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** One random cluster: a kernel, its shadow model, a generator and the reference checks. */
    static final class ClusterRun
    {
        private final long masterSeed;
        private final int cluster;
        private final Totals totals;
        private final Spec spec;
        private final AllocatorKernel kernel;
        private final Shadow shadow;
        private final Generator generator;
        private final ClusterWorkload.Applier applier;
        private final List<Ended> ended = new ArrayList<>();
        private final Outcome out = new Outcome();
        private final Op[] history = new Op[HISTORY];
        private final String[] historyOutcomes = new String[HISTORY];
        private final int dims;
        private final int maxAgents;
        private final boolean checkModelEveryOperation;
        private final long[] refusalsBefore = new long[Reason.values().length];
        private final long[] placedPerFramework = new long[64];
        private final long[] allocatedBefore = new long[ResourceSchema.MAX_DIMENSIONS];
        private final long[] revocableBefore = new long[ResourceSchema.MAX_DIMENSIONS];
        private int taskCountBefore;
        private ShadowTask finishedTask;

        // reference scratch
        private final boolean[] feasible;
        private final long[] utilNum;
        private final long[] utilDen;
        private int feasibleCount;
        private boolean anyActive;
        private long bestNum;
        private long bestDen;

        ClusterRun(final long masterSeed, final int cluster, final Totals totals)
        {
            this.masterSeed = masterSeed;
            this.cluster = cluster;
            this.totals = totals;
            final long clusterSeed = ClusterWorkload.mixSeed(masterSeed, cluster);
            this.spec = Spec.random(clusterSeed);
            this.kernel = new AllocatorKernel(spec.config(),
                ClusterWorkload.recording(ended));
            ClusterWorkload.internLabels(kernel);
            this.shadow = new Shadow(spec);
            this.generator = new Generator(spec, shadow, ClusterWorkload.mixSeed(clusterSeed, 1));
            this.applier = new ClusterWorkload.Applier(kernel);
            this.dims = spec.dims;
            this.maxAgents = spec.maxAgents;
            this.checkModelEveryOperation = maxAgents <= 16;
            this.feasible = new boolean[maxAgents];
            this.utilNum = new long[maxAgents];
            this.utilDen = new long[maxAgents];
        }

        void run()
        {
            final long started = System.nanoTime();
            try
            {
                runOps();
            }
            finally
            {
                if (Boolean.getBoolean("stowage.differential.verbose"))
                {
                    System.out.printf("cluster %d: %.3f s, %s, %d agents registered, %d tasks running%n", cluster,
                        (System.nanoTime() - started) / 1e9, spec, shadow.registeredCount, shadow.tasks.size());
                }
            }
        }

        private void runOps()
        {
            totals.clusters++;
            int i = 0;
            try
            {
                checkInvariants();
                for (; i < spec.operations; i++)
                {
                    step(i);
                    totals.operations++;
                }
                checkModel();
                totals.fullChecks++;
            }
            catch (final RuntimeException | AssertionError ex)
            {
                totals.operations++;
                if (ex instanceof InvariantViolation)
                {
                    totals.invariantViolations++;
                }
                else
                {
                    totals.disagreements++;
                }
                if (totals.failures.size() < MAX_FAILURES_REPORTED)
                {
                    totals.failures.add(describeFailure(i, ex));
                }
            }
        }

        private String describeFailure(final int index, final Throwable ex)
        {
            final StringBuilder sb = new StringBuilder();
            sb.append("master seed ").append(masterSeed).append(", cluster ").append(cluster)
                .append(", operation index ").append(index).append(" of the cluster: ")
                .append(ex instanceof Disagreement ? ex.getMessage() : "kernel threw " + ex).append('\n');
            if (!(ex instanceof Disagreement))
            {
                final java.io.StringWriter trace = new java.io.StringWriter();
                ex.printStackTrace(new java.io.PrintWriter(trace));
                sb.append(trace).append('\n');
            }
            sb.append("  ").append(spec).append('\n');
            sb.append("  last operations (index: operation -> kernel answer):\n");
            for (int j = Math.max(0, index - HISTORY + 1); j <= index; j++)
            {
                sb.append("    ").append(j).append(": ").append(history[j % HISTORY]).append(" -> ")
                    .append(historyOutcomes[j % HISTORY]).append('\n');
            }
            sb.append("  repeat with -Dstowage.seed=").append(masterSeed).append(" -Dstowage.differential.cluster=")
                .append(cluster);
            return sb.toString();
        }

        private void checkInvariants()
        {
            final List<String> violations = InvariantChecker.check(kernel);
            if (!violations.isEmpty())
            {
                throw new InvariantViolation("invariant checker: " + violations);
            }
        }

        // -----------------------------------------------------------------------------------------------------------

        private void step(final int index)
        {
            final Op op = generator.next();
            history[index % HISTORY] = op;
            historyOutcomes[index % HISTORY] = "(not returned)";

            final Reason expected = op instanceof Place p ? referencePlace(p) : predict(op);
            final boolean refusal = expected != Reason.OK;
            long before = 0;
            if (refusal)
            {
                before = stateWithoutRefusals(kernel);
                for (final Reason r : Reason.values())
                {
                    refusalsBefore[r.ordinal()] = kernel.view().refusals(r);
                }
            }
            finishedTask = null;
            if (op instanceof Finish f && expected == Reason.OK)
            {
                finishedTask = shadow.tasks.get(f.taskId());
                for (int d = 0; d < dims; d++)
                {
                    allocatedBefore[d] = kernel.view().agentAllocated(finishedTask.slot, d);
                    revocableBefore[d] = kernel.view().agentRevocable(finishedTask.slot, d);
                }
                taskCountBefore = kernel.view().agentTaskCount(finishedTask.slot);
            }
            ended.clear();

            applier.apply(op, out);
            historyOutcomes[index % HISTORY] = out.toString();
            checkInvariants();

            if (op instanceof Place p)
            {
                verifyPlace(p, expected);
            }
            else
            {
                expectEquals(expected, out.reason, "reason");
                verifyBeforeModelUpdate(op);
            }
            if (refusal)
            {
                verifyRefusalChangedNothing(expected, before);
                if (!(op instanceof Place))
                {
                    totals.otherRefusals++;
                    totals.otherRefusalsByReason.merge(expected, 1L, Long::sum);
                }
            }
            else if (!(op instanceof Remove))
            {
                expect(ended.isEmpty(), "task end listener called outside removeAgent: " + ended);
            }

            shadow.apply(op, out);
            if (op instanceof Place && out.kind == DecisionKind.PLACED)
            {
                placedPerFramework[((Place)op).framework()]++;
            }

            verifyAfterModelUpdate(op);
            checkCounters();
            totals.maxRunningTasks = Math.max(totals.maxRunningTasks, shadow.tasks.size());
            if (checkModelEveryOperation || index % 64 == 63)
            {
                checkModel();
                totals.fullChecks++;
            }
        }

        // ---- predictions -------------------------------------------------------------------------------------------

        private Reason predict(final Op op)
        {
            if (op instanceof ClusterWorkload.Finish f)
            {
                return shadow.tasks.containsKey(f.taskId()) ? Reason.OK : Reason.UNKNOWN_TASK;
            }
            if (op instanceof RegisterName r)
            {
                if (r.id() == null || r.id().isEmpty())
                {
                    return Reason.INVALID_REQUEST;
                }
                if (shadow.byName.containsKey(r.id()))
                {
                    return Reason.AGENT_EXISTS;
                }
                return predictRegistration(r.capacity(), r.attributes());
            }
            if (op instanceof RegisterNumber r)
            {
                if (shadow.byNumber.containsKey(r.id()))
                {
                    return Reason.AGENT_EXISTS;
                }
                return predictRegistration(r.capacity(), r.attributes());
            }
            if (op instanceof Heartbeat h)
            {
                if (!shadow.isRegistered(h.slot()))
                {
                    return Reason.UNKNOWN_AGENT;
                }
                final ShadowAgent a = shadow.agents[h.slot()];
                if (a.epoch != h.epoch())
                {
                    return Reason.STALE_EPOCH;
                }
                if (h.usage() != null && !isValidVector(h.usage(), dims, true))
                {
                    return Reason.INVALID_REQUEST;
                }
                return h.sequence() <= a.lastSequence ? Reason.STALE_UPDATE : Reason.OK;
            }
            if (op instanceof UpdateCapacity u)
            {
                if (!shadow.isRegistered(u.slot()))
                {
                    return Reason.UNKNOWN_AGENT;
                }
                return isValidVector(u.capacity(), dims, true) ? Reason.OK : Reason.INVALID_REQUEST;
            }
            if (op instanceof Drain d)
            {
                return shadow.isRegistered(d.slot()) ? Reason.OK : Reason.UNKNOWN_AGENT;
            }
            if (op instanceof Undrain u)
            {
                return shadow.isRegistered(u.slot()) ? Reason.OK : Reason.UNKNOWN_AGENT;
            }
            if (op instanceof Remove r)
            {
                return shadow.isRegistered(r.slot()) ? Reason.OK : Reason.UNKNOWN_AGENT;
            }
            if (op instanceof RegisterFramework)
            {
                return Reason.OK;
            }
            throw new IllegalArgumentException(String.valueOf(op));
        }

        private Reason predictRegistration(final long[] capacity, final Map<String, String> attributes)
        {
            if (!isValidVector(capacity, dims, true))
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
            return shadow.registeredCount >= maxAgents ? Reason.AGENT_LIMIT : Reason.OK;
        }

        /**
         * The brute-force reference for a placement: validation, then a scan of every slot through the public
         * queries. Leaves the feasible set, each feasible agent's dominant utilisation and the best one in fields.
         *
         * @return the expected reason: OK if some agent is feasible.
         */
        private Reason referencePlace(final Place p)
        {
            final long[] request = p.resources();
            if (!isValidVector(request, dims, false) || p.label() < 0 || p.label() >= ClusterWorkload.LABELS.length)
            {
                return Reason.INVALID_REQUEST;
            }
            if (p.framework() < 0 || p.framework() >= shadow.frameworks.size())
            {
                return Reason.UNKNOWN_FRAMEWORK;
            }
            if (p.revocable() && spec.ratioMillis == 0)
            {
                return Reason.REVOCABLE_DISABLED;
            }
            if (shadow.tasks.size() >= spec.maxTasks)
            {
                return Reason.TASK_LIMIT;
            }
            feasibleCount = 0;
            anyActive = false;
            bestNum = -1;
            bestDen = 1;
            final boolean binpack = spec.policy == PlacementPolicy.BINPACK;
            for (int slot = 0; slot < maxAgents; slot++)
            {
                feasible[slot] = false;
                if (!kernel.view().isRegistered(slot) || kernel.view().agentState(slot) != AgentState.ACTIVE)
                {
                    continue;
                }
                anyActive = true;
                if (!fits(slot, request, p.revocable()))
                {
                    continue;
                }
                feasible[slot] = true;
                feasibleCount++;
                dominantUtilisation(slot);
                if (bestNum < 0 ||
                    (binpack ? compareProducts(utilNum[slot], bestDen, bestNum, utilDen[slot]) > 0 :
                        compareProducts(utilNum[slot], bestDen, bestNum, utilDen[slot]) < 0))
                {
                    bestNum = utilNum[slot];
                    bestDen = utilDen[slot];
                }
            }
            if (feasibleCount > 0)
            {
                return Reason.OK;
            }
            return anyActive ? Reason.INSUFFICIENT_CAPACITY : Reason.NO_ELIGIBLE_AGENT;
        }

        private boolean fits(final int slot, final long[] request, final boolean revocable)
        {
            for (int d = 0; d < dims; d++)
            {
                final long capacity = kernel.view().agentCapacity(slot, d);
                if (revocable)
                {
                    final long slack = kernel.view().agentReportedUsage(slot) ? capacity - kernel.view().agentUsage(slot, d) : 0;
                    final long limit = Math.min(revocableBound(capacity, spec.ratioMillis), slack);
                    if (kernel.view().agentRevocable(slot, d) + request[d] > limit)
                    {
                        return false;
                    }
                }
                else if (kernel.view().agentAllocated(slot, d) + request[d] > capacity)
                {
                    return false;
                }
            }
            return true;
        }

        /** max over dimensions of allocated/capacity as an exact fraction; 0/0 counts as 0 and x/0 as 1. */
        private void dominantUtilisation(final int slot)
        {
            long num = 0;
            long den = 1;
            for (int d = 0; d < dims; d++)
            {
                final long capacity = kernel.view().agentCapacity(slot, d);
                final long allocated = kernel.view().agentAllocated(slot, d);
                final long n;
                final long q;
                if (capacity == 0)
                {
                    n = allocated == 0 ? 0 : 1;
                    q = 1;
                }
                else
                {
                    n = allocated;
                    q = capacity;
                }
                if (compareProducts(n, den, num, q) > 0)
                {
                    num = n;
                    den = q;
                }
            }
            utilNum[slot] = num;
            utilDen[slot] = den;
        }

        // ---- verification ------------------------------------------------------------------------------------------

        private void verifyPlace(final Place p, final Reason expected)
        {
            final boolean validationFailure = expected != Reason.OK && expected != Reason.NO_ELIGIBLE_AGENT &&
                expected != Reason.INSUFFICIENT_CAPACITY;
            if (validationFailure)
            {
                expectEquals(DecisionKind.REJECTED + "/" + expected, out.kind + "/" + out.reason, "rejection");
                totals.rejections++;
                totals.rejectionsByReason.merge(expected, 1L, Long::sum);
                return;
            }
            if (expected != Reason.OK)
            {
                expectEquals(DecisionKind.NOT_PLACEABLE + "/" + expected, out.kind + "/" + out.reason,
                    "reference finds no feasible agent");
                totals.notPlaceable++;
                if (expected == Reason.NO_ELIGIBLE_AGENT)
                {
                    totals.noEligible++;
                }
                else
                {
                    totals.insufficient++;
                }
                return;
            }
            expectEquals(DecisionKind.PLACED + "/" + Reason.OK, out.kind + "/" + out.reason,
                "reference finds " + feasibleCount + " feasible agents");
            totals.placements++;
            if (feasibleCount == 1)
            {
                totals.singleFeasible++;
            }
            final int slot = out.slot;
            expect(slot >= 0 && slot < maxAgents, "placed on slot " + slot + " out of range");
            expect(feasible[slot], "placed on slot " + slot + " (state " + shadow.state(slot) +
                ") which the reference finds infeasible or not ACTIVE");
            // within 1/64 of the best: 64 × |best − chosen| ≤ 1
            final BigInteger chosenNum = BigInteger.valueOf(utilNum[slot]);
            final BigInteger chosenDen = BigInteger.valueOf(utilDen[slot]);
            final BigInteger bn = BigInteger.valueOf(bestNum);
            final BigInteger bd = BigInteger.valueOf(bestDen);
            final BigInteger gap = bn.multiply(chosenDen).subtract(chosenNum.multiply(bd)).abs()
                .multiply(BigInteger.valueOf(64));
            expect(gap.compareTo(bd.multiply(chosenDen)) <= 0, spec.policy + " chose slot " + slot +
                " with dominant utilisation " + utilNum[slot] + "/" + utilDen[slot] + " but the best feasible is " +
                bestNum + "/" + bestDen + " (more than 1/64 apart; " + feasibleCount + " feasible)");
            expectEquals(shadow.agents[slot].epoch, out.epoch, "decision epoch");
            expect(!shadow.tasks.containsKey(out.taskId), "task id " + out.taskId + " is already running");
            expect(kernel.view().isRunning(out.taskId), "placed task " + out.taskId + " is not running");
            expectEquals(slot, kernel.view().taskAgent(out.taskId), "taskAgent");
            expectEquals(p.framework(), kernel.view().taskFramework(out.taskId), "taskFramework");
            expectEquals(p.priority(), kernel.view().taskPriority(out.taskId), "taskPriority");
            expectEquals(p.label(), kernel.view().taskLabel(out.taskId), "taskLabel");
            expectEquals(p.revocable(), kernel.view().isTaskRevocable(out.taskId), "isTaskRevocable");
            expectEquals(p.time(), kernel.view().taskStartTime(out.taskId), "taskStartTime");
            for (int d = 0; d < dims; d++)
            {
                expectEquals(p.resources()[d], kernel.view().taskResource(out.taskId, d), "taskResource d" + d);
            }
        }

        private void verifyRefusalChangedNothing(final Reason expected, final long before)
        {
            for (final Reason r : Reason.values())
            {
                expectEquals(refusalsBefore[r.ordinal()] + (r == expected ? 1 : 0), kernel.view().refusals(r),
                    "refusal counter " + r + " after a refusal for " + expected);
            }
            expect(stateWithoutRefusals(kernel) == before, "refused operation (" + expected + ") changed the state");
            expect(ended.isEmpty(), "refused operation ended tasks: " + ended);
        }

        /** Checks that need the model as it was before the operation. */
        private void verifyBeforeModelUpdate(final Op op)
        {
            if (out.reason != Reason.OK)
            {
                return;
            }
            if (op instanceof RegisterName || op instanceof RegisterNumber)
            {
                final int slot = out.slot;
                expect(slot >= 0 && slot < maxAgents, "registered on slot " + slot + " out of range");
                expect(!shadow.agents[slot].registered, "registered on slot " + slot + " which holds an agent");
                expectEquals(shadow.agents[slot].epoch + 1, out.epoch, "epoch of a new registration of slot " + slot);
                final Map<String, String> attributes =
                    op instanceof RegisterName r ? r.attributes() : ((RegisterNumber)op).attributes();
                expectEquals(attributes, kernel.view().agentAttributes(slot), "agentAttributes");
            }
            else if (op instanceof Remove r)
            {
                final ShadowAgent a = shadow.agents[r.slot()];
                expectEquals(a.tasks.size(), ended.size(), "tasks reported lost by removeAgent(" + r.slot() + ")");
                final HashSet<Long> seen = new HashSet<>();
                for (final Ended e : ended)
                {
                    expect(seen.add(e.taskId()), "task " + e.taskId() + " reported lost twice");
                    expect(a.tasks.contains(e.taskId()), "task " + e.taskId() + " reported lost was not on the agent");
                    final ShadowTask t = shadow.tasks.get(e.taskId());
                    expectEquals(TaskEndCause.LOST, e.cause(), "cause of task end");
                    expectEquals(t.framework, e.framework(), "framework of lost task");
                    expectEquals(r.slot(), e.slot(), "agent slot of lost task");
                }
                totals.lost += ended.size();
            }
            else if (op instanceof RegisterFramework f)
            {
                final int existing = shadow.frameworks.indexOf(f.name());
                expectEquals(existing >= 0 ? existing : shadow.frameworks.size(), out.frameworkId, "framework id");
            }
        }

        /** Checks against the model after it applied the operation. */
        private void verifyAfterModelUpdate(final Op op)
        {
            if (op instanceof Place && out.kind == DecisionKind.PLACED)
            {
                checkAgent(out.slot);
            }
            else if (op instanceof Finish f)
            {
                if (out.reason == Reason.OK)
                {
                    totals.finishes++;
                    expect(!kernel.view().isRunning(f.taskId()), "finished task " + f.taskId() + " still running");
                    expectEquals(-1, kernel.view().taskAgent(f.taskId()), "taskAgent of a finished task");
                    final int slot = finishedTask.slot;
                    for (int d = 0; d < dims; d++)
                    {
                        final long released = finishedTask.resources[d];
                        expectEquals(allocatedBefore[d] - (finishedTask.revocable ? 0 : released),
                            kernel.view().agentAllocated(slot, d), "allocated d" + d + " after finishing task " + f.taskId());
                        expectEquals(revocableBefore[d] - (finishedTask.revocable ? released : 0),
                            kernel.view().agentRevocable(slot, d), "revocable d" + d + " after finishing task " + f.taskId());
                    }
                    expectEquals(taskCountBefore - 1, kernel.view().agentTaskCount(slot), "task count after finish");
                    checkAgent(slot);
                }
            }
            else if (op instanceof Remove r)
            {
                if (out.reason == Reason.OK)
                {
                    for (final Ended e : ended)
                    {
                        expect(!kernel.view().isRunning(e.taskId()), "lost task " + e.taskId() + " still running");
                    }
                    checkAgent(r.slot());
                }
            }
            else if (op instanceof RegisterName || op instanceof RegisterNumber)
            {
                if (out.reason == Reason.OK)
                {
                    checkAgent(out.slot);
                }
            }
            else if (op instanceof Heartbeat h)
            {
                checkAgentIfInRange(h.slot());
            }
            else if (op instanceof UpdateCapacity u)
            {
                checkAgentIfInRange(u.slot());
                if (out.reason == Reason.OK && shadow.state(u.slot()) == AgentState.OVERCOMMITTED)
                {
                    totals.overcommits++;
                }
            }
            else if (op instanceof Drain d)
            {
                checkAgentIfInRange(d.slot());
            }
            else if (op instanceof Undrain u)
            {
                checkAgentIfInRange(u.slot());
            }
        }

        private void checkAgentIfInRange(final int slot)
        {
            if (slot >= 0 && slot < maxAgents)
            {
                checkAgent(slot);
            }
        }

        private void checkAgent(final int slot)
        {
            final ShadowAgent a = shadow.agents[slot];
            final String agent = "slot " + slot;
            expectEquals(a.registered, kernel.view().isRegistered(slot), agent + " isRegistered");
            expectEquals(a.epoch, kernel.view().agentEpoch(slot), agent + " epoch");
            expectEquals(shadow.state(slot), kernel.view().agentState(slot), agent + " state");
            if (!a.registered)
            {
                return;
            }
            expectEquals(a.idText(), kernel.view().agentId(slot), agent + " id");
            expectEquals(slot, a.numeric ? kernel.view().agentSlot(a.number) : kernel.view().agentSlot(a.name), agent + " lookup");
            for (int d = 0; d < dims; d++)
            {
                expectEquals(a.capacity[d], kernel.view().agentCapacity(slot, d), agent + " capacity d" + d);
                expectEquals(a.allocated[d], kernel.view().agentAllocated(slot, d), agent + " allocated d" + d);
                expectEquals(a.revocable[d], kernel.view().agentRevocable(slot, d), agent + " revocable d" + d);
                expectEquals(a.usage[d], kernel.view().agentUsage(slot, d), agent + " usage d" + d);
            }
            expectEquals(a.tasks.size(), kernel.view().agentTaskCount(slot), agent + " task count");
            expectEquals(a.lastSequence, kernel.view().agentLastSequence(slot), agent + " last sequence");
            expectEquals(a.lastHeartbeat, kernel.view().agentLastHeartbeat(slot), agent + " last heartbeat");
        }

        private void checkCounters()
        {
            expectEquals(shadow.placements, kernel.view().placements(), "placements");
            expectEquals(shadow.finishes, kernel.view().finishes(), "finishes");
            expectEquals(shadow.lost, kernel.view().lostTasks(), "lostTasks");
            expectEquals(shadow.heartbeats, kernel.view().heartbeats(), "heartbeats");
            expectEquals(shadow.registrations, kernel.view().registrations(), "registrations");
            expectEquals(shadow.removals, kernel.view().removals(), "removals");
            expectEquals(shadow.tasks.size(), kernel.view().runningTaskCount(), "runningTaskCount");
            expectEquals(shadow.registeredCount, kernel.view().agentCount(), "agentCount");
            expectEquals(shadow.frameworks.size(), kernel.view().frameworkCount(), "frameworkCount");
        }

        /** Compares every agent, task and framework of the model with the kernel's public queries. */
        private void checkModel()
        {
            for (int slot = 0; slot < maxAgents; slot++)
            {
                checkAgent(slot);
            }
            expectEquals(shadow.activeCount(), kernel.view().eligibleAgentCount(), "eligibleAgentCount");
            final int frameworks = shadow.frameworks.size();
            final long[] allocated = new long[frameworks * dims];
            final int[] running = new int[frameworks];
            for (final ShadowTask t : shadow.taskList)
            {
                expect(kernel.view().isRunning(t.id), "task " + t.id + " is not running");
                expectEquals(t.slot, kernel.view().taskAgent(t.id), "task " + t.id + " agent");
                expectEquals(t.framework, kernel.view().taskFramework(t.id), "task " + t.id + " framework");
                expectEquals(t.revocable, kernel.view().isTaskRevocable(t.id), "task " + t.id + " revocable");
                expectEquals(t.priority, kernel.view().taskPriority(t.id), "task " + t.id + " priority");
                expectEquals(t.label, kernel.view().taskLabel(t.id), "task " + t.id + " label");
                expectEquals(t.start, kernel.view().taskStartTime(t.id), "task " + t.id + " start");
                for (int d = 0; d < dims; d++)
                {
                    expectEquals(t.resources[d], kernel.view().taskResource(t.id, d), "task " + t.id + " resource d" + d);
                    if (!t.revocable)
                    {
                        allocated[t.framework * dims + d] += t.resources[d];
                    }
                }
                running[t.framework]++;
            }
            for (int f = 0; f < frameworks; f++)
            {
                expectEquals(shadow.frameworks.get(f), kernel.view().frameworkName(f), "framework name " + f);
                expectEquals(running[f], kernel.view().frameworkRunning(f), "framework " + f + " running");
                expectEquals(placedPerFramework[f], kernel.view().frameworkPlaced(f), "framework " + f + " placed");
                for (int d = 0; d < dims; d++)
                {
                    expectEquals(allocated[f * dims + d], kernel.view().frameworkAllocated(f, d),
                        "framework " + f + " allocated d" + d);
                }
            }
        }
    }
}
