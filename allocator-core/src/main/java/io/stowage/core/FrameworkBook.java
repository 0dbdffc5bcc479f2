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

    FrameworkBook(final int dimensions)
    {
        this.dimensions = dimensions;
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
        queues.add(new PendingQueue());
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
        }
        role[id] = roleId;
        maxPending[id] = pendingLimit;
        return id;
    }

    int count()
    {
        return names.size();
    }

    boolean isKnown(final int id)
    {
        return id >= 0 && id < names.size();
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

    /** @return true if the framework is suppressed: rounds are to skip it until it is revived. */
    boolean isSuppressed(final int id)
    {
        return suppressed[id];
    }

    void suppressed(final int id, final boolean value)
    {
        suppressed[id] = value;
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

    void onPlaced(final int id, final long[] request, final boolean isRevocable)
    {
        final long[] vector = isRevocable ? revocable : allocated;
        final int base = id * dimensions;
        for (int d = 0; d < dimensions; d++)
        {
            vector[base + d] += request[d];
        }
        running[id]++;
        placed[id]++;
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
}
