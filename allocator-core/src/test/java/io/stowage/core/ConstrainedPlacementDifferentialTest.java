package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded randomized differential test of constrained placement: every constraint of the scenario format
 * ({@code eq}, {@code in}, {@code ne}, {@code notIn}, {@code exists}, {@code maxPerAgent}, {@code spread}) alone and
 * combined, on random clusters with attributes, under random placements, finishes, drains, removals, capacity changes,
 * heartbeats with usage and attribute updates ({@link AllocatorKernel#updateAttributes}: valid ones that move an agent
 * to other values, to values no agent held before, or drop an attribute; the same attributes again; and invalid ones,
 * which must be refused and change nothing).
 * <p>
 * Two kernels receive the same operations: one searches constraint views ({@link ConstraintViews}), the other has no
 * views (or room for two, the rest falling back) and filters candidates one by one, as the kernel did before views
 * existed. Every answer and the state hash
 * must be identical. Every placement is also judged against a brute-force reference computed from the public queries
 * before it: the chosen agent is {@code ACTIVE}, satisfies the constraints (evaluated here from the attribute map this
 * test last gave the agent, which the kernel's {@link KernelView#agentAttributes} must report), is feasible, and is in
 * the best utilisation bucket among such agents (for {@code spread}, within the value with the fewest tasks of the
 * framework and label that has one, counting each running task under its agent's current value); "not placeable" only
 * when none is. The invariant checker, which rebuilds every view and tally from scratch, runs after every operation.
 * <p>
 * {@code -Dstowage.differential.operations=N} sets the number of operations (default 10^6), {@code -Dstowage.seed=S}
 * repeats a run.
 */
class ConstrainedPlacementDifferentialTest
{
    private static final ResourceSchema SCHEMA = ResourceSchema.of("cpus", "mem");
    private static final String[] ZONES = {"z1", "z2", "z3"};
    private static final String[] RACKS = {"r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8"};
    /** Values only attribute updates give, so that updates also bring values no agent registered with. */
    private static final String[] NEW_ZONES = {"z4", "z5"};

    @Test
    void viewsAgreeWithFilteringAndWithBruteForce()
    {
        final long operations = Long.getLong("stowage.differential.operations", 1_000_000L);
        final Long seedProperty = Long.getLong("stowage.seed");
        final long masterSeed = seedProperty != null ? seedProperty : System.nanoTime();
        System.out.println("ConstrainedPlacementDifferentialTest: master seed " + masterSeed +
            " (repeat with -Dstowage.seed=" + masterSeed + ")");
        final long[] totals = new long[6];
        for (int cluster = 0; totals[0] < operations; cluster++)
        {
            final long seed = masterSeed * 31 + cluster;
            try
            {
                new Run(seed, totals).run();
            }
            catch (final AssertionError e)
            {
                throw new AssertionError("master seed " + masterSeed + ", cluster " + cluster + " (seed " + seed +
                    "): " + e.getMessage(), e);
            }
        }
        System.out.printf("ConstrainedPlacementDifferentialTest: seed %d, %d operations, %d constrained placements " +
            "(%d placed, %d not placeable), %d attribute updates (%d refused), 0 disagreements, " +
            "0 invariant violations%n",
            masterSeed, totals[0], totals[1], totals[2], totals[3], totals[4], totals[5]);
    }

    private static final class Run
    {
        private final Random rnd;
        private final long[] totals;
        private final AllocatorKernel viewed;
        private final AllocatorKernel filtered;
        private final PlacementPolicy policy;
        private final boolean oversubscribed;
        private final List<List<Constraint>> constraintLists = new ArrayList<>();
        private final int[] constraintIds;
        private final int[] frameworks = new int[2];
        private final int[] labels = new int[2];
        private final List<Long> running = new ArrayList<>();
        private final Map<Long, int[]> taskInfo = new HashMap<>(); // task id -> framework, label, slot
        /** The attributes this test last gave each registered agent, by slot; null for a free slot. */
        private final Map<Integer, Map<String, String>> attributesBySlot = new HashMap<>();
        private final TaskRequest request = new TaskRequest(SCHEMA);
        private final Decision decisionA = new Decision();
        private final Decision decisionB = new Decision();
        private final int maxAgents;
        private int nextAgent;
        private long now = 1;
        private long sequence = 1;

        Run(final long seed, final long[] totals)
        {
            this.rnd = new Random(seed);
            this.totals = totals;
            this.policy = rnd.nextBoolean() ? PlacementPolicy.BINPACK : PlacementPolicy.SPREAD;
            this.oversubscribed = rnd.nextInt(3) == 0;
            this.maxAgents = rnd.nextInt(12) == 0 ? 200 + rnd.nextInt(300) : 1 + rnd.nextInt(100);
            final KernelConfig.Builder config = KernelConfig.builder(SCHEMA).placement(policy).maxAgents(maxAgents)
                .maxTasks(maxAgents * 24 + 16);
            if (oversubscribed)
            {
                config.oversubscriptionRatioMillis(500);
            }
            if (rnd.nextBoolean())
            {
                config.predictiveAvoidance(true, 30_000_000_000L, 500);
            }
            final KernelConfig built = config.build();
            viewed = new AllocatorKernel(built);
            filtered = new AllocatorKernel(built);
            // No views at all (every constrained search filters), or room for two (the rest filter): both must agree.
            filtered.constraintViews().limit(rnd.nextInt(3) == 0 ? 2 : 0);
            if (rnd.nextInt(3) == 0)
            {
                // Views dropped after a few idle searches and built again from the ledger: rebuilding must be exact.
                viewed.constraintViews().idleSearches(1 + rnd.nextInt(64));
            }
            for (int i = 0; i < frameworks.length; i++)
            {
                final String name = "f" + i;
                frameworks[i] = both(k -> k.registerFramework(name));
                labels[i] = both(k -> k.internLabel("l" + name));
            }
            buildConstraints();
            constraintIds = new int[constraintLists.size()];
            for (int i = 0; i < constraintLists.size(); i++)
            {
                final List<Constraint> list = constraintLists.get(i);
                constraintIds[i] = both(k -> k.internConstraints(list));
            }
        }

        private int both(final java.util.function.ToIntFunction<AllocatorKernel> call)
        {
            final int a = call.applyAsInt(viewed);
            final int b = call.applyAsInt(filtered);
            assertEquals(a, b, "the two kernels answered differently");
            return a;
        }

        private void buildConstraints()
        {
            constraintLists.add(List.of());
            constraintLists.add(List.of(Constraint.ne("gpu", "true")));
            constraintLists.add(List.of(Constraint.eq("zone", pick(ZONES))));
            constraintLists.add(List.of(Constraint.in("rack", List.of(pick(RACKS), pick(RACKS), pick(RACKS)))));
            constraintLists.add(List.of(Constraint.maxPerAgent(1 + rnd.nextInt(3))));
            constraintLists.add(List.of(Constraint.spread("zone")));
            constraintLists.add(List.of(Constraint.exists("ssd")));
            constraintLists.add(List.of(Constraint.notIn("rack", List.of(pick(RACKS), pick(RACKS)))));
            constraintLists.add(List.of(Constraint.eq("zone", "nowhere")));
            for (int i = 0; i < 4; i++)
            {
                final List<Constraint> list = new ArrayList<>();
                final int predicates = rnd.nextInt(3);
                for (int p = 0; p < predicates; p++)
                {
                    list.add(randomPredicate());
                }
                if (rnd.nextInt(3) == 0)
                {
                    list.add(Constraint.maxPerAgent(1 + rnd.nextInt(3)));
                }
                if (rnd.nextInt(4) == 0)
                {
                    list.add(Constraint.spread(rnd.nextBoolean() ? "zone" : "rack"));
                }
                constraintLists.add(List.copyOf(list));
            }
        }

        private Constraint randomPredicate()
        {
            final boolean zone = rnd.nextBoolean();
            final String name = zone ? "zone" : "rack";
            final String[] values = zone ? ZONES : RACKS;
            switch (rnd.nextInt(5))
            {
                case 0:
                    return Constraint.eq(name, pick(values));
                case 1:
                    return Constraint.in(name, List.of(pick(values), pick(values)));
                case 2:
                    return Constraint.ne(name, pick(values));
                case 3:
                    return Constraint.notIn(name, List.of(pick(values), pick(values)));
                default:
                    return Constraint.exists(rnd.nextBoolean() ? "ssd" : "gpu");
            }
        }

        private String pick(final String[] values)
        {
            return values[rnd.nextInt(values.length)];
        }

        void run()
        {
            final int agents = Math.max(1, maxAgents - rnd.nextInt(Math.max(1, maxAgents / 8)));
            for (int i = 0; i < agents; i++)
            {
                register();
            }
            // Large clusters cost more per invariant check (every view is rebuilt from scratch): fewer operations each.
            final int ops = maxAgents >= 200 ? 1_000 + rnd.nextInt(1_000) : 2_000 + rnd.nextInt(8_000);
            for (int op = 0; op < ops; op++)
            {
                step();
                totals[0]++;
                final List<String> violations = InvariantChecker.check(viewed);
                if (!violations.isEmpty())
                {
                    fail("after operation " + op + ": " + violations);
                }
                if ((op & 63) == 0)
                {
                    assertEquals(viewed.view().stateHash(), filtered.view().stateHash(), "state hash after operation " + op);
                    for (int slot = 0; slot < maxAgents; slot++)
                    {
                        checkAttributes(slot);
                    }
                }
            }
            assertEquals(viewed.view().stateHash(), filtered.view().stateHash(), "state hash at the end");
        }

        private void step()
        {
            final int roll = rnd.nextInt(100);
            if (roll < 55)
            {
                place();
            }
            else if (roll < 85)
            {
                finish();
            }
            else if (roll < 88)
            {
                final int slot = rnd.nextInt(maxAgents);
                final boolean drain = rnd.nextBoolean();
                both(k -> (drain ? k.drain(slot) : k.undrain(slot)).ordinal());
            }
            else if (roll < 90)
            {
                remove();
            }
            else if (roll < 92)
            {
                register();
            }
            else if (roll < 94)
            {
                final int slot = rnd.nextInt(maxAgents);
                final long[] capacity = {(4 + rnd.nextInt(29)) * 1000L, (8 + rnd.nextInt(57)) * 1000L};
                both(k -> k.updateCapacity(slot, capacity).ordinal());
            }
            else if (roll < 97)
            {
                heartbeat();
            }
            else
            {
                updateAttributes();
            }
        }

        private void register()
        {
            final Map<String, String> attributes = randomAttributes();
            final long[] capacity = {(4 + rnd.nextInt(29)) * 1000L, (8 + rnd.nextInt(57)) * 1000L};
            final String id = "a" + nextAgent++;
            if (both(k -> k.registerAgent(id, capacity, attributes, now).ordinal()) == Reason.OK.ordinal())
            {
                final int slot = viewed.view().agentSlot(id);
                assertEquals(slot, filtered.view().agentSlot(id), "the two kernels gave " + id + " different slots");
                attributesBySlot.put(slot, Map.copyOf(attributes));
                checkAttributes(slot);
            }
        }

        /**
         * Replaces a random agent's attributes (or tries an unknown slot, or an invalid map) in both kernels and in
         * this test's model, and checks the answer and what the kernels report afterwards.
         */
        private void updateAttributes()
        {
            final int roll = rnd.nextInt(100);
            final int slot = roll < 3 ? (rnd.nextBoolean() ? -1 : maxAgents + rnd.nextInt(3)) : rnd.nextInt(maxAgents);
            final Map<String, String> current = attributesBySlot.get(slot);
            final Map<String, String> attributes;
            boolean valid = true;
            if (roll < 10)
            {
                attributes = invalidAttributes();
                valid = false;
            }
            else if (roll < 15 && current != null)
            {
                attributes = new HashMap<>(current);
            }
            else
            {
                attributes = randomAttributes();
                if (rnd.nextInt(6) == 0)
                {
                    attributes.put("zone", NEW_ZONES[rnd.nextInt(NEW_ZONES.length)]);
                }
            }
            final Reason expected = current == null ? Reason.UNKNOWN_AGENT :
                valid ? Reason.OK : Reason.INVALID_ATTRIBUTES;
            final int setsBefore = viewed.attributeSetCount();
            final int answer = both(k -> k.updateAttributes(slot, attributes).ordinal());
            assertEquals(expected, Reason.values()[answer], "updateAttributes of slot " + slot + " to " + attributes);
            totals[4]++;
            if (expected == Reason.OK)
            {
                attributesBySlot.put(slot, Map.copyOf(attributes));
            }
            else
            {
                totals[5]++;
                assertEquals(setsBefore, viewed.attributeSetCount(), "a refused update interned " + attributes);
            }
            checkAttributes(slot);
        }

        private Map<String, String> invalidAttributes()
        {
            final Map<String, String> attributes = new HashMap<>(randomAttributes());
            switch (rnd.nextInt(5))
            {
                case 0:
                    return null;
                case 1:
                    for (int i = 0; i <= KernelConfig.MAX_ATTRIBUTES_PER_AGENT; i++)
                    {
                        attributes.put("extra" + i, "v");
                    }
                    return attributes;
                case 2:
                    attributes.put(rnd.nextBoolean() ? "" : " ", "v");
                    return attributes;
                case 3:
                    attributes.put("zone", null);
                    return attributes;
                default:
                    attributes.put(null, "v");
                    return attributes;
            }
        }

        /** Both kernels report exactly the attributes this test last gave the agent in the slot, if registered. */
        private void checkAttributes(final int slot)
        {
            final Map<String, String> expected = attributesBySlot.get(slot);
            if (expected == null)
            {
                return;
            }
            assertEquals(expected, viewed.view().agentAttributes(slot), "attributes of slot " + slot);
            assertEquals(expected, filtered.view().agentAttributes(slot), "attributes of slot " + slot);
        }

        private Map<String, String> randomAttributes()
        {
            final Map<String, String> attributes = new TreeMap<>();
            attributes.put("zone", pick(ZONES));
            attributes.put("rack", pick(RACKS));
            if (rnd.nextInt(12) == 0)
            {
                attributes.put("gpu", "true");
            }
            if (rnd.nextInt(4) == 0)
            {
                attributes.put("ssd", "yes");
            }
            if (rnd.nextInt(10) == 0)
            {
                attributes.remove("zone");
            }
            return attributes;
        }

        private void remove()
        {
            final int slot = rnd.nextInt(maxAgents);
            if (both(k -> k.removeAgent(slot).ordinal()) == Reason.OK.ordinal())
            {
                attributesBySlot.remove(slot);
            }
            running.removeIf(task -> !taskInfoValid(task));
        }

        private boolean taskInfoValid(final long task)
        {
            final boolean live = viewed.view().taskAgent(task) >= 0;
            if (!live)
            {
                taskInfo.remove(task);
            }
            return live;
        }

        private void heartbeat()
        {
            final int slot = rnd.nextInt(maxAgents);
            if (!viewed.view().isRegistered(slot))
            {
                return;
            }
            now += 1_000_000_000L;
            final long[] usage = new long[2];
            for (int d = 0; d < 2; d++)
            {
                usage[d] = (long)(viewed.view().agentCapacity(slot, d) * rnd.nextDouble() * 0.95);
            }
            final int epoch = viewed.view().agentEpoch(slot);
            final long seq = sequence++;
            both(k -> k.heartbeat(slot, epoch, seq, usage, now).ordinal());
            running.removeIf(task -> !taskInfoValid(task));
        }

        private void finish()
        {
            if (running.isEmpty())
            {
                return;
            }
            final int i = rnd.nextInt(running.size());
            final long task = running.get(i);
            running.set(i, running.get(running.size() - 1));
            running.remove(running.size() - 1);
            taskInfo.remove(task);
            both(k -> k.finish(task).ordinal());
        }

        private void place()
        {
            final int f = rnd.nextInt(frameworks.length);
            final int c = rnd.nextInt(constraintIds.length);
            final int l = rnd.nextInt(labels.length);
            final boolean revocable = oversubscribed && rnd.nextInt(4) == 0;
            final long[] resources = {(1 + rnd.nextInt(8)) * 500L, (1 + rnd.nextInt(16)) * 500L};
            final int expectedBucket = bruteForceBestBucket(f, l, constraintLists.get(c), resources, revocable);
            final Map<Integer, Integer> candidates = lastCandidates;
            request.reset(frameworks[f]).resources(resources).label(labels[l]).constraints(constraintIds[c])
                .revocable(revocable);
            final Decision a = viewed.place(request, now, decisionA);
            final Decision b = filtered.place(request, now, decisionB);
            assertEquals(b.toString(), a.toString(), "views and filtering chose differently for " +
                constraintLists.get(c));
            totals[1]++;
            final boolean judged = viewed.view().avoidedAgentCount() == 0;
            if (a.isPlaced())
            {
                totals[2]++;
                running.add(a.taskId());
                taskInfo.put(a.taskId(), new int[] {f, l, a.agentSlot()});
                if (judged && (!candidates.containsKey(a.agentSlot()) || candidates.get(a.agentSlot()) != expectedBucket))
                {
                    fail("placed " + constraintLists.get(c) + " on slot " + a.agentSlot() + " (bucket " +
                        candidates.get(a.agentSlot()) + "), the best allowed feasible bucket is " + expectedBucket);
                }
            }
            else
            {
                totals[3]++;
                if (judged && a.reason() != Reason.TASK_LIMIT && !candidates.isEmpty())
                {
                    fail("not placeable (" + a.reason() + ") with " + constraintLists.get(c) + ", yet " +
                        candidates.size() + " agents allow it and it fits");
                }
            }
        }

        private Map<Integer, Integer> lastCandidates = Map.of();

        /**
         * Fills {@link #lastCandidates} with every ACTIVE agent that satisfies the constraints and on which the task
         * fits (restricted to the spread value the rule selects), slot to bucket.
         *
         * @return the best bucket among them, or -1.
         */
        private int bruteForceBestBucket(
            final int f, final int l, final List<Constraint> constraints, final long[] resources,
            final boolean revocable)
        {
            String spread = null;
            int maxPerAgent = 0;
            for (final Constraint c : constraints)
            {
                if (c.op() == Constraint.Op.SPREAD)
                {
                    spread = c.attribute();
                }
                else if (c.op() == Constraint.Op.MAX_PER_AGENT)
                {
                    maxPerAgent = maxPerAgent == 0 ? c.limit() : Math.min(maxPerAgent, c.limit());
                }
            }
            final Map<Integer, Integer> all = new HashMap<>();
            final Map<String, Integer> tasksByValue = new TreeMap<>();
            final int[] tasksOnAgent = new int[maxAgents];
            for (final int[] info : taskInfo.values())
            {
                if (info[0] == f && info[1] == l)
                {
                    tasksOnAgent[info[2]]++;
                    final String value = spread == null ? null : attributesBySlot.get(info[2]).get(spread);
                    if (value != null)
                    {
                        tasksByValue.merge(value, 1, Integer::sum);
                    }
                }
            }
            for (int slot = 0; slot < maxAgents; slot++)
            {
                if (!viewed.view().isRegistered(slot) || viewed.view().agentState(slot) != AgentState.ACTIVE)
                {
                    continue;
                }
                final Map<String, String> attributes = attributesBySlot.get(slot);
                if (attributes == null)
                {
                    fail("slot " + slot + " is registered, but not by this test");
                }
                if (!predicatesHold(constraints, attributes) || (spread != null && !attributes.containsKey(spread)))
                {
                    continue;
                }
                if (maxPerAgent > 0 && tasksOnAgent[slot] >= maxPerAgent)
                {
                    continue;
                }
                if (!fits(slot, resources, revocable))
                {
                    continue;
                }
                all.put(slot, bucket(slot));
            }
            Map<Integer, Integer> candidates = all;
            if (spread != null && !all.isEmpty())
            {
                String bestValue = null;
                int bestCount = Integer.MAX_VALUE;
                for (final int slot : all.keySet())
                {
                    final String value = attributesBySlot.get(slot).get(spread);
                    final int count = tasksByValue.getOrDefault(value, 0);
                    if (count < bestCount || (count == bestCount && value.compareTo(bestValue) < 0))
                    {
                        bestValue = value;
                        bestCount = count;
                    }
                }
                candidates = new HashMap<>();
                for (final Map.Entry<Integer, Integer> e : all.entrySet())
                {
                    if (bestValue.equals(attributesBySlot.get(e.getKey()).get(spread)))
                    {
                        candidates.put(e.getKey(), e.getValue());
                    }
                }
            }
            lastCandidates = candidates;
            int best = -1;
            for (final int bucket : candidates.values())
            {
                if (best < 0 || (policy == PlacementPolicy.BINPACK ? bucket > best : bucket < best))
                {
                    best = bucket;
                }
            }
            return best;
        }

        private boolean fits(final int slot, final long[] resources, final boolean revocable)
        {
            for (int d = 0; d < resources.length; d++)
            {
                final long capacity = viewed.view().agentCapacity(slot, d);
                final long room;
                if (revocable)
                {
                    final long bound = capacity * 500 / 1000;
                    final long slack = viewed.view().agentReportedUsage(slot) ? capacity - viewed.view().agentUsage(slot, d) : 0;
                    room = Math.min(bound, slack) - viewed.view().agentRevocable(slot, d);
                }
                else
                {
                    room = capacity - viewed.view().agentAllocated(slot, d);
                }
                if (resources[d] > room)
                {
                    return false;
                }
            }
            return true;
        }

        private int bucket(final int slot)
        {
            int bucket = 0;
            for (int d = 0; d < 2; d++)
            {
                final long capacity = viewed.view().agentCapacity(slot, d);
                final long allocated = viewed.view().agentAllocated(slot, d);
                final int b = allocated >= capacity ? (allocated == 0 ? 0 : 64) : (int)(allocated * 64 / capacity);
                bucket = Math.max(bucket, b);
            }
            return bucket;
        }

        private static boolean predicatesHold(final List<Constraint> constraints, final Map<String, String> attributes)
        {
            for (final Constraint c : constraints)
            {
                if (c.op() == Constraint.Op.MAX_PER_AGENT || c.op() == Constraint.Op.SPREAD)
                {
                    continue;
                }
                final String value = attributes.get(c.attribute());
                final boolean holds;
                switch (c.op())
                {
                    case EQ:
                    case IN:
                        holds = value != null && c.values().contains(value);
                        break;
                    case NE:
                    case NOT_IN:
                        holds = value == null || !c.values().contains(value);
                        break;
                    case EXISTS:
                        holds = value != null;
                        break;
                    default:
                        holds = true;
                }
                if (!holds)
                {
                    return false;
                }
            }
            return true;
        }
    }
}
