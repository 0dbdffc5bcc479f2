package io.stowage.cluster;

/**
 * Which time the kernel is given for an input: it must be the same on every node, so it is never a node's own clock.
 */
public enum EventTime
{
    /**
     * The cluster's timestamp of the log entry (the leader's clock when it appended the input, replicated with it):
     * a real deployment. Rounds come from the round timer and from the inputs' {@code roundAfter} flag.
     */
    CLUSTER_CLOCK,
    /**
     * The ingress time carried in the input's record: for the simulator, which runs on simulated time, and for tests
     * that compare with a single-node run of the same records. No round timer (its time would be the cluster's).
     */
    RECORD
}
