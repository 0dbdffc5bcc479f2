package io.stowage.sim.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** What happened when the simulator killed the allocator and a new one replayed the journal. */
@JsonPropertyOrder({ "killedAtSeconds", "journalRecords", "replayMillis", "stateHashMatches" })
public final class RecoveryReport
{
    /** Simulated time of the kill, seconds. */
    public double killedAtSeconds;
    /** Journal records replayed by the new allocator. */
    public long journalRecords;
    /** Wall-clock time of the replay, milliseconds. */
    public double replayMillis;
    /** True if the replayed state hash equals the hash of the killed allocator's state. */
    public boolean stateHashMatches;
}
