package io.stowage.sim.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The {@link AgentShard}s of a simulation and the thread each one runs on. A shard is built, stepped and closed on
 * its own single thread only (its publisher and tailer are not shared), so every call on a shard goes through that
 * thread; the driver waits for each call, which also makes what the shard wrote visible to it.
 */
final class AgentShards implements AutoCloseable
{
    private final List<AgentShard> shards = new ArrayList<>();
    private final List<AgentShard> view = Collections.unmodifiableList(shards);
    private final List<ExecutorService> threads = new ArrayList<>();

    /**
     * Splits the agents into {@code settings.publisherThreads} ranges of about the same size and builds a shard for
     * each on its thread, with its agent queue at {@code work/agents-K}.
     *
     * @param specsById each framework's spec by kernel framework id.
     * @param work      the simulation's work directory.
     */
    AgentShards(
        final SimulationSettings settings,
        final ClusterShape shape,
        final FaultPlan faults,
        final DecisionLedger ledger,
        final FrameworkSpec[] specsById,
        final WorkDirectory work,
        final long[] lastUsage,
        final boolean[] everOverloaded)
    {
        try
        {
            build(settings, shape, faults, ledger, specsById, work, lastUsage, everOverloaded);
        }
        catch (final RuntimeException ex)
        {
            // the shards built so far hold open queues: close them before giving up
            try
            {
                close();
            }
            catch (final RuntimeException closing)
            {
                ex.addSuppressed(closing);
            }
            throw ex;
        }
    }

    private void build(
        final SimulationSettings settings,
        final ClusterShape shape,
        final FaultPlan faults,
        final DecisionLedger ledger,
        final FrameworkSpec[] specsById,
        final WorkDirectory work,
        final long[] lastUsage,
        final boolean[] everOverloaded)
    {
        final int count = settings.publisherThreads;
        for (int k = 0; k < count; k++)
        {
            final int from = (int)((long)settings.agents * k / count);
            final int to = (int)((long)settings.agents * (k + 1) / count);
            final ExecutorService thread = Executors.newSingleThreadExecutor(r ->
            {
                final Thread t = new Thread(r, "stowage-sim-agents-" + threads.size());
                t.setDaemon(true);
                return t;
            });
            threads.add(thread);
            final int shardIndex = k;
            shards.add(call(thread, () -> new AgentShard(shardIndex, from, to, shape, faults, settings, ledger,
                specsById, work.resolve("agents-" + shardIndex), work.resolve("decisions"), lastUsage,
                everOverloaded)));
        }
    }

    /** @return the shards in agent order, for reading what they counted between two calls of {@link #forEach}. */
    List<AgentShard> list()
    {
        return view;
    }

    /**
     * Runs an action on every shard, each on its own thread, and waits until all are done.
     *
     * @throws RuntimeException the first failure of an action, as it was thrown.
     */
    void forEach(final Consumer<AgentShard> action)
    {
        final List<Future<?>> done = new ArrayList<>(shards.size());
        for (int k = 0; k < shards.size(); k++)
        {
            final AgentShard shard = shards.get(k);
            done.add(threads.get(k).submit(() -> action.accept(shard)));
        }
        for (final Future<?> future : done)
        {
            await(future);
        }
    }

    /** @return the heartbeats of all shards whose measured usage exceeded their agent's actual capacity. */
    long overloadEvents()
    {
        long events = 0;
        for (final AgentShard shard : shards)
        {
            events += shard.overloadEvents;
        }
        return events;
    }

    /**
     * @param framework a kernel framework id.
     * @return the framework's tasks that the agents of all shards ended (finished or killed).
     */
    long endedByAgents(final int framework)
    {
        long ended = 0;
        for (final AgentShard shard : shards)
        {
            ended += shard.endedByFramework[framework];
        }
        return ended;
    }

    /** Closes every shard on its thread, then ends the threads. */
    @Override
    public void close()
    {
        for (int k = 0; k < shards.size(); k++)
        {
            final AgentShard shard = shards.get(k);
            call(threads.get(k), () ->
            {
                shard.close();
                return null;
            });
        }
        for (final ExecutorService thread : threads)
        {
            thread.shutdownNow();
        }
    }

    private static <T> T call(final ExecutorService thread, final Callable<T> task)
    {
        return await(thread.submit(task));
    }

    private static <T> T await(final Future<T> future)
    {
        try
        {
            return future.get();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
        catch (final ExecutionException ex)
        {
            if (ex.getCause() instanceof RuntimeException runtime)
            {
                throw runtime;
            }
            throw new IllegalStateException(ex.getCause());
        }
    }
}
