package io.stowage.sim.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which JMH runs a comparison takes. JMH measures every engine at every size given to one run, with the same
 * iterations; Fenzo with leases that never expire spends minutes per batch from {@value #BOUNDED_FROM_AGENTS} agents,
 * so those trials get a run of their own, bounded to one measured batch without warm-up ({@link JmhSettings#BOUNDED}),
 * and the other sizes are grouped by the engines they run, one JMH run per group.
 *
 * @param engines  the engines, in table order.
 * @param agents   the cluster sizes, ascending.
 * @param settings the settings of the trials that are not bounded.
 */
public record BenchPlan(List<Engine> engines, List<Integer> agents, JmhSettings settings)
{
    /** Fewest agents the benchmark accepts: the fill must run more tasks than a batch finishes. */
    public static final int MIN_AGENTS = 100;
    /** Most agents the bench command accepts. */
    public static final int MAX_AGENTS = 200_000;
    /** Cluster size from which Fenzo's never-expire regime is bounded. */
    public static final int BOUNDED_FROM_AGENTS = 50_000;

    /**
     * @param engine an engine.
     * @param agents a cluster size.
     * @return true if that trial runs with {@link JmhSettings#BOUNDED}.
     */
    public static boolean isBounded(final Engine engine, final int agents)
    {
        return engine.leasesNeverExpire() && agents >= BOUNDED_FROM_AGENTS;
    }

    /**
     * @param resultFile where the comparison's JSON goes: a single JMH run writes it directly; several write
     *                   {@code <name>.part-N.json} beside it, to be merged into it.
     * @return the JMH runs, the bounded ones last.
     */
    public List<JmhInvocation> invocations(final Path resultFile)
    {
        final Map<List<Engine>, List<Integer>> unbounded = new LinkedHashMap<>();
        final Map<List<Engine>, List<Integer>> bounded = new LinkedHashMap<>();
        for (final int size : agents)
        {
            final List<Engine> normal = new ArrayList<>();
            final List<Engine> slow = new ArrayList<>();
            for (final Engine engine : engines)
            {
                (isBounded(engine, size) ? slow : normal).add(engine);
            }
            if (!normal.isEmpty())
            {
                unbounded.computeIfAbsent(normal, key -> new ArrayList<>()).add(size);
            }
            if (!slow.isEmpty())
            {
                bounded.computeIfAbsent(slow, key -> new ArrayList<>()).add(size);
            }
        }
        final int runs = unbounded.size() + bounded.size();
        final List<JmhInvocation> invocations = new ArrayList<>();
        unbounded.forEach((group, sizes) -> invocations.add(
            new JmhInvocation(group, sizes, settings, partFile(resultFile, runs, invocations.size() + 1))));
        bounded.forEach((group, sizes) -> invocations.add(
            new JmhInvocation(group, sizes, JmhSettings.BOUNDED, partFile(resultFile, runs, invocations.size() + 1))));
        return invocations;
    }

    private static Path partFile(final Path resultFile, final int runs, final int run)
    {
        if (runs == 1)
        {
            return resultFile;
        }
        final String name = resultFile.getFileName().toString();
        final String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return resultFile.resolveSibling(stem + ".part-" + run + ".json");
    }
}
