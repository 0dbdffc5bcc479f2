package io.stowage.sim.demo;

import io.stowage.core.PlacementPolicy;

/**
 * What the built-in kernel demo runs: the same settings give the same decisions and the same final state hash.
 *
 * @param agents     simulated agents registered at the start.
 * @param tasks      task requests submitted (arrivals), including the deliberately bad ones.
 * @param policy     the kernel's placement policy.
 * @param seed       seed of every random choice the demo makes.
 * @param checkEvery kernel operations between two runs of the invariant checker.
 */
public record DemoSettings(int agents, int tasks, PlacementPolicy policy, long seed, int checkEvery)
{
    /** Default number of agents. */
    public static final int DEFAULT_AGENTS = 20_000;
    /** Default number of task requests. */
    public static final int DEFAULT_TASKS = 200_000;
    /** Default seed. */
    public static final long DEFAULT_SEED = 42;
    /** Default kernel operations between invariant checks. */
    public static final int DEFAULT_CHECK_EVERY = 10_000;

    /**
     * @throws IllegalArgumentException naming the bad setting.
     */
    public DemoSettings
    {
        if (agents < 1)
        {
            throw new IllegalArgumentException("agents must be at least 1, got " + agents);
        }
        if (tasks < 1)
        {
            throw new IllegalArgumentException("tasks must be at least 1, got " + tasks);
        }
        if (policy == null)
        {
            throw new IllegalArgumentException("policy is required");
        }
        if (checkEvery < 1)
        {
            throw new IllegalArgumentException("checkEvery must be at least 1, got " + checkEvery);
        }
    }
}
