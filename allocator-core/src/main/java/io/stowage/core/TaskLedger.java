package io.stowage.core;

import java.util.Arrays;

/**
 * Every pending and running task, in parallel primitive arrays indexed by a ledger slot. A task id is
 * {@code generation << 32 | slot}, so a lookup is an array access and an id of a task that has ended (its slot
 * reused since) is recognised as unknown. A task keeps its id from submission to its end. Running tasks are
 * threaded on two intrusive lists: per agent (youngest first) and per framework (oldest first).
 */
final class TaskLedger
{
    static final int NONE = -1;
    static final byte FREE = 0;
    static final byte PENDING = 1;
    static final byte RUNNING = 2;
    private static final int INITIAL_CAPACITY = 1024;

    private final int dimensions;
    private final int maxTasks;
    private int capacity;
    private int[] generation;
    private byte[] state;
    private int[] constraints;
    /**
     * Two uses of one array, since a task is never both: while it waits, its position in its framework's queue (see
     * {@link PendingQueue}); once it runs, the order in which running tasks started (larger is younger).
     */
    private long[] sequence;
    /** The lowest priority of any task ever started: no running task has a lower one. */
    private int lowestStartedPriority = Integer.MAX_VALUE;
    private int[] framework;
    private int[] agentSlot;
    private int[] priority;
    private int[] label;
    private boolean[] revocable;
    private long[] startTime;
    private long[] key;
    private final TaskKeys keys = new TaskKeys();
    private long[] resources;
    private int[] agentNext;
    private int[] agentPrev;
    private int[] frameworkNext;
    private int[] frameworkPrev;
    private int[] freeSlots;
    private int freeCount;
    private int liveCount;
    private int runningCount;
    private long startCounter;

    private final int[] agentHead;
    private int[] frameworkHead = new int[0];
    private int[] frameworkTail = new int[0];

    TaskLedger(final int maxTasks, final int maxAgents, final int dimensions)
    {
        this.dimensions = dimensions;
        this.maxTasks = maxTasks;
        this.agentHead = new int[maxAgents];
        Arrays.fill(agentHead, NONE);
        allocate(Math.min(INITIAL_CAPACITY, maxTasks));
    }

    private void allocate(final int newCapacity)
    {
        final int old = capacity;
        generation = Arrays.copyOf(orEmpty(generation), newCapacity);
        state = state == null ? new byte[newCapacity] : Arrays.copyOf(state, newCapacity);
        constraints = Arrays.copyOf(orEmpty(constraints), newCapacity);
        sequence = sequence == null ? new long[newCapacity] : Arrays.copyOf(sequence, newCapacity);
        framework = Arrays.copyOf(orEmpty(framework), newCapacity);
        agentSlot = Arrays.copyOf(orEmpty(agentSlot), newCapacity);
        priority = Arrays.copyOf(orEmpty(priority), newCapacity);
        label = Arrays.copyOf(orEmpty(label), newCapacity);
        revocable = revocable == null ? new boolean[newCapacity] : Arrays.copyOf(revocable, newCapacity);
        startTime = startTime == null ? new long[newCapacity] : Arrays.copyOf(startTime, newCapacity);
        key = key == null ? new long[newCapacity] : Arrays.copyOf(key, newCapacity);
        resources = resources == null ? new long[newCapacity * dimensions] :
            Arrays.copyOf(resources, newCapacity * dimensions);
        agentNext = Arrays.copyOf(orEmpty(agentNext), newCapacity);
        agentPrev = Arrays.copyOf(orEmpty(agentPrev), newCapacity);
        frameworkNext = Arrays.copyOf(orEmpty(frameworkNext), newCapacity);
        frameworkPrev = Arrays.copyOf(orEmpty(frameworkPrev), newCapacity);
        final int[] free = new int[newCapacity];
        if (freeSlots != null)
        {
            System.arraycopy(freeSlots, 0, free, 0, freeCount);
        }
        // Fresh slots are pushed highest first so that the lowest is taken first.
        for (int slot = newCapacity - 1; slot >= old; slot--)
        {
            free[freeCount++] = slot;
            agentSlot[slot] = NONE;
        }
        freeSlots = free;
        capacity = newCapacity;
    }

    private static int[] orEmpty(final int[] array)
    {
        return array == null ? new int[0] : array;
    }

    void ensureFrameworks(final int count)
    {
        if (frameworkHead.length < count)
        {
            final int old = frameworkHead.length;
            final int size = Math.max(count, old * 2);
            frameworkHead = Arrays.copyOf(frameworkHead, size);
            frameworkTail = Arrays.copyOf(frameworkTail, size);
            Arrays.fill(frameworkHead, old, size, NONE);
            Arrays.fill(frameworkTail, old, size, NONE);
        }
    }

    /** @return pending and running tasks. */
    int liveCount()
    {
        return liveCount;
    }

    /** @return running tasks. */
    int runningCount()
    {
        return runningCount;
    }

    boolean isFull()
    {
        return liveCount >= maxTasks;
    }

    int slotCapacity()
    {
        return capacity;
    }

    /**
     * Records a pending task: not on any agent yet.
     *
     * @return its task id.
     */
    long addPending(
        final long taskKey,
        final int frameworkId,
        final int taskPriority,
        final int taskLabel,
        final boolean isRevocable,
        final int constraintSet,
        final long time,
        final long[] request)
    {
        if (freeCount == 0)
        {
            allocate((int)Math.min((long)capacity * 2, maxTasks));
        }
        final int slot = freeSlots[--freeCount];
        generation[slot]++;
        state[slot] = PENDING;
        framework[slot] = frameworkId;
        agentSlot[slot] = NONE;
        priority[slot] = taskPriority;
        label[slot] = taskLabel;
        revocable[slot] = isRevocable;
        constraints[slot] = constraintSet;
        startTime[slot] = time;
        key[slot] = taskKey;
        if (taskKey != TaskRequest.NO_KEY)
        {
            keys.bind(taskKey, slot);
        }
        System.arraycopy(request, 0, resources, slot * dimensions, dimensions);
        liveCount++;
        return taskId(slot);
    }

    /** Starts a pending task on an agent. */
    void start(final int slot, final int agent, final long time)
    {
        state[slot] = RUNNING;
        agentSlot[slot] = agent;
        startTime[slot] = time;
        lowestStartedPriority = Math.min(lowestStartedPriority, priority[slot]);
        sequence[slot] = ++startCounter;

        final int head = agentHead[agent];
        agentNext[slot] = head;
        agentPrev[slot] = NONE;
        if (head != NONE)
        {
            agentPrev[head] = slot;
        }
        agentHead[agent] = slot;

        final int frameworkId = framework[slot];
        final int tail = frameworkTail[frameworkId];
        frameworkPrev[slot] = tail;
        frameworkNext[slot] = NONE;
        if (tail != NONE)
        {
            frameworkNext[tail] = slot;
        }
        else
        {
            frameworkHead[frameworkId] = slot;
        }
        frameworkTail[frameworkId] = slot;
        runningCount++;
    }

    /** Ends a task, pending or running, and frees its slot. */
    void remove(final int slot)
    {
        if (state[slot] == RUNNING)
        {
            unlink(slot);
            runningCount--;
        }
        state[slot] = FREE;
        agentSlot[slot] = NONE;
        if (key[slot] != TaskRequest.NO_KEY)
        {
            keys.release(key[slot]);
            key[slot] = TaskRequest.NO_KEY;
        }
        freeSlots[freeCount++] = slot;
        liveCount--;
    }

    private void unlink(final int slot)
    {
        final int agent = agentSlot[slot];
        final int next = agentNext[slot];
        final int prev = agentPrev[slot];
        if (prev != NONE)
        {
            agentNext[prev] = next;
        }
        else
        {
            agentHead[agent] = next;
        }
        if (next != NONE)
        {
            agentPrev[next] = prev;
        }

        final int fw = framework[slot];
        final int fNext = frameworkNext[slot];
        final int fPrev = frameworkPrev[slot];
        if (fPrev != NONE)
        {
            frameworkNext[fPrev] = fNext;
        }
        else
        {
            frameworkHead[fw] = fNext;
        }
        if (fNext != NONE)
        {
            frameworkPrev[fNext] = fPrev;
        }
        else
        {
            frameworkTail[fw] = fPrev;
        }
    }

    /**
     * @param taskId a task id.
     * @return its ledger slot if the task is running, else {@link #NONE}.
     */
    int slotOf(final long taskId)
    {
        final int slot = liveSlotOf(taskId);
        return slot != NONE && state[slot] == RUNNING ? slot : NONE;
    }

    /**
     * @param taskId a task id.
     * @return its ledger slot if the task is pending or running, else {@link #NONE}.
     */
    int liveSlotOf(final long taskId)
    {
        final int slot = (int)taskId;
        if (slot < 0 || slot >= capacity || state[slot] == FREE || generation[slot] != (int)(taskId >>> 32))
        {
            return NONE;
        }
        return slot;
    }

    /** @return true if a live task holds the caller's key. */
    boolean isKeyTaken(final long taskKey)
    {
        return keys.isTaken(taskKey);
    }

    /**
     * @param taskKey a caller's key.
     * @return the id of the live task holding it, or -1.
     */
    long taskIdOfKey(final long taskKey)
    {
        final int slot = keys.slotOf(taskKey);
        return slot == NONE ? -1 : taskId(slot);
    }

    /** @return the caller's key of a live task, or {@link TaskRequest#NO_KEY}. */
    long key(final int slot)
    {
        return key[slot];
    }

    /** @return the number of live tasks holding a key. */
    int keyedCount()
    {
        return keys.size();
    }

    /** @return where a pending task waits in its framework's queue. */
    long queuePosition(final int slot)
    {
        return sequence[slot];
    }

    void queuePosition(final int slot, final long position)
    {
        sequence[slot] = position;
    }

    long taskId(final int slot)
    {
        return ((long)generation[slot] << 32) | slot;
    }

    boolean isLive(final int slot)
    {
        return state[slot] != FREE;
    }

    boolean isRunning(final int slot)
    {
        return state[slot] == RUNNING;
    }

    boolean isPending(final int slot)
    {
        return state[slot] == PENDING;
    }

    int constraintSet(final int slot)
    {
        return constraints[slot];
    }

    /** @return the order in which running tasks started: larger is younger. */
    long startSequence(final int slot)
    {
        return sequence[slot];
    }

    int framework(final int slot)
    {
        return framework[slot];
    }

    int agent(final int slot)
    {
        return agentSlot[slot];
    }

    /**
     * @return a lower bound of the priorities of the running tasks (the lowest priority ever started), or
     * {@link Integer#MAX_VALUE} if no task was ever started.
     */
    int lowestStartedPriority()
    {
        return lowestStartedPriority;
    }

    int priority(final int slot)
    {
        return priority[slot];
    }

    int label(final int slot)
    {
        return label[slot];
    }

    boolean isRevocable(final int slot)
    {
        return revocable[slot];
    }

    long startTime(final int slot)
    {
        return startTime[slot];
    }

    long resource(final int slot, final int dimension)
    {
        return resources[slot * dimensions + dimension];
    }

    /** @return the youngest task on an agent, or {@link #NONE}. */
    int firstOnAgent(final int agent)
    {
        return agentHead[agent];
    }

    /** @return the next older task on the same agent, or {@link #NONE}. */
    int nextOnAgent(final int slot)
    {
        return agentNext[slot];
    }

    /** @return the oldest task of a framework, or {@link #NONE}. */
    int firstOfFramework(final int frameworkId)
    {
        return frameworkId < frameworkHead.length ? frameworkHead[frameworkId] : NONE;
    }

    /** @return the next younger task of the same framework, or {@link #NONE}. */
    int nextOfFramework(final int slot)
    {
        return frameworkNext[slot];
    }

    /**
     * @param label a label id, or -1 for any label.
     * @return the id of the framework's oldest running task with that label, or -1 if none (walks its tasks).
     */
    long oldestRunning(final int framework, final int label)
    {
        for (int task = firstOfFramework(framework); task != NONE; task = nextOfFramework(task))
        {
            if (label < 0 || label(task) == label)
            {
                return taskId(task);
            }
        }
        return -1;
    }

    /**
     * Writes the ledger: slots past the highest one ever used are left out (they hold nothing), so a ledger grown for
     * a peak costs only its free list.
     */
    void writeTo(final SnapshotWriter out)
    {
        int used = capacity;
        while (used > 0 && generation[used - 1] == 0)
        {
            used--;
        }
        out.putInt(capacity);
        out.putInt(used);
        out.putInt(liveCount);
        out.putInt(runningCount);
        out.putLong(startCounter);
        out.putInt(lowestStartedPriority);
        out.putInts(generation, used);
        out.putBytes(state, used);
        out.putInts(constraints, used);
        out.putLongs(sequence, used);
        out.putInts(framework, used);
        out.putInts(agentSlot, used);
        out.putInts(priority, used);
        out.putInts(label, used);
        out.putBooleans(revocable, used);
        out.putLongs(startTime, used);
        out.putLongs(key, used);
        out.putLongs(resources, used * dimensions);
        out.putInts(agentNext, used);
        out.putInts(agentPrev, used);
        out.putInts(frameworkNext, used);
        out.putInts(frameworkPrev, used);
        out.putInts(freeSlots, freeCount);
        out.putInts(agentHead, agentHead.length);
        out.putInt(frameworkHead.length);
        out.putInts(frameworkHead, frameworkHead.length);
        out.putInts(frameworkTail, frameworkTail.length);
    }

    /** Reads into a new ledger; the key index is rebuilt from the keys of the live tasks. */
    void readFrom(final SnapshotReader in)
    {
        if (liveCount != 0 || keys.size() != 0)
        {
            throw new IllegalStateException("a snapshot is read into a new ledger only");
        }
        final int newCapacity = in.getInt("ledger capacity", 1, maxTasks);
        final int used = in.getInt("ledger slots used", 0, newCapacity);
        if (newCapacity > capacity)
        {
            allocate(newCapacity);
        }
        else if (newCapacity < capacity)
        {
            throw in.fail("ledger capacity " + newCapacity + " is below the initial " + capacity);
        }
        liveCount = in.getInt("live tasks", 0, used);
        runningCount = in.getInt("running tasks", 0, liveCount);
        startCounter = in.getLong("start counter");
        lowestStartedPriority = in.getInt("lowest started priority");
        Snapshots.exact(in, "generations", in.getInts("generations", generation), used);
        Snapshots.exact(in, "task states", in.getBytes("task states", state), used);
        Snapshots.exact(in, "task constraints", in.getInts("task constraints", constraints), used);
        Snapshots.exact(in, "task sequences", in.getLongs("task sequences", sequence), used);
        Snapshots.exact(in, "task frameworks", in.getInts("task frameworks", framework), used);
        Snapshots.exact(in, "task agents", in.getInts("task agents", agentSlot), used);
        Snapshots.exact(in, "task priorities", in.getInts("task priorities", priority), used);
        Snapshots.exact(in, "task labels", in.getInts("task labels", label), used);
        Snapshots.exact(in, "revocable tasks", in.getBooleans("revocable tasks", revocable), used);
        Snapshots.exact(in, "task start times", in.getLongs("task start times", startTime), used);
        Snapshots.exact(in, "task keys", in.getLongs("task keys", key), used);
        Snapshots.exact(in, "task resources", in.getLongs("task resources", resources), used * dimensions);
        Snapshots.exact(in, "agent links", in.getInts("agent links", agentNext), used);
        Snapshots.exact(in, "agent back links", in.getInts("agent back links", agentPrev), used);
        Snapshots.exact(in, "framework links", in.getInts("framework links", frameworkNext), used);
        Snapshots.exact(in, "framework back links", in.getInts("framework back links", frameworkPrev), used);
        freeCount = in.getInts("free task slots", freeSlots);
        Snapshots.exact(in, "agent heads", in.getInts("agent heads", agentHead), agentHead.length);
        final int frameworks = in.getInt("framework lists", 0, Integer.MAX_VALUE);
        frameworkHead = new int[frameworks];
        frameworkTail = new int[frameworks];
        Snapshots.exact(in, "framework heads", in.getInts("framework heads", frameworkHead), frameworks);
        Snapshots.exact(in, "framework tails", in.getInts("framework tails", frameworkTail), frameworks);
        checkRead(in, used);
    }

    private void checkRead(final SnapshotReader in, final int used)
    {
        Snapshots.slots(in, "free task slots", freeSlots, freeCount, capacity, NONE);
        Snapshots.slots(in, "agent links", agentNext, used, used, NONE);
        Snapshots.slots(in, "agent back links", agentPrev, used, used, NONE);
        Snapshots.slots(in, "framework links", frameworkNext, used, used, NONE);
        Snapshots.slots(in, "framework back links", frameworkPrev, used, used, NONE);
        Snapshots.slots(in, "agent heads", agentHead, agentHead.length, used, NONE);
        Snapshots.slots(in, "framework heads", frameworkHead, frameworkHead.length, used, NONE);
        Snapshots.slots(in, "framework tails", frameworkTail, frameworkTail.length, used, NONE);
        int live = 0;
        int running = 0;
        for (int slot = 0; slot < used; slot++)
        {
            final byte s = state[slot];
            if (s != FREE && s != PENDING && s != RUNNING)
            {
                throw in.fail("task slot " + slot + " has state " + s);
            }
            if (s == FREE)
            {
                continue;
            }
            live++;
            running += s == RUNNING ? 1 : 0;
            if (key[slot] != TaskRequest.NO_KEY)
            {
                if (keys.isTaken(key[slot]))
                {
                    throw in.fail("task key " + key[slot] + " is held by two tasks");
                }
                keys.bind(key[slot], slot);
            }
        }
        if (live != liveCount || running != runningCount || freeCount + liveCount != capacity)
        {
            throw in.fail("the ledger counts " + liveCount + " live and " + runningCount + " running tasks with " +
                freeCount + " free slots of " + capacity + ", but holds " + live + " and " + running);
        }
    }
}
