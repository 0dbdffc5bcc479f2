package io.stowage.core;

/**
 * What the kernel has done, counted: refusals by reason (in total and per framework), tasks ended by cause,
 * placements, finishes, heartbeats, registrations, removals and rounds. Every refusal passes through here, so a
 * refusal changes nothing but these counts.
 */
final class KernelCounters
{
    private final FrameworkBook frameworks;
    private final long[] refusals = new long[Reason.values().length];
    private final long[] ended = new long[TaskEndCause.values().length];
    private long placements;
    private long finishes;
    private long heartbeats;
    private long registrations;
    private long removals;
    private long rounds;
    private long adopted;

    KernelCounters(final FrameworkBook frameworks)
    {
        this.frameworks = frameworks;
    }

    /** Counts a refusal not tied to a framework and returns its reason. */
    Reason refuse(final Reason reason)
    {
        refusals[reason.ordinal()]++;
        return reason;
    }

    /** Counts a refusal, also against the framework if it is known. */
    void countRefusal(final int framework, final Reason reason)
    {
        refusals[reason.ordinal()]++;
        if (frameworks.isKnown(framework))
        {
            frameworks.countRefusal(framework, reason);
        }
    }

    /** Counts a refusal of a task and fills the decision with it. */
    Decision reject(final Decision decision, final int framework, final Reason reason)
    {
        countRefusal(framework, reason);
        return decision.rejected(reason);
    }

    void onPlaced()
    {
        placements++;
    }

    void onFinished()
    {
        finishes++;
    }

    void onEnded(final TaskEndCause cause)
    {
        ended[cause.ordinal()]++;
    }

    void onAdopted()
    {
        adopted++;
    }

    long adopted()
    {
        return adopted;
    }

    void onHeartbeat()
    {
        heartbeats++;
    }

    /** @return the registration's number, from 1. */
    long onRegistered()
    {
        return ++registrations;
    }

    void onRemoved()
    {
        removals++;
    }

    void onRound()
    {
        rounds++;
    }

    long refusals(final Reason reason)
    {
        return refusals[reason.ordinal()];
    }

    long ended(final TaskEndCause cause)
    {
        return ended[cause.ordinal()];
    }

    long placements()
    {
        return placements;
    }

    long finishes()
    {
        return finishes;
    }

    long heartbeats()
    {
        return heartbeats;
    }

    long registrations()
    {
        return registrations;
    }

    long removals()
    {
        return removals;
    }

    long rounds()
    {
        return rounds;
    }

    /** Mixes the counters in the order the state hash has always used, with the clock between ended and rounds. */
    long hash(final long seed, final long now)
    {
        long hash = seed;
        for (final long count : refusals)
        {
            hash = StateHash.mix(hash, count);
        }
        hash = StateHash.mix(hash, placements);
        hash = StateHash.mix(hash, finishes);
        for (final long count : ended)
        {
            hash = StateHash.mix(hash, count);
        }
        hash = StateHash.mix(hash, now);
        hash = StateHash.mix(hash, rounds);
        hash = StateHash.mix(hash, heartbeats);
        hash = StateHash.mix(hash, registrations);
        hash = StateHash.mix(hash, removals);
        return StateHash.mix(hash, adopted);
    }

    void writeTo(final SnapshotWriter out)
    {
        out.putLongs(refusals, refusals.length);
        out.putLongs(ended, ended.length);
        out.putLong(placements);
        out.putLong(finishes);
        out.putLong(heartbeats);
        out.putLong(registrations);
        out.putLong(removals);
        out.putLong(rounds);
        out.putLong(adopted);
    }

    void readFrom(final SnapshotReader in)
    {
        Snapshots.exact(in, "refusals by reason", in.getLongs("refusals by reason", refusals), refusals.length);
        Snapshots.exact(in, "tasks ended by cause", in.getLongs("tasks ended by cause", ended), ended.length);
        placements = in.getLong("placements");
        finishes = in.getLong("finishes");
        heartbeats = in.getLong("heartbeats");
        registrations = in.getLong("registrations");
        removals = in.getLong("removals");
        rounds = in.getLong("rounds");
        adopted = in.getLong("adopted");
    }
}
