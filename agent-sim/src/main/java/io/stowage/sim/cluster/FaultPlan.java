package io.stowage.sim.cluster;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * When each agent suffers which fault, drawn once from the seed: crashes (down for {@link #CRASH_DOWN_SECONDS}, then
 * the agent comes back empty and registers again), heartbeats held back for {@link #DELAY_SECONDS} (longer than the
 * heartbeat timeout, shorter than the time after which an agent is lost), a capacity shrink to
 * {@link #SHRINK_PERCENT}%, and the zone partitioned from the allocator.
 */
final class FaultPlan
{
    static final int CRASH_DOWN_SECONDS = 60;
    static final int DELAY_SECONDS = 20;
    static final int SHRINK_PERCENT = 75;
    static final int PARTITIONED_ZONE = 0;
    /** No fault for this agent. */
    static final int NEVER = -1;

    final int[] crashAt;
    final int[] delayAt;
    final int[] shrinkAt;
    final int partitionFrom;
    final int partitionUntil;
    final int duplicatedPerMille;

    FaultPlan(final SimulationSettings settings, final SplittableRandom random)
    {
        final int agents = settings.agents;
        crashAt = new int[agents];
        delayAt = new int[agents];
        shrinkAt = new int[agents];
        Arrays.fill(crashAt, NEVER);
        Arrays.fill(delayAt, NEVER);
        Arrays.fill(shrinkAt, NEVER);
        final int horizon = Math.max(1, settings.seconds - 10);
        pick(random, crashAt, (int)((long)agents * settings.crashPerMille / 1000), horizon);
        pick(random, delayAt, (int)((long)agents * settings.delayedPerMille / 1000 *
            Math.max(1, settings.seconds / 60)), horizon);
        pick(random, shrinkAt, (int)((long)agents * settings.shrinkPerMille / 1000), horizon);
        partitionFrom = settings.partitionAt < 0 || settings.partitionAt >= settings.seconds ?
            NEVER : settings.partitionAt;
        partitionUntil = partitionFrom == NEVER ? NEVER : partitionFrom + settings.partitionSeconds;
        duplicatedPerMille = settings.duplicatedPerMille;
    }

    private static void pick(final SplittableRandom random, final int[] at, final int count, final int horizon)
    {
        for (int i = 0; i < count; i++)
        {
            final int agent = random.nextInt(at.length);
            at[agent] = 10 + random.nextInt(horizon);
        }
    }

    boolean isDown(final int agent, final int second)
    {
        final int crash = crashAt[agent];
        return crash != NEVER && second >= crash && second < crash + CRASH_DOWN_SECONDS;
    }

    boolean isDelayed(final int agent, final int second)
    {
        final int delay = delayAt[agent];
        return delay != NEVER && second >= delay && second < delay + DELAY_SECONDS;
    }

    boolean isPartitioned(final int zone, final int second)
    {
        return zone == PARTITIONED_ZONE && partitionFrom != NEVER && second >= partitionFrom && second < partitionUntil;
    }
}
