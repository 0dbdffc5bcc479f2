package io.stowage.sim.cluster;

import io.stowage.core.ResourceSchema;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulated hosts: heterogeneous capacities (a share of them with GPUs), spread over three zones of racks. Built
 * once from the seed; agent {@code i} is called {@code agent-i}.
 */
final class ClusterShape
{
    static final ResourceSchema SCHEMA = ResourceSchema.of("cpus", "mem", "gpus");
    static final int DIMENSIONS = 3;
    static final int CPUS = 0;
    static final int MEM = 1;
    static final int GPUS = 2;
    static final int ZONES = 3;
    static final int RACKS_PER_ZONE = 40;
    static final long MIB_PER_CPU = 4096;

    /** Cpus, gpus and percent of the hosts, per host class. */
    private static final int[][] CLASSES = {{16, 0, 50}, {32, 0, 30}, {64, 0, 12}, {64, 8, 8}};

    final int agents;
    final long[] capacity;
    final int[] zone;
    final String[] ids;
    final Map<String, String>[] attributes;
    final long[] clusterCapacity = new long[DIMENSIONS];

    @SuppressWarnings("unchecked")
    ClusterShape(final int agents, final SplittableRandom random)
    {
        this.agents = agents;
        this.capacity = new long[agents * DIMENSIONS];
        this.zone = new int[agents];
        this.ids = new String[agents];
        this.attributes = new Map[agents];
        for (int a = 0; a < agents; a++)
        {
            final int[] hostClass = pick(random.nextInt(100));
            capacity[a * DIMENSIONS + CPUS] = hostClass[0] * 1000L;
            capacity[a * DIMENSIONS + MEM] = hostClass[0] * MIB_PER_CPU * 1000L;
            capacity[a * DIMENSIONS + GPUS] = hostClass[1] * 1000L;
            zone[a] = random.nextInt(ZONES);
            ids[a] = "agent-" + a;
            final Map<String, String> attrs = new HashMap<>(8);
            attrs.put("zone", "z" + (zone[a] + 1));
            attrs.put("rack", "z" + (zone[a] + 1) + "-r" + random.nextInt(RACKS_PER_ZONE));
            if (hostClass[1] > 0)
            {
                attrs.put("gpu", "true");
            }
            attributes[a] = attrs;
            for (int d = 0; d < DIMENSIONS; d++)
            {
                clusterCapacity[d] += capacity[a * DIMENSIONS + d];
            }
        }
    }

    /**
     * @param id an agent id of this cluster.
     * @return its index, or -1 if it is not one of them.
     */
    int indexOf(final String id)
    {
        if (id == null || !id.startsWith("agent-"))
        {
            return -1;
        }
        try
        {
            final int index = Integer.parseInt(id, 6, id.length(), 10);
            return index >= 0 && index < agents ? index : -1;
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    private static int[] pick(final int percentile)
    {
        int bound = 0;
        for (final int[] c : CLASSES)
        {
            bound += c[2];
            if (percentile < bound)
            {
                return c;
            }
        }
        return CLASSES[CLASSES.length - 1];
    }
}
