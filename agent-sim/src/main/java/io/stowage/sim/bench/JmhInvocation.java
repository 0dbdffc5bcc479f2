package io.stowage.sim.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One JMH run of the comparison: some engines at some cluster sizes, all with the same settings.
 *
 * @param engines    the engines.
 * @param agents     the cluster sizes.
 * @param settings   iterations and forks.
 * @param resultFile where JMH writes its JSON.
 */
public record JmhInvocation(List<Engine> engines, List<Integer> agents, JmhSettings settings, Path resultFile)
{
    /** The benchmark class, as JMH's include pattern. */
    public static final String BENCHMARK = "PlacementComparisonBenchmark";

    /** @return the arguments of {@code java -jar benchmarks.jar}. */
    public List<String> arguments()
    {
        final List<String> args = new ArrayList<>();
        args.add(BENCHMARK);
        args.add("-foe");
        args.add("true");
        args.addAll(settings.options());
        args.add("-p");
        args.add("engine=" + Engine.names(engines));
        args.add("-p");
        args.add("agents=" + agents.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow());
        args.add("-rf");
        args.add("json");
        args.add("-rff");
        args.add(resultFile.toString());
        return args;
    }
}
