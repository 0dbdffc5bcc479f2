package io.stowage.ipc;

import io.stowage.core.AdoptedTask;
import io.stowage.core.AllocatorKernel;
import io.stowage.core.TaskRequest;
import io.stowage.engine.EngineEvent;
import io.stowage.engine.EventType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded random stream of engine inputs of every type, chosen against the live kernel so that finishes and
 * refusals name tasks that run: frameworks and roles, agents that register, heartbeat (some stale), change capacity,
 * drain and leave, submissions (most with keys, a few duplicate), finishes (some by key), launch refusals, cancels,
 * framework updates, suppressions, revivals and removals, agents registered with adopted tasks, attribute updates
 * (some malformed), and ticks, with rounds
 * after some inputs.
 */
final class RandomInputs
{
    private static final int AGENTS = 40;

    private final SplittableRandom random;
    private final AllocatorKernel kernel;
    private final long[] sequences = new long[AGENTS];
    private final List<Long> placed;
    private long now = 1_000_000_000L;
    private int frameworks;
    private long nextKey;

    /**
     * @param seed   the seed.
     * @param kernel the kernel the inputs are applied to, read to pick running tasks.
     * @param placed ids of placed tasks, appended by the caller's decision listener.
     */
    RandomInputs(final long seed, final AllocatorKernel kernel, final List<Long> placed)
    {
        this.random = new SplittableRandom(seed);
        this.kernel = kernel;
        this.placed = placed;
    }

    /** Fills the event with the next input. */
    void next(final EngineEvent e)
    {
        e.clear();
        now += random.nextLong(1, 400_000_000L);
        e.ingressNanos = now;
        e.correlationId = random.nextLong();
        e.roundAfter = random.nextInt(8) == 0;
        final int agent = random.nextInt(AGENTS);
        final int pick = frameworks == 0 ? 0 : random.nextInt(120);
        if (pick < 2)
        {
            e.type = EventType.REGISTER_FRAMEWORK;
            e.name = "fw" + frameworks++;
            e.role = random.nextInt(20) == 0 ? null : random.nextBoolean() ? "*" : "role" + random.nextInt(3);
            e.rateMillisPerSecond = random.nextBoolean() ? -1 : random.nextLong(1000, 100_000);
            e.burst = random.nextLong(1, 50);
            e.maxPending = random.nextBoolean() ? -1 : random.nextInt(1, 200);
        }
        else if (pick == 3 && random.nextBoolean())
        {
            e.type = EventType.INTERN_LABEL;
            e.name = "label" + random.nextInt(4);
        }
        else if (pick == 3)
        {
            e.type = EventType.INTERN_CONSTRAINTS;
            e.constraintList = random.nextBoolean() ?
                java.util.List.of(io.stowage.core.Constraint.eq("zone", "z" + random.nextInt(3))) :
                java.util.List.of(io.stowage.core.Constraint.maxPerAgent(1 + random.nextInt(3)),
                    io.stowage.core.Constraint.spread("zone"));
        }
        else if (pick < 3)
        {
            e.type = EventType.SET_ROLE;
            e.name = "role" + random.nextInt(3);
            e.weight = 0.5 + random.nextInt(4);
            e.guarantee = random.nextBoolean() ? null : new long[]{random.nextLong(10_000), random.nextLong(10_000)};
            e.limit = random.nextBoolean() ? null : new long[]{random.nextLong(100_000, 900_000),
                random.nextLong(100_000, 900_000)};
        }
        else if (pick < 10)
        {
            e.type = EventType.REGISTER_AGENT;
            e.agentId = "agent-" + agent;
            e.hasVector = true;
            e.vector[0] = 1000L * random.nextInt(4, 33);
            e.vector[1] = 1000L * random.nextInt(8, 129);
            e.attributes = Map.of("zone", "z" + random.nextInt(3));
            if (random.nextInt(3) == 0)
            {
                final List<AdoptedTask> adopted = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--)
                {
                    adopted.add(new AdoptedTask(random.nextInt(frameworks + 1), key(), new long[]{
                        random.nextLong(1, 8000), random.nextLong(1, 16_000)}, random.nextInt(4),
                        random.nextInt(20) == 0, 0));
                }
                e.adopted = adopted;
            }
        }
        else if (pick < 40)
        {
            e.type = EventType.HEARTBEAT;
            e.agentId = "agent-" + agent;
            final int slot = kernel.view().agentSlot(e.agentId);
            e.epoch = slot < 0 ? 1 : kernel.view().agentEpoch(slot);
            e.sequence = random.nextInt(10) == 0 ? Math.max(1, sequences[agent] - 1) : ++sequences[agent];
            e.hasVector = random.nextBoolean();
            if (e.hasVector)
            {
                e.vector[0] = random.nextLong(32_000);
                e.vector[1] = random.nextLong(128_000);
            }
            e.pressure = random.nextInt(30) == 0;
        }
        else if (pick < 42)
        {
            e.type = EventType.UPDATE_CAPACITY;
            e.agentId = "agent-" + agent;
            e.hasVector = true;
            e.vector[0] = 1000L * random.nextInt(2, 33);
            e.vector[1] = 1000L * random.nextInt(4, 129);
        }
        else if (pick < 44)
        {
            e.type = random.nextBoolean() ? EventType.DRAIN : EventType.UNDRAIN;
            e.agentId = "agent-" + agent;
        }
        else if (pick < 45)
        {
            e.type = EventType.REMOVE_AGENT;
            e.agentId = "agent-" + agent;
        }
        else if (pick < 75)
        {
            e.type = EventType.SUBMIT;
            e.framework = random.nextInt(frameworks + 1) - (random.nextInt(50) == 0 ? 1 : 0);
            e.priority = random.nextInt(4);
            e.revocable = random.nextInt(20) == 0;
            e.hasVector = random.nextInt(30) != 0;
            e.vector[0] = random.nextLong(1, 8000);
            e.vector[1] = random.nextLong(1, 16_000);
            e.key = random.nextInt(3) == 0 ? TaskRequest.NO_KEY : key();
        }
        else if (pick < 90)
        {
            e.type = EventType.FINISH;
            e.taskId = runningTask();
            if (random.nextInt(4) == 0)
            {
                e.key = kernel.view().taskKey(e.taskId);
                e.taskId = -1;
            }
        }
        else if (pick < 93)
        {
            e.type = EventType.LAUNCH_REFUSED;
            e.taskId = runningTask();
            final int slot = kernel.view().taskAgent(e.taskId);
            e.agentId = slot >= 0 && random.nextInt(10) != 0 ? kernel.view().agentId(slot) : "agent-" + agent;
            final int agentSlot = kernel.view().agentSlot(e.agentId);
            e.epoch = agentSlot < 0 ? 1 : kernel.view().agentEpoch(agentSlot) - (random.nextInt(20) == 0 ? 1 : 0);
        }
        else if (pick >= 100 && pick < 108)
        {
            e.type = EventType.CANCEL;
            final long[] pending = kernel.view().frameworkPendingTasks(random.nextInt(frameworks));
            e.taskId = pending.length == 0 ? runningTask() : pending[random.nextInt(pending.length)];
            if (random.nextInt(3) == 0)
            {
                e.key = kernel.view().taskKey(e.taskId);
                e.taskId = -1;
            }
        }
        else if (pick >= 100 && pick < 111)
        {
            e.type = EventType.UPDATE_FRAMEWORK;
            e.framework = random.nextInt(frameworks + 1) - 1;
            e.role = random.nextInt(20) == 0 ? " " : random.nextBoolean() ? "*" : "role" + random.nextInt(3);
            e.rateMillisPerSecond = random.nextBoolean() ? -1 : random.nextLong(1000, 100_000);
            e.burst = random.nextLong(1, 50);
            e.maxPending = random.nextBoolean() ? -1 : random.nextInt(1, 200);
        }
        else if (pick >= 100 && pick < 117)
        {
            e.type = pick < 114 ? EventType.SUPPRESS_FRAMEWORK : EventType.REVIVE_FRAMEWORK;
            e.framework = random.nextInt(frameworks + 1) - 1;
        }
        else if (pick == 117)
        {
            e.type = EventType.REMOVE_FRAMEWORK;
            e.framework = random.nextInt(frameworks);
        }
        else if (pick == 118)
        {
            e.type = EventType.UPDATE_ATTRIBUTES;
            e.agentId = "agent-" + agent;
            e.attributes = random.nextInt(20) == 0 ? Map.of("", "blank name") :
                Map.of("zone", "z" + random.nextInt(4), "rack", "r" + random.nextInt(8));
        }
        else
        {
            e.type = EventType.TICK;
            now += random.nextLong(5_000_000_000L);
            e.ingressNanos = now;
        }
    }

    private long runningTask()
    {
        for (int attempt = 0; attempt < 4 && !placed.isEmpty(); attempt++)
        {
            final long id = placed.get(random.nextInt(placed.size()));
            if (kernel.view().isRunning(id))
            {
                return id;
            }
        }
        return random.nextLong(100_000);
    }

    /** @return a fresh key, or now and then one that may be held by a live task already. */
    private long key()
    {
        return random.nextInt(30) == 0 && nextKey > 0 ? random.nextLong(nextKey) : nextKey++;
    }

    /** @return a list the caller's listener appends placed task ids to. */
    static List<Long> placedList()
    {
        return new ArrayList<>();
    }
}
