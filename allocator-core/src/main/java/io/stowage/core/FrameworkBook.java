package io.stowage.core;

import org.agrona.collections.Object2IntHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Registered frameworks: name, role, rate limit, pending limit and pending queue, and per framework its running
 * allocation, task counts and the counts of its refusals and of its tasks ended by the kernel.
 */
final class FrameworkBook
{
    /** A pending limit of this value means no limit. */
    static final int NO_PENDING_LIMIT = Integer.MAX_VALUE;

    private static final int REASONS = Reason.values().length;
    private static final int CAUSES = TaskEndCause.values().length;

    private final int dimensions;
    private final TaskLedger ledger;
    private final Object2IntHashMap<String> idByName = new Object2IntHashMap<>(-1);
    private final List<String> names = new ArrayList<>();
    private final List<TokenBucket> rateLimits = new ArrayList<>();
    private final List<PendingQueue> queues = new ArrayList<>();
    private int[] role = new int[0];
    private int[] maxPending = new int[0];
    private long[] allocated = new long[0];
    private long[] revocable = new long[0];
    private int[] running = new int[0];
    private long[] placed = new long[0];
    private long[] refusals = new long[0];
    private long[] ended = new long[0];
    private boolean[] suppressed = new boolean[0];
    private boolean[] removed = new boolean[0];

    FrameworkBook(final int dimensions, final TaskLedger ledger)
    {
        this.dimensions = dimensions;
        this.ledger = ledger;
    }

    /**
     * Registers a framework, or returns the id it already has (keeping its settings).
     *
     * @return the id.
     */
    int register(final String name, final int roleId, final TokenBucket rateLimit, final int pendingLimit)
    {
        final int existing = idByName.getValue(name);
        if (existing >= 0)
        {
            return existing;
        }
        final int id = names.size();
        names.add(name);
        idByName.put(name, id);
        rateLimits.add(rateLimit);
        queues.add(new PendingQueue(ledger));
        if (running.length <= id)
        {
            final int size = Math.max(8, running.length * 2);
            role = Arrays.copyOf(role, size);
            maxPending = Arrays.copyOf(maxPending, size);
            allocated = Arrays.copyOf(allocated, size * dimensions);
            revocable = Arrays.copyOf(revocable, size * dimensions);
            running = Arrays.copyOf(running, size);
            placed = Arrays.copyOf(placed, size);
            refusals = Arrays.copyOf(refusals, size * REASONS);
            ended = Arrays.copyOf(ended, size * CAUSES);
            suppressed = Arrays.copyOf(suppressed, size);
            removed = Arrays.copyOf(removed, size);
        }
        role[id] = roleId;
        maxPending[id] = pendingLimit;
        return id;
    }

    int count()
    {
        return names.size();
    }

    /** @return true for a registered framework that has not been removed. */
    boolean isKnown(final int id)
    {
        return id >= 0 && id < names.size() && !removed[id];
    }

    /** @return true if the framework was registered and then removed (its id is never reused). */
    boolean isRemoved(final int id)
    {
        return id >= 0 && id < names.size() && removed[id];
    }

    /**
     * Marks a framework removed: its name is free for a new registration, which gets a new id. Its queue must be
     * empty and it must run nothing.
     */
    void remove(final int id)
    {
        removed[id] = true;
        suppressed[id] = false;
        idByName.removeKey(names.get(id));
    }

    /** @return true while the framework is suppressed: its queue is kept but rounds place nothing of it. */
    boolean isSuppressed(final int id)
    {
        return suppressed[id];
    }

    void suppressed(final int id, final boolean value)
    {
        suppressed[id] = value;
    }

    /** Replaces a framework's role, rate limit and pending limit. */
    void update(final int id, final int roleId, final TokenBucket rateLimit, final int pendingLimit)
    {
        role[id] = roleId;
        rateLimits.set(id, rateLimit);
        maxPending[id] = pendingLimit;
    }

    int idOf(final String name)
    {
        return idByName.getValue(name);
    }

    String name(final int id)
    {
        return names.get(id);
    }

    int role(final int id)
    {
        return role[id];
    }

    TokenBucket rateLimit(final int id)
    {
        return rateLimits.get(id);
    }

    int maxPending(final int id)
    {
        return maxPending[id];
    }

    PendingQueue queue(final int id)
    {
        return queues.get(id);
    }

    long allocated(final int id, final int dimension)
    {
        return allocated[id * dimensions + dimension];
    }

    long revocable(final int id, final int dimension)
    {
        return revocable[id * dimensions + dimension];
    }

    int running(final int id)
    {
        return running[id];
    }

    long placed(final int id)
    {
        return placed[id];
    }

    /** A task of the framework started: placed by the kernel, or adopted ({@code counted} false). */
    void onStarted(final int id, final long[] request, final boolean isRevocable, final boolean counted)
    {
        final long[] vector = isRevocable ? revocable : allocated;
        final int base = id * dimensions;
        for (int d = 0; d < dimensions; d++)
        {
            vector[base + d] += request[d];
        }
        running[id]++;
        if (counted)
        {
            placed[id]++;
        }
    }

    void onReleased(final int id, final int dimension, final long amount, final boolean isRevocable)
    {
        (isRevocable ? revocable : allocated)[id * dimensions + dimension] -= amount;
    }

    void onEnded(final int id)
    {
        running[id]--;
    }

    void countRefusal(final int id, final Reason reason)
    {
        refusals[id * REASONS + reason.ordinal()]++;
    }

    long refusals(final int id, final Reason reason)
    {
        return refusals[id * REASONS + reason.ordinal()];
    }

    void countEnded(final int id, final TaskEndCause cause)
    {
        ended[id * CAUSES + cause.ordinal()]++;
    }

    long ended(final int id, final TaskEndCause cause)
    {
        return ended[id * CAUSES + cause.ordinal()];
    }

    long hash(final long seed)
    {
        long hash = seed;
        for (int f = 0; f < names.size(); f++)
        {
            hash = StateHash.mix(hash, names.get(f));
            hash = StateHash.mix(hash, role[f]);
            hash = StateHash.mix(hash, placed[f]);
            hash = StateHash.mix(hash, queues.get(f).size());
            hash = StateHash.mix(hash, maxPending[f]);
            hash = StateHash.mix(hash, (suppressed[f] ? 1 : 0) | (removed[f] ? 2 : 0));
            final TokenBucket bucket = rateLimits.get(f);
            if (bucket != null)
            {
                hash = bucket.hash(hash);
            }
            for (int r = 0; r < REASONS; r++)
            {
                hash = StateHash.mix(hash, refusals[f * REASONS + r]);
            }
            for (int c = 0; c < CAUSES; c++)
            {
                hash = StateHash.mix(hash, ended[f * CAUSES + c]);
            }
        }
        return hash;
    }

    void writeTo(final SnapshotWriter out)
    {
        final int count = names.size();
        out.putInt(count);
        for (int id = 0; id < count; id++)
        {
            out.putString(names.get(id));
            out.putBoolean(removed[id]);
            out.putBoolean(suppressed[id]);
            out.putInt(role[id]);
            out.putInt(maxPending[id]);
            final TokenBucket bucket = rateLimits.get(id);
            out.putBoolean(bucket != null);
            if (bucket != null)
            {
                bucket.writeTo(out);
            }
            queues.get(id).writeTo(out);
        }
        out.putLongs(allocated, count * dimensions);
        out.putLongs(revocable, count * dimensions);
        out.putInts(running, count);
        out.putLongs(placed, count);
        out.putLongs(refusals, count * REASONS);
        out.putLongs(ended, count * CAUSES);
    }

    /** Reads after the task ledger (the queues hold its slots) and the role book (frameworks name roles). */
    void readFrom(final SnapshotReader in, final int roleCount, final int slotBound)
    {
        if (!names.isEmpty())
        {
            throw new IllegalStateException("a snapshot is read into a new framework book only");
        }
        final int count = in.getInt("frameworks", 0, Integer.MAX_VALUE);
        for (int id = 0; id < count; id++)
        {
            final String name = in.getString("framework name");
            final boolean isRemoved = in.getBoolean("framework removed");
            final boolean isSuppressed = in.getBoolean("framework suppressed");
            final int roleId = in.getInt("framework role", 0, roleCount - 1);
            final int pendingLimit = in.getInt("pending limit", 0, NO_PENDING_LIMIT);
            final TokenBucket bucket = in.getBoolean("rate limited") ? TokenBucket.readFrom(in) : null;
            if (name == null || register(name, roleId, bucket, pendingLimit) != id)
            {
                throw in.fail("framework " + id + " is null or a duplicate of a live framework");
            }
            queues.get(id).readFrom(in, slotBound);
            suppressed[id] = isSuppressed;
            if (isRemoved)
            {
                remove(id);
            }
        }
        Snapshots.exact(in, "framework allocations", in.getLongs("framework allocations", allocated),
            count * dimensions);
        Snapshots.exact(in, "framework revocable allocations", in.getLongs("framework revocable", revocable),
            count * dimensions);
        Snapshots.exact(in, "framework running tasks", in.getInts("framework running tasks", running), count);
        Snapshots.exact(in, "framework placements", in.getLongs("framework placements", placed), count);
        Snapshots.exact(in, "framework refusals", in.getLongs("framework refusals", refusals), count * REASONS);
        Snapshots.exact(in, "framework ended tasks", in.getLongs("framework ended tasks", ended), count * CAUSES);
    }
}
