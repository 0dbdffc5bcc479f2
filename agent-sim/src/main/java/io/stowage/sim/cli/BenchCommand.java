package io.stowage.sim.cli;

import io.stowage.sim.bench.BenchPlan;
import io.stowage.sim.bench.BenchmarksDoc;
import io.stowage.sim.bench.ComparisonResults;
import io.stowage.sim.bench.ComparisonRow;
import io.stowage.sim.bench.ComparisonTable;
import io.stowage.sim.bench.Engine;
import io.stowage.sim.bench.JmhInvocation;
import io.stowage.sim.bench.JmhLauncher;
import io.stowage.sim.bench.JmhSettings;
import io.stowage.sim.bench.MachineInfo;
import io.stowage.sim.bench.ProcessJmhLauncher;
import io.stowage.sim.bench.RunContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code stowage bench}: runs the comparison of Stowage, Fenzo 1.0.1 and a naive allocator
 * ({@code PlacementComparisonBenchmark}) with JMH from {@code jmh/target/benchmarks.jar} in a child process, writes
 * JMH's JSON, prints the comparison table and rewrites the generated section of {@code docs/benchmarks.md}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    versionProvider = StowageVersion.class,
    description = {
        "Runs the placement comparison of Stowage, a naive best fit and Fenzo 1.0.1",
        "with JMH (jmh/target/benchmarks.jar, in a child process) and prints the table:",
        "tasks placed per second, Stowage's speed over each engine, and agents in use",
        "against the lower bound. Writes JMH's JSON and rewrites the comparison section",
        "of docs/benchmarks.md.",
        "--quick runs 1,000 and 10,000 agents with short iterations (about 3 minutes);",
        "the default adds 50,000 agents (25 to 40 minutes: Fenzo takes 3.5 to 9 minutes",
        "to learn of the 500,000 running tasks of each 50,000-agent trial).",
        "Exits 0 when done, 1 if JMH or the docs rewrite failed, 2 if the command line",
        "is bad."})
final class BenchCommand implements Callable<Integer>
{
    /** Cluster sizes of a default run. */
    static final List<Integer> FULL_AGENTS = List.of(1_000, 10_000, 50_000);
    /** Cluster sizes of a quick run. */
    static final List<Integer> QUICK_AGENTS = List.of(1_000, 10_000);
    /** The system property the launcher sets to the repository. */
    static final String HOME_PROPERTY = "stowage.home";

    private final JmhLauncher launcher;

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "1,000 and 10,000 agents, 1 warm-up and 3 measured iterations of 2 s")
    boolean quick;

    @Option(names = "--agents", split = ",", paramLabel = "N",
        description = "cluster sizes, comma separated (default: 1000,10000,50000; with --quick 1000,10000)")
    List<Integer> agents;

    @Option(names = "--engines", split = ",", paramLabel = "ENGINE",
        description = "engines, comma separated (default: all): stowage, naive, fenzoFull, fenzoFirstFit, "
            + "fenzoFullNeverExpire, fenzoFirstFitNeverExpire")
    List<String> engines;

    @Option(names = "--output", paramLabel = "FILE",
        description = "JMH's JSON (default: docs/results/jmh-comparison-DATE[-quick].json)")
    Path output;

    @Option(names = "--no-docs", description = "do not rewrite the comparison section of docs/benchmarks.md")
    boolean noDocs;

    @Option(names = "--home", paramLabel = "DIR",
        description = "the Stowage repository (default: the launcher's, or the current directory)")
    Path home;

    BenchCommand()
    {
        this(new ProcessJmhLauncher());
    }

    /**
     * @param launcher runs JMH.
     */
    BenchCommand(final JmhLauncher launcher)
    {
        this.launcher = launcher;
    }

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final BenchPlan plan = new BenchPlan(engines(), agents(), quick ? JmhSettings.QUICK : JmhSettings.FULL);
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final Path repository = repository();
        final Path jar = repository.resolve("jmh/target/benchmarks.jar");
        if (!Files.isRegularFile(jar))
        {
            err.println("bench: no benchmarks jar at " + jar + "; ./stowage bench builds it, or run " +
                "./mvnw package -DskipTests -pl jmh -am");
            return 1;
        }
        final Path doc = repository.resolve("docs/benchmarks.md");
        if (!noDocs && !checkMarkers(doc, err))
        {
            return 1;
        }
        final Path result = output != null ? output.toAbsolutePath() : repository.resolve(defaultOutput());
        Files.createDirectories(result.getParent());

        final long start = System.nanoTime();
        final List<String> commands = runJmh(plan.invocations(result), repository, jar, result, err);
        if (commands == null)
        {
            return 1;
        }
        final String duration = duration(System.nanoTime() - start);

        final List<ComparisonRow> rows;
        try
        {
            rows = ComparisonResults.read(result);
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("bench: " + ex.getMessage());
            return 1;
        }
        final RunContext context = new RunContext(MachineInfo.now(), command(), commands, MachineInfo.cores(),
            MachineInfo.cpuModel(), shown(repository, result), duration);
        final String table = ComparisonTable.render(rows, context);
        out.print(table);
        out.flush();
        if (!noDocs)
        {
            try
            {
                BenchmarksDoc.rewrite(doc, table);
            }
            catch (final IllegalArgumentException ex)
            {
                err.println("bench: " + doc + " not changed: " + ex.getMessage());
                return 1;
            }
            err.println("bench: rewrote the comparison section of " + shown(repository, doc));
        }
        err.println("bench: JMH's JSON is " + shown(repository, result) + "; the runs took " + duration);
        return 0;
    }

    /**
     * Runs each JMH invocation in turn and merges their JSON into the result file.
     *
     * @return the JMH command lines as shown, or null if a run failed (reported on {@code err}).
     */
    private List<String> runJmh(
        final List<JmhInvocation> invocations, final Path repository, final Path jar, final Path result,
        final PrintWriter err) throws IOException, InterruptedException
    {
        final List<String> commands = new ArrayList<>();
        for (final JmhInvocation invocation : invocations)
        {
            final String command = "java -jar " + shown(repository, jar) + " " +
                String.join(" ", invocation.arguments()).replace(invocation.resultFile().toString(),
                    shown(repository, invocation.resultFile()));
            commands.add(command);
            err.println("bench: " + command);
            err.flush();
            Files.deleteIfExists(invocation.resultFile());
            final int exit = launcher.run(repository, jar, invocation.arguments(), err);
            if (exit != 0 || !Files.isRegularFile(invocation.resultFile()))
            {
                err.println("bench: JMH failed (exit code " + exit + ") in the run above; no table written");
                return null;
            }
        }
        if (invocations.size() > 1)
        {
            final List<Path> parts = invocations.stream().map(JmhInvocation::resultFile).toList();
            ComparisonResults.merge(parts, result);
            for (final Path part : parts)
            {
                Files.deleteIfExists(part);
            }
        }
        return commands;
    }

    private List<Engine> engines()
    {
        if (engines == null || engines.isEmpty())
        {
            return Engine.all();
        }
        final TreeSet<Engine> chosen = new TreeSet<>();
        for (final String name : engines)
        {
            try
            {
                chosen.add(Engine.of(name.trim()));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ParameterException(spec.commandLine(), "--engines: " + ex.getMessage());
            }
        }
        return List.copyOf(chosen);
    }

    private List<Integer> agents()
    {
        if (agents == null || agents.isEmpty())
        {
            return quick ? QUICK_AGENTS : FULL_AGENTS;
        }
        final TreeSet<Integer> sizes = new TreeSet<>();
        for (final Integer size : agents)
        {
            if (size == null || size < BenchPlan.MIN_AGENTS || size > BenchPlan.MAX_AGENTS)
            {
                throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "--agents: each size must be %,d to %,d, got %s",
                    BenchPlan.MIN_AGENTS, BenchPlan.MAX_AGENTS, size));
            }
            sizes.add(size);
        }
        return List.copyOf(sizes);
    }

    private Path repository()
    {
        if (home != null)
        {
            return home.toAbsolutePath().normalize();
        }
        final String property = System.getProperty(HOME_PROPERTY);
        return Path.of(property == null || property.isBlank() ? "" : property).toAbsolutePath().normalize();
    }

    private String defaultOutput()
    {
        return "docs/results/jmh-comparison-" + LocalDate.now(ZoneOffset.UTC) + (quick ? "-quick" : "") + ".json";
    }

    private boolean checkMarkers(final Path doc, final PrintWriter err) throws IOException
    {
        if (!Files.isRegularFile(doc))
        {
            err.println("bench: no " + doc + " to rewrite (use --no-docs to skip it)");
            return false;
        }
        try
        {
            BenchmarksDoc.replaceSection(Files.readString(doc, StandardCharsets.UTF_8), "");
            return true;
        }
        catch (final IllegalArgumentException ex)
        {
            err.println("bench: " + doc + ": " + ex.getMessage() + " (or use --no-docs); nothing was run");
            return false;
        }
    }

    /** @return the command line as typed: picocli's original arguments run from the root command's. */
    private String command()
    {
        return "./stowage " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    private static String shown(final Path repository, final Path file)
    {
        final Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(repository) ? repository.relativize(absolute).toString() : absolute.toString();
    }

    private static String duration(final long nanos)
    {
        final long seconds = TimeUnit.NANOSECONDS.toSeconds(nanos);
        return seconds >= 60 ? (seconds / 60) + " min " + (seconds % 60) + " s" : seconds + " s";
    }
}
