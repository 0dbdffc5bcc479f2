package io.stowage.sim.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What happened when the simulator killed the allocator and a new one recovered: from its newest snapshot and the
 * journal after it, or from the whole journal when no snapshot could be loaded.
 */
@JsonPropertyOrder({ "killedAtSeconds", "fromSnapshot", "snapshotBytes", "snapshotMillis", "snapshotEncodeMillis",
    "snapshotsTaken", "runningTasks", "snapshotBytesPerRunningTask", "snapshotLoadMillis", "recordsReplayed",
    "replayMillis", "recoveryMillis", "stateHashMatches" })
public final class RecoveryReport
{
    /** Simulated time of the kill, seconds. */
    public double killedAtSeconds;
    /** True if the new allocator started from a snapshot. */
    public boolean fromSnapshot;
    /** Size of the snapshot it loaded, bytes (0 without one). */
    public long snapshotBytes;
    /** Wall-clock time the killed allocator's last snapshot took, encoding and writing to disk, milliseconds. */
    public double snapshotMillis;
    /** The part of it spent encoding the state on the kernel thread, milliseconds. */
    public double snapshotEncodeMillis;
    /** Snapshots the killed allocator took. */
    public long snapshotsTaken;
    /** Tasks running when the allocator was killed. */
    public long runningTasks;
    /** Snapshot bytes per running task. */
    public double snapshotBytesPerRunningTask;
    /** Wall-clock time to find, check and load the snapshot, milliseconds. */
    public double snapshotLoadMillis;
    /** Journal records replayed after the snapshot (all of them without one). */
    public long recordsReplayed;
    /** Wall-clock time of that replay, milliseconds. */
    public double replayMillis;
    /** Wall-clock time from the start of recovery to a running allocator (load, replay, start), milliseconds. */
    public double recoveryMillis;
    /** True if the recovered state hash equals the hash of the killed allocator's state. */
    public boolean stateHashMatches;
}
