package io.stowage.core;

/**
 * Registered agents in registration order, oldest first: an intrusive doubly linked list over slots plus the
 * registration number of each. Preemption's tie-break ("the earliest registered agent") and its scans walk it.
 */
final class RegistrationOrder
{
    private final long[] number;
    private final int[] next;
    private final int[] previous;
    private int head = -1;
    private int tail = -1;

    RegistrationOrder(final int maxAgents)
    {
        number = new long[maxAgents];
        next = new int[maxAgents];
        previous = new int[maxAgents];
    }

    /** Appends a newly registered agent with its registration number. */
    void append(final int slot, final long registrationNumber)
    {
        number[slot] = registrationNumber;
        previous[slot] = tail;
        next[slot] = -1;
        if (tail >= 0)
        {
            next[tail] = slot;
        }
        else
        {
            head = slot;
        }
        tail = slot;
    }

    void remove(final int slot)
    {
        final int prev = previous[slot];
        final int nxt = next[slot];
        if (prev >= 0)
        {
            next[prev] = nxt;
        }
        else
        {
            head = nxt;
        }
        if (nxt >= 0)
        {
            previous[nxt] = prev;
        }
        else
        {
            tail = prev;
        }
    }

    /** @return the earliest registered agent still registered, or -1. */
    int first()
    {
        return head;
    }

    /** @return the agent registered next after this one (still registered), or -1. */
    int next(final int slot)
    {
        return next[slot];
    }

    /** @return the registration number of the agent's current (or last) registration. */
    long numberOf(final int slot)
    {
        return number[slot];
    }

    void writeTo(final SnapshotWriter out)
    {
        out.putInt(head);
        out.putInt(tail);
        out.putLongs(number, number.length);
        out.putInts(next, next.length);
        out.putInts(previous, previous.length);
    }

    void readFrom(final SnapshotReader in)
    {
        head = in.getInt("registration order head", -1, next.length - 1);
        tail = in.getInt("registration order tail", -1, next.length - 1);
        Snapshots.exact(in, "registration numbers", in.getLongs("registration numbers", number), number.length);
        Snapshots.exact(in, "registration order next", in.getInts("registration order next", next), next.length);
        Snapshots.exact(in, "registration order previous", in.getInts("registration order previous", previous),
            previous.length);
        Snapshots.slots(in, "registration order next", next, -1);
        Snapshots.slots(in, "registration order previous", previous, -1);
    }
}
