package io.stowage.sim.cli;

import io.stowage.engine.AllocatorEngine;
import io.stowage.sim.cluster.ClusterSimulation;
import io.stowage.sim.cluster.SimulationSettings;
import io.stowage.sim.report.ReportWriter;
import io.stowage.sim.report.RunReport;
import io.stowage.sim.report.SummaryTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code stowage simulate}: the main job. A {@link ClusterSimulation} of tens of thousands of agents and good and bad
 * frameworks over the real engine and IPC, with faults; prints a summary and writes the report (JSON, charts, HTML).
 * With {@code --compare} it runs the same seed twice, with and without the protections, side by side.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    versionProvider = StowageVersion.class,
    sortOptions = false,
    description = {
        "Simulates a cluster: agents publish over Chronicle queues to the allocator engine, frameworks good and bad",
        "submit tasks, faults are injected; prints a summary and writes report.json, report.html and PNG charts.",
        "Exits 1 if an agent was allocated over its capacity, the kernel's invariants broke, or a lost task went",
        "unreported."})
final class SimulateCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--agents", paramLabel = "N", defaultValue = "20000",
        description = "simulated agents, 10 to 1,000,000 (default: ${DEFAULT-VALUE})")
    int agents;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "300",
        description = "simulated seconds (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
        description = "seed of every random choice (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "stowage-report",
        description = "where report.json, report.html and the charts go (default: ./${DEFAULT-VALUE}/)")
    Path report;

    @Option(names = "--compare", description = "run the same seed with and without the protections, side by side")
    boolean compare;

    @Option(names = "--no-protections",
        description = "turn off rate limits, admission, pressure backpressure, revocation, predictive avoidance and " +
            "the agent guard (the per-dimension feasibility check stays)")
    boolean noProtections;

    @Option(names = "--no-isolation", description = "agents do not throttle or kill tasks that exceed their request")
    boolean noIsolation;

    @Option(names = "--misbehaving", paramLabel = "PERCENT", defaultValue = "5",
        description = "share of tasks that use more than they asked for or grow (default: ${DEFAULT-VALUE})")
    int misbehaving;

    @Option(names = "--kill-allocator-at", paramLabel = "SECOND", defaultValue = "-1",
        description = "kill the allocator after this simulated second and recover it from its newest snapshot and " +
            "the journal after it")
    int killAllocatorAt;

    @Option(names = "--replicas", paramLabel = "N", defaultValue = "1",
        description = "1: the allocator in process (default); 3: a three-node Aeron Cluster in child processes on " +
            "loopback, fed the same inputs")
    int replicas;

    @Option(names = "--kill-leader-at", paramLabel = "SECOND", defaultValue = "-1",
        description = "with --replicas 3: kill the cluster's leader with SIGKILL after this simulated second")
    int killLeaderAt;

    @Option(names = "--snapshot-every-inputs", paramLabel = "N", defaultValue = "150000",
        description = "the allocator snapshots its state after this many journaled inputs (default: ${DEFAULT-VALUE})")
    long snapshotEveryInputs;

    @Option(names = "--snapshot-every-seconds", paramLabel = "SECONDS", defaultValue = "30",
        description = "... or after this many simulated seconds, whichever comes first (default: ${DEFAULT-VALUE})")
    int snapshotEverySeconds;

    @Option(names = "--crashes", paramLabel = "PER_MILLE", defaultValue = "5",
        description = "agents that crash and come back a minute later, per mille (default: ${DEFAULT-VALUE})")
    int crashes;

    @Option(names = "--delayed", paramLabel = "PER_MILLE", defaultValue = "2",
        description = "agents whose heartbeats are held back 20 s, per mille per minute (default: ${DEFAULT-VALUE})")
    int delayed;

    @Option(names = "--duplicates", paramLabel = "PER_MILLE", defaultValue = "10",
        description = "heartbeats duplicated or reordered, per mille (default: ${DEFAULT-VALUE})")
    int duplicates;

    @Option(names = "--shrinks", paramLabel = "PER_MILLE", defaultValue = "5",
        description = "agents whose capacity shrinks to 75%%, per mille (default: ${DEFAULT-VALUE})")
    int shrinks;

    @Option(names = "--partition-at", paramLabel = "SECOND", defaultValue = "120",
        description = "second at which zone z1 is cut off from the allocator, -1 for never (default: ${DEFAULT-VALUE})")
    int partitionAt;

    @Option(names = "--partition-seconds", paramLabel = "N", defaultValue = "20",
        description = "how long the partition lasts (default: ${DEFAULT-VALUE})")
    int partitionSeconds;

    @Option(names = "--publishers", paramLabel = "N", defaultValue = "2",
        description = "agent publisher threads, each with its own queue (default: ${DEFAULT-VALUE})")
    int publishers;

    @Option(names = "--realtime", description = "pace simulated time to the wall clock")
    boolean realtime;

    @Option(names = "--progress-every", paramLabel = "SECONDS", defaultValue = "10",
        description = "simulated seconds between progress lines on stderr, 0 for none (default: ${DEFAULT-VALUE})")
    int progressEvery;

    @Option(names = "--work-dir", paramLabel = "DIR",
        description = "keep the queues and the journal here (an empty or new directory; default: a temporary one)")
    Path workDir;

    @Option(names = "--prometheus-bind", paramLabel = "HOST:PORT",
        description = "serve the engine's metrics for Prometheus here while the simulation runs, e.g. " +
            "127.0.0.1:9464 ([::1]:9464 for IPv6; default: not served)")
    String prometheusBind;

    @Override
    public Integer call()
    {
        final SimulationSettings settings = settings();
        try
        {
            settings.prometheus = prometheusBind == null ? null :
                AllocatorEngine.Builder.parseHostAndPort(prometheusBind);
            settings.validate();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
        final PrintWriter out = spec.commandLine().getOut();
        final PrintStream progress = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
            StandardCharsets.UTF_8);
        SimulationSettings without = null;
        if (compare)
        {
            settings.protections = true;
            without = settings.copy();
            without.protections = false;
            if (settings.workDirectory != null)
            {
                without.workDirectory = settings.workDirectory.resolve("without-protections");
                settings.workDirectory = settings.workDirectory.resolve("with-protections");
            }
        }
        final RunReport first = new ClusterSimulation(settings, progress).run();
        final RunReport second = without == null ? null : new ClusterSimulation(without, progress).run();
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        final PrintStream table = new PrintStream(text, true, StandardCharsets.UTF_8);
        if (second == null)
        {
            SummaryTable.print(table, first);
            ReportWriter.write(report, first);
        }
        else
        {
            SummaryTable.print(table, first, second);
            ReportWriter.write(report, first, second);
        }
        out.print(text.toString(StandardCharsets.UTF_8));
        out.printf("%nreport: %s (open it in a browser)%n", report.resolve(ReportWriter.HTML).toAbsolutePath());
        out.flush();
        return healthy(first) && (second == null || second.allocationOverCapacity == 0) ? 0 : 1;
    }

    private static boolean healthy(final RunReport run)
    {
        return run.allocationOverCapacity == 0 && run.invariantViolations == 0 && run.lostUnaccounted == 0;
    }

    private SimulationSettings settings()
    {
        final SimulationSettings settings = new SimulationSettings();
        settings.agents = agents;
        settings.seconds = seconds;
        settings.seed = seed;
        settings.protections = !noProtections;
        settings.isolation = !noIsolation;
        settings.misbehavingPercent = misbehaving;
        settings.killAllocatorAt = killAllocatorAt;
        settings.snapshotEveryInputs = snapshotEveryInputs;
        settings.replicas = replicas;
        settings.killLeaderAt = killLeaderAt;
        settings.snapshotEverySeconds = snapshotEverySeconds;
        settings.crashPerMille = crashes;
        settings.delayedPerMille = delayed;
        settings.duplicatedPerMille = duplicates;
        settings.shrinkPerMille = shrinks;
        settings.partitionAt = partitionAt;
        settings.partitionSeconds = partitionSeconds;
        settings.publisherThreads = publishers;
        settings.realtime = realtime;
        settings.workDirectory = workDir;
        settings.progressEverySeconds = progressEvery;
        return settings;
    }
}
