package io.stowage.sim.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one simulator run reports, filled by the simulator and written by {@link ReportWriter}. Fractions are
 * between 0 and 1; a non-finite double is written to JSON as {@code null}.
 */
@JsonPropertyOrder({
    "label", "seed", "agents", "frameworks", "simulatedSeconds", "wallSeconds", "phaseSeconds",
    "roundPlacementsPerSecond", "decisions", "decisionsPerSecond",
    "latencyMicros", "placed", "rejected", "preempted", "revoked", "lost", "guardRefusals", "overloadEvents", "overloadedAgents",
    "allocationOverCapacity", "invariantViolations", "isolationKills", "tasksStarved", "lostUnaccounted",
    "utilisation", "usage", "peakPending", "stateHash", "recovery", "replication", "heapUsedMegabytes" })
public final class RunReport
{
    /** What the run was, such as "with protections" or "without protections". */
    public String label;
    /** Seed of the run. */
    public long seed;
    /** Agents simulated. */
    public int agents;
    /** One entry per framework. */
    public List<FrameworkReport> frameworks = new ArrayList<>();
    /** Simulated time, seconds. */
    public double simulatedSeconds;
    /** Wall-clock time of the run, seconds. */
    public double wallSeconds;
    /**
     * Wall-clock seconds spent in each phase of the simulated seconds, by phase: {@code agents} (agent shards step),
     * {@code queues} (agent queues drained into the engine), {@code apply} (the engine applies them), {@code submit}
     * (frameworks submit), {@code round} (the allocation round runs and its decisions are applied), {@code sample}.
     */
    public Map<String, Double> phaseSeconds = new LinkedHashMap<>();
    /** Tasks placed divided by the wall-clock seconds of the round phase. */
    public double roundPlacementsPerSecond;
    /** Kernel decisions taken. */
    public long decisions;
    /** Decisions per wall-clock second. */
    public double decisionsPerSecond;
    /** Decision latency, microseconds. */
    public LatencyReport latencyMicros = new LatencyReport();
    /** Tasks placed. */
    public long placed;
    /** Refusals by reason name, in the order the simulator put them. */
    public Map<String, Long> rejected = new LinkedHashMap<>();
    /** Tasks preempted. */
    public long preempted;
    /** Revocable tasks revoked. */
    public long revoked;
    /** Tasks lost with their agent. */
    public long lost;
    /** Launches the agent guard refused. */
    public long guardRefusals;
    /** Agent-intervals in which an agent's reported usage exceeded its capacity in some dimension. */
    public long overloadEvents;
    /** Times the allocation of an agent exceeded its capacity: must be 0. */
    /** Agents whose reported usage ever exceeded their capacity. */
    public long overloadedAgents;
    public long allocationOverCapacity;
    /** Kernel invariant violations found: must be 0. */
    public long invariantViolations;
    /** Tasks the agent killed for using more memory than they asked for. */
    public long isolationKills;
    /** Tasks of well-behaved frameworks still pending or never placed at the end. */
    public long tasksStarved;
    /** Tasks that vanished with a crashed agent and were never reported lost by the allocator (must be 0). */
    public long lostUnaccounted;
    /** Mean allocated fraction over the run, by dimension name. */
    public Map<String, Double> utilisation = new LinkedHashMap<>();
    /** Mean measured usage fraction over the run, by dimension name. */
    public Map<String, Double> usage = new LinkedHashMap<>();
    /** Most tasks pending at once. */
    public long peakPending;
    /** The kernel's state hash at the end. */
    public String stateHash;
    /** The allocator kill and recovery, or null when the allocator was not killed. */
    public RecoveryReport recovery;
    /** The run against three allocator replicas, or null when the allocator ran in process. */
    public ReplicationReport replication;
    /** Heap in use at the end, MiB. */
    public long heapUsedMegabytes;
    /** Decision latencies in nanoseconds as recorded by the simulator (drawn in the latency chart). */
    @JsonIgnore
    public Histogram latencyHistogram;
    /** Figures sampled over simulated time (drawn in the time charts). */
    @JsonIgnore
    public RunSeries series;

    /** @return the sum of {@link #rejected}. */
    public long rejectedTotal()
    {
        return Figures.sum(rejected);
    }

    /**
     * The worst tail latency of the frameworks that are not flooders: what flooding does to the others.
     *
     * @return the highest {@link FrameworkReport#latencyP99Micros} of frameworks whose kind is not "flooder", or
     * {@link Double#NaN} when there is none.
     */
    public double nonFlooderLatencyP99Micros()
    {
        double worst = Double.NaN;
        for (final FrameworkReport framework : frameworks)
        {
            if (!"flooder".equals(framework.kind) && Double.isFinite(framework.latencyP99Micros))
            {
                worst = Double.isNaN(worst) ? framework.latencyP99Micros : Math.max(worst, framework.latencyP99Micros);
            }
        }
        return worst;
    }
}
