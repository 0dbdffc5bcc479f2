package io.stowage.sim.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One framework's figures over a run. A non-finite double is written to JSON as {@code null}; a framework with no
 * fair share target has {@link #fairShare} {@link #NO_FAIR_SHARE}.
 */
@JsonPropertyOrder({
    "name", "kind", "role", "weight", "submitted", "placed", "queued", "unplaceableTasks", "unplaceableDemand",
    "rejected", "preempted", "revoked", "lost", "finished", "meanDominantShare", "finalDominantShare", "fairShare",
    "latencyP99Micros" })
public final class FrameworkReport
{
    /** {@link #fairShare} of a framework that has no fair share target. */
    public static final double NO_FAIR_SHARE = -1.0;

    /** Framework name. */
    public String name;
    /** What it does: service, batch, flooder, absurd, unsatisfiable, priority or best-effort. */
    public String kind;
    /** Its role. */
    public String role;
    /** Its weight in the fair share. */
    public double weight;
    /** Tasks submitted. */
    public long submitted;
    /** Tasks placed. */
    public long placed;
    /** Tasks the allocator accepted into its queue: those placed and those still pending. */
    public long queued;
    /**
     * The autoscaling signal: tasks pending at the end of the run that no registered agent could hold even if it were
     * empty (too big in some dimension, or constrained to attributes no agent has), which only more or bigger agents
     * can place.
     */
    public long unplaceableTasks;
    /**
     * What the {@link #unplaceableTasks} ask for in all, by dimension name, in whole units of each dimension (cpus,
     * MiB of mem), not milli-units.
     */
    public Map<String, Double> unplaceableDemand = new LinkedHashMap<>();
    /** Refused submissions and placements by reason name. */
    public Map<String, Long> rejected = new LinkedHashMap<>();
    /** Tasks preempted. */
    public long preempted;
    /** Revocable tasks revoked. */
    public long revoked;
    /** Tasks lost with their agent. */
    public long lost;
    /** Tasks that finished. */
    public long finished;
    /** Mean dominant share over the run, a fraction. */
    public double meanDominantShare;
    /** Dominant share at the end, a fraction. */
    public double finalDominantShare;
    /** Weighted fair share target, a fraction, or {@link #NO_FAIR_SHARE} when not applicable. */
    public double fairShare = NO_FAIR_SHARE;
    /** 99th percentile of its decision latency, microseconds. */
    public double latencyP99Micros;

    /** @return true if {@link #fairShare} is a target (a finite fraction, not {@link #NO_FAIR_SHARE}). */
    public boolean hasFairShare()
    {
        return Double.isFinite(fairShare) && fairShare >= 0.0;
    }

    /** @return the sum of {@link #rejected}. */
    public long rejectedTotal()
    {
        return Figures.sum(rejected);
    }
}
