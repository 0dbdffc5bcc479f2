package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded randomized differential test of the preemption index against the scan of every agent
 * ({@link Preemption#chooseByScan}), the rule's reference.
 * <p>
 * Random clusters (1 to 3 dimensions, 1 to ~120 agents in small agent tables so that slots are reused and positions
 * renumbered, zone/rack/gpu attributes, 2 to 12 priorities so that some clusters run more distinct priorities than
 * the index tracks, oversubscription on in half of them) are filled with tasks of mixed priority, kind, label and
 * constraint set, then receive a random mix of operations: placements, finishes, drains, capacity changes, usage
 * heartbeats (pressure and revocation, revocable headroom), removals and registrations, allocation rounds (which
 * preempt through the index), and probes. A probe submits a task and asks both the index and the scan for the agent
 * and the victims: they must agree exactly (agent, victims in the same order, freed quantities). Half the probes
 * that find an agent then preempt its victims. The {@link InvariantChecker} must find nothing after every operation.
 * <p>
 * {@code -Dstowage.seed=S} repeats a run; {@code -Dstowage.preemption.probes=N} sets the number of probes (default
 * 100,000).
 */
class PreemptionDifferentialTest
{
    private static final String[] DIMENSIONS = {"cpus", "mem", "disk"};
    private static final String[] ZONES = {"z0", "z1", "z2"};
    private static final String[] RACKS = {"r0", "r1", "r2", "r3", "r4"};
    private static final long SECOND = 1_000_000_000L;

    private long seed;
    private SplittableRandom random;
    private AllocatorKernel kernel;
    private TaskRequest request;
    private final Decision decision = new Decision();
    private int dimensions;
    private int priorities;
    private boolean oversubscription;
    private int[] frameworks;
    private int[] constraintSets;
    private final List<Long> running = new ArrayList<>();
    private final long[] sequence = new long[1 << 10];
    private int agentCounter;
    private long now;
    private long probes;
    private long chosen;
    private long multiVictim;
    private long clusters;
    private long fallbacks;

    @Test
    void shouldChooseTheSameAgentAndVictimsAsTheScan()
    {
        seed = Long.getLong("stowage.seed", System.nanoTime());
        final long target = Long.getLong("stowage.preemption.probes", 100_000);
        random = new SplittableRandom(seed);
        try
        {
            while (probes < target)
            {
                runCluster(target);
            }
        }
        catch (final Throwable t)
        {
            throw new AssertionError("seed " + seed + " (-Dstowage.seed=" + seed + "), cluster " + clusters +
                ", probe " + probes + ": " + t.getMessage(), t);
        }
        System.out.printf("PreemptionDifferentialTest seed %d: %d clusters, %d probes, %d chose an agent " +
            "(%d with 2+ victims); %d decisions (rounds included) fell back to the scan%n",
            seed, clusters, probes, chosen, multiVictim, fallbacks);
        assertTrue(chosen > probes / 20, "too few probes found an agent to be meaningful: " + chosen);
    }

    private void runCluster(final long target)
    {
        clusters++;
        dimensions = 1 + random.nextInt(DIMENSIONS.length);
        priorities = random.nextInt(4) == 0 ? 9 + random.nextInt(4) : 2 + random.nextInt(5);
        oversubscription = random.nextBoolean();
        final int maxAgents = 4 + random.nextInt(120);
        final String[] names = new String[dimensions];
        System.arraycopy(DIMENSIONS, 0, names, 0, dimensions);
        final ResourceSchema schema = ResourceSchema.of(names);
        final KernelConfig.Builder builder = KernelConfig.builder(schema).maxAgents(maxAgents).maxTasks(1 << 16)
            .preemption(true).placement(random.nextBoolean() ? PlacementPolicy.BINPACK : PlacementPolicy.SPREAD)
            .heartbeatTimeouts(10 * SECOND, 20 * SECOND);
        if (oversubscription)
        {
            builder.oversubscriptionRatioMillis(1000 + random.nextInt(1000));
        }
        kernel = new AllocatorKernel(builder.build());
        request = new TaskRequest(schema);
        running.clear();
        now = 0;
        frameworks = new int[3];
        for (int f = 0; f < frameworks.length; f++)
        {
            frameworks[f] = kernel.registerFramework("f" + f);
        }
        kernel.internLabel("web");
        kernel.internLabel("batch");
        constraintSets = new int[] {
            0,
            0,
            0,
            kernel.internConstraints(List.of(Constraint.eq("zone", "z1"))),
            kernel.internConstraints(List.of(Constraint.notIn("rack", List.of("r0", "r3")))),
            kernel.internConstraints(List.of(Constraint.exists("gpu"))),
            kernel.internConstraints(List.of(Constraint.maxPerAgent(1))),
            kernel.internConstraints(List.of(Constraint.maxPerAgent(2), Constraint.ne("zone", "z0"))),
        };
        final int agents = 1 + random.nextInt(maxAgents);
        for (int a = 0; a < agents; a++)
        {
            register();
        }
        fill();
        final int operations = 300 + random.nextInt(1500);
        for (int op = 0; op < operations && probes < target; op++)
        {
            step();
            check();
        }
        fallbacks += kernel.preemption().fallbacks();
    }

    private void step()
    {
        final int r = random.nextInt(100);
        if (r < 55)
        {
            probe();
        }
        else if (r < 65)
        {
            fill();
        }
        else if (r < 75)
        {
            finishSome();
        }
        else if (r < 80)
        {
            now += SECOND;
            kernel.allocate(now);
        }
        else if (r < 85)
        {
            heartbeat(randomAgent());
        }
        else if (r < 89)
        {
            final int slot = randomAgent();
            if (slot >= 0)
            {
                if (kernel.view().agentState(slot) == AgentState.DRAINING)
                {
                    kernel.undrain(slot);
                }
                else
                {
                    kernel.drain(slot);
                }
            }
        }
        else if (r < 92)
        {
            final int slot = randomAgent();
            if (slot >= 0)
            {
                kernel.updateCapacity(slot, vector(4_000, 16_000));
            }
        }
        else if (r < 95)
        {
            final int slot = randomAgent();
            if (slot >= 0 && kernel.view().agentCount() > 1)
            {
                kernel.removeAgent(slot);
            }
        }
        else if (r < 98)
        {
            register();
        }
        else
        {
            // Silence: some agents miss their heartbeats and become unreachable (or are removed).
            now += 12 * SECOND;
            for (int slot = 0; slot < kernel.view().maxAgents(); slot++)
            {
                if (kernel.view().isRegistered(slot) && random.nextInt(4) != 0)
                {
                    heartbeat(slot);
                }
            }
            kernel.advanceTime(now);
        }
    }

    /** Submits a task and compares the index's choice with the scan's, then sometimes preempts. */
    private void probe()
    {
        randomTask(2 + random.nextInt(priorities + 1));
        if (kernel.submit(request, now, decision).kind() != DecisionKind.QUEUED)
        {
            return;
        }
        final int task = (int)decision.taskId();
        if (kernel.findAgentFor(task) >= 0)
        {
            return; // preemption is asked only for a task no agent takes as it stands
        }
        final Preemption preemption = kernel.preemption();
        final int slot = preemption.choose(task);
        final int count = slot < 0 ? 0 : preemption.chosenCount();
        final long[] victims = new long[count];
        final long[] freed = new long[dimensions];
        for (int i = 0; i < count; i++)
        {
            victims[i] = preemption.chosenVictim(i);
        }
        for (int d = 0; d < dimensions && slot >= 0; d++)
        {
            freed[d] = preemption.freed(d);
        }
        final int expected = preemption.chooseByScan(task);
        probes++;
        if (expected != slot)
        {
            final List<String> violations = new ArrayList<>();
            preemption.index().check(violations);
            assertEquals(List.of(), violations, "index upkeep");
        }
        assertEquals(expected, slot, "agent chosen for task priority " + request.priority());
        if (slot < 0)
        {
            return;
        }
        chosen++;
        if (count > 1)
        {
            multiVictim++;
        }
        assertEquals(preemption.chosenCount(), count, "victim count");
        for (int i = 0; i < count; i++)
        {
            assertEquals(preemption.chosenVictim(i), victims[i], "victim " + i);
        }
        for (int d = 0; d < dimensions; d++)
        {
            assertEquals(preemption.freed(d), freed[d], "freed in dimension " + d);
        }
        if (random.nextBoolean())
        {
            preemption.choose(task);
            preemption.preemptChosen();
        }
    }

    private void fill()
    {
        final int attempts = 5 + random.nextInt(60);
        for (int i = 0; i < attempts; i++)
        {
            randomTask(random.nextInt(priorities));
            now += 1_000;
            if (kernel.place(request, now, decision).isPlaced())
            {
                running.add(decision.taskId());
            }
        }
    }

    private void finishSome()
    {
        final int count = 1 + random.nextInt(6);
        for (int i = 0; i < count && !running.isEmpty(); i++)
        {
            final int at = random.nextInt(running.size());
            final long taskId = running.get(at);
            running.set(at, running.get(running.size() - 1));
            running.remove(running.size() - 1);
            if (kernel.view().isRunning(taskId))
            {
                assertEquals(Reason.OK, kernel.finish(taskId));
            }
        }
    }

    private void randomTask(final int priority)
    {
        final boolean revocable = oversubscription && random.nextInt(3) == 0;
        request.reset(frameworks[random.nextInt(frameworks.length)]).priority(priority).revocable(revocable)
            .label(random.nextInt(3)).constraints(constraintSets[random.nextInt(constraintSets.length)]);
        final long size = random.nextInt(4) == 0 ? 4_000 : 500 + 500L * random.nextInt(4);
        for (int d = 0; d < dimensions; d++)
        {
            // Mostly proportional shapes, sometimes lopsided or zero in one dimension.
            final int shape = random.nextInt(6);
            final long amount = shape == 0 ? 0 : shape == 1 ? size * 3 : size * (1 + d);
            request.resource(d, amount);
        }
        if (!request.hasResources() || allZero())
        {
            request.resource(0, 1_000);
        }
    }

    private boolean allZero()
    {
        for (int d = 0; d < dimensions; d++)
        {
            if (request.resource(d) > 0)
            {
                return false;
            }
        }
        return true;
    }

    private void register()
    {
        final String id = "a" + agentCounter++;
        final Map<String, String> attributes = random.nextInt(3) == 0 ?
            Map.of("zone", ZONES[random.nextInt(ZONES.length)], "rack", RACKS[random.nextInt(RACKS.length)],
                "gpu", "k80") :
            Map.of("zone", ZONES[random.nextInt(ZONES.length)], "rack", RACKS[random.nextInt(RACKS.length)]);
        if (kernel.registerAgent(id, vector(4_000, 24_000), attributes, now) == Reason.OK)
        {
            final int slot = kernel.view().agentSlot(id);
            sequence[slot] = 0;
            if (random.nextBoolean())
            {
                heartbeat(slot);
            }
        }
    }

    /** A usage report: usually calm, sometimes over the threshold (pressure and revocation). */
    private void heartbeat(final int slot)
    {
        if (slot < 0)
        {
            return;
        }
        final long[] usage = new long[dimensions];
        final boolean pressure = random.nextInt(8) == 0;
        for (int d = 0; d < dimensions; d++)
        {
            final long capacity = kernel.view().agentCapacity(slot, d);
            usage[d] = pressure ? capacity : capacity * random.nextInt(70) / 100;
        }
        kernel.heartbeat(slot, kernel.view().agentEpoch(slot), ++sequence[slot], usage, now);
    }

    private long[] vector(final long min, final long spread)
    {
        final long[] v = new long[dimensions];
        final long base = min + 1_000L * random.nextInt((int)(spread / 1_000));
        for (int d = 0; d < dimensions; d++)
        {
            v[d] = base * (1 + d);
        }
        return v;
    }

    private int randomAgent()
    {
        if (kernel.view().agentCount() == 0)
        {
            return -1;
        }
        for (int tries = 0; tries < 64; tries++)
        {
            final int slot = random.nextInt(kernel.view().maxAgents());
            if (kernel.view().isRegistered(slot))
            {
                return slot;
            }
        }
        return -1;
    }

    private void check()
    {
        final List<String> violations = new ArrayList<>(InvariantChecker.check(kernel));
        if (random.nextInt(16) == 0)
        {
            kernel.preemption().index().check(violations);
        }
        if (!violations.isEmpty())
        {
            fail("invariants: " + violations);
        }
    }
}
