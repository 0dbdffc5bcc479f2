package io.stowage.sim.cli;

import io.stowage.cluster.AllocatorNode;
import io.stowage.cluster.ClusterMembers;
import io.stowage.cluster.EventTime;
import io.stowage.cluster.NodeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code stowage serve}: runs one allocator member for schedulers and agents on other hosts, alone or as member
 * {@code --node} of a cluster of {@code --members} (docs/cluster.md), with its counters in {@code DIR/counters} for
 * {@code stowage stat}. Runs until stdin says {@code quit} or ends (or the process is stopped).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = StowageVersion.class,
    description = {
        "Runs one allocator member (Aeron Cluster): single node by default, or --node I --members h0,h1,h2.",
        "Clients (schedulers, agent hosts) connect with ClusterAllocatorClient to the ingress endpoints printed on",
        "the READY line. Counters for 'stowage stat DIR/counters'. Commands on stdin: snapshot, quit."})
final class ServeCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--node", paramLabel = "I", defaultValue = "0", description = "this member's id (default: 0)")
    int node;

    @Option(names = "--members", paramLabel = "HOSTS", defaultValue = "127.0.0.1",
        description = "the members' hosts, member i the i-th, comma-separated (default: ${DEFAULT-VALUE})")
    String members;

    @Option(names = "--base-port", paramLabel = "PORT", defaultValue = "20000",
        description = "member i uses UDP ports PORT + 10 i .. + 4 (default: ${DEFAULT-VALUE})")
    int basePort;

    @Option(names = "--dir", paramLabel = "DIR", required = true,
        description = "the member's state: archive, cluster, aeron and counters directories")
    File dir;

    @Option(names = "--aeron-dir", paramLabel = "DIR", description = "the media driver's directory (default: DIR/aeron)")
    String aeronDir;

    @Option(names = "--resources", paramLabel = "NAMES", defaultValue = "cpus,mem",
        description = "resource dimensions, the same on every member (default: ${DEFAULT-VALUE})")
    String resources;

    @Option(names = "--max-agents", paramLabel = "N", defaultValue = "4096", description = "default: ${DEFAULT-VALUE}")
    int maxAgents;

    @Option(names = "--max-tasks", paramLabel = "N", defaultValue = "65536", description = "default: ${DEFAULT-VALUE}")
    int maxTasks;

    @Option(names = "--event-time", paramLabel = "cluster|record", defaultValue = "cluster",
        description = "the kernel's time: the log's timestamps, or the time in each record (default: ${DEFAULT-VALUE})")
    String eventTime;

    @Option(names = "--round-period-ms", paramLabel = "MS", defaultValue = "10",
        description = "allocation round timer with the cluster clock (default: ${DEFAULT-VALUE})")
    long roundPeriodMs;

    @Option(names = "--snapshot-every-seconds", paramLabel = "S", defaultValue = "60",
        description = "seconds between snapshots of the replicated state, 0 for none (default: ${DEFAULT-VALUE})")
    long snapshotEverySeconds;

    @Option(names = "--fresh", description = "start a new cluster: delete this member's archive and cluster state")
    boolean fresh;

    @Override
    public Integer call() throws Exception
    {
        final NodeOptions options = new NodeOptions();
        options.node = node;
        options.hosts = List.of(members.split(","));
        options.basePort = basePort;
        options.dir = dir;
        options.aeronDir = aeronDir;
        options.countersDir = new File(dir, "counters");
        options.resources = Arrays.asList(resources.split(","));
        options.maxAgents = maxAgents;
        options.maxTasks = maxTasks;
        options.roundPeriodMs = roundPeriodMs;
        options.fresh = fresh;
        if (snapshotEverySeconds < 0)
        {
            throw new ParameterException(spec.commandLine(), "--snapshot-every-seconds must be 0 or more");
        }
        options.snapshotEverySeconds = snapshotEverySeconds;
        if (!"cluster".equals(eventTime) && !"record".equals(eventTime))
        {
            throw new ParameterException(spec.commandLine(), "--event-time must be cluster or record");
        }
        options.eventTime = "record".equals(eventTime) ? EventTime.RECORD : EventTime.CLUSTER_CLOCK;
        if (node < 0 || node >= options.hosts.size())
        {
            throw new ParameterException(spec.commandLine(), "--node " + node + " is not a member of " + members);
        }
        if (basePort < 1 || basePort + options.hosts.size() * ClusterMembers.PORTS_PER_MEMBER > 65_535)
        {
            throw new ParameterException(spec.commandLine(), "--base-port " + basePort + " leaves no room for the ports");
        }
        final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println("serving member " + node + " of " + options.hosts + "; counters in " + options.countersDir +
            " (stowage stat " + options.countersDir + ")");
        AllocatorNode.run(options, System.in, out);
        return 0;
    }
}
