package io.stowage.sim.cluster;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * What a cluster simulation runs: its size, length, seed, workload knobs, faults and protections. Mutable while being
 * configured (the command line fills it), then handed to a {@link ClusterSimulation}, which checks it with
 * {@link #validate()}.
 */
public final class SimulationSettings
{
    /** Agents in the cluster. */
    public int agents = 20_000;
    /** Simulated seconds to run. */
    public int seconds = 300;
    /** Seed of every random choice. */
    public long seed = 42;
    /** Publisher threads stepping the agents (each with its own agent queue). */
    public int publisherThreads = 2;
    /** Seconds between two heartbeats of an agent. */
    public int heartbeatSeconds = 5;
    /** Share of tasks that use more than they asked for, or grow, in percent. */
    public int misbehavingPercent = 5;
    /** Agents isolate tasks as cgroups would (CPU throttled at the request, a task over its memory request killed). */
    public boolean isolation = true;
    /** Rate limits, admission, pressure backpressure, revocation, predictive avoidance and the agent guard. */
    public boolean protections = true;
    /** Agents that crash over the run (and come back a minute later), in thousandths of the agents. */
    public int crashPerMille = 5;
    /** Agents whose heartbeats are delayed (held back for some seconds) at any time, in thousandths. */
    public int delayedPerMille = 2;
    /** Heartbeats duplicated or reordered, in thousandths. */
    public int duplicatedPerMille = 10;
    /** Agents whose capacity shrinks once during the run, in thousandths. */
    public int shrinkPerMille = 5;
    /** Second at which one zone is partitioned from the allocator, or -1 for never. */
    public int partitionAt = 120;
    /** How long the partition lasts, in seconds. */
    public int partitionSeconds = 20;
    /** Second after which the allocator is killed and recovered (newest snapshot and journal tail), or -1. */
    public int killAllocatorAt = -1;
    /** Journaled inputs between two snapshots of the allocator. */
    public long snapshotEveryInputs = 150_000;
    /** Simulated seconds between two snapshots of the allocator. */
    public int snapshotEverySeconds = 30;
    /** Allocator replicas: 1 for the in-process engine, 3 for an Aeron Cluster of three child processes. */
    public int replicas = 1;
    /** Second after which the cluster's leader is killed with SIGKILL (replicas only), or -1 for never. */
    public int killLeaderAt = -1;
    /** Pace simulated time to the wall clock. */
    public boolean realtime = false;
    /** Where the queues and the journal live; a temporary directory (deleted afterwards) when null. */
    public Path workDirectory;
    /** Print a progress line to stderr every this many simulated seconds, 0 for none. */
    public int progressEverySeconds = 10;
    /** Where the engine serves its metrics for Prometheus while the simulation runs, or null for nowhere. */
    public InetSocketAddress prometheus;

    /** @return a copy. */
    public SimulationSettings copy()
    {
        final SimulationSettings c = new SimulationSettings();
        c.agents = agents;
        c.seconds = seconds;
        c.seed = seed;
        c.publisherThreads = publisherThreads;
        c.heartbeatSeconds = heartbeatSeconds;
        c.misbehavingPercent = misbehavingPercent;
        c.isolation = isolation;
        c.protections = protections;
        c.crashPerMille = crashPerMille;
        c.delayedPerMille = delayedPerMille;
        c.duplicatedPerMille = duplicatedPerMille;
        c.shrinkPerMille = shrinkPerMille;
        c.partitionAt = partitionAt;
        c.partitionSeconds = partitionSeconds;
        c.killAllocatorAt = killAllocatorAt;
        c.snapshotEveryInputs = snapshotEveryInputs;
        c.replicas = replicas;
        c.killLeaderAt = killLeaderAt;
        c.snapshotEverySeconds = snapshotEverySeconds;
        c.realtime = realtime;
        c.workDirectory = workDirectory;
        c.progressEverySeconds = progressEverySeconds;
        c.prometheus = prometheus;
        return c;
    }

    /**
     * @throws IllegalArgumentException naming the first setting out of range.
     */
    public void validate()
    {
        check(agents >= 10 && agents <= 1_000_000, "agents must be 10 to 1,000,000, got " + agents);
        check(seconds >= 1 && seconds <= 86_400, "seconds must be 1 to 86,400, got " + seconds);
        check(publisherThreads >= 1 && publisherThreads <= 64,
            "publisher threads must be 1 to 64, got " + publisherThreads);
        check(publisherThreads <= agents, "more publisher threads than agents");
        check(heartbeatSeconds >= 1 && heartbeatSeconds <= 10,
            "heartbeat interval must be 1 to 10 seconds (the heartbeat timeout is 15), got " + heartbeatSeconds);
        check(misbehavingPercent >= 0 && misbehavingPercent <= 100,
            "misbehaving share must be 0 to 100 percent, got " + misbehavingPercent);
        perMille(crashPerMille, "crash");
        perMille(delayedPerMille, "delayed");
        perMille(duplicatedPerMille, "duplicated");
        perMille(shrinkPerMille, "shrink");
        check(partitionAt == -1 || partitionAt >= 0, "partition time must be -1 or a second, got " + partitionAt);
        check(partitionSeconds >= 1 && partitionSeconds <= 3600,
            "partition length must be 1 to 3,600 seconds, got " + partitionSeconds);
        check(killAllocatorAt == -1 || (killAllocatorAt >= 1 && killAllocatorAt < seconds),
            "--kill-allocator-at must be a second within the run (1 to " + (seconds - 1) + "), got " +
            killAllocatorAt);
        check(snapshotEveryInputs >= 1, "--snapshot-every-inputs must be at least 1, got " + snapshotEveryInputs);
        check(snapshotEverySeconds >= 1, "--snapshot-every-seconds must be at least 1, got " + snapshotEverySeconds);
        check(replicas == 1 || replicas == 3, "--replicas must be 1 or 3, got " + replicas);
        check(killLeaderAt == -1 || (replicas == 3 && killLeaderAt >= 1 && killLeaderAt < seconds),
            "--kill-leader-at needs --replicas 3 and a second within the run (1 to " + (seconds - 1) + "), got " +
            killLeaderAt);
        check(replicas == 1 || killAllocatorAt == -1,
            "--kill-allocator-at kills the in-process allocator; with --replicas 3 use --kill-leader-at");
        check(progressEverySeconds >= 0, "progress interval must not be negative");
    }

    private static void perMille(final int value, final String what)
    {
        check(value >= 0 && value <= 1000, what + " share must be 0 to 1000 per mille, got " + value);
    }

    private static void check(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
