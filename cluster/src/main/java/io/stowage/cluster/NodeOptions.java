package io.stowage.cluster;

import io.stowage.core.KernelConfig;
import io.stowage.core.ResourceSchema;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How to run one {@link AllocatorNode}: which member it is, the members' hosts and base port, its directories, the
 * kernel and service configuration (the same on every member) and the cluster's timeouts. Parsed from
 * {@code --name value} arguments ({@link #parse(String...)}) by the node's {@code main} and by {@code ./stowage serve}.
 */
public final class NodeOptions
{
    /** Member id of this node. */
    public int node;
    /** Hosts of the members, member i on hosts.get(i); one host for a single-node cluster. */
    public List<String> hosts = List.of("127.0.0.1");
    /** Base port (see {@link ClusterMembers}). */
    public int basePort = 20_000;
    /** Directory for the node's archive and cluster state. */
    public File dir;
    /** Aeron directory of the node's media driver, or null for {@code dir/aeron}. */
    public String aeronDir;
    /** Names of the resource dimensions. */
    public List<String> resources = List.of("cpus", "mem");
    /** Kernel capacity: agents. */
    public int maxAgents = 4096;
    /** Kernel capacity: tasks. */
    public int maxTasks = 1 << 16;
    /** Which time the kernel is given. */
    public EventTime eventTime = EventTime.CLUSTER_CLOCK;
    /** Period of the round timer, ms (cluster clock only). */
    public long roundPeriodMs = 10;
    /** How long followers wait for the leader's heartbeat before an election, ms. */
    public long heartbeatTimeoutMs = 3_000;
    /** Interval of the leader's heartbeats, ms. */
    public long heartbeatIntervalMs = 100;
    /** Election timeout, ms. */
    public long electionTimeoutMs = 1_500;
    /** Client session timeout, ms. */
    public long sessionTimeoutMs = 10_000;
    /** Directory of the counters file for {@code ./stowage stat}, or null for none. */
    public File countersDir;
    /** Seconds between the snapshots this member asks for (only the leader's request acts), 0 for none. */
    public long snapshotEverySeconds;
    /** Delete the archive and cluster directories on start (a new cluster, no recovery). */
    public boolean fresh;

    /**
     * @param args {@code --node I --members h0,h1,h2 --base-port P --dir DIR [--aeron-dir DIR] [--counters DIR]
     *             [--resources a,b] [--max-agents N] [--max-tasks N] [--event-time cluster|record]
     *             [--round-period-ms N]
     *             [--heartbeat-timeout-ms N] [--heartbeat-interval-ms N] [--election-timeout-ms N]
     *             [--session-timeout-ms N] [--snapshot-every-seconds N] [--fresh]}.
     * @return the options.
     * @throws IllegalArgumentException naming an unknown or malformed option.
     */
    public static NodeOptions parse(final String... args)
    {
        final NodeOptions o = new NodeOptions();
        int i = 0;
        while (i < args.length)
        {
            final String name = args[i++];
            if ("--fresh".equals(name))
            {
                o.fresh = true;
                continue;
            }
            if (i >= args.length)
            {
                throw new IllegalArgumentException(name + " needs a value");
            }
            final String value = args[i++];
            switch (name)
            {
                case "--node" -> o.node = Integer.parseInt(value);
                case "--members" -> o.hosts = Arrays.asList(value.split(","));
                case "--base-port" -> o.basePort = Integer.parseInt(value);
                case "--dir" -> o.dir = new File(value);
                case "--aeron-dir" -> o.aeronDir = value;
                case "--counters" -> o.countersDir = new File(value);
                case "--resources" -> o.resources = Arrays.asList(value.split(","));
                case "--max-agents" -> o.maxAgents = Integer.parseInt(value);
                case "--max-tasks" -> o.maxTasks = Integer.parseInt(value);
                case "--event-time" -> o.eventTime = "record".equals(value) ? EventTime.RECORD :
                    "cluster".equals(value) ? EventTime.CLUSTER_CLOCK : badValue(name, value);
                case "--round-period-ms" -> o.roundPeriodMs = Long.parseLong(value);
                case "--heartbeat-timeout-ms" -> o.heartbeatTimeoutMs = Long.parseLong(value);
                case "--heartbeat-interval-ms" -> o.heartbeatIntervalMs = Long.parseLong(value);
                case "--election-timeout-ms" -> o.electionTimeoutMs = Long.parseLong(value);
                case "--session-timeout-ms" -> o.sessionTimeoutMs = Long.parseLong(value);
                case "--snapshot-every-seconds" -> o.snapshotEverySeconds = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (o.snapshotEverySeconds < 0)
        {
            throw new IllegalArgumentException("--snapshot-every-seconds " + o.snapshotEverySeconds + " is negative");
        }
        if (o.node < 0 || o.node >= o.hosts.size())
        {
            throw new IllegalArgumentException("--node " + o.node + " is not a member of " + o.hosts);
        }
        if (o.dir == null)
        {
            o.dir = new File("stowage-node-" + o.node);
        }
        return o;
    }

    private static EventTime badValue(final String name, final String value)
    {
        throw new IllegalArgumentException(name + " " + value + ": expected cluster or record");
    }

    /**
     * The whole kernel configuration, set by a launcher of its own (the simulator's members use the simulation's),
     * or null to build it from {@link #resources}, {@link #maxAgents} and {@link #maxTasks}.
     */
    public KernelConfig kernel;

    /** @return the kernel configuration these options describe. */
    public KernelConfig kernelConfig()
    {
        if (kernel != null)
        {
            return kernel;
        }
        return KernelConfig.builder(ResourceSchema.of(resources))
            .maxAgents(maxAgents)
            .maxTasks(maxTasks)
            .build();
    }

    /** @return the service configuration these options describe. */
    public AllocatorServiceConfig serviceConfig()
    {
        return new AllocatorServiceConfig(kernelConfig())
            .eventTime(eventTime)
            .roundPeriodNanos(TimeUnit.MILLISECONDS.toNanos(roundPeriodMs));
    }

    /** @return this node's host. */
    public String host()
    {
        return hosts.get(node);
    }

    /** @return the Aeron directory of this node's media driver. */
    public String aeronDirectory()
    {
        return aeronDir != null ? aeronDir : new File(dir, "aeron").getAbsolutePath();
    }
}
