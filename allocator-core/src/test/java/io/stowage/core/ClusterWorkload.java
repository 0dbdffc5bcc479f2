package io.stowage.core;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Test support for the randomized tests: random cluster shapes ({@link Spec}), operations on the kernel's public API
 * ({@link Op}), a {@link Generator} of random operation sequences (valid and invalid), a {@link Shadow} model of what
 * the kernel should hold, and {@link #apply} which performs one operation on a kernel.
 * <p>
 * Everything is derived from explicit seeds, so a sequence is reproduced exactly from its seed.
 */
final class ClusterWorkload
{
    static final long MAX = AllocatorKernel.MAX_QUANTITY;
    static final String[] LABELS = {"", "web", "batch", "db"};

    private ClusterWorkload()
    {
    }

    /** SplitMix64 finaliser, used to derive independent seeds. */
    static long mixSeed(final long seed, final long index)
    {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static ResourceSchema schema(final int dims)
    {
        final String[] names = new String[dims];
        for (int d = 0; d < dims; d++)
        {
            names[d] = "d" + d;
        }
        return ResourceSchema.of(names);
    }

    /** floor(ratioMillis × capacity / 1000), computed independently of the kernel. */
    static long revocableBound(final long capacity, final long ratioMillis)
    {
        if (ratioMillis == 0 || capacity == 0)
        {
            return 0;
        }
        if (capacity <= Long.MAX_VALUE / ratioMillis)
        {
            return capacity * ratioMillis / 1000;
        }
        return BigInteger.valueOf(capacity).multiply(BigInteger.valueOf(ratioMillis))
            .divide(BigInteger.valueOf(1000)).longValueExact();
    }

    static boolean isValidVector(final long[] v, final int dims, final boolean zeroAllowed)
    {
        if (v == null || v.length != dims)
        {
            return false;
        }
        boolean any = false;
        for (final long q : v)
        {
            if (q < 0 || q > MAX)
            {
                return false;
            }
            any |= q > 0;
        }
        return zeroAllowed || any;
    }

    static String vec(final long[] v)
    {
        return v == null ? "null" : Arrays.toString(v);
    }

    static String abbreviate(final String s)
    {
        if (s == null)
        {
            return "null";
        }
        return s.length() <= 40 ? '"' + s + '"' : '"' + s.substring(0, 30) + "...\"(length " + s.length() + ")";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Cluster shape
    // ---------------------------------------------------------------------------------------------------------------

    /** The shape of one random cluster and the number of operations it gets. */
    static final class Spec
    {
        final long seed;
        final int dims;
        final PlacementPolicy policy;
        final long ratioMillis;
        final int initialAgents;
        final int maxAgents;
        final int maxTasks;
        final int operations;
        final int frameworks;
        final long[] scale;
        final int[] zeroPercent;
        /** Small requests are up to scale / this; with {@link #manyTasks} the divisor is large, so tasks are many. */
        final int smallDivisor;
        final boolean manyTasks;

        private Spec(
            final long seed, final int dims, final PlacementPolicy policy, final long ratioMillis,
            final int initialAgents, final int maxAgents, final int maxTasks, final int operations,
            final int frameworks, final long[] scale, final int[] zeroPercent, final int smallDivisor,
            final boolean manyTasks)
        {
            this.smallDivisor = smallDivisor;
            this.manyTasks = manyTasks;
            this.seed = seed;
            this.dims = dims;
            this.policy = policy;
            this.ratioMillis = ratioMillis;
            this.initialAgents = initialAgents;
            this.maxAgents = maxAgents;
            this.maxTasks = maxTasks;
            this.operations = operations;
            this.frameworks = frameworks;
            this.scale = scale;
            this.zeroPercent = zeroPercent;
        }

        /**
         * A random cluster. Small clusters get many operations, big ones (up to 2,000 agents) few, because every
         * operation is followed by a full invariant check that walks all agents.
         */
        static Spec random(final long seed)
        {
            final Random rnd = new Random(seed);
            final int sizeClass = rnd.nextInt(100);
            final int agents;
            final int operations;
            if (sizeClass < 62)
            {
                agents = 1 + (int)Math.floor(Math.pow(32, rnd.nextDouble())) - 1 + rnd.nextInt(2);
                operations = 3000 + rnd.nextInt(3001);
            }
            else if (sizeClass < 87)
            {
                agents = 33 + rnd.nextInt(224);
                operations = 1500 + rnd.nextInt(1501);
            }
            else if (sizeClass < 96)
            {
                agents = 257 + rnd.nextInt(744);
                operations = agents + 800 + rnd.nextInt(801);
            }
            else
            {
                agents = 1001 + rnd.nextInt(1000);
                operations = agents + 800 + rnd.nextInt(801);
            }
            final int initial = Math.max(1, agents);
            final int maxAgents = rnd.nextInt(100) < 35 ? initial + rnd.nextInt(4) : initial + 1 + rnd.nextInt(initial);
            final int dims = 1 + rnd.nextInt(8);
            final PlacementPolicy policy = rnd.nextBoolean() ? PlacementPolicy.BINPACK : PlacementPolicy.SPREAD;
            final long ratio;
            if (rnd.nextBoolean())
            {
                ratio = 0;
            }
            else
            {
                final long[] ratios = {1, 250, 500, 999, 1000, 1001, 1500, 1_000_000};
                ratio = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(3000) : ratios[rnd.nextInt(ratios.length)];
            }
            final int maxTasks = rnd.nextInt(100) < 8 ? 1 + rnd.nextInt(64) : KernelConfig.DEFAULT_MAX_TASKS;
            final long[] scale = new long[dims];
            final int[] zeroPercent = new int[dims];
            final int granularity = rnd.nextInt(100);
            final boolean manyTasks = granularity < 10;
            final int smallDivisor = manyTasks ? 1024 : granularity < 20 ? 128 : 16;
            final boolean huge = rnd.nextInt(100) < 6;
            for (int d = 0; d < dims; d++)
            {
                if (huge)
                {
                    scale[d] = rnd.nextBoolean() ? MAX / 2 : MAX / 2 - rnd.nextInt(1000);
                }
                else
                {
                    final long[] scales = {1, 3, 8, 1000, 4000, 64_000, 1_048_576_000L, 1L << 40};
                    scale[d] = rnd.nextInt(5) == 0 ? 1 + (long)(rnd.nextDouble() * 1e9) :
                        scales[manyTasks ? 3 + rnd.nextInt(scales.length - 3) : rnd.nextInt(scales.length)];
                }
                final int z = rnd.nextInt(10);
                zeroPercent[d] = z < 6 ? 0 : z < 8 ? 50 : z < 9 ? 90 : 100;
            }
            return new Spec(seed, dims, policy, ratio, initial, maxAgents, maxTasks,
                manyTasks ? operations + operations / 2 : operations,
                1 + rnd.nextInt(4), scale, zeroPercent, smallDivisor, manyTasks);
        }

        KernelConfig config()
        {
            return KernelConfig.builder(schema(dims))
                .placement(policy)
                .maxAgents(maxAgents)
                .maxTasks(maxTasks)
                .oversubscriptionRatioMillis(ratioMillis)
                .pressureThresholdMillis(1000)
                .build();
        }

        @Override
        public String toString()
        {
            return "Spec{seed=" + seed + ", dims=" + dims + ", policy=" + policy + ", ratioMillis=" + ratioMillis +
                ", initialAgents=" + initialAgents + ", maxAgents=" + maxAgents + ", maxTasks=" + maxTasks +
                ", operations=" + operations + ", frameworks=" + frameworks + ", scale=" + Arrays.toString(scale) +
                ", zeroPercent=" + Arrays.toString(zeroPercent) + ", smallDivisor=" + smallDivisor +
                ", manyTasks=" + manyTasks + "}";
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Operations
    // ---------------------------------------------------------------------------------------------------------------

    /** One call on the kernel's public API, with concrete arguments. */
    interface Op
    {
    }

    record Place(int framework, long[] resources, boolean revocable, int priority, int label, long time) implements Op
    {
        @Override
        public String toString()
        {
            return "place(framework=" + framework + ", resources=" + vec(resources) + ", revocable=" + revocable +
                ", priority=" + priority + ", label=" + label + ", time=" + time + ")";
        }
    }

    record Finish(long taskId) implements Op
    {
    }

    record RegisterName(String id, long[] capacity, Map<String, String> attributes, long time) implements Op
    {
        @Override
        public String toString()
        {
            return "registerAgent(" + abbreviate(id) + ", " + vec(capacity) + ", " + attributes + ", " + time + ")";
        }
    }

    record RegisterNumber(long id, long[] capacity, Map<String, String> attributes, long time) implements Op
    {
        @Override
        public String toString()
        {
            return "registerAgent(" + id + "L, " + vec(capacity) + ", " + attributes + ", " + time + ")";
        }
    }

    record Heartbeat(int slot, int epoch, long sequence, long[] usage, long time) implements Op
    {
        @Override
        public String toString()
        {
            return "heartbeat(slot=" + slot + ", epoch=" + epoch + ", sequence=" + sequence + ", usage=" + vec(usage) +
                ", time=" + time + ")";
        }
    }

    record UpdateCapacity(int slot, long[] capacity) implements Op
    {
        @Override
        public String toString()
        {
            return "updateCapacity(slot=" + slot + ", " + vec(capacity) + ")";
        }
    }

    record Drain(int slot) implements Op
    {
    }

    record Undrain(int slot) implements Op
    {
    }

    record Remove(int slot) implements Op
    {
    }

    record RegisterFramework(String name) implements Op
    {
    }

    /** A task the kernel ended on its own, as told to the {@link DecisionListener}. */
    record Ended(long taskId, int framework, int slot, TaskEndCause cause)
    {
    }

    /**
     * @param ended where to record the tasks the kernel ends.
     * @return a listener that records each ended task.
     */
    static DecisionListener recording(final java.util.List<Ended> ended)
    {
        return new DecisionListener()
        {
            @Override
            public void onTaskEnded(final TaskRecord task, final TaskEndCause cause)
            {
                final long taskId = task.taskId();
                final int framework = task.framework();
                final int agentSlot = task.agentSlot();
                ended.add(new Ended(taskId, framework, agentSlot, cause));
            }
        };
    }

    /** What an operation returned. */
    static final class Outcome
    {
        DecisionKind kind;
        Reason reason;
        long taskId = -1;
        int slot = -1;
        int epoch = -1;
        int frameworkId = -1;

        void reset()
        {
            kind = null;
            reason = null;
            taskId = -1;
            slot = -1;
            epoch = -1;
            frameworkId = -1;
        }

        long code()
        {
            long h = StateHash.mix(0, kind == null ? -1 : kind.ordinal());
            h = StateHash.mix(h, reason.ordinal());
            h = StateHash.mix(h, taskId);
            h = StateHash.mix(h, slot);
            h = StateHash.mix(h, epoch);
            return StateHash.mix(h, frameworkId);
        }

        @Override
        public String toString()
        {
            return kind == null ? String.valueOf(reason) + (frameworkId >= 0 ? "(framework " + frameworkId + ")" : "") :
                kind + "(" + reason + ", task=" + taskId + ", slot=" + slot + ", epoch=" + epoch + ")";
        }
    }

    /** Applies operations to one kernel, reusing request objects per vector length. */
    static final class Applier
    {
        private final AllocatorKernel kernel;
        private final TaskRequest[] requests = new TaskRequest[ResourceSchema.MAX_DIMENSIONS + 1];
        private final Decision decision = new Decision();

        Applier(final AllocatorKernel kernel)
        {
            this.kernel = kernel;
        }

        Outcome apply(final Op op, final Outcome out)
        {
            out.reset();
            if (op instanceof Place p)
            {
                final int length = p.resources().length;
                TaskRequest request = requests[length];
                if (request == null)
                {
                    request = new TaskRequest(schema(length));
                    requests[length] = request;
                }
                request.reset(p.framework()).resources(p.resources()).revocable(p.revocable())
                    .priority(p.priority()).label(p.label());
                kernel.place(request, p.time(), decision);
                out.kind = decision.kind();
                out.reason = decision.reason();
                out.taskId = decision.taskId();
                out.slot = decision.agentSlot();
                out.epoch = decision.agentEpoch();
            }
            else if (op instanceof Finish f)
            {
                out.reason = kernel.finish(f.taskId());
            }
            else if (op instanceof RegisterName r)
            {
                out.reason = kernel.registerAgent(r.id(), r.capacity(), r.attributes(), r.time());
                if (out.reason == Reason.OK)
                {
                    out.slot = kernel.view().agentSlot(r.id());
                    out.epoch = kernel.view().agentEpoch(out.slot);
                }
            }
            else if (op instanceof RegisterNumber r)
            {
                out.reason = kernel.registerAgent(r.id(), r.capacity(), r.attributes(), r.time());
                if (out.reason == Reason.OK)
                {
                    out.slot = kernel.view().agentSlot(r.id());
                    out.epoch = kernel.view().agentEpoch(out.slot);
                }
            }
            else if (op instanceof Heartbeat h)
            {
                out.reason = kernel.heartbeat(h.slot(), h.epoch(), h.sequence(), h.usage(), h.time());
            }
            else if (op instanceof UpdateCapacity u)
            {
                out.reason = kernel.updateCapacity(u.slot(), u.capacity());
            }
            else if (op instanceof Drain d)
            {
                out.reason = kernel.drain(d.slot());
            }
            else if (op instanceof Undrain u)
            {
                out.reason = kernel.undrain(u.slot());
            }
            else if (op instanceof Remove r)
            {
                out.reason = kernel.removeAgent(r.slot());
            }
            else if (op instanceof RegisterFramework r)
            {
                out.reason = Reason.OK;
                out.frameworkId = kernel.registerFramework(r.name());
            }
            else
            {
                throw new IllegalArgumentException("unknown op " + op);
            }
            return out;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Shadow model
    // ---------------------------------------------------------------------------------------------------------------

    static final class ShadowAgent
    {
        boolean registered;
        boolean numeric;
        String name;
        long number;
        int epoch;
        long[] capacity;
        long[] allocated;
        long[] revocable;
        long[] usage;
        boolean usageReported;
        boolean drained;
        long lastSequence;
        long lastHeartbeat;
        Map<String, String> attributes;
        final HashSet<Long> tasks = new HashSet<>();

        String idText()
        {
            return numeric ? Long.toString(number) : name;
        }
    }

    static final class ShadowTask
    {
        long id;
        int slot;
        long[] resources;
        boolean revocable;
        int framework;
        int priority;
        int label;
        long start;
        int listIndex;
    }

    /** What the kernel should hold, maintained from the operations and their (verified) outcomes. */
    static final class Shadow
    {
        final Spec spec;
        final int dims;
        final ShadowAgent[] agents;
        private final int[] registeredSlots;
        private final int[] registeredPosition;
        int registeredCount;
        final HashMap<String, Integer> byName = new HashMap<>();
        final HashMap<Long, Integer> byNumber = new HashMap<>();
        final HashMap<Long, ShadowTask> tasks = new HashMap<>();
        final ArrayList<ShadowTask> taskList = new ArrayList<>();
        final List<String> frameworks = new ArrayList<>();
        final long[] endedIds = new long[64];
        int endedCount;
        long placements;
        long finishes;
        long lost;
        long heartbeats;
        long registrations;
        long removals;

        Shadow(final Spec spec)
        {
            this.spec = spec;
            this.dims = spec.dims;
            this.agents = new ShadowAgent[spec.maxAgents];
            for (int i = 0; i < agents.length; i++)
            {
                agents[i] = new ShadowAgent();
            }
            registeredSlots = new int[spec.maxAgents];
            registeredPosition = new int[spec.maxAgents];
        }

        boolean isRegistered(final int slot)
        {
            return slot >= 0 && slot < agents.length && agents[slot].registered;
        }

        int randomRegisteredSlot(final Random rnd)
        {
            return registeredSlots[rnd.nextInt(registeredCount)];
        }

        boolean isOvercommitted(final ShadowAgent a)
        {
            for (int d = 0; d < dims; d++)
            {
                if (a.allocated[d] > a.capacity[d] || a.revocable[d] > revocableBound(a.capacity[d], spec.ratioMillis))
                {
                    return true;
                }
            }
            return false;
        }

        AgentState state(final int slot)
        {
            final ShadowAgent a = agents[slot];
            if (!a.registered)
            {
                return AgentState.REMOVED;
            }
            if (a.drained)
            {
                return AgentState.DRAINING;
            }
            return isOvercommitted(a) ? AgentState.OVERCOMMITTED : AgentState.ACTIVE;
        }

        int activeCount()
        {
            int n = 0;
            for (int i = 0; i < registeredCount; i++)
            {
                if (state(registeredSlots[i]) == AgentState.ACTIVE)
                {
                    n++;
                }
            }
            return n;
        }

        void rememberEnded(final long taskId)
        {
            endedIds[endedCount++ % endedIds.length] = taskId;
        }

        /** Updates the model with an operation the kernel performed (its outcome already checked or trusted). */
        void apply(final Op op, final Outcome out)
        {
            if (op instanceof RegisterFramework r)
            {
                if (out.frameworkId == frameworks.size())
                {
                    frameworks.add(r.name());
                }
                return;
            }
            if (out.reason != Reason.OK)
            {
                return;
            }
            if (op instanceof Place p)
            {
                final ShadowTask t = new ShadowTask();
                t.id = out.taskId;
                t.slot = out.slot;
                t.resources = p.resources().clone();
                t.revocable = p.revocable();
                t.framework = p.framework();
                t.priority = p.priority();
                t.label = p.label();
                t.start = p.time();
                t.listIndex = taskList.size();
                taskList.add(t);
                tasks.put(t.id, t);
                final ShadowAgent a = agents[t.slot];
                final long[] vector = t.revocable ? a.revocable : a.allocated;
                for (int d = 0; d < dims; d++)
                {
                    vector[d] += t.resources[d];
                }
                a.tasks.add(t.id);
                placements++;
            }
            else if (op instanceof Finish f)
            {
                endTask(f.taskId());
                finishes++;
            }
            else if (op instanceof RegisterName r)
            {
                register(out.slot, false, r.id(), 0, r.capacity(), r.attributes(), r.time());
                byName.put(r.id(), out.slot);
            }
            else if (op instanceof RegisterNumber r)
            {
                register(out.slot, true, null, r.id(), r.capacity(), r.attributes(), r.time());
                byNumber.put(r.id(), out.slot);
            }
            else if (op instanceof Heartbeat h)
            {
                final ShadowAgent a = agents[h.slot()];
                a.lastSequence = h.sequence();
                a.lastHeartbeat = h.time();
                if (h.usage() != null)
                {
                    a.usage = h.usage().clone();
                    a.usageReported = true;
                }
                heartbeats++;
            }
            else if (op instanceof UpdateCapacity u)
            {
                agents[u.slot()].capacity = u.capacity().clone();
            }
            else if (op instanceof Drain d)
            {
                agents[d.slot()].drained = true;
            }
            else if (op instanceof Undrain u)
            {
                agents[u.slot()].drained = false;
            }
            else if (op instanceof Remove r)
            {
                final ShadowAgent a = agents[r.slot()];
                for (final Long id : new ArrayList<>(a.tasks))
                {
                    endTask(id);
                    lost++;
                }
                a.registered = false;
                if (a.numeric)
                {
                    byNumber.remove(a.number);
                }
                else
                {
                    byName.remove(a.name);
                }
                final int pos = registeredPosition[r.slot()];
                final int last = registeredSlots[--registeredCount];
                registeredSlots[pos] = last;
                registeredPosition[last] = pos;
                removals++;
            }
        }

        private void register(
            final int slot, final boolean numeric, final String name, final long number, final long[] capacity,
            final Map<String, String> attributes, final long time)
        {
            final ShadowAgent a = agents[slot];
            if (a.registered)
            {
                throw new IllegalStateException("slot " + slot + " registered twice");
            }
            a.registered = true;
            a.numeric = numeric;
            a.name = name;
            a.number = number;
            a.epoch++;
            a.capacity = capacity.clone();
            a.allocated = new long[dims];
            a.revocable = new long[dims];
            a.usage = new long[dims];
            a.usageReported = false;
            a.drained = false;
            a.lastSequence = 0;
            a.lastHeartbeat = time;
            a.attributes = Map.copyOf(attributes);
            a.tasks.clear();
            registeredSlots[registeredCount] = slot;
            registeredPosition[slot] = registeredCount;
            registeredCount++;
            registrations++;
        }

        private void endTask(final long taskId)
        {
            final ShadowTask t = tasks.remove(taskId);
            final ShadowAgent a = agents[t.slot];
            final long[] vector = t.revocable ? a.revocable : a.allocated;
            for (int d = 0; d < dims; d++)
            {
                vector[d] -= t.resources[d];
            }
            a.tasks.remove(taskId);
            final ShadowTask last = taskList.remove(taskList.size() - 1);
            if (last != t)
            {
                taskList.set(t.listIndex, last);
                last.listIndex = t.listIndex;
            }
            rememberEnded(taskId);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Generator
    // ---------------------------------------------------------------------------------------------------------------

    /** Random operations over a cluster, valid and invalid, steered by the shadow model. */
    static final class Generator
    {
        private static final int PLACE = 0;
        private static final int FINISH = 1;
        private static final int HEARTBEAT = 2;
        private static final int REGISTER = 3;
        private static final int UPDATE = 4;
        private static final int DRAIN = 5;
        private static final int UNDRAIN = 6;
        private static final int REMOVE = 7;
        private static final int FRAMEWORK = 8;

        private final Spec spec;
        private final Shadow m;
        private final Random rnd;
        private final int dims;
        private final int[] weights = new int[9];
        private long time;
        private int nameCounter;
        private int setupLeft;
        private int frameworksLeft;
        private boolean filling = true;
        private int phaseLeft;

        Generator(final Spec spec, final Shadow shadow, final long seed)
        {
            this.spec = spec;
            this.m = shadow;
            this.rnd = new Random(seed);
            this.dims = spec.dims;
            this.time = rnd.nextInt(1_000_000);
            this.frameworksLeft = spec.frameworks;
            this.setupLeft = spec.initialAgents;
            this.phaseLeft = 200 + rnd.nextInt(800);
        }

        Op next()
        {
            if (rnd.nextInt(3) != 0)
            {
                time += 1 + rnd.nextInt(1_000_000_000);
            }
            if (frameworksLeft > 0)
            {
                frameworksLeft--;
                return new RegisterFramework("framework-" + m.frameworks.size());
            }
            if (setupLeft > 0)
            {
                setupLeft--;
                return rnd.nextInt(100) < 97 ? newAgent(randomCapacity()) : registration();
            }
            if (--phaseLeft <= 0)
            {
                filling = spec.manyTasks ? rnd.nextInt(10) != 0 : !filling;
                phaseLeft = 100 + rnd.nextInt(900);
            }
            final int registered = m.registeredCount;
            weights[PLACE] = filling ? (spec.manyTasks ? 70 : 50) : 22;
            weights[FINISH] = m.taskList.isEmpty() ? 1 : filling ? (spec.manyTasks ? 3 : 9) : 40;
            weights[HEARTBEAT] = 12;
            weights[REGISTER] = registered < spec.initialAgents / 2 ? 12 : registered == 0 ? 20 : 3;
            weights[UPDATE] = 7;
            weights[DRAIN] = 2;
            weights[UNDRAIN] = 3;
            weights[REMOVE] = registered > spec.initialAgents / 2 ? 2 : 1;
            weights[FRAMEWORK] = 1;
            int total = 0;
            for (final int w : weights)
            {
                total += w;
            }
            int pick = rnd.nextInt(total);
            int kind = 0;
            while (pick >= weights[kind])
            {
                pick -= weights[kind];
                kind++;
            }
            switch (kind)
            {
                case PLACE:
                    return place();
                case FINISH:
                    return finish();
                case HEARTBEAT:
                    return heartbeat();
                case REGISTER:
                    return registration();
                case UPDATE:
                    return updateCapacity();
                case DRAIN:
                    return new Drain(agentSlot());
                case UNDRAIN:
                    return new Undrain(agentSlot());
                case REMOVE:
                    return new Remove(agentSlot());
                default:
                    return new RegisterFramework(rnd.nextInt(4) == 0 ? "framework-0" : "fw-" + rnd.nextInt(12));
            }
        }

        private long nextLong(final long boundExclusive)
        {
            if (boundExclusive <= 1)
            {
                return 0;
            }
            return (long)(rnd.nextDouble() * boundExclusive) % boundExclusive;
        }

        private static long clamp(final long q)
        {
            return Math.max(0, Math.min(MAX, q));
        }

        // ---- agents

        private long randomCapacity(final int d)
        {
            if (rnd.nextInt(100) < spec.zeroPercent[d])
            {
                return 0;
            }
            final long s = spec.scale[d];
            switch (rnd.nextInt(5))
            {
                case 0:
                    return s;
                case 1:
                    return clamp((s / 8) * (1 + rnd.nextInt(16)));
                case 2:
                    return clamp(1 + nextLong(2 * s));
                case 3:
                    return rnd.nextInt(20) == 0 ? MAX - rnd.nextInt(2) : clamp(1 + nextLong(s));
                default:
                    return clamp(1 + nextLong(s));
            }
        }

        long[] randomCapacity()
        {
            final long[] c = new long[dims];
            for (int d = 0; d < dims; d++)
            {
                c[d] = randomCapacity(d);
            }
            return c;
        }

        private long[] invalidVector(final boolean allowNull)
        {
            final int k = rnd.nextInt(allowNull ? 5 : 4);
            if (k == 4)
            {
                return null;
            }
            if (k == 3)
            {
                final int length = dims == 1 ? 2 : rnd.nextBoolean() ? dims - 1 : Math.min(8, dims + 1);
                final long[] v = new long[length == dims ? dims - 1 : length];
                Arrays.fill(v, 1);
                return v;
            }
            final long[] v = randomCapacity();
            final int d = rnd.nextInt(dims);
            v[d] = k == 0 ? -1 - nextLong(1000) : k == 1 ? MAX + 1 + nextLong(3) :
                rnd.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
            return v;
        }

        private Map<String, String> randomAttributes()
        {
            final int k = rnd.nextInt(4);
            if (k == 0)
            {
                return Map.of();
            }
            final Map<String, String> attrs = new HashMap<>();
            attrs.put("zone", "z" + rnd.nextInt(3));
            if (k >= 2)
            {
                attrs.put("rack", "r" + rnd.nextInt(10));
            }
            if (k == 3)
            {
                attrs.put("gpu-model", "m" + rnd.nextInt(2));
            }
            return attrs;
        }

        private Map<String, String> invalidAttributes()
        {
            final int k = rnd.nextInt(5);
            if (k == 0)
            {
                return null;
            }
            final Map<String, String> attrs = new HashMap<>();
            if (k == 4)
            {
                attrs.put("zone", "z1");
                attrs.put(null, "v");
            }
            else if (k == 1)
            {
                for (int i = 0; i <= KernelConfig.MAX_ATTRIBUTES_PER_AGENT; i++)
                {
                    attrs.put("a" + i, "v");
                }
            }
            else if (k == 2)
            {
                attrs.put(rnd.nextBoolean() ? " " : "", "v");
            }
            else
            {
                attrs.put("zone", null);
            }
            return attrs;
        }

        private Op newAgent(final long[] capacity)
        {
            final Map<String, String> attrs = randomAttributes();
            final int k = rnd.nextInt(100);
            if (k < 25)
            {
                final long id = rnd.nextBoolean() ? nameCounter++ : rnd.nextLong();
                return new RegisterNumber(id, capacity, attrs, time);
            }
            if (k < 33)
            {
                final StringBuilder sb = new StringBuilder("agent-").append(nameCounter++).append('-');
                final int length = 200 + rnd.nextInt(2000);
                while (sb.length() < length)
                {
                    sb.append((char)('a' + rnd.nextInt(26)));
                }
                return new RegisterName(sb.toString(), capacity, attrs, time);
            }
            return new RegisterName("agent-" + nameCounter++, capacity, attrs, time);
        }

        private Op registration()
        {
            final int k = rnd.nextInt(100);
            if (k < 14 && m.registeredCount > 0)
            {
                final ShadowAgent a = m.agents[m.randomRegisteredSlot(rnd)];
                return a.numeric ? new RegisterNumber(a.number, randomCapacity(), randomAttributes(), time) :
                    new RegisterName(new String(a.name), randomCapacity(), randomAttributes(), time);
            }
            if (k < 17)
            {
                return new RegisterName(rnd.nextBoolean() ? "" : null, randomCapacity(), randomAttributes(), time);
            }
            if (k < 22)
            {
                return new RegisterName("agent-" + nameCounter++, invalidVector(true), randomAttributes(), time);
            }
            if (k < 26)
            {
                return new RegisterName("agent-" + nameCounter++, randomCapacity(), invalidAttributes(), time);
            }
            return newAgent(randomCapacity());
        }

        /** A registered slot mostly; sometimes a free slot in range, or a slot out of range. */
        private int agentSlot()
        {
            final int k = rnd.nextInt(100);
            if (k < 90 && m.registeredCount > 0)
            {
                return m.randomRegisteredSlot(rnd);
            }
            if (k < 97)
            {
                return rnd.nextInt(spec.maxAgents);
            }
            final int[] odd = {-1, spec.maxAgents, spec.maxAgents + 1, Integer.MAX_VALUE, Integer.MIN_VALUE};
            return odd[rnd.nextInt(odd.length)];
        }

        private Op heartbeat()
        {
            final int slot = agentSlot();
            final boolean inRange = slot >= 0 && slot < spec.maxAgents;
            final ShadowAgent a = inRange ? m.agents[slot] : null;
            int epoch = a != null ? a.epoch : 1;
            final int e = rnd.nextInt(100);
            if (e < 4)
            {
                epoch--;
            }
            else if (e < 6)
            {
                epoch++;
            }
            final long last = a != null ? a.lastSequence : 0;
            final long sequence = rnd.nextInt(100) < 88 ? last + 1 + rnd.nextInt(3) : nextLong(last + 1);
            final long[] usage;
            final int u = rnd.nextInt(100);
            if (u < 15 || a == null || a.capacity == null)
            {
                usage = null;
            }
            else if (u < 18)
            {
                usage = invalidVector(false);
            }
            else
            {
                usage = new long[dims];
                for (int d = 0; d < dims; d++)
                {
                    final long c = a.capacity[d];
                    final int w = rnd.nextInt(10);
                    usage[d] = Math.min(c, w == 0 ? 0 : w == 1 ? c : w == 2 ? clamp(a.allocated[d] + a.revocable[d]) :
                        clamp(nextLong(c + c / 4 + 2)));
                }
            }
            return new Heartbeat(slot, epoch, sequence, usage, time);
        }

        private Op updateCapacity()
        {
            final int slot = agentSlot();
            final ShadowAgent a = m.isRegistered(slot) ? m.agents[slot] : null;
            final int k = rnd.nextInt(100);
            if (a == null || k < 6)
            {
                return new UpdateCapacity(slot, k < 6 ? invalidVector(true) : randomCapacity());
            }
            final long[] c = a.capacity.clone();
            for (int d = 0; d < dims; d++)
            {
                if (rnd.nextInt(3) == 0 && k < 90)
                {
                    continue;
                }
                if (k < 30)
                {
                    c[d] = clamp(c[d] + 1 + nextLong(Math.max(2, spec.scale[d])));
                }
                else if (k < 55)
                {
                    c[d] = nextLong(c[d] + 1);
                }
                else if (k < 70)
                {
                    c[d] = a.allocated[d] - (rnd.nextInt(4) == 0 && a.allocated[d] > 0 ? 1 : 0);
                }
                else if (k < 80)
                {
                    c[d] = randomCapacity(d);
                }
                else if (k < 85)
                {
                    c[d] = rnd.nextBoolean() ? 0 : MAX;
                }
                else
                {
                    // the least capacity whose revocable bound still holds the revocable allocation (or one less)
                    long least = a.allocated[d];
                    if (spec.ratioMillis > 0 && a.revocable[d] > 0)
                    {
                        final long forRevocable = BigInteger.valueOf(a.revocable[d]).multiply(BigInteger.valueOf(1000))
                            .add(BigInteger.valueOf(spec.ratioMillis - 1)).divide(BigInteger.valueOf(spec.ratioMillis))
                            .min(BigInteger.valueOf(MAX)).longValueExact();
                        least = Math.max(least, forRevocable);
                    }
                    c[d] = clamp(least - (rnd.nextInt(3) == 0 ? 1 : 0));
                }
            }
            return new UpdateCapacity(slot, c);
        }

        // ---- tasks

        private Op finish()
        {
            final int k = rnd.nextInt(100);
            if (k < 85 && !m.taskList.isEmpty())
            {
                return new Finish(m.taskList.get(rnd.nextInt(m.taskList.size())).id);
            }
            if (k < 95 && m.endedCount > 0)
            {
                return new Finish(m.endedIds[rnd.nextInt(Math.min(m.endedCount, m.endedIds.length))]);
            }
            final long[] odd = {-1, 0, Long.MAX_VALUE, Long.MIN_VALUE, rnd.nextLong(), (long)rnd.nextInt(2000),
                (1L << 32) | rnd.nextInt(2000)};
            return new Finish(odd[rnd.nextInt(odd.length)]);
        }

        /**
         * @param size 0 small, 1 medium, 2 large, 3 mixed, 4 infeasible (beyond the usual capacity).
         */
        private long requestQuantity(final int d, final int size)
        {
            final long s = spec.scale[d];
            if (spec.zeroPercent[d] == 100 ? rnd.nextInt(100) < 97 : spec.zeroPercent[d] >= 50 && rnd.nextInt(100) < 75)
            {
                return 0;
            }
            if (rnd.nextInt(100) < 15)
            {
                return 0;
            }
            switch (size)
            {
                case 0:
                    return 1 + nextLong(Math.max(1, s / spec.smallDivisor));
                case 1:
                    return s >= 8 ? (s / 8) * (1 + rnd.nextInt(2)) : 1;
                case 2:
                    return 1 + nextLong(Math.max(1, s));
                case 3:
                    return requestQuantity(d, rnd.nextInt(3));
                default:
                    return rnd.nextInt(4) == 0 ? MAX - rnd.nextInt(2) : clamp(s + 1 + nextLong(Math.max(1, s)));
            }
        }

        private long[] randomRequest()
        {
            final int k = rnd.nextInt(100);
            final int size = k < 55 ? 0 : k < 70 ? 1 : k < 80 ? 2 : k < 95 ? 3 : 4;
            final long[] r = new long[dims];
            boolean any = false;
            for (int d = 0; d < dims; d++)
            {
                r[d] = requestQuantity(d, size);
                any |= r[d] > 0;
            }
            if (!any)
            {
                r[rnd.nextInt(dims)] = 1;
            }
            return r;
        }

        /** A request that exactly fills (in some dimensions) what a random agent has left. */
        private long[] exactFit(final boolean revocable)
        {
            final ShadowAgent a = m.agents[m.randomRegisteredSlot(rnd)];
            final long[] r = new long[dims];
            boolean any = false;
            for (int d = 0; d < dims; d++)
            {
                final long room = revocable ?
                    Math.min(revocableBound(a.capacity[d], spec.ratioMillis),
                        a.usageReported ? a.capacity[d] - a.usage[d] : 0) - a.revocable[d] :
                    a.capacity[d] - a.allocated[d];
                final int k = rnd.nextInt(10);
                r[d] = k < 6 ? clamp(room) : k < 8 ? 0 : clamp(nextLong(room + 1));
                any |= r[d] > 0;
            }
            if (rnd.nextInt(8) == 0)
            {
                final int d = rnd.nextInt(dims);
                r[d] = clamp(r[d] + 1);
                any = true;
            }
            if (!any)
            {
                r[rnd.nextInt(dims)] = 1;
            }
            return r;
        }

        private Op place()
        {
            final int k = rnd.nextInt(1000);
            final int frameworkCount = m.frameworks.size();
            int framework = frameworkCount == 0 ? 0 : rnd.nextInt(frameworkCount);
            final boolean revocable = spec.ratioMillis > 0 ? rnd.nextInt(100) < 35 : rnd.nextInt(100) < 3;
            final int priority = rnd.nextInt(50) == 0 ? (rnd.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE) :
                rnd.nextInt(10) - 3;
            final int[] unknownLabels = {-1, LABELS.length, 99, Integer.MAX_VALUE, Integer.MIN_VALUE};
            final int label = rnd.nextInt(100) == 0 ? unknownLabels[rnd.nextInt(unknownLabels.length)] :
                rnd.nextInt(LABELS.length);
            long[] resources;
            if (k < 30)
            {
                final int v = rnd.nextInt(4);
                if (v == 0)
                {
                    resources = new long[dims];
                }
                else
                {
                    resources = invalidVector(false);
                    if (v == 1)
                    {
                        resources = new long[resources.length];
                        resources[0] = rnd.nextInt(5) + 1;
                        if (resources.length == dims)
                        {
                            resources[rnd.nextInt(dims)] = -1 - rnd.nextInt(3);
                        }
                    }
                }
            }
            else if (k < 50)
            {
                resources = randomRequest();
                final int[] unknown = {-1, frameworkCount, frameworkCount + 1 + rnd.nextInt(10), Integer.MAX_VALUE,
                    Integer.MIN_VALUE};
                framework = unknown[rnd.nextInt(unknown.length)];
            }
            else if (k < 200 && m.registeredCount > 0)
            {
                resources = exactFit(revocable);
            }
            else
            {
                resources = randomRequest();
            }
            return new Place(framework, resources, revocable, priority, label, time);
        }
    }

    /** Registers the labels every generated sequence uses (ids 0 to 3). */
    static void internLabels(final AllocatorKernel kernel)
    {
        for (final String label : LABELS)
        {
            kernel.internLabel(label);
        }
    }
}
