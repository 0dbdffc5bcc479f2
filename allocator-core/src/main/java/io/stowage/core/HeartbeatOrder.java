package io.stowage.core;

import java.util.Arrays;

/**
 * Registered agents in order of their last heartbeat, oldest first: an intrusive doubly linked list over slots.
 * A heartbeat moves its agent to the tail in O(1), so the agents that missed their heartbeat timeout are found
 * from the head without looking at the others. Heartbeat times are the kernel's clock, which never goes back, so
 * the order holds.
 */
final class HeartbeatOrder
{
    private static final int NONE = -1;

    private final int[] next;
    private final int[] previous;
    private int head = NONE;
    private int tail = NONE;

    HeartbeatOrder(final int maxAgents)
    {
        next = new int[maxAgents];
        previous = new int[maxAgents];
        Arrays.fill(next, NONE);
        Arrays.fill(previous, NONE);
    }

    /** Appends a newly registered agent, or moves one that just heartbeat, to the tail. */
    void touch(final int slot)
    {
        if (tail == slot)
        {
            return;
        }
        if (previous[slot] != NONE || head == slot)
        {
            unlink(slot);
        }
        previous[slot] = tail;
        next[slot] = NONE;
        if (tail != NONE)
        {
            next[tail] = slot;
        }
        else
        {
            head = slot;
        }
        tail = slot;
    }

    /** Removes an agent that leaves. */
    void remove(final int slot)
    {
        unlink(slot);
    }

    private void unlink(final int slot)
    {
        final int p = previous[slot];
        final int n = next[slot];
        if (p != NONE)
        {
            next[p] = n;
        }
        else
        {
            head = n;
        }
        if (n != NONE)
        {
            previous[n] = p;
        }
        else
        {
            tail = p;
        }
        previous[slot] = NONE;
        next[slot] = NONE;
    }

    /** @return the agent with the oldest heartbeat, or -1. */
    int oldest()
    {
        return head;
    }

    /** @return the agent whose last heartbeat follows this one's, or -1. */
    int newer(final int slot)
    {
        return next[slot];
    }

    long hash(final long seed)
    {
        long hash = seed;
        for (int slot = head; slot != NONE; slot = next[slot])
        {
            hash = StateHash.mix(hash, slot);
        }
        return hash;
    }

    void writeTo(final SnapshotWriter out)
    {
        out.putInt(head);
        out.putInt(tail);
        out.putInts(next, next.length);
        out.putInts(previous, previous.length);
    }

    void readFrom(final SnapshotReader in)
    {
        head = in.getInt("heartbeat order head", NONE, next.length - 1);
        tail = in.getInt("heartbeat order tail", NONE, next.length - 1);
        Snapshots.exact(in, "heartbeat order next", in.getInts("heartbeat order next", next), next.length);
        Snapshots.exact(in, "heartbeat order previous", in.getInts("heartbeat order previous", previous),
            previous.length);
        Snapshots.slots(in, "heartbeat order next", next, NONE);
        Snapshots.slots(in, "heartbeat order previous", previous, NONE);
    }
}
