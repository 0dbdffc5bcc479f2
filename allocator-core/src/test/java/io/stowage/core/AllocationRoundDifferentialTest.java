package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded randomized differential test of allocation rounds and of the protections around them (pressure and
 * revocation, heartbeat timeouts, the submit checks), against a brute-force reference that scans the cluster
 * through the kernel's public queries and a shadow model of everything the test asked for.
 * <p>
 * Random clusters (1 to ~300 agents, 1 to 4 dimensions, random zone/rack/gpu attributes, random policy: binpack or
 * spread, preemption on or off, oversubscription, admission, rate and pending limits, default resources, fairness
 * exclusions, role weights, limits and, in some clusters, guarantees) receive random operation sequences. After
 * EVERY operation the {@link InvariantChecker} must find nothing and the kernel's queries must agree with the shadow
 * model (agent states and allocations, framework and role allocations, pending and running counts). Checked
 * properties (numbers as in the brief; see SCENARIOS.md for the semantics):
 * <ol>
 *     <li>each placement of a round went to an ACTIVE agent where the task was feasible (room in every dimension,
 *     revocable room bounded by floor(ratio × capacity) and slack, attribute constraints, maxPerAgent) whose dominant
 *     utilisation was within 1/64 of the best feasible agent (highest for binpack, lowest for spread); for a spread
 *     task, in a zone of fewest running tasks of its framework and label among zones with a feasible agent. Every
 *     placed task was its framework's head (priority, then submission order), within its role's limit and not
 *     taking headroom held for other roles' unmet guarantees;</li>
 *     <li>the priorities of successive placements of a round do not increase;</li>
 *     <li>DRF order: until the round's first preemption, the placed framework's key (head priority descending; role
 *     below its guarantee first; role share ascending, ties by role name; framework share ascending, ties by fewer
 *     tasks placed, then by name) is minimal among frameworks whose head can run: feasible on an ACTIVE agent (or,
 *     with preemption on, able to preempt onto one), within its role's limit and not held back by other roles'
 *     unmet guarantees. Sound because until a preemption allocations only grow, so a framework the round blocked
 *     stays unable to run (this widens the brief's "preemption off, no guarantee" to every round up to its first
 *     preemption). Shares are compared exactly when their allocation vectors and weights are equal, otherwise a
 *     difference within 1e-9 is too close to call (either order is accepted);</li>
 *     <li>maximality: after a round without preemption, no framework with pending tasks has a head that can
 *     run;</li>
 *     <li>preemption: victims had strictly lower priority, were on the agent the task went to, no agent could take
 *     the task without preemption, and victims and agent are exactly those of the reference rule (lowest priority
 *     first, youngest first; lowest top victim priority, fewest victims, earliest registered);</li>
 *     <li>pressure: the agent is PRESSURED (unless a state of higher precedence holds), exactly the youngest
 *     revocable tasks needed to bring usage under the threshold are revoked, and no placement goes to it;</li>
 *     <li>timeouts: after advanceTime, agents silent beyond the heartbeat timeout are UNREACHABLE and beyond
 *     lostAfter removed with exactly their tasks LOST; agents that heartbeat are not;</li>
 *     <li>submit: each refusal names the reason of the reference check order, with a token-bucket model in exact
 *     integer arithmetic, and changes no pending or running count;</li>
 *     <li>attribute updates: an agent's attributes replaced at runtime are what the kernel reports and what every
 *     later placement, spread count and preemption judges it by (its running tasks stay and count under its new
 *     zone); an invalid map or an unknown slot is refused and interns nothing.</li>
 * </ol>
 * {@code -Dstowage.differential.operations=N} sets the number of operations (default 10^6), {@code -Dstowage.seed=S}
 * repeats a run, {@code -Dstowage.differential.cluster=C} runs only cluster C of that seed (to its natural length).
 */
class AllocationRoundDifferentialTest
{
    private static final long SECOND = 1_000_000_000L;
    /** Sub-token units per token in the reference bucket: a rate in thousandths per second times nanoseconds. */
    private static final long UNITS_PER_TOKEN = 1_000L * SECOND;
    private static final String[] DIMENSION_NAMES = {"cpus", "mem", "disk", "gpus"};
    /** Attribute names; "ssd" is named by constraints but carried by no agent. */
    private static final String[] ATTRIBUTES = {"zone", "rack", "gpu", "ssd"};
    private static final String[][] VALUES = {
        {"z0", "z1", "z2", "z3"}, {"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7"}, {"k80", "v100", "a100"}, {"yes"}};
    private static final int ZONE = 0;
    private static final String[] LABELS = {"", "web", "batch", "db"};
    private static final String[] ROLE_NAMES = {"*", "prod", "dev", "batch"};
    private static final double[] WEIGHTS = {0.5, 1, 1, 1.5, 2, 3};
    private static final int PRIORITIES = 4;
    private static final int HISTORY = 40;
    private static final int MAX_FAILURES = 5;
    private static final double SHARE_TOLERANCE = 1e-9;

    @Test
    void allocationRoundsAndProtectionsAgreeWithReference()
    {
        final long operations = Long.getLong("stowage.differential.operations", 1_000_000L);
        final Long seedProperty = Long.getLong("stowage.seed");
        final long seed = seedProperty != null ? seedProperty : System.nanoTime();
        final Integer onlyCluster = Integer.getInteger("stowage.differential.cluster");
        System.out.println("AllocationRoundDifferentialTest: seed " + seed + " (repeat with -Dstowage.seed=" + seed +
            "), operations " + operations + (onlyCluster != null ? ", only cluster " + onlyCluster : ""));

        final Totals totals = new Totals();
        final long start = System.nanoTime();
        if (onlyCluster != null)
        {
            new ClusterRun(seed, onlyCluster, totals, Long.MAX_VALUE).run();
        }
        else
        {
            for (int cluster = 0; totals.operations < operations && totals.violations < MAX_FAILURES; cluster++)
            {
                new ClusterRun(seed, cluster, totals, operations - totals.operations).run();
            }
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "AllocationRoundDifferentialTest: seed %d, %d clusters, %.1f s: operations %d, rounds %d, placements %d, " +
                "preemptions %d, revocations %d, lost %d; DRF-checked placements %d (contested %d, too close to call %d), " +
                "maximality-checked rounds %d, " +
                "submits queued %d, refused %s, agents unreachable %d, removed by timeout %d, attribute updates %d, " +
                "violations %d%n",
            seed, totals.clusters, seconds, totals.operations, totals.rounds, totals.placements, totals.preemptions,
            totals.revocations, totals.lost, totals.drfChecked, totals.drfContested, totals.drfTooClose,
            totals.maximalityChecked, totals.queued,
            totals.refusals, totals.unreachable, totals.timedOut, totals.attributeUpdates, totals.violations);
        final String failures = String.join("\n\n", totals.failures);
        assertEquals(0, totals.violations, () -> "violations (seed " + seed + "):\n" + failures);
        if (onlyCluster == null && operations >= 200_000)
        {
            assertTrue(totals.placements > 0 && totals.preemptions > 0 && totals.revocations > 0 &&
                totals.lost > 0 && totals.drfChecked > 0 && totals.maximalityChecked > 0 && totals.attributeUpdates > 0,
                "the workload exercised too little");
        }
    }

    private static final class Totals
    {
        long clusters;
        long operations;
        long rounds;
        long placements;
        long preemptions;
        long revocations;
        long lost;
        long drfChecked;
        long drfContested;
        long drfTooClose;
        long maximalityChecked;
        long queued;
        long unreachable;
        long timedOut;
        long attributeUpdates;
        final EnumMap<Reason, Long> refusals = new EnumMap<>(Reason.class);
        long violations;
        final List<String> failures = new ArrayList<>();
    }

    private static final class Violation extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        Violation(final String message)
        {
            super(message, null, false, false);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Shadow model
    // ---------------------------------------------------------------------------------------------------------------

    private static final class Agent
    {
        final String id;
        int slot;
        int epoch;
        long sequence;
        long[] capacity;
        final long[] allocated;
        final long[] revocable;
        final long[] usage;
        boolean reported;
        boolean draining;
        boolean pressured;
        boolean unreachable;
        boolean silent;
        boolean registered;
        long lastHeartbeat;
        long registrationOrder;
        final int[] attribute = new int[ATTRIBUTES.length];
        Map<String, String> attributes;
        /** Running tasks in start order: oldest first. */
        final ArrayList<Task> tasks = new ArrayList<>();
        /** Running tasks per framework and label, [framework * LABELS.length + label], grown on demand. */
        int[] frameworkLabelCount = new int[8 * LABELS.length];
        int listIndex = -1;

        Agent(final String id, final int dimensions)
        {
            this.id = id;
            this.allocated = new long[dimensions];
            this.revocable = new long[dimensions];
            this.usage = new long[dimensions];
        }

        int countOf(final int framework, final int label)
        {
            final int i = framework * LABELS.length + label;
            return i < frameworkLabelCount.length ? frameworkLabelCount[i] : 0;
        }

        void addCount(final int framework, final int label, final int delta)
        {
            final int i = framework * LABELS.length + label;
            if (i >= frameworkLabelCount.length)
            {
                frameworkLabelCount = Arrays.copyOf(frameworkLabelCount, Math.max(i + 1, frameworkLabelCount.length * 2));
            }
            frameworkLabelCount[i] += delta;
        }

        @Override
        public String toString()
        {
            return id + "@" + slot + "/" + epoch;
        }
    }

    private static final class Task
    {
        long id;
        Framework framework;
        int priority;
        boolean revocable;
        int label;
        ConstraintSet constraints;
        long[] resources;
        long submitOrder;
        Agent agent;
        long startOrder;
        int runningIndex = -1;

        @Override
        public String toString()
        {
            return "task " + id + " (" + framework.name + " p" + priority + (revocable ? " revocable" : "") +
                " " + Arrays.toString(resources) + (label != 0 ? " label " + LABELS[label] : "") +
                (constraints.kernelId != 0 ? " " + constraints.source : "") + ")";
        }
    }

    private static final class Framework
    {
        String name;
        int id;
        Role role;
        long rateMillis = -1;
        long burst;
        long units;
        long lastRefill;
        int maxPending = -1;
        final TreeMap<Integer, ArrayDeque<Task>> pending = new TreeMap<>(Comparator.reverseOrder());
        int pendingCount;
        long[] allocated;
        long[] revocable;
        int running;
        long placed;
        /** Running tasks per label and zone, [label * zones + zone]. */
        int[] zoneCount;
        /** Workload style: share of tasks with constraints, with impossible demands, revocable. */
        double constrained;
        ConstraintSet usual;
        double impossible;
        double revocableShare;

        Task head()
        {
            return pendingCount == 0 ? null : pending.firstEntry().getValue().peekFirst();
        }
    }

    private static final class Role
    {
        final String name;
        double weight = 1;
        long[] guarantee;
        long[] limit;
        final long[] allocated;

        Role(final String name, final int dimensions)
        {
            this.name = name;
            this.allocated = new long[dimensions];
        }
    }

    private static final class ConstraintSet
    {
        int kernelId;
        List<Constraint> source;
        int[] attribute;
        Constraint.Op[] op;
        int[][] values;
        int maxPerAgent;
        boolean spread;
    }

    private static final class Event
    {
        boolean placed;
        long taskId;
        int framework;
        int slot;
        int epoch;
        TaskEndCause cause;
        long[] resources;
        int priority;
        boolean revocable;
        int taskAgent;

        @Override
        public String toString()
        {
            return placed ? "PLACED(" + taskId + " fw " + framework + " slot " + slot + ")" :
                cause + "(" + taskId + " fw " + framework + " slot " + slot + ")";
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // One random cluster
    // ---------------------------------------------------------------------------------------------------------------

    private static final class ClusterRun implements DecisionListener
    {
        private final long seed;
        private final int cluster;
        private final Totals totals;
        private final SplittableRandom rnd;
        private final long opLimit;
        private long opIndex;
        private final ArrayDeque<String> history = new ArrayDeque<>();

        private final int dims;
        private final PlacementPolicy policy;
        private final boolean preemption;
        private final long ratioMillis;
        private final long thresholdMillis;
        private final long timeoutNanos;
        private final long lostAfterNanos;
        private final long admissionMillis;
        private final int exemptPriority;
        private final long[] defaultResources;
        private final boolean[] excluded;
        private final boolean guarantees;
        private final int maxAgents;
        private final int maxTasks;
        private final int targetAgents;
        private final int zones;
        private final long[] base;
        private final long tick;
        private final double loadPerAgent;
        private final String description;

        private final AllocatorKernel kernel;
        private final TaskRequest request;
        private final Decision decision = new Decision();
        private final ArrayList<Event> events = new ArrayList<>();

        private final Agent[] bySlot;
        private final int[] slotEpoch;
        private final ArrayList<Agent> agents = new ArrayList<>();
        private final ArrayList<String> removedIds = new ArrayList<>();
        private final ArrayList<long[]> staleHandles = new ArrayList<>();
        private final ArrayList<Framework> frameworks = new ArrayList<>();
        private final Map<String, Role> roles = new LinkedHashMap<>();
        private final ArrayList<ConstraintSet> constraintSets = new ArrayList<>();
        private final HashMap<Long, Task> live = new HashMap<>();
        private final ArrayList<Task> running = new ArrayList<>();
        private final ArrayList<Long> endedIds = new ArrayList<>();
        /** Agents the current operation changed, compared with the kernel after it even in large clusters. */
        private final ArrayList<Agent> touched = new ArrayList<>();
        private final long[] clusterCapacity;
        private final long[] clusterAllocated;
        private int totalPending;
        private long submitCounter;
        private long startCounter;
        private long registrationCounter;
        private long agentCounter;
        private long now;

        ClusterRun(final long seed, final int cluster, final Totals totals, final long remaining)
        {
            this.seed = seed;
            this.cluster = cluster;
            this.totals = totals;
            this.rnd = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (cluster + 1)));
            final double size = rnd.nextDouble();
            targetAgents = size < 0.55 ? 1 + rnd.nextInt(16) : size < 0.9 ? 16 + rnd.nextInt(64) :
                100 + rnd.nextInt(201);
            final double length = rnd.nextDouble();
            final long natural = length < 0.6 ? 2_000 + rnd.nextInt(18_000) : length < 0.93 ?
                20_000 + rnd.nextInt(60_000) : 80_000 + rnd.nextInt(120_000);
            this.opLimit = Math.min(natural, remaining);

            dims = 1 + rnd.nextInt(4);
            policy = rnd.nextBoolean() ? PlacementPolicy.BINPACK : PlacementPolicy.SPREAD;
            preemption = rnd.nextDouble() < 0.4;
            ratioMillis = rnd.nextDouble() < 0.35 ? 0 : new long[]{250, 500, 1000, 1500}[rnd.nextInt(4)];
            thresholdMillis = new long[]{500, 800, 900, 900, 1000}[rnd.nextInt(5)];
            timeoutNanos = rnd.nextDouble() < 0.6 ? 15 * SECOND : (2 + rnd.nextInt(28)) * SECOND;
            lostAfterNanos = rnd.nextDouble() < 0.6 && timeoutNanos <= 60 * SECOND ? 60 * SECOND :
                timeoutNanos + rnd.nextLong(4 * timeoutNanos + 1);
            if (rnd.nextDouble() < 0.4)
            {
                admissionMillis = new long[]{0, 300, 600, 900, 950, 1000}[rnd.nextInt(6)];
                exemptPriority = new int[]{1, 2, 3, 4, Integer.MAX_VALUE}[rnd.nextInt(5)];
            }
            else
            {
                admissionMillis = -1;
                exemptPriority = Integer.MAX_VALUE;
            }
            base = new long[dims];
            for (int d = 0; d < dims; d++)
            {
                base[d] = d == 0 ? 2_000 + rnd.nextInt(62_000) : d == 1 ? 4_000 + rnd.nextInt(508_000) :
                    d == 2 ? 10_000 + rnd.nextInt(2_000_000) : 1_000 + rnd.nextInt(8_000);
            }
            if (rnd.nextDouble() < 0.4)
            {
                defaultResources = new long[dims];
                for (int d = 0; d < dims; d++)
                {
                    defaultResources[d] = rnd.nextDouble() < 0.3 && d > 0 ? 0 : 1 + rnd.nextLong(base[d] / 6 + 1);
                }
                if (defaultResources[0] == 0)
                {
                    defaultResources[0] = 1;
                }
            }
            else
            {
                defaultResources = null;
            }
            excluded = new boolean[dims];
            if (dims >= 2 && rnd.nextDouble() < 0.25)
            {
                excluded[dims - 1] = true;
            }
            guarantees = rnd.nextDouble() < 0.3;
            maxAgents = Math.max(1, targetAgents + rnd.nextInt(6));
            maxTasks = rnd.nextDouble() < 0.1 ? 40 + rnd.nextInt(400) : 1 << 16;
            zones = 1 + rnd.nextInt(VALUES[ZONE].length);
            tick = Math.max(1_000L, (long)(0.05 * timeoutNanos / Math.max(1, targetAgents)));
            loadPerAgent = 1 + 14 * rnd.nextDouble();

            final KernelConfig.Builder builder = KernelConfig.builder(
                    ResourceSchema.of(Arrays.copyOf(DIMENSION_NAMES, dims)))
                .placement(policy)
                .preemption(preemption)
                .oversubscriptionRatioMillis(ratioMillis)
                .pressureThresholdMillis(thresholdMillis)
                .heartbeatTimeouts(timeoutNanos, lostAfterNanos)
                .maxAgents(maxAgents)
                .maxTasks(maxTasks)
                .defaultResources(defaultResources);
            if (admissionMillis >= 0)
            {
                builder.admission(admissionMillis, exemptPriority);
            }
            for (int d = 0; d < dims; d++)
            {
                if (excluded[d])
                {
                    builder.fairnessExcluded(d);
                }
            }
            kernel = new AllocatorKernel(builder.build(), this);
            request = new TaskRequest(kernel.schema());
            bySlot = new Agent[maxAgents];
            slotEpoch = new int[maxAgents];
            clusterCapacity = new long[dims];
            clusterAllocated = new long[dims];
            description = "cluster " + cluster + " [" + targetAgents + " agents (max " + maxAgents + "), " + dims +
                " dims, " + policy + ", preemption " + preemption + ", ratio " + ratioMillis + ", threshold " +
                thresholdMillis + ", timeouts " + timeoutNanos + "/" + lostAfterNanos + " ns, admission " +
                admissionMillis + "/" + exemptPriority + ", default " + Arrays.toString(defaultResources) +
                ", excluded " + Arrays.toString(excluded) + ", guarantees " + guarantees + ", maxTasks " + maxTasks +
                ", zones " + zones + ", base " + Arrays.toString(base) + "]";
        }

        // ----------------------------------------------------------------------------------------------------------
        // Listener: records, never mutates

        @Override
        public void onPlaced(final TaskRecord task, final int agentEpoch)
        {
            final long taskId = task.taskId();
            final int framework = task.framework();
            final int agentSlot = task.agentSlot();
            final Event e = new Event();
            e.placed = true;
            e.taskId = taskId;
            e.framework = framework;
            e.slot = agentSlot;
            e.epoch = agentEpoch;
            e.resources = new long[dims];
            for (int d = 0; d < dims; d++)
            {
                e.resources[d] = kernel.view().taskResource(taskId, d);
            }
            e.priority = kernel.view().taskPriority(taskId);
            e.revocable = kernel.view().isTaskRevocable(taskId);
            e.taskAgent = kernel.view().taskAgent(taskId);
            events.add(e);
        }

        @Override
        public void onTaskEnded(final TaskRecord task, final TaskEndCause cause)
        {
            final long taskId = task.taskId();
            final int framework = task.framework();
            final int agentSlot = task.agentSlot();
            final Event e = new Event();
            e.taskId = taskId;
            e.framework = framework;
            e.slot = agentSlot;
            e.cause = cause;
            events.add(e);
        }

        // ----------------------------------------------------------------------------------------------------------
        // Driver

        void run()
        {
            totals.clusters++;
            final long placementsBefore = totals.placements;
            final long preemptionsBefore = totals.preemptions;
            final long revocationsBefore = totals.revocations;
            final long roundsBefore = totals.rounds;
            final long started = System.nanoTime();
            try
            {
                setup();
                while (opIndex < opLimit)
                {
                    step();
                }
                if (Boolean.getBoolean("stowage.differential.verbose"))
                {
                    System.out.println(description + ": " + opIndex + " operations in " +
                        (System.nanoTime() - started) / 1_000_000 + " ms, " +
                        (totals.rounds - roundsBefore) + " rounds, " + (totals.placements - placementsBefore) +
                        " placements, " + (totals.preemptions - preemptionsBefore) + " preemptions, " +
                        (totals.revocations - revocationsBefore) + " revocations; now " + agents.size() +
                        " agents, " + running.size() + " running, " + totalPending + " pending; heads " +
                        blockedHeads());
                }
            }
            catch (final Violation v)
            {
                record(v.getMessage());
            }
            catch (final RuntimeException | AssertionError e)
            {
                final StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                record("unexpected exception: " + trace);
            }
        }

        /** Why each framework's head waits (for the verbose summary). */
        private String blockedHeads()
        {
            final StringBuilder out = new StringBuilder();
            for (final Framework f : frameworks)
            {
                final Task head = f.head();
                if (head == null)
                {
                    continue;
                }
                String why = "no agent";
                if (!head.revocable && exceedsLimit(f.role, head.resources))
                {
                    why = "role limit";
                }
                else if (placeable(head))
                {
                    why = "placeable";
                }
                else
                {
                    int active = 0;
                    int attributes = 0;
                    int perAgent = 0;
                    for (final Agent a : agents)
                    {
                        if (active(a))
                        {
                            active++;
                            if (attributesHold(a, head.constraints))
                            {
                                attributes++;
                                perAgent += maxPerAgentHolds(a, head) ? 1 : 0;
                            }
                        }
                    }
                    why = "active " + active + ", attributes hold " + attributes + ", below maxPerAgent " + perAgent +
                        ", no room";
                }
                out.append(f.name).append(head.revocable ? " revocable " : " ")
                    .append(Arrays.toString(head.resources)).append(" pending ").append(f.pendingCount)
                    .append(": ").append(why).append("; ");
            }
            return out.toString();
        }

        private void record(final String message)
        {
            totals.violations++;
            if (totals.failures.size() < MAX_FAILURES)
            {
                totals.failures.add("seed " + seed + ", " + description + ", operation " + opIndex + " (repeat " +
                    "with -Dstowage.seed=" + seed + " -Dstowage.differential.cluster=" + cluster + "): " + message +
                    "\n  recent operations:\n    " + String.join("\n    ", history));
            }
        }

        private void setup()
        {
            now = rnd.nextLong(10 * SECOND);
            for (int i = 0; i < LABELS.length; i++)
            {
                if (kernel.internLabel(LABELS[i]) != i)
                {
                    fail("label " + LABELS[i] + " interned as " + kernel.internLabel(LABELS[i]));
                }
            }
            buildConstraintSets();
            final int frameworkCount = 1 + rnd.nextInt(8);
            for (int i = 0; i < frameworkCount; i++)
            {
                registerFramework();
            }
            final int roleSettings = rnd.nextInt(4);
            for (int i = 0; i < roleSettings; i++)
            {
                opSetRole();
            }
            final int initial = Math.max(1, (int)(targetAgents * (0.6 + 0.4 * rnd.nextDouble())));
            for (int i = 0; i < initial && agents.size() < maxAgents; i++)
            {
                registerNewAgent();
            }
        }

        private void step()
        {
            now += rnd.nextLong(2 * tick + 1);
            final int agentCount = agents.size();
            int backlog = 0;
            for (final Framework f : frameworks)
            {
                backlog += Math.min(f.pendingCount, backlogCap());
            }
            final double pendingLoad = backlog / (20.0 + 4.0 * agentCount);
            final double submit = pendingLoad > 1 ? 30 / (pendingLoad * pendingLoad) : 30;
            final double load = running.size() / (1.0 + loadPerAgent * agentCount);
            final double finish = running.isEmpty() ? 0.3 : 30 * load * load;
            final double heartbeat = 20;
            final double allocate = 8;
            final double advance = 2;
            final double drain = 1.2;
            final double capacity = 1.2;
            final double relabel = 1.2;
            final double register = agentCount < targetAgents ? 3 : agentCount < maxAgents ? 0.5 : 0.1;
            final double remove = agentCount > targetAgents / 2 ? 0.4 : 0.05;
            final double silence = 0.6;
            final double setRole = 0.4;
            final double newFramework = frameworks.size() < 10 ? 0.03 : 0;
            final double misc = 0.3;
            double r = rnd.nextDouble() * (submit + finish + heartbeat + allocate + advance + drain + capacity +
                relabel + register + remove + silence + setRole + newFramework + misc);
            if ((r -= submit) < 0)
            {
                opSubmit();
            }
            else if ((r -= finish) < 0)
            {
                opFinish();
            }
            else if ((r -= heartbeat) < 0)
            {
                opHeartbeat();
            }
            else if ((r -= allocate) < 0)
            {
                opAllocate();
            }
            else if ((r -= advance) < 0)
            {
                opAdvanceTime();
            }
            else if ((r -= drain) < 0)
            {
                opDrain();
            }
            else if ((r -= capacity) < 0)
            {
                opUpdateCapacity();
            }
            else if ((r -= relabel) < 0)
            {
                opUpdateAttributes();
            }
            else if ((r -= register) < 0)
            {
                opRegister();
            }
            else if ((r -= remove) < 0)
            {
                opRemove();
            }
            else if ((r -= silence) < 0)
            {
                opSilenceOrResume();
            }
            else if ((r -= setRole) < 0)
            {
                opSetRole();
            }
            else if ((r -= newFramework) < 0)
            {
                registerFramework();
            }
            else
            {
                opStaleOrUnknown();
            }
        }

        private int backlogCap()
        {
            return 20 + 2 * agents.size();
        }

        private void begin(final String what)
        {
            if (history.size() == HISTORY)
            {
                history.removeFirst();
            }
            history.addLast("#" + opIndex + " t=" + now + " " + what);
            events.clear();
            touched.clear();
        }

        private void end()
        {
            if (!events.isEmpty())
            {
                fail("unexpected decision callbacks: " + events);
            }
            final List<String> violations = InvariantChecker.check(kernel);
            if (!violations.isEmpty())
            {
                fail("InvariantChecker: " + violations);
            }
            compareWithKernel();
            opIndex++;
            totals.operations++;
        }

        private void fail(final String message)
        {
            throw new Violation(message);
        }

        private void expectReason(final Reason expected, final Reason actual, final String what)
        {
            if (expected != actual)
            {
                fail(what + ": expected " + expected + ", kernel answered " + actual);
            }
            if (actual != Reason.OK)
            {
                totals.refusals.merge(actual, 1L, Long::sum);
            }
        }

        // ----------------------------------------------------------------------------------------------------------
        // Setup helpers

        private void buildConstraintSets()
        {
            final ConstraintSet none = compile(List.of());
            if (none.kernelId != 0)
            {
                fail("the empty constraint list interned as " + none.kernelId);
            }
            constraintSets.add(none);
            final int count = 4 + rnd.nextInt(10);
            for (int i = 0; i < count; i++)
            {
                final List<Constraint> list = new ArrayList<>();
                final int predicates = rnd.nextInt(3);
                for (int p = 0; p < predicates; p++)
                {
                    list.add(randomPredicate());
                }
                if (rnd.nextDouble() < 0.3)
                {
                    list.add(Constraint.maxPerAgent(1 + rnd.nextInt(3)));
                }
                if (rnd.nextDouble() < 0.25)
                {
                    list.add(Constraint.spread(ATTRIBUTES[ZONE]));
                }
                if (list.isEmpty())
                {
                    list.add(randomPredicate());
                }
                final ConstraintSet set = compile(list);
                if (set.kernelId <= 0)
                {
                    fail("well-formed constraints " + list + " interned as " + set.kernelId);
                }
                constraintSets.add(set);
            }
        }

        private Constraint randomPredicate()
        {
            final int attribute = rnd.nextDouble() < 0.05 ? 3 : rnd.nextInt(3);
            final String name = ATTRIBUTES[attribute];
            switch (rnd.nextInt(5))
            {
                case 0:
                    return Constraint.eq(name, randomValue(attribute));
                case 1:
                    return Constraint.in(name, List.of(randomValue(attribute), randomValue(attribute)));
                case 2:
                    return Constraint.ne(name, randomValue(attribute));
                case 3:
                    return Constraint.notIn(name, List.of(randomValue(attribute), randomValue(attribute)));
                default:
                    return Constraint.exists(name);
            }
        }

        private String randomValue(final int attribute)
        {
            if (rnd.nextDouble() < 0.08)
            {
                return "unheld";
            }
            final int n = attribute == ZONE ? zones : VALUES[attribute].length;
            return VALUES[attribute][rnd.nextInt(n)];
        }

        private ConstraintSet compile(final List<Constraint> list)
        {
            final ConstraintSet set = new ConstraintSet();
            set.source = list;
            set.kernelId = kernel.internConstraints(list);
            final List<Constraint> predicates = new ArrayList<>();
            for (final Constraint c : list)
            {
                if (c.op() == Constraint.Op.MAX_PER_AGENT)
                {
                    set.maxPerAgent = set.maxPerAgent == 0 ? c.limit() : Math.min(set.maxPerAgent, c.limit());
                }
                else if (c.op() == Constraint.Op.SPREAD)
                {
                    set.spread = true;
                }
                else
                {
                    predicates.add(c);
                }
            }
            set.attribute = new int[predicates.size()];
            set.op = new Constraint.Op[predicates.size()];
            set.values = new int[predicates.size()][];
            for (int i = 0; i < predicates.size(); i++)
            {
                final Constraint c = predicates.get(i);
                set.attribute[i] = Arrays.asList(ATTRIBUTES).indexOf(c.attribute());
                set.op[i] = c.op();
                set.values[i] = new int[c.values().size()];
                for (int v = 0; v < c.values().size(); v++)
                {
                    // a value no agent holds becomes -2, which matches no agent's code
                    final int code = Arrays.asList(VALUES[set.attribute[i]]).indexOf(c.values().get(v));
                    set.values[i][v] = code < 0 ? -2 : code;
                }
            }
            return set;
        }

        private Role role(final String name)
        {
            return roles.computeIfAbsent(name, n -> new Role(n, dims));
        }

        private void registerFramework()
        {
            final Framework f = new Framework();
            f.name = "f" + frameworks.size();
            f.role = role(ROLE_NAMES[rnd.nextInt(ROLE_NAMES.length)]);
            if (rnd.nextDouble() < 0.35)
            {
                final double tokensPerOperation = new double[]{0, 0.01, 0.03, 0.1, 0.3, 1}[rnd.nextInt(6)];
                f.rateMillis = (long)(tokensPerOperation * 1000 * SECOND / (1.5 * tick));
                f.burst = new long[]{0, 1, 3, 10, 100}[rnd.nextInt(5)];
            }
            f.maxPending = rnd.nextDouble() < 0.6 ? -1 : new int[]{0, 3, 10, 20, 50, 200}[rnd.nextInt(6)];
            f.constrained = rnd.nextDouble() < 0.4 ? 0 : 0.2 + rnd.nextDouble() * 0.8;
            f.usual = constraintSets.get(1 + rnd.nextInt(constraintSets.size() - 1));
            // one framework in some clusters asks, now and then, for what no agent can give
            f.impossible = frameworks.size() == 0 && rnd.nextDouble() < 0.4 ? rnd.nextDouble() * 0.05 : 0;
            f.revocableShare = ratioMillis > 0 ? rnd.nextDouble() * 0.6 : 0.01;
            f.allocated = new long[dims];
            f.revocable = new long[dims];
            f.zoneCount = new int[LABELS.length * VALUES[ZONE].length];
            begin("registerFramework " + f.name + " role " + f.role.name + " rate " + f.rateMillis + " burst " +
                f.burst + " maxPending " + f.maxPending);
            f.id = kernel.registerFramework(f.name, f.role.name, f.rateMillis, f.burst, f.maxPending);
            if (f.id != frameworks.size())
            {
                fail("framework " + f.name + " got id " + f.id + ", expected " + frameworks.size());
            }
            f.units = f.burst * UNITS_PER_TOKEN;
            f.lastRefill = kernel.view().now() == Long.MIN_VALUE ? 0 : kernel.view().now();
            frameworks.add(f);
            end();
        }

        // ----------------------------------------------------------------------------------------------------------
        // Reference predicates over the shadow model

        private long revocableBound(final long capacity)
        {
            return Math.multiplyExact(capacity, ratioMillis) / 1000;
        }

        private boolean overcommitted(final Agent a)
        {
            for (int d = 0; d < dims; d++)
            {
                if (a.allocated[d] > a.capacity[d] || a.revocable[d] > revocableBound(a.capacity[d]))
                {
                    return true;
                }
            }
            return false;
        }

        private boolean active(final Agent a)
        {
            return a.registered && !a.unreachable && !a.draining && !a.pressured && !overcommitted(a);
        }

        private AgentState expectedState(final Agent a)
        {
            if (!a.registered)
            {
                return AgentState.REMOVED;
            }
            if (a.unreachable)
            {
                return AgentState.UNREACHABLE;
            }
            if (a.draining)
            {
                return AgentState.DRAINING;
            }
            if (overcommitted(a))
            {
                return AgentState.OVERCOMMITTED;
            }
            return a.pressured ? AgentState.PRESSURED : AgentState.ACTIVE;
        }

        private boolean attributesHold(final Agent a, final ConstraintSet set)
        {
            for (int i = 0; i < set.op.length; i++)
            {
                final int value = a.attribute[set.attribute[i]];
                boolean contained = false;
                for (final int v : set.values[i])
                {
                    contained |= v == value;
                }
                final boolean holds;
                switch (set.op[i])
                {
                    case EQ:
                    case IN:
                        holds = value >= 0 && contained;
                        break;
                    case NE:
                    case NOT_IN:
                        holds = value < 0 || !contained;
                        break;
                    case EXISTS:
                        holds = value >= 0;
                        break;
                    default:
                        throw new IllegalStateException("op " + set.op[i]);
                }
                if (!holds)
                {
                    return false;
                }
            }
            return true;
        }

        private boolean maxPerAgentHolds(final Agent a, final Task t)
        {
            return t.constraints.maxPerAgent == 0 ||
                a.countOf(t.framework.id, t.label) < t.constraints.maxPerAgent;
        }

        /** Room for the task's resources once {@code freed} (may be null) is released. */
        private boolean fits(final Agent a, final Task t, final long[] freed)
        {
            for (int d = 0; d < dims; d++)
            {
                final long extra = freed == null ? 0 : freed[d];
                if (t.revocable)
                {
                    final long slack = a.reported ? a.capacity[d] - a.usage[d] : 0;
                    final long room = Math.min(revocableBound(a.capacity[d]), slack) - a.revocable[d] + extra;
                    if (t.resources[d] > room)
                    {
                        return false;
                    }
                }
                else if (a.allocated[d] - extra + t.resources[d] > a.capacity[d])
                {
                    return false;
                }
            }
            return true;
        }

        private boolean feasible(final Agent a, final Task t)
        {
            return active(a) && attributesHold(a, t.constraints) && maxPerAgentHolds(a, t) && fits(a, t, null);
        }

        private String whyInfeasible(final Agent a, final Task t)
        {
            if (!active(a))
            {
                return "agent state " + expectedState(a);
            }
            if (!attributesHold(a, t.constraints))
            {
                return "attributes " + a.attributes + " fail " + t.constraints.source;
            }
            if (!maxPerAgentHolds(a, t))
            {
                return "maxPerAgent " + t.constraints.maxPerAgent + " reached (" + a.countOf(t.framework.id, t.label) +
                    " running)";
            }
            if (!fits(a, t, null))
            {
                return "no room: capacity " + Arrays.toString(a.capacity) + " allocated " +
                    Arrays.toString(a.allocated) + " revocable " + Arrays.toString(a.revocable) + " usage " +
                    (a.reported ? Arrays.toString(a.usage) : "unreported");
            }
            return "feasible";
        }

        private double utilisation(final Agent a)
        {
            double u = 0;
            for (int d = 0; d < dims; d++)
            {
                final long c = a.capacity[d];
                final long x = a.allocated[d];
                final double v = c == 0 ? (x == 0 ? 0 : 1) : Math.min(1.0, (double)x / c);
                u = Math.max(u, v);
            }
            return u;
        }

        private boolean exceedsLimit(final Role role, final long[] request)
        {
            if (role.limit == null)
            {
                return false;
            }
            for (int d = 0; d < dims; d++)
            {
                if (role.allocated[d] + request[d] > role.limit[d])
                {
                    return true;
                }
            }
            return false;
        }

        private long unmet(final Role role, final int d)
        {
            return role.guarantee == null ? 0 : Math.max(0, role.guarantee[d] - role.allocated[d]);
        }

        private boolean belowGuarantee(final Role role)
        {
            for (int d = 0; d < dims; d++)
            {
                if (unmet(role, d) > 0)
                {
                    return true;
                }
            }
            return false;
        }

        /** Feasible on some ACTIVE agent and within the role's limit (the "placeable" of properties 3 and 4). */
        private boolean placeable(final Task t)
        {
            if (!t.revocable && exceedsLimit(t.framework.role, t.resources))
            {
                return false;
            }
            for (int i = 0; i < agents.size(); i++)
            {
                if (feasible(agents.get(i), t))
                {
                    return true;
                }
            }
            return false;
        }

        private boolean admissionClosed()
        {
            if (admissionMillis < 0)
            {
                return false;
            }
            for (int d = 0; d < dims; d++)
            {
                if (Math.multiplyExact(clusterAllocated[d], 1000L) > Math.multiplyExact(admissionMillis,
                    clusterCapacity[d]))
                {
                    return true;
                }
            }
            return false;
        }

        private boolean exceedsThreshold(final Agent a, final long[] usage)
        {
            for (int d = 0; d < dims; d++)
            {
                if (Math.multiplyExact(usage[d], 1000L) > Math.multiplyExact(thresholdMillis, a.capacity[d]))
                {
                    return true;
                }
            }
            return false;
        }

        // ----------------------------------------------------------------------------------------------------------
        // Shadow updates

        private void startTask(final Task t, final Agent a)
        {
            final Framework f = t.framework;
            final ArrayDeque<Task> queue = f.pending.get(t.priority);
            if (queue == null || queue.peekFirst() != t)
            {
                fail("placed " + t + " is not at the head of its priority queue");
            }
            queue.pollFirst();
            if (queue.isEmpty())
            {
                f.pending.remove(t.priority);
            }
            f.pendingCount--;
            totalPending--;
            t.agent = a;
            touched.add(a);
            t.startOrder = ++startCounter;
            a.tasks.add(t);
            a.addCount(f.id, t.label, 1);
            f.zoneCount[t.label * VALUES[ZONE].length + a.attribute[ZONE]]++;
            for (int d = 0; d < dims; d++)
            {
                if (t.revocable)
                {
                    a.revocable[d] += t.resources[d];
                    f.revocable[d] += t.resources[d];
                }
                else
                {
                    a.allocated[d] += t.resources[d];
                    f.allocated[d] += t.resources[d];
                    f.role.allocated[d] += t.resources[d];
                    clusterAllocated[d] += t.resources[d];
                }
            }
            f.running++;
            f.placed++;
            t.runningIndex = running.size();
            running.add(t);
        }

        private void endTask(final Task t)
        {
            final Agent a = t.agent;
            final Framework f = t.framework;
            touched.add(a);
            if (!a.tasks.remove(t))
            {
                fail(t + " is not on its agent " + a);
            }
            a.addCount(f.id, t.label, -1);
            f.zoneCount[t.label * VALUES[ZONE].length + a.attribute[ZONE]]--;
            for (int d = 0; d < dims; d++)
            {
                if (t.revocable)
                {
                    a.revocable[d] -= t.resources[d];
                    f.revocable[d] -= t.resources[d];
                }
                else
                {
                    a.allocated[d] -= t.resources[d];
                    f.allocated[d] -= t.resources[d];
                    f.role.allocated[d] -= t.resources[d];
                    clusterAllocated[d] -= t.resources[d];
                }
            }
            f.running--;
            final Task last = running.remove(running.size() - 1);
            if (last != t)
            {
                running.set(t.runningIndex, last);
                last.runningIndex = t.runningIndex;
            }
            t.runningIndex = -1;
            t.agent = null;
            live.remove(t.id);
            rememberEnded(t.id);
        }

        private void rememberEnded(final long id)
        {
            if (endedIds.size() < 64)
            {
                endedIds.add(id);
            }
            else
            {
                endedIds.set(rnd.nextInt(64), id);
            }
        }

        // ----------------------------------------------------------------------------------------------------------
        // Comparison of the whole shadow with the kernel's queries

        private void compareWithKernel()
        {
            if (kernel.view().agentCount() != agents.size())
            {
                fail("kernel counts " + kernel.view().agentCount() + " agents, reference " + agents.size());
            }
            if (kernel.view().runningTaskCount() != running.size() || kernel.view().pendingTaskCount() != totalPending)
            {
                fail("kernel counts " + kernel.view().runningTaskCount() + " running and " + kernel.view().pendingTaskCount() +
                    " pending tasks, reference " + running.size() + " and " + totalPending);
            }
            for (int d = 0; d < dims; d++)
            {
                if (kernel.view().clusterCapacity(d) != clusterCapacity[d] || kernel.view().clusterAllocated(d) != clusterAllocated[d])
                {
                    fail("cluster " + DIMENSION_NAMES[d] + ": kernel capacity " + kernel.view().clusterCapacity(d) +
                        " allocated " + kernel.view().clusterAllocated(d) + ", reference " + clusterCapacity[d] + " and " +
                        clusterAllocated[d]);
                }
            }
            if (kernel.view().admissionClosed() != admissionClosed())
            {
                fail("kernel admission closed " + kernel.view().admissionClosed() + ", reference " + admissionClosed());
            }
            for (final Framework f : frameworks)
            {
                if (kernel.view().frameworkPending(f.id) != f.pendingCount || kernel.view().frameworkRunning(f.id) != f.running ||
                    kernel.view().frameworkPlaced(f.id) != f.placed)
                {
                    fail("framework " + f.name + ": kernel pending/running/placed " + kernel.view().frameworkPending(f.id) +
                        "/" + kernel.view().frameworkRunning(f.id) + "/" + kernel.view().frameworkPlaced(f.id) + ", reference " +
                        f.pendingCount + "/" + f.running + "/" + f.placed);
                }
                for (int d = 0; d < dims; d++)
                {
                    if (kernel.view().frameworkAllocated(f.id, d) != f.allocated[d])
                    {
                        fail("framework " + f.name + " " + DIMENSION_NAMES[d] + ": kernel allocated " +
                            kernel.view().frameworkAllocated(f.id, d) + ", reference " + f.allocated[d]);
                    }
                }
            }
            for (final Role role : roles.values())
            {
                final int id = kernel.view().roleId(role.name);
                if (id < 0)
                {
                    fail("role " + role.name + " unknown to the kernel");
                }
                for (int d = 0; d < dims; d++)
                {
                    if (kernel.view().roleAllocated(id, d) != role.allocated[d])
                    {
                        fail("role " + role.name + " " + DIMENSION_NAMES[d] + ": kernel allocated " +
                            kernel.view().roleAllocated(id, d) + ", reference " + role.allocated[d]);
                    }
                }
            }
            for (final Agent a : touched)
            {
                if (a.registered)
                {
                    compareAgent(a);
                }
            }
            final boolean everySlot = agents.size() <= 64 || (opIndex & 15) == 0;
            if (everySlot)
            {
                for (int slot = 0; slot < maxAgents; slot++)
                {
                    if (kernel.view().isRegistered(slot) != (bySlot[slot] != null))
                    {
                        fail("slot " + slot + ": kernel registered " + kernel.view().isRegistered(slot) + ", reference " +
                            (bySlot[slot] != null));
                    }
                }
                for (int i = 0; i < agents.size(); i++)
                {
                    compareAgent(agents.get(i));
                }
            }
        }

        private void compareAgent(final Agent a)
        {
            final int slot = a.slot;
            if (!kernel.view().isRegistered(slot) || kernel.view().agentEpoch(slot) != a.epoch || !a.id.equals(kernel.view().agentId(slot)))
            {
                fail("agent " + a + ": kernel registered " + kernel.view().isRegistered(slot) + " epoch " +
                    kernel.view().agentEpoch(slot));
            }
            final AgentState state = kernel.view().agentState(slot);
            if (state != expectedState(a))
            {
                fail("agent " + a + ": kernel state " + state + ", reference " + expectedState(a) + " (draining " +
                    a.draining + ", pressured " + a.pressured + ", unreachable " + a.unreachable + ", overcommitted " +
                    overcommitted(a) + ")");
            }
            if (kernel.view().agentTaskCount(slot) != a.tasks.size() || kernel.view().agentLastHeartbeat(slot) != a.lastHeartbeat ||
                kernel.view().agentLastSequence(slot) != a.sequence || kernel.view().agentReportedUsage(slot) != a.reported)
            {
                fail("agent " + a + ": kernel tasks/lastHeartbeat/sequence/reported " + kernel.view().agentTaskCount(slot) +
                    "/" + kernel.view().agentLastHeartbeat(slot) + "/" + kernel.view().agentLastSequence(slot) + "/" +
                    kernel.view().agentReportedUsage(slot) + ", reference " + a.tasks.size() + "/" + a.lastHeartbeat + "/" +
                    a.sequence + "/" + a.reported);
            }
            if (!kernel.view().agentAttributes(slot).equals(a.attributes))
            {
                fail("agent " + a + ": kernel attributes " + kernel.view().agentAttributes(slot) + ", reference " +
                    a.attributes);
            }
            for (int d = 0; d < dims; d++)
            {
                if (kernel.view().agentCapacity(slot, d) != a.capacity[d] || kernel.view().agentAllocated(slot, d) != a.allocated[d] ||
                    kernel.view().agentRevocable(slot, d) != a.revocable[d] || kernel.view().agentUsage(slot, d) != a.usage[d])
                {
                    fail("agent " + a + " " + DIMENSION_NAMES[d] + ": kernel capacity/allocated/revocable/usage " +
                        kernel.view().agentCapacity(slot, d) + "/" + kernel.view().agentAllocated(slot, d) + "/" +
                        kernel.view().agentRevocable(slot, d) + "/" + kernel.view().agentUsage(slot, d) + ", reference " +
                        a.capacity[d] + "/" + a.allocated[d] + "/" + a.revocable[d] + "/" + a.usage[d]);
                }
            }
        }

        // ----------------------------------------------------------------------------------------------------------
        // Submit (property 8)

        private void opSubmit()
        {
            final boolean unknownFramework = rnd.nextDouble() < 0.01;
            Framework f = unknownFramework ? null : frameworks.get(rnd.nextInt(frameworks.size()));
            for (int i = 0; i < 3 && f != null && f.pendingCount > backlogCap(); i++)
            {
                f = frameworks.get(rnd.nextInt(frameworks.size()));
            }
            final int frameworkId = unknownFramework ? (rnd.nextBoolean() ? -1 : frameworks.size() + rnd.nextInt(3)) :
                f.id;
            request.reset(frameworkId);
            final int priority = rnd.nextInt(PRIORITIES);
            final boolean revocable = rnd.nextDouble() < (f == null ? 0.1 : f.revocableShare);
            final boolean impossible = f != null && rnd.nextDouble() < f.impossible;
            request.priority(priority).revocable(revocable);
            long[] resources = null;
            boolean valid = true;
            final double shape = rnd.nextDouble();
            if (shape < 0.05)
            {
                resources = defaultResources;
                valid = defaultResources != null;
            }
            else
            {
                resources = new long[dims];
                for (int d = 0; d < dims; d++)
                {
                    final double scale = d == 0 ? 0.3 : 0.25;
                    resources[d] = d > 0 && rnd.nextDouble() < 0.3 ? 0 :
                        1 + rnd.nextLong((long)(base[d] * scale) + 1);
                }
                if (shape < 0.07)
                {
                    resources[rnd.nextInt(dims)] = rnd.nextBoolean() ? -1 - rnd.nextInt(1000) :
                        AllocatorKernel.MAX_QUANTITY + 1;
                    valid = false;
                }
                else if (shape < 0.08)
                {
                    Arrays.fill(resources, 0);
                    valid = false;
                }
                else if (impossible && rnd.nextBoolean())
                {
                    resources[rnd.nextInt(dims)] = base[0] * 4L + rnd.nextInt(1000);
                }
                request.resources(resources);
            }
            int label = rnd.nextDouble() < 0.5 ? 0 : rnd.nextInt(LABELS.length);
            ConstraintSet set = constraintSets.get(0);
            if (impossible && rnd.nextBoolean())
            {
                set = constraintSets.get(1 + rnd.nextInt(constraintSets.size() - 1));
            }
            else if (f != null && rnd.nextDouble() < f.constrained && satisfiable(f.usual))
            {
                set = f.usual;
            }
            int constraintId = set.kernelId;
            final double oddity = rnd.nextDouble();
            if (oddity < 0.01)
            {
                label = LABELS.length + rnd.nextInt(5);
                valid = false;
            }
            else if (oddity < 0.02)
            {
                constraintId = rnd.nextBoolean() ? constraintSets.size() + rnd.nextInt(3) :
                    kernel.internConstraints(List.of(new Constraint(Constraint.Op.EQ, "zone", List.of(), 0)));
                valid = false;
            }
            request.label(label).constraints(constraintId);

            begin("submit fw " + frameworkId + " p" + priority + (revocable ? " revocable" : "") + " resources " +
                (request.hasResources() ? Arrays.toString(resources) : "default") + " label " + label +
                " constraints " + constraintId + (constraintId == set.kernelId ? " " + set.source : ""));
            // the reference check order: validity, framework known, revocable allowed, rate, admission, pending limit
            Reason expected = Reason.OK;
            if (!valid)
            {
                expected = Reason.INVALID_REQUEST;
            }
            else if (unknownFramework)
            {
                expected = Reason.UNKNOWN_FRAMEWORK;
            }
            else if (revocable && ratioMillis == 0)
            {
                expected = Reason.REVOCABLE_DISABLED;
            }
            else if (!takeToken(f))
            {
                expected = Reason.RATE_LIMITED;
            }
            else if (priority < exemptPriority && admissionClosed())
            {
                expected = Reason.ADMISSION_CLOSED;
            }
            else if (f.maxPending >= 0 && f.pendingCount >= f.maxPending)
            {
                expected = Reason.PENDING_LIMIT;
            }
            else if (totalPending + running.size() >= maxTasks)
            {
                expected = Reason.TASK_LIMIT;
            }
            final int pendingBefore = kernel.view().pendingTaskCount();
            final int runningBefore = kernel.view().runningTaskCount();
            final int frameworkPendingBefore = unknownFramework ? 0 : kernel.view().frameworkPending(f.id);
            kernel.submit(request, now, decision);
            if (expected == Reason.OK)
            {
                if (decision.kind() != DecisionKind.QUEUED)
                {
                    fail("submit: expected QUEUED, kernel answered " + decision);
                }
                final Task t = new Task();
                t.id = decision.taskId();
                t.framework = f;
                t.priority = priority;
                t.revocable = revocable;
                t.label = label;
                t.constraints = set;
                t.resources = resources.clone();
                t.submitOrder = ++submitCounter;
                if (live.put(t.id, t) != null)
                {
                    fail("submit: task id " + t.id + " handed out twice");
                }
                f.pending.computeIfAbsent(priority, p -> new ArrayDeque<>()).addLast(t);
                f.pendingCount++;
                totalPending++;
                totals.queued++;
            }
            else
            {
                if (decision.kind() != DecisionKind.REJECTED)
                {
                    fail("submit: expected REJECTED(" + expected + "), kernel answered " + decision);
                }
                expectReason(expected, decision.reason(), "submit");
                if (kernel.view().pendingTaskCount() != pendingBefore || kernel.view().runningTaskCount() != runningBefore ||
                    (!unknownFramework && kernel.view().frameworkPending(f.id) != frameworkPendingBefore))
                {
                    fail("a refused submit changed the pending or running counts");
                }
            }
            end();
        }

        private boolean satisfiable(final ConstraintSet set)
        {
            for (int i = 0; i < agents.size(); i++)
            {
                if (attributesHold(agents.get(i), set))
                {
                    return true;
                }
            }
            return false;
        }

        /** The reference token bucket, in exact integer arithmetic. */
        private boolean takeToken(final Framework f)
        {
            if (f.rateMillis < 0)
            {
                return true;
            }
            if (now > f.lastRefill)
            {
                final long elapsed = now - f.lastRefill;
                f.lastRefill = now;
                final long capacity = f.burst * UNITS_PER_TOKEN;
                final long added = Math.multiplyHigh(elapsed, f.rateMillis) != 0 ? Long.MAX_VALUE :
                    elapsed * f.rateMillis;
                f.units = added < 0 || added >= capacity - f.units ? capacity : f.units + added;
            }
            if (f.units >= UNITS_PER_TOKEN)
            {
                f.units -= UNITS_PER_TOKEN;
                return true;
            }
            return false;
        }

        // ----------------------------------------------------------------------------------------------------------
        // Finish

        private void opFinish()
        {
            if (running.isEmpty() || rnd.nextDouble() < 0.03)
            {
                final long id;
                final double kind = rnd.nextDouble();
                if (kind < 0.4 && !endedIds.isEmpty())
                {
                    id = endedIds.get(rnd.nextInt(endedIds.size()));
                }
                else if (kind < 0.7 && totalPending > 0)
                {
                    id = anyPendingTask().id;
                }
                else
                {
                    id = rnd.nextLong();
                }
                begin("finish unknown/pending task " + id);
                expectReason(Reason.UNKNOWN_TASK, kernel.finish(id), "finish of task " + id);
                end();
                return;
            }
            final Task t = running.get(rnd.nextInt(running.size()));
            begin("finish " + t + " on " + t.agent);
            expectReason(Reason.OK, kernel.finish(t.id), "finish of " + t);
            endTask(t);
            end();
        }

        private Task anyPendingTask()
        {
            for (final Framework f : frameworks)
            {
                if (f.pendingCount > 0)
                {
                    return f.head();
                }
            }
            throw new IllegalStateException("no pending task");
        }

        // ----------------------------------------------------------------------------------------------------------
        // Allocation rounds (properties 1 to 5)

        private void opAllocate()
        {
            begin("allocate (pending " + totalPending + ", running " + running.size() + ")");
            final int placedCount = kernel.allocate(now);
            totals.rounds++;
            final List<Event> roundEvents = new ArrayList<>(events);
            events.clear();
            boolean monotone = true;
            final boolean[] unplaceable = new boolean[frameworks.size()];
            final List<Task> victims = new ArrayList<>();
            int previousPriority = Integer.MAX_VALUE;
            int placements = 0;
            for (final Event e : roundEvents)
            {
                if (!e.placed)
                {
                    if (e.cause != TaskEndCause.PREEMPTED || !preemption)
                    {
                        fail("round ended " + e + " (preemption " + preemption + ")");
                    }
                    final Task v = live.get(e.taskId);
                    if (v == null || v.agent == null || v.agent.slot != e.slot || v.framework.id != e.framework)
                    {
                        fail("round preempted " + e + " which is not a running task on that agent: " + v);
                    }
                    if (victims.contains(v))
                    {
                        fail("round preempted " + v + " twice");
                    }
                    victims.add(v);
                    continue;
                }
                placements++;
                final Task t = live.get(e.taskId);
                if (t == null || t.agent != null)
                {
                    fail("round placed " + e + " which is not a pending task: " + t);
                }
                if (e.framework != t.framework.id || e.priority != t.priority || e.revocable != t.revocable ||
                    !Arrays.equals(e.resources, t.resources) || e.taskAgent != e.slot)
                {
                    fail("round placed " + e + " but the kernel holds framework " + e.framework + " priority " +
                        e.priority + " revocable " + e.revocable + " resources " + Arrays.toString(e.resources) +
                        " on slot " + e.taskAgent + " for " + t);
                }
                final Agent a = e.slot >= 0 && e.slot < maxAgents ? bySlot[e.slot] : null;
                if (a == null || a.epoch != e.epoch)
                {
                    fail("round placed " + t + " on slot " + e.slot + " epoch " + e.epoch + ", not a registered agent");
                }
                if (t.framework.head() != t)
                {
                    fail("round placed " + t + " but its framework's head is " + t.framework.head());
                }
                // property 2
                if (t.priority > previousPriority)
                {
                    fail("round placed " + t + " after a task of priority " + previousPriority);
                }
                previousPriority = t.priority;
                checkQuota(t, victims);
                if (victims.isEmpty())
                {
                    checkPlacement(t, a);
                    if (monotone)
                    {
                        checkDrfOrder(t, unplaceable);
                    }
                }
                else
                {
                    monotone = false;
                    checkPreemption(t, a, victims);
                    victims.clear();
                }
                startTask(t, a);
                totals.placements++;
            }
            if (!victims.isEmpty())
            {
                fail("round preempted " + victims + " but placed nothing after them");
            }
            if (placements != placedCount)
            {
                fail("allocate returned " + placedCount + " but reported " + placements + " placements");
            }
            if (monotone)
            {
                checkMaximality(unplaceable);
            }
            end();
        }

        /**
         * Within the role's limit, and not into headroom held for other roles' unmet guarantees, judged as things
         * stand once the task's preemption victims are gone: their resources are free and their roles' allocations
         * drop (SCENARIOS.md: placing "would leave less free capacity"; what preemption frees is free).
         */
        private void checkQuota(final Task t, final List<Task> victims)
        {
            final Role role = t.framework.role;
            if (!t.revocable && exceedsLimit(role, t.resources))
            {
                fail("round placed " + t + " beyond the limit " + Arrays.toString(role.limit) + " of role " +
                    role.name + " (allocated " + Arrays.toString(role.allocated) + ")");
            }
            shiftVictims(victims, -1);
            final String held;
            try
            {
                held = heldBack(t);
            }
            finally
            {
                shiftVictims(victims, 1);
            }
            if (held != null)
            {
                fail("round placed " + t + " of role " + role.name + " (at or above its guarantee) leaving " + held);
            }
        }

        /** Takes the non-revocable victims' resources out of (sign -1) or back into (+1) role and cluster totals. */
        private void shiftVictims(final List<Task> victims, final int sign)
        {
            for (final Task v : victims)
            {
                if (v.revocable)
                {
                    continue;
                }
                for (int d = 0; d < dims; d++)
                {
                    v.framework.role.allocated[d] += sign * v.resources[d];
                    clusterAllocated[d] += sign * v.resources[d];
                }
            }
        }

        /**
         * @return null, or why the headroom held for other roles' unmet guarantees forbids the (non-revocable) task
         * of a role at or above its own guarantee.
         */
        private String heldBack(final Task t)
        {
            final Role role = t.framework.role;
            if (t.revocable || belowGuarantee(role))
            {
                return null;
            }
            for (int d = 0; d < dims; d++)
            {
                long othersUnmet = 0;
                for (final Role other : roles.values())
                {
                    if (other != role)
                    {
                        othersUnmet += unmet(other, d);
                    }
                }
                final long freeAfter = clusterCapacity[d] - clusterAllocated[d] - t.resources[d];
                if (othersUnmet > 0 && freeAfter < othersUnmet)
                {
                    return freeAfter + " free " + DIMENSION_NAMES[d] + " under other roles' unmet guarantees " +
                        othersUnmet;
                }
            }
            return null;
        }

        /** Property 1: feasible ACTIVE agent within 1/64 of the best dominant utilisation (and spread's zone). */
        private void checkPlacement(final Task t, final Agent chosen)
        {
            if (!feasible(chosen, t))
            {
                fail("round placed " + t + " on " + chosen + " which was not feasible: " + whyInfeasible(chosen, t));
            }
            final int zonesTotal = VALUES[ZONE].length;
            int bestZoneCount = Integer.MAX_VALUE;
            if (t.constraints.spread)
            {
                for (int i = 0; i < agents.size(); i++)
                {
                    final Agent a = agents.get(i);
                    if (feasible(a, t))
                    {
                        bestZoneCount = Math.min(bestZoneCount,
                            t.framework.zoneCount[t.label * zonesTotal + a.attribute[ZONE]]);
                    }
                }
                final int chosenCount = t.framework.zoneCount[t.label * zonesTotal + chosen.attribute[ZONE]];
                if (chosenCount != bestZoneCount)
                {
                    fail("spread placed " + t + " in zone " + VALUES[ZONE][chosen.attribute[ZONE]] + " holding " +
                        chosenCount + " of its tasks, while a zone with a feasible agent holds " + bestZoneCount);
                }
            }
            double best = policy == PlacementPolicy.BINPACK ? -1 : 2;
            Agent bestAgent = null;
            for (int i = 0; i < agents.size(); i++)
            {
                final Agent a = agents.get(i);
                if (t.constraints.spread && a.attribute[ZONE] != chosen.attribute[ZONE])
                {
                    continue;
                }
                if (feasible(a, t))
                {
                    final double u = utilisation(a);
                    if (policy == PlacementPolicy.BINPACK ? u > best : u < best)
                    {
                        best = u;
                        bestAgent = a;
                    }
                }
            }
            final double u = utilisation(chosen);
            final boolean within = policy == PlacementPolicy.BINPACK ? u >= best - 1.0 / 64 - 1e-12 :
                u <= best + 1.0 / 64 + 1e-12;
            if (!within)
            {
                fail(policy + " placed " + t + " on " + chosen + " of dominant utilisation " + u + " while " +
                    bestAgent + " was feasible with " + best);
            }
        }

        /**
         * Property 3: no framework whose head is placeable (or, with preemption on, able to preempt) has a key
         * definitely smaller than the placed framework's; the key puts roles below their guarantee first. While a
         * round has only placed (no preemption yet), allocations only grow, new tasks only add victims that give back
         * what they took, and the headroom a role at or above its guarantee may use only shrinks (another role's
         * placement takes at least as much free capacity as it meets of that role's guarantee), so a framework found
         * unable to run stays so for the rest of the round (cached in {@code unplaceable}).
         */
        private void checkDrfOrder(final Task t, final boolean[] unplaceable)
        {
            totals.drfChecked++;
            final Framework placed = t.framework;
            boolean contested = false;
            for (final Framework g : frameworks)
            {
                if (g == placed || g.pendingCount == 0)
                {
                    continue;
                }
                contested = true;
                if (unplaceable[g.id])
                {
                    continue;
                }
                final Task head = g.head();
                final int order = compareKeys(g, head.priority, placed, t.priority);
                if (order == 0)
                {
                    totals.drfTooClose++;
                }
                if (order < 0)
                {
                    if (canRun(head))
                    {
                        fail("DRF order: placed " + t + " (" + keyText(placed, t.priority) + ") while " + head +
                            " (" + keyText(g, head.priority) + ") comes first and is " +
                            (placeable(head) ? "placeable" : "able to preempt"));
                    }
                    unplaceable[g.id] = true;
                }
            }
            if (contested)
            {
                totals.drfContested++;
            }
        }

        /** Property 4: after a monotone round, no framework with pending tasks has a head that can run. */
        private void checkMaximality(final boolean[] unplaceable)
        {
            totals.maximalityChecked++;
            for (final Framework f : frameworks)
            {
                if (f.pendingCount > 0 && (f.id >= unplaceable.length || !unplaceable[f.id]) && canRun(f.head()))
                {
                    final Task head = f.head();
                    if (!placeable(head))
                    {
                        fail("round ended early: " + head + " of " + f.name + " can preempt: " +
                            Arrays.toString(referencePreemption(head)));
                    }
                    Agent where = null;
                    for (final Agent a : agents)
                    {
                        if (feasible(a, head))
                        {
                            where = a;
                            break;
                        }
                    }
                    fail("round ended early: " + head + " of " + f.name + " is placeable on " + where);
                }
            }
        }

        /** -1 if a's key is definitely before b's, 1 if definitely after, 0 if equal or too close to call. */
        private int compareKeys(final Framework a, final int priorityA, final Framework b, final int priorityB)
        {
            if (priorityA != priorityB)
            {
                return priorityA > priorityB ? -1 : 1;
            }
            if (a.role != b.role)
            {
                final boolean belowA = belowGuarantee(a.role);
                if (belowA != belowGuarantee(b.role))
                {
                    return belowA ? -1 : 1;
                }
                final int c = compareShares(a.role.allocated, a.role.weight, b.role.allocated, b.role.weight);
                if (c != 0)
                {
                    return c == 2 ? 0 : c;
                }
                return a.role.name.compareTo(b.role.name) < 0 ? -1 : 1;
            }
            final int c = compareShares(a.allocated, 1, b.allocated, 1);
            if (c != 0)
            {
                return c == 2 ? 0 : c;
            }
            if (a.placed != b.placed)
            {
                return a.placed < b.placed ? -1 : 1;
            }
            return a.name.compareTo(b.name) < 0 ? -1 : 1;
        }

        /** -1 / 1 if definitely smaller / larger, 0 if exactly equal (same vector and weight), 2 if too close. */
        private int compareShares(final long[] a, final double weightA, final long[] b, final double weightB)
        {
            boolean same = weightA == weightB;
            for (int d = 0; same && d < dims; d++)
            {
                same = excluded[d] || clusterCapacity[d] <= 0 || a[d] == b[d];
            }
            if (same)
            {
                return 0;
            }
            final double sa = share(a) / weightA;
            final double sb = share(b) / weightB;
            if (Math.abs(sa - sb) <= SHARE_TOLERANCE)
            {
                return 2;
            }
            return sa < sb ? -1 : 1;
        }

        private double share(final long[] allocated)
        {
            double share = 0;
            for (int d = 0; d < dims; d++)
            {
                if (!excluded[d] && clusterCapacity[d] > 0)
                {
                    share = Math.max(share, allocated[d] / (double)clusterCapacity[d]);
                }
            }
            return share;
        }

        private String keyText(final Framework f, final int priority)
        {
            return "priority " + priority + ", role " + f.role.name + " share " + share(f.role.allocated) /
                f.role.weight + ", share " + share(f.allocated) + ", placed " + f.placed;
        }

        /** Property 5, against the reference preemption rule; releases the victims in the shadow. */
        private void checkPreemption(final Task t, final Agent chosen, final List<Task> victims)
        {
            for (final Task v : victims)
            {
                if (v.agent != chosen)
                {
                    fail("preempted " + v + " on " + v.agent + " for " + t + " placed on " + chosen);
                }
                if (v.priority >= t.priority)
                {
                    fail("preempted " + v + " of priority not below " + t);
                }
            }
            for (int i = 0; i < agents.size(); i++)
            {
                final Agent a = agents.get(i);
                if (feasible(a, t))
                {
                    fail("preempted " + victims + " for " + t + " though " + a + " could take it without preemption");
                }
            }
            final Object[] reference = referencePreemption(t);
            final Agent best = reference == null ? null : (Agent)reference[0];
            @SuppressWarnings("unchecked")
            final List<Task> bestVictims = reference == null ? null : (List<Task>)reference[1];
            if (best != chosen || !victims.equals(bestVictims))
            {
                fail("preemption for " + t + " chose " + chosen + " with victims " + victims +
                    ", the reference rule chooses " + best + " with victims " + bestVictims);
            }
            for (final Task v : victims)
            {
                endTask(v);
                totals.preemptions++;
            }
            if (!feasible(chosen, t))
            {
                fail("preemption placed " + t + " on " + chosen + " which is not feasible after preempting " +
                    victims + ": " + whyInfeasible(chosen, t));
            }
        }

        /**
         * The reference preemption rule: on each ACTIVE agent whose constraints hold as it stands (attributes and
         * maxPerAgent), victims among running tasks of the same kind (revocable or not) and strictly lower priority,
         * lowest priority first and youngest first, until the task fits; the agent with the lowest top victim
         * priority, then the fewest victims, then the earliest registration.
         *
         * @return {agent, victims} or null if no agent can make room.
         */
        private Object[] referencePreemption(final Task t)
        {
            Agent best = null;
            List<Task> bestVictims = null;
            int bestTop = Integer.MAX_VALUE;
            for (int i = 0; i < agents.size(); i++)
            {
                final Agent a = agents.get(i);
                if (!active(a) || !attributesHold(a, t.constraints) || !maxPerAgentHolds(a, t))
                {
                    continue;
                }
                final List<Task> candidates = new ArrayList<>();
                for (final Task r : a.tasks)
                {
                    if (r.priority < t.priority && r.revocable == t.revocable)
                    {
                        candidates.add(r);
                    }
                }
                candidates.sort(Comparator.<Task>comparingInt(r -> r.priority)
                    .thenComparing(Comparator.<Task>comparingLong(r -> r.startOrder).reversed()));
                final long[] freed = new long[dims];
                int taken = 0;
                boolean fit = false;
                while (true)
                {
                    if (fits(a, t, freed))
                    {
                        fit = true;
                        break;
                    }
                    if (taken == candidates.size())
                    {
                        break;
                    }
                    final Task v = candidates.get(taken++);
                    for (int d = 0; d < dims; d++)
                    {
                        freed[d] += v.resources[d];
                    }
                }
                if (!fit)
                {
                    continue;
                }
                final int top = taken == 0 ? Integer.MIN_VALUE : candidates.get(taken - 1).priority;
                if (best == null || top < bestTop || (top == bestTop && (taken < bestVictims.size() ||
                    (taken == bestVictims.size() && a.registrationOrder < best.registrationOrder))))
                {
                    best = a;
                    bestTop = top;
                    bestVictims = new ArrayList<>(candidates.subList(0, taken));
                }
            }
            return best == null ? null : new Object[]{best, bestVictims};
        }

        /**
         * What a round must not leave waiting: placeable (feasible on an ACTIVE agent, within the role's limit) or,
         * with preemption on, able to preempt its way onto an agent.
         */
        @SuppressWarnings("unchecked")
        private boolean canRun(final Task t)
        {
            if (placeable(t))
            {
                return heldBack(t) == null;
            }
            if (!preemption || (!t.revocable && exceedsLimit(t.framework.role, t.resources)))
            {
                return false;
            }
            final Object[] choice = referencePreemption(t);
            if (choice == null)
            {
                return false;
            }
            final List<Task> victims = (List<Task>)choice[1];
            shiftVictims(victims, -1);
            try
            {
                return heldBack(t) == null;
            }
            finally
            {
                shiftVictims(victims, 1);
            }
        }

        // ----------------------------------------------------------------------------------------------------------
        // Heartbeats, pressure and revocation (property 6)

        private void opHeartbeat()
        {
            Agent a = null;
            if (rnd.nextDouble() < 0.6)
            {
                for (int i = 0; i < agents.size(); i++)
                {
                    final Agent c = agents.get(i);
                    if (!c.silent && (a == null || c.lastHeartbeat < a.lastHeartbeat))
                    {
                        a = c;
                    }
                }
            }
            else if (!agents.isEmpty())
            {
                final Agent c = agents.get(rnd.nextInt(agents.size()));
                a = c.silent ? null : c;
            }
            if (a == null)
            {
                return;
            }
            heartbeat(a, randomUsage(a), rnd.nextDouble() < 0.05, true);
        }

        private long[] randomUsage(final Agent a)
        {
            final double mode = rnd.nextDouble();
            if (mode < 0.08)
            {
                return null;
            }
            final long[] usage = new long[dims];
            for (int d = 0; d < dims; d++)
            {
                final long cap = a.capacity[d];
                final long under = cap * thresholdMillis / 1000;
                if (mode < 0.6)
                {
                    final long used = a.allocated[d] + a.revocable[d];
                    usage[d] = Math.min(under, Math.max(0, (long)(used * (0.2 + 0.8 * rnd.nextDouble()))));
                }
                else if (mode < 0.9)
                {
                    usage[d] = rnd.nextLong(under * 9 / 10 + 1);
                }
                else
                {
                    final long used = a.allocated[d] + a.revocable[d];
                    usage[d] = Math.max(0, (long)(used * (0.5 + 0.8 * rnd.nextDouble())));
                }
            }
            if (mode > 0.94)
            {
                final int d = rnd.nextInt(dims);
                usage[d] = a.capacity[d] * thresholdMillis / 1000 + 1 + rnd.nextLong(a.capacity[d] / 4 + 1);
            }
            if (mode > 0.995)
            {
                usage[rnd.nextInt(dims)] = -1;
            }
            return usage;
        }

        /** A heartbeat of a registered agent at the current time, with the reference's expectations. */
        private void heartbeat(final Agent a, final long[] usage, final boolean pressure, final boolean fresh)
        {
            final long sequence = fresh ? a.sequence + 1 + (rnd.nextDouble() < 0.1 ? rnd.nextInt(5) : 0) :
                Math.max(0, a.sequence - rnd.nextInt(2));
            begin("heartbeat " + a + " seq " + sequence + " usage " + Arrays.toString(usage) + " pressure " + pressure);
            Reason expected = Reason.OK;
            boolean valid = true;
            for (int d = 0; usage != null && d < dims; d++)
            {
                valid &= usage[d] >= 0 && usage[d] <= AllocatorKernel.MAX_QUANTITY;
            }
            if (!valid)
            {
                expected = Reason.INVALID_REQUEST;
            }
            else if (sequence <= a.sequence)
            {
                expected = Reason.STALE_UPDATE;
            }
            final Reason reason = kernel.heartbeat(a.slot, a.epoch, sequence, usage, pressure, now);
            expectReason(expected, reason, "heartbeat of " + a);
            if (reason != Reason.OK)
            {
                end();
                return;
            }
            touched.add(a);
            a.sequence = sequence;
            a.lastHeartbeat = now;
            a.unreachable = false;
            if (usage != null)
            {
                System.arraycopy(usage, 0, a.usage, 0, dims);
                a.reported = true;
                a.pressured = pressure || exceedsThreshold(a, usage);
            }
            else if (pressure)
            {
                a.pressured = true;
            }
            final List<Task> expectedRevoked = new ArrayList<>();
            final long[] remaining = a.usage.clone();
            if (a.pressured && (usage != null || pressure))
            {
                for (int i = a.tasks.size() - 1; i >= 0 && exceedsThreshold(a, remaining); i--)
                {
                    final Task r = a.tasks.get(i);
                    if (r.revocable)
                    {
                        expectedRevoked.add(r);
                        for (int d = 0; d < dims; d++)
                        {
                            remaining[d] -= r.resources[d];
                        }
                    }
                }
            }
            // the property as stated, on what the kernel reported
            long youngestKept = Long.MIN_VALUE;
            final Set<Long> revokedIds = new HashSet<>();
            for (final Event e : events)
            {
                revokedIds.add(e.taskId);
            }
            for (final Task r : a.tasks)
            {
                if (r.revocable && !revokedIds.contains(r.id))
                {
                    youngestKept = Math.max(youngestKept, r.startOrder);
                }
            }
            final long[] left = a.usage.clone();
            for (final Event e : events)
            {
                final Task r = live.get(e.taskId);
                if (e.placed || e.cause != TaskEndCause.REVOKED || r == null || r.agent != a || !r.revocable)
                {
                    fail("heartbeat of " + a + " reported " + e + " which is not the revocation of a revocable task " +
                        "on it: " + r);
                }
                if (r.startOrder < youngestKept)
                {
                    fail("heartbeat of " + a + " revoked " + r + " while a younger revocable task stays");
                }
                for (int d = 0; d < dims; d++)
                {
                    left[d] -= r.resources[d];
                }
            }
            if (exceedsThreshold(a, left) && youngestKept != Long.MIN_VALUE && a.pressured &&
                (usage != null || pressure))
            {
                fail("heartbeat of " + a + " left usage " + Arrays.toString(left) + " over the threshold with " +
                    "revocable tasks still on it");
            }
            // and exactly the reference's revocations, in order
            if (events.size() != expectedRevoked.size())
            {
                fail("heartbeat of " + a + " revoked " + events + ", reference " + expectedRevoked);
            }
            for (int i = 0; i < events.size(); i++)
            {
                if (events.get(i).taskId != expectedRevoked.get(i).id)
                {
                    fail("heartbeat of " + a + " revoked " + events + ", reference " + expectedRevoked);
                }
            }
            events.clear();
            for (final Task r : expectedRevoked)
            {
                endTask(r);
                totals.revocations++;
            }
            // PRESSURED unless a state of higher precedence holds
            if (a.pressured && !a.draining && !overcommitted(a) && kernel.view().agentState(a.slot) != AgentState.PRESSURED)
            {
                fail("agent " + a + " under pressure is " + kernel.view().agentState(a.slot));
            }
            end();
        }

        // ----------------------------------------------------------------------------------------------------------
        // Time (property 7)

        private void opAdvanceTime()
        {
            final boolean big = rnd.nextDouble() < 0.15;
            final long target = big ? now + timeoutNanos / 2 + rnd.nextLong(lostAfterNanos + timeoutNanos) :
                now + tick * (1 + rnd.nextInt(40));
            if (big)
            {
                // every agent that is not silent heartbeats at the new time (liveness only), as a scenario's "at"
                now = target;
                for (final Agent a : new ArrayList<>(agents))
                {
                    if (!a.silent)
                    {
                        heartbeat(a, null, false, true);
                    }
                }
            }
            now = target;
            begin("advanceTime " + now);
            kernel.advanceTime(now);
            final Map<Long, Agent> expectedLost = new HashMap<>();
            final List<Agent> lostAgents = new ArrayList<>();
            for (final Agent a : agents)
            {
                final long silence = now - a.lastHeartbeat;
                if (silence > lostAfterNanos)
                {
                    lostAgents.add(a);
                    for (final Task t : a.tasks)
                    {
                        expectedLost.put(t.id, a);
                    }
                }
                else if (silence > timeoutNanos && !a.unreachable)
                {
                    a.unreachable = true;
                    touched.add(a);
                    totals.unreachable++;
                }
            }
            checkLost(expectedLost, "advanceTime");
            for (final Agent a : lostAgents)
            {
                forget(a);
                totals.timedOut++;
            }
            // the property as stated, on the kernel's queries
            for (int slot = 0; slot < maxAgents; slot++)
            {
                if (kernel.view().isRegistered(slot))
                {
                    final long silence = now - kernel.view().agentLastHeartbeat(slot);
                    if (silence > lostAfterNanos)
                    {
                        fail("agent in slot " + slot + " silent for " + silence + " ns is still registered");
                    }
                    if (silence > timeoutNanos && kernel.view().agentState(slot) != AgentState.UNREACHABLE)
                    {
                        fail("agent in slot " + slot + " silent for " + silence + " ns is " + kernel.view().agentState(slot));
                    }
                    if (silence <= timeoutNanos && kernel.view().agentState(slot) == AgentState.UNREACHABLE)
                    {
                        fail("agent in slot " + slot + " that heartbeat " + silence + " ns ago is UNREACHABLE");
                    }
                }
            }
            end();
        }

        /** The LOST callbacks of the operation must be exactly the expected tasks, each on its agent. */
        private void checkLost(final Map<Long, Agent> expectedLost, final String what)
        {
            final Set<Long> seen = new HashSet<>();
            for (final Event e : events)
            {
                final Agent a = expectedLost.get(e.taskId);
                if (e.placed || e.cause != TaskEndCause.LOST || a == null || a.slot != e.slot || !seen.add(e.taskId))
                {
                    fail(what + " reported " + e + "; expected LOST for exactly " + expectedLost.keySet());
                }
            }
            if (seen.size() != expectedLost.size())
            {
                fail(what + " reported " + events + "; expected LOST for exactly " + expectedLost.keySet());
            }
            events.clear();
            totals.lost += seen.size();
        }

        /** Removes an agent from the shadow with its tasks (lost). */
        private void forget(final Agent a)
        {
            for (final Task t : new ArrayList<>(a.tasks))
            {
                endTask(t);
            }
            a.registered = false;
            for (int d = 0; d < dims; d++)
            {
                clusterCapacity[d] -= a.capacity[d];
            }
            bySlot[a.slot] = null;
            final Agent last = agents.remove(agents.size() - 1);
            if (last != a)
            {
                agents.set(a.listIndex, last);
                last.listIndex = a.listIndex;
            }
            a.listIndex = -1;
            removedIds.add(a.id);
            staleHandles.add(new long[]{a.slot, a.epoch});
        }

        // ----------------------------------------------------------------------------------------------------------
        // Agents

        private Map<String, String> randomAttributes(final int[] codes)
        {
            final Map<String, String> attributes = new HashMap<>();
            Arrays.fill(codes, -1);
            codes[ZONE] = rnd.nextInt(zones);
            attributes.put(ATTRIBUTES[ZONE], VALUES[ZONE][codes[ZONE]]);
            if (rnd.nextDouble() < 0.8)
            {
                codes[1] = rnd.nextInt(VALUES[1].length);
                attributes.put(ATTRIBUTES[1], VALUES[1][codes[1]]);
            }
            if (rnd.nextDouble() < 0.3)
            {
                codes[2] = rnd.nextInt(VALUES[2].length);
                attributes.put(ATTRIBUTES[2], VALUES[2][codes[2]]);
            }
            if (rnd.nextDouble() < 0.2)
            {
                attributes.put("os", rnd.nextBoolean() ? "linux" : "bsd");
            }
            return attributes;
        }

        private long[] randomCapacity()
        {
            final long[] capacity = new long[dims];
            for (int d = 0; d < dims; d++)
            {
                capacity[d] = rnd.nextDouble() < (d == 3 ? 0.5 : 0.04) ? 0 :
                    (long)(base[d] * (0.25 + 1.75 * rnd.nextDouble()));
            }
            return capacity;
        }

        private void registerNewAgent()
        {
            register(removedIds.isEmpty() || rnd.nextDouble() < 0.7 ? "a" + agentCounter++ :
                removedIds.remove(rnd.nextInt(removedIds.size())), randomCapacity(), false, false);
        }

        private void opRegister()
        {
            final double kind = rnd.nextDouble();
            if (kind < 0.03 && !agents.isEmpty())
            {
                register(agents.get(rnd.nextInt(agents.size())).id, randomCapacity(), false, false);
            }
            else if (kind < 0.05)
            {
                final long[] capacity = randomCapacity();
                capacity[rnd.nextInt(dims)] = -1;
                register("a" + agentCounter++, capacity, false, false);
            }
            else if (kind < 0.06)
            {
                register("a" + agentCounter++, randomCapacity(), true, false);
            }
            else if (kind < 0.07)
            {
                register("a" + agentCounter++, randomCapacity(), false, true);
            }
            else
            {
                registerNewAgent();
            }
        }

        private void register(final String id, final long[] capacity, final boolean tooManyAttributes,
            final boolean blankAttribute)
        {
            final Agent a = new Agent(id, dims);
            Map<String, String> attributes = randomAttributes(a.attribute);
            if (tooManyAttributes)
            {
                attributes = new HashMap<>(attributes);
                for (int i = 0; i <= KernelConfig.MAX_ATTRIBUTES_PER_AGENT; i++)
                {
                    attributes.put("extra" + i, "v");
                }
            }
            else if (blankAttribute)
            {
                attributes = new HashMap<>(attributes);
                attributes.put(" ", "v");
            }
            begin("registerAgent " + id + " capacity " + Arrays.toString(capacity) + " attributes " + attributes);
            boolean duplicate = false;
            for (final Agent other : agents)
            {
                duplicate |= other.id.equals(id);
            }
            boolean valid = true;
            for (final long q : capacity)
            {
                valid &= q >= 0 && q <= AllocatorKernel.MAX_QUANTITY;
            }
            final Reason expected = duplicate ? Reason.AGENT_EXISTS : !valid ? Reason.INVALID_REQUEST :
                tooManyAttributes || blankAttribute ? Reason.INVALID_ATTRIBUTES :
                agents.size() >= maxAgents ? Reason.AGENT_LIMIT : Reason.OK;
            final Reason reason = kernel.registerAgent(id, capacity, attributes, now);
            expectReason(expected, reason, "registerAgent " + id);
            if (reason == Reason.OK)
            {
                final int slot = kernel.view().agentSlot(id);
                if (slot < 0 || slot >= maxAgents || bySlot[slot] != null)
                {
                    fail("registered agent " + id + " got slot " + slot);
                }
                a.slot = slot;
                a.epoch = kernel.view().agentEpoch(slot);
                if (a.epoch <= slotEpoch[slot])
                {
                    fail("registered agent " + id + " got epoch " + a.epoch + " in slot " + slot + " which had " +
                        slotEpoch[slot]);
                }
                slotEpoch[slot] = a.epoch;
                a.capacity = capacity.clone();
                a.attributes = attributes;
                a.registered = true;
                a.lastHeartbeat = now;
                a.registrationOrder = ++registrationCounter;
                a.listIndex = agents.size();
                agents.add(a);
                bySlot[slot] = a;
                touched.add(a);
                for (int d = 0; d < dims; d++)
                {
                    clusterCapacity[d] += capacity[d];
                }
            }
            end();
        }

        private Agent randomAgent()
        {
            return agents.isEmpty() ? null : agents.get(rnd.nextInt(agents.size()));
        }

        private int unregisteredSlot()
        {
            if (rnd.nextBoolean())
            {
                return rnd.nextBoolean() ? -1 : maxAgents + rnd.nextInt(3);
            }
            for (int i = 0; i < 4; i++)
            {
                final int slot = rnd.nextInt(maxAgents);
                if (bySlot[slot] == null)
                {
                    return slot;
                }
            }
            return -1;
        }

        private void opRemove()
        {
            final Agent a = randomAgent();
            if (a == null || rnd.nextDouble() < 0.05)
            {
                final int slot = unregisteredSlot();
                begin("removeAgent unregistered slot " + slot);
                expectReason(Reason.UNKNOWN_AGENT, kernel.removeAgent(slot), "removeAgent of slot " + slot);
                end();
                return;
            }
            begin("removeAgent " + a + " with " + a.tasks.size() + " tasks");
            expectReason(Reason.OK, kernel.removeAgent(a.slot), "removeAgent " + a);
            final Map<Long, Agent> expectedLost = new HashMap<>();
            for (final Task t : a.tasks)
            {
                expectedLost.put(t.id, a);
            }
            checkLost(expectedLost, "removeAgent " + a);
            forget(a);
            end();
        }

        private void opDrain()
        {
            Agent a = randomAgent();
            if (a == null || rnd.nextDouble() < 0.03)
            {
                final int slot = unregisteredSlot();
                begin("drain unregistered slot " + slot);
                expectReason(Reason.UNKNOWN_AGENT, rnd.nextBoolean() ? kernel.drain(slot) : kernel.undrain(slot),
                    "drain/undrain of slot " + slot);
                end();
                return;
            }
            int draining = 0;
            Agent drained = null;
            for (final Agent c : agents)
            {
                if (c.draining)
                {
                    draining++;
                    drained = c;
                }
            }
            final boolean drain;
            if (drained != null && (draining > agents.size() / 10 || rnd.nextDouble() < 0.3))
            {
                a = rnd.nextBoolean() ? drained : a;
                drain = a.draining && rnd.nextDouble() < 0.1;
            }
            else
            {
                drain = rnd.nextDouble() < 0.9;
            }
            begin((drain ? "drain " : "undrain ") + a);
            expectReason(Reason.OK, drain ? kernel.drain(a.slot) : kernel.undrain(a.slot), "drain of " + a);
            a.draining = drain;
            touched.add(a);
            end();
        }

        private void opUpdateCapacity()
        {
            final Agent a = randomAgent();
            if (a == null || rnd.nextDouble() < 0.02)
            {
                final int slot = unregisteredSlot();
                begin("updateCapacity unregistered slot " + slot);
                expectReason(Reason.UNKNOWN_AGENT, kernel.updateCapacity(slot, randomCapacity()),
                    "updateCapacity of slot " + slot);
                end();
                return;
            }
            final long[] capacity = a.capacity.clone();
            final double kind = rnd.nextDouble();
            boolean valid = true;
            if (kind < 0.35)
            {
                for (int d = 0; d < dims; d++)
                {
                    capacity[d] = (long)(capacity[d] * (0.3 + 0.7 * rnd.nextDouble()));
                }
            }
            else if (kind < 0.7)
            {
                for (int d = 0; d < dims; d++)
                {
                    capacity[d] = (long)(capacity[d] * (1 + rnd.nextDouble())) + rnd.nextInt(3);
                }
            }
            else if (kind < 0.8)
            {
                capacity[rnd.nextInt(dims)] = 0;
            }
            else if (kind < 0.97)
            {
                System.arraycopy(randomCapacity(), 0, capacity, 0, dims);
            }
            else
            {
                capacity[rnd.nextInt(dims)] = -1 - rnd.nextInt(10);
                valid = false;
            }
            begin("updateCapacity " + a + " from " + Arrays.toString(a.capacity) + " to " + Arrays.toString(capacity));
            expectReason(valid ? Reason.OK : Reason.INVALID_REQUEST, kernel.updateCapacity(a.slot, capacity),
                "updateCapacity of " + a);
            if (valid)
            {
                for (int d = 0; d < dims; d++)
                {
                    clusterCapacity[d] += capacity[d] - a.capacity[d];
                }
                a.capacity = capacity;
                touched.add(a);
            }
            end();
        }

        /**
         * Replaces an agent's attributes (new ones, the same again, or an invalid map), or tries an unregistered slot.
         * The agent's running tasks stay and move to its new zone in the spread counts.
         */
        private void opUpdateAttributes()
        {
            final Agent a = randomAgent();
            if (a == null || rnd.nextDouble() < 0.03)
            {
                final int slot = unregisteredSlot();
                begin("updateAttributes unregistered slot " + slot);
                expectReason(Reason.UNKNOWN_AGENT, kernel.updateAttributes(slot, Map.of("zone", VALUES[ZONE][0])),
                    "updateAttributes of slot " + slot);
                end();
                return;
            }
            final int[] codes = new int[ATTRIBUTES.length];
            Map<String, String> attributes = randomAttributes(codes);
            final double kind = rnd.nextDouble();
            boolean valid = true;
            if (kind < 0.08)
            {
                valid = false;
                attributes = new HashMap<>(attributes);
                switch (rnd.nextInt(4))
                {
                    case 0:
                        attributes = null;
                        break;
                    case 1:
                        for (int i = 0; i <= KernelConfig.MAX_ATTRIBUTES_PER_AGENT; i++)
                        {
                            attributes.put("extra" + i, "v");
                        }
                        break;
                    case 2:
                        attributes.put(rnd.nextBoolean() ? "" : " ", "v");
                        break;
                    default:
                        attributes.put(ATTRIBUTES[1], null);
                        break;
                }
            }
            else if (kind < 0.15)
            {
                attributes = new HashMap<>(a.attributes);
                System.arraycopy(a.attribute, 0, codes, 0, codes.length);
            }
            begin("updateAttributes " + a + " with " + a.tasks.size() + " tasks from " + a.attributes + " to " +
                attributes);
            final int setsBefore = kernel.attributeSetCount();
            expectReason(valid ? Reason.OK : Reason.INVALID_ATTRIBUTES, kernel.updateAttributes(a.slot, attributes),
                "updateAttributes of " + a);
            if (valid)
            {
                final int zonesTotal = VALUES[ZONE].length;
                for (final Task t : a.tasks)
                {
                    t.framework.zoneCount[t.label * zonesTotal + a.attribute[ZONE]]--;
                    t.framework.zoneCount[t.label * zonesTotal + codes[ZONE]]++;
                }
                System.arraycopy(codes, 0, a.attribute, 0, codes.length);
                a.attributes = attributes;
                totals.attributeUpdates++;
            }
            else if (kernel.attributeSetCount() != setsBefore)
            {
                fail("a refused attribute update interned " + attributes);
            }
            touched.add(a);
            end();
        }

        private void opSilenceOrResume()
        {
            int silent = 0;
            for (final Agent a : agents)
            {
                silent += a.silent ? 1 : 0;
            }
            if (rnd.nextBoolean() && silent < Math.max(1, agents.size() / 5))
            {
                final Agent a = randomAgent();
                if (a != null)
                {
                    a.silent = true;
                }
                return;
            }
            if (!removedIds.isEmpty() && rnd.nextDouble() < 0.3)
            {
                // a removed agent comes back: it registers afresh
                registerNewAgent();
                return;
            }
            for (final Agent a : agents)
            {
                if (a.silent)
                {
                    a.silent = false;
                    heartbeat(a, randomUsage(a), false, true);
                    return;
                }
            }
        }

        /** Heartbeats with a stale epoch or to a free slot. */
        private void opStaleOrUnknown()
        {
            if (!staleHandles.isEmpty() && rnd.nextBoolean())
            {
                final long[] handle = staleHandles.get(rnd.nextInt(staleHandles.size()));
                final int slot = (int)handle[0];
                final int epoch = (int)handle[1];
                final Agent current = bySlot[slot];
                begin("heartbeat with the stale handle slot " + slot + " epoch " + epoch);
                final Reason expected = current == null ? Reason.UNKNOWN_AGENT :
                    current.epoch == epoch ? Reason.OK : Reason.STALE_EPOCH;
                if (expected == Reason.OK)
                {
                    fail("an epoch was handed out twice in slot " + slot);
                }
                expectReason(expected, kernel.heartbeat(slot, epoch, Long.MAX_VALUE, null, false, now),
                    "stale heartbeat");
                end();
                return;
            }
            final Agent a = randomAgent();
            if (a != null && rnd.nextBoolean())
            {
                heartbeat(a, randomUsage(a), rnd.nextDouble() < 0.2, false);
                return;
            }
            final int slot = unregisteredSlot();
            begin("heartbeat to unregistered slot " + slot);
            expectReason(Reason.UNKNOWN_AGENT, kernel.heartbeat(slot, 1, 1, null, false, now), "heartbeat of slot " +
                slot);
            end();
        }

        // ----------------------------------------------------------------------------------------------------------
        // Roles

        private void opSetRole()
        {
            final String name = ROLE_NAMES[rnd.nextInt(ROLE_NAMES.length)];
            final double kind = rnd.nextDouble();
            double weight = WEIGHTS[rnd.nextInt(WEIGHTS.length)];
            long[] guarantee = null;
            long[] limit = null;
            boolean valid = true;
            if (guarantees && rnd.nextDouble() < 0.5)
            {
                guarantee = new long[dims];
                for (int d = 0; d < dims; d++)
                {
                    guarantee[d] = rnd.nextDouble() < 0.3 ? 0 : rnd.nextLong(base[d] * 2 + 1);
                }
            }
            if (rnd.nextDouble() < 0.4)
            {
                limit = new long[dims];
                for (int d = 0; d < dims; d++)
                {
                    limit[d] = rnd.nextDouble() < 0.2 ? AllocatorKernel.MAX_QUANTITY :
                        rnd.nextLong(base[d] * (1 + Math.max(1, targetAgents / 2)) + 1);
                }
            }
            if (kind < 0.04)
            {
                weight = rnd.nextBoolean() ? 0 : Double.NaN;
                valid = false;
            }
            else if (kind < 0.06)
            {
                limit = new long[dims];
                limit[rnd.nextInt(dims)] = -5;
                valid = false;
            }
            begin("setRole " + name + " weight " + weight + " guarantee " + Arrays.toString(guarantee) +
                " limit " + Arrays.toString(limit));
            expectReason(valid ? Reason.OK : Reason.INVALID_ROLE, kernel.setRole(name, weight, guarantee, limit),
                "setRole " + name);
            if (valid)
            {
                final Role role = role(name);
                role.weight = weight;
                role.guarantee = guarantee == null ? null : guarantee.clone();
                role.limit = limit == null ? null : limit.clone();
            }
            end();
        }
    }
}
