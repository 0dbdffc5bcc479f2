package io.stowage.sim.cluster;

import io.stowage.core.Reason;
import io.stowage.core.TaskEndCause;
import io.stowage.ipc.AgentGuard;
import io.stowage.ipc.AgentPublisher;
import io.stowage.ipc.DecisionHandler;
import io.stowage.ipc.DecisionTailer;
import io.stowage.ipc.MalformedFrameListener;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.stowage.sim.cluster.ClusterShape.CPUS;
import static io.stowage.sim.cluster.ClusterShape.DIMENSIONS;
import static io.stowage.sim.cluster.ClusterShape.MEM;

/**
 * A range of simulated agents stepped by one thread, speaking through one {@link AgentPublisher} (its own agent
 * queue) and reading the decision stream with one {@link DecisionTailer}. Each simulated second it takes the
 * decisions made since the last one (launching through each agent's {@link AgentGuard}, or refusing), ends the tasks
 * whose time is up, and sends heartbeats with measured usage; and it plays the faults of the {@link FaultPlan}.
 * Agents isolate tasks as cgroups would when asked: CPU throttled at the request, a task over its memory request
 * killed and reported. Without isolation an agent whose memory runs out kills its biggest task (an out-of-memory
 * kill). Runs on its own single thread, in the agent phase only.
 */
final class AgentShard implements DecisionHandler, AutoCloseable
{
    private final int from;
    private final int to;
    private final ClusterShape shape;
    private final FaultPlan faults;
    private final SimulationSettings settings;
    private final DecisionLedger ledger;
    private final FrameworkSpec[] specs;
    private final AgentPublisher publisher;
    private final DecisionTailer decisions;
    private final AgentGuard[] guards;
    /** Each agent's guard of revocable tasks: they may use the oversubscription allowance on top of capacity. */
    private final AgentGuard[] revocableGuards;
    private final List<TaskRun>[] running;
    private final Long2ObjectHashMap<TaskRun> tasks = new Long2ObjectHashMap<>();
    private final LongArrayList[] endings;
    private final long[] actualCapacity;
    private final List<long[]> held = new ArrayList<>();
    private final long[] usage = new long[DIMENSIONS];
    private final long[] launchResources = new long[DIMENSIONS];
    private int second;
    private long lastIndex = -1;

    /** Tasks this shard's agents finished or killed in the current second, for the driver to book. */
    final LongArrayList finished = new LongArrayList();
    /** Tasks that vanished with a crashed agent (or were launched onto one): the kernel must report each lost. */
    final LongArrayList vanished = new LongArrayList();
    /** The second each vanished task vanished. */
    final LongArrayList vanishedAt = new LongArrayList();
    /** Capacity shrinks of this second: agent index, then its new capacity; the driver tells the allocator. */
    final LongArrayList shrinks = new LongArrayList();
    final long[] lastUsage;
    final boolean[] everOverloaded;
    final long[] finishedByFramework;
    /** Tasks ended by the agents (finished or killed), per framework. */
    final long[] endedByFramework;
    long guardRefusals;
    long isolationKills;
    long oomKills;
    long overloadEvents;

    @SuppressWarnings("unchecked")
    AgentShard(
        final int shardIndex,
        final int from,
        final int to,
        final ClusterShape shape,
        final FaultPlan faults,
        final SimulationSettings settings,
        final DecisionLedger ledger,
        final FrameworkSpec[] specs,
        final Path agentQueue,
        final Path decisionQueue,
        final long[] lastUsage,
        final boolean[] everOverloaded)
    {
        this.from = from;
        this.to = to;
        this.shape = shape;
        this.faults = faults;
        this.settings = settings;
        this.ledger = ledger;
        this.specs = specs;
        this.lastUsage = lastUsage;
        this.everOverloaded = everOverloaded;
        this.publisher = new AgentPublisher(agentQueue, shardIndex + 1);
        this.decisions = new DecisionTailer(decisionQueue, "shard-" + shardIndex, this, MalformedFrameListener.NONE,
            0);
        final int count = to - from;
        guards = new AgentGuard[count];
        revocableGuards = new AgentGuard[count];
        running = new List[count];
        actualCapacity = new long[count * DIMENSIONS];
        for (int a = from; a < to; a++)
        {
            running[a - from] = new ArrayList<>();
            System.arraycopy(shape.capacity, a * DIMENSIONS, actualCapacity, (a - from) * DIMENSIONS, DIMENSIONS);
            decisions.addAgent(shape.ids[a]);
        }
        endings = new LongArrayList[settings.seconds + 2];
        for (int s = 0; s < endings.length; s++)
        {
            endings[s] = new LongArrayList();
        }
        finishedByFramework = new long[specs.length];
        endedByFramework = new long[specs.length];
    }

    /** Registers every agent of the shard (second 0). */
    void registerAll()
    {
        for (int a = from; a < to; a++)
        {
            register(a);
        }
        lastIndex = publisher.lastIndex();
    }

    private void register(final int agent)
    {
        final long[] capacity = new long[DIMENSIONS];
        System.arraycopy(actualCapacity, (agent - from) * DIMENSIONS, capacity, 0, DIMENSIONS);
        publisher.register(shape.ids[agent], capacity, shape.attributes[agent]);
        guards[agent - from] = new AgentGuard(shape.ids[agent], capacity, 0);
        revocableGuards[agent - from] = new AgentGuard(shape.ids[agent], allowance(capacity), 0);
    }

    private static long[] allowance(final long[] capacity)
    {
        final long[] allowance = new long[DIMENSIONS];
        for (int d = 0; d < DIMENSIONS; d++)
        {
            allowance[d] = capacity[d] / 1000 * ClusterSimulation.OVERSUBSCRIPTION_MILLIS +
                capacity[d] % 1000 * ClusterSimulation.OVERSUBSCRIPTION_MILLIS / 1000;
        }
        return allowance;
    }

    /** @return the Chronicle index of the last frame this shard's publisher wrote, or -1 (as of its last step). */
    long lastIndex()
    {
        return lastIndex;
    }

    /**
     * One simulated second of the agents: decisions, task ends, faults, heartbeats.
     *
     * @param now          the second.
     * @param lastDecision the number of the last decision in the stream: every decision up to it is taken first.
     */
    void step(final int now, final long lastDecision)
    {
        second = now;
        finished.clear();
        shrinks.clear();
        for (int a = from; a < to; a++)
        {
            final int epoch = ledger.epochs[a];
            if (epoch != 0 && guards[a - from].epoch() != epoch)
            {
                guards[a - from].epoch(epoch);
                revocableGuards[a - from].epoch(epoch);
            }
        }
        while (decisions.lastDecision() < lastDecision)
        {
            if (decisions.doWork() == 0)
            {
                Thread.onSpinWait();
            }
        }
        if (now < endings.length)
        {
            endTasks(endings[now]);
        }
        final boolean healed = faults.partitionUntil == now;
        if (healed)
        {
            flushHeld();
        }
        for (int a = from; a < to; a++)
        {
            stepAgent(a, now);
        }
        lastIndex = publisher.lastIndex();
    }

    private void endTasks(final LongArrayList due)
    {
        for (int i = 0; i < due.size(); i++)
        {
            final TaskRun task = tasks.get(due.getLong(i));
            if (task != null && task.endSecond == second)
            {
                finish(task, false);
            }
        }
        due.clear();
    }

    private void stepAgent(final int agent, final int now)
    {
        final int local = agent - from;
        if (faults.crashAt[agent] == now)
        {
            crash(agent);
            return;
        }
        if (faults.crashAt[agent] != FaultPlan.NEVER && now == faults.crashAt[agent] + FaultPlan.CRASH_DOWN_SECONDS)
        {
            register(agent);
            return;
        }
        if (faults.isDown(agent, now))
        {
            return;
        }
        if (faults.shrinkAt[agent] == now)
        {
            shrink(agent);
        }
        if ((now + agent) % settings.heartbeatSeconds != 0 || faults.isDelayed(agent, now) ||
            faults.isPartitioned(shape.zone[agent], now))
        {
            return;
        }
        measure(agent, now);
        final int epoch = ledger.epochs[agent];
        final long sequence = publisher.heartbeat(shape.ids[agent], epoch, usage, false);
        if (faults.duplicatedPerMille > 0 && Long.remainderUnsigned(mix(settings.seed ^ sequence * 31 + agent), 1000) <
            faults.duplicatedPerMille)
        {
            publisher.heartbeatWithSequence(shape.ids[agent], epoch, (sequence & 1) == 0 ? sequence : sequence - 1,
                usage, false);
        }
        for (int d = 0; d < DIMENSIONS; d++)
        {
            lastUsage[agent * DIMENSIONS + d] = usage[d];
        }
        if (usage[CPUS] > actualCapacity[local * DIMENSIONS + CPUS] ||
            usage[MEM] > actualCapacity[local * DIMENSIONS + MEM])
        {
            overloadEvents++;
            everOverloaded[agent] = true;
        }
    }

    /** Measures the agent's usage, applying isolation (or the out-of-memory killer without it). */
    private void measure(final int agent, final int now)
    {
        final int local = agent - from;
        final List<TaskRun> list = running[local];
        usage[CPUS] = 0;
        usage[MEM] = 0;
        usage[ClusterShape.GPUS] = 0;
        for (int i = list.size() - 1; i >= 0; i--)
        {
            final TaskRun task = list.get(i);
            long cpu = task.cpuDemand(now);
            final long mem = task.memDemand(now);
            if (settings.isolation)
            {
                cpu = Math.min(cpu, task.cpus);
                if (mem > task.mem)
                {
                    isolationKills++;
                    finish(task, true);
                    continue;
                }
            }
            usage[CPUS] += cpu;
            usage[MEM] += mem;
            usage[ClusterShape.GPUS] += task.gpus;
        }
        if (!settings.isolation && usage[MEM] > actualCapacity[local * DIMENSIONS + MEM] && !list.isEmpty())
        {
            TaskRun biggest = list.get(0);
            for (final TaskRun task : list)
            {
                if (task.memDemand(now) > biggest.memDemand(now))
                {
                    biggest = task;
                }
            }
            overloadEvents++;
            everOverloaded[agent] = true;
            oomKills++;
            usage[CPUS] -= Math.min(biggest.cpuDemand(now), usage[CPUS]);
            usage[MEM] -= Math.min(biggest.memDemand(now), usage[MEM]);
            usage[ClusterShape.GPUS] -= biggest.gpus;
            finish(biggest, true);
        }
    }

    private void shrink(final int agent)
    {
        final int local = agent - from;
        final long[] capacity = new long[DIMENSIONS];
        for (int d = 0; d < DIMENSIONS; d++)
        {
            final int i = local * DIMENSIONS + d;
            actualCapacity[i] = d == ClusterShape.GPUS ? actualCapacity[i] :
                actualCapacity[i] * FaultPlan.SHRINK_PERCENT / 100;
            capacity[d] = actualCapacity[i];
        }
        guards[local].capacity(capacity);
        revocableGuards[local].capacity(allowance(capacity));
        shrinks.addLong(agent);
        for (final long value : capacity)
        {
            shrinks.addLong(value);
        }
    }

    private void crash(final int agent)
    {
        final List<TaskRun> list = running[agent - from];
        for (final TaskRun task : list)
        {
            tasks.remove(task.taskId);
            vanished.addLong(task.taskId);
            vanishedAt.addLong(second);
        }
        list.clear();
        for (int d = 0; d < DIMENSIONS; d++)
        {
            lastUsage[agent * DIMENSIONS + d] = 0;
        }
    }

    private void finish(final TaskRun task, final boolean killed)
    {
        tasks.remove(task.taskId);
        running[task.agent - from].remove(task);
        guards[task.agent - from].release(task.taskId);
        revocableGuards[task.agent - from].release(task.taskId);
        finished.addLong(task.taskId);
        endedByFramework[task.framework]++;
        if (!killed)
        {
            finishedByFramework[task.framework]++;
        }
        if (faults.isPartitioned(shape.zone[task.agent], second))
        {
            held.add(new long[]{task.agent, task.taskId, -1});
            return;
        }
        publisher.taskFinished(shape.ids[task.agent], ledger.epochs[task.agent], task.taskId);
    }

    private void flushHeld()
    {
        for (final long[] frame : held)
        {
            final int agent = (int)frame[0];
            if (frame[2] < 0)
            {
                publisher.taskFinished(shape.ids[agent], ledger.epochs[agent], frame[1]);
            }
            else
            {
                publisher.launchRefused(shape.ids[agent], ledger.epochs[agent], frame[1], Reason.values()[(int)frame[2]]);
            }
        }
        held.clear();
    }

    @Override
    public void onLaunch(
        final long decision,
        final long taskId, final long taskKey,
        final int framework,
        final String agentId,
        final int epoch,
        final long[] resources)
    {
        final int agent = shape.indexOf(agentId);
        if (agent < from || agent >= to)
        {
            return;
        }
        if (faults.isDown(agent, second) || faults.crashAt[agent] == second)
        {
            vanished.addLong(taskId);
            vanishedAt.addLong(second);
            return;
        }
        final int local = agent - from;
        if (settings.protections)
        {
            final AgentGuard guard = specs[framework].revocable() ? revocableGuards[local] : guards[local];
            final Reason reason = guard.admit(taskId, epoch, resources);
            if (reason != Reason.OK)
            {
                guardRefusals++;
                if (faults.isPartitioned(shape.zone[agent], second))
                {
                    held.add(new long[]{agent, taskId, reason.ordinal()});
                }
                else
                {
                    publisher.launchRefused(agentId, ledger.epochs[agent], taskId, reason);
                }
                return;
            }
        }
        System.arraycopy(resources, 0, launchResources, 0, DIMENSIONS);
        final FrameworkSpec spec = specs[framework];
        final TaskRun task = new TaskRun(taskId, agent, framework, launchResources, second, spec, settings.seed,
            settings.misbehavingPercent);
        tasks.put(taskId, task);
        running[local].add(task);
        if (task.endSecond < endings.length)
        {
            endings[task.endSecond].addLong(taskId);
        }
    }

    @Override
    public void onKill(
        final long decision,
        final long taskId,
        final long taskKey,
        final int framework,
        final String agentId,
        final TaskEndCause cause)
    {
        final TaskRun task = tasks.remove(taskId);
        if (task != null)
        {
            running[task.agent - from].remove(task);
            guards[task.agent - from].release(taskId);
            revocableGuards[task.agent - from].release(taskId);
        }
    }

    @Override
    public void close()
    {
        decisions.close();
        publisher.close();
    }

    private static long mix(final long value)
    {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        return z ^ (z >>> 31);
    }
}
