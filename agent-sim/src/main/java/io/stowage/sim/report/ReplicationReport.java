package io.stowage.sim.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * The run against three allocator replicas ({@code --replicas 3}): the cluster, its failover and whether every
 * member ended in the state of a single-node run of the same inputs (the reference kernel the simulator keeps beside
 * the cluster), with every decision delivered once.
 */
@JsonPropertyOrder({ "nodes", "liveNodes", "killedMember", "leaderChanges", "failoverMillis", "stateHashes",
    "referenceStateHash", "decisions", "decisionsDelivered", "decisionsLost", "decisionsDuplicated", "resumes",
    "reconnects", "inputsResent", "inputsLost", "snapshotsRecorded" })
public final class ReplicationReport
{
    /** Members of the cluster. */
    public int nodes;
    /** Members alive at the end. */
    public int liveNodes;
    /** The member killed with SIGKILL, or -1. */
    public int killedMember = -1;
    /** Leader changes the client saw after it first connected. */
    public long leaderChanges;
    /** Wall-clock time from the kill to the client back in step with a new leader, milliseconds (0 without a kill). */
    public double failoverMillis;
    /** The state hash of each live member at the end, in member order. */
    public List<String> stateHashes;
    /** The state hash of the single-node reference fed the same inputs in the same order. */
    public String referenceStateHash;
    /** Decisions the reference made. */
    public long decisions;
    /** Decisions the cluster delivered, the last number handed to the simulation. */
    public long decisionsDelivered;
    /** Decision numbers never delivered (must be 0). */
    public long decisionsLost;
    /** Decisions delivered twice (must be 0). */
    public long decisionsDuplicated;
    /** Times the client resumed the decision stream by number. */
    public long resumes;
    /** Times the client connected again. */
    public long reconnects;
    /** Inputs the client sent again after a leader change (the cluster applies each once). */
    public long inputsResent;
    /** Inputs that left the client's window before they were sent (must be 0). */
    public long inputsLost;
    /** Snapshots the live members' recording logs hold at the end (one every 20 s of wall time). */
    public long snapshotsRecorded;
}
