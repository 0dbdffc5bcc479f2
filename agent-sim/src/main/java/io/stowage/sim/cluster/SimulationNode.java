package io.stowage.sim.cluster;

import io.stowage.cluster.AllocatorNode;
import io.stowage.cluster.EventTime;
import io.stowage.cluster.NodeOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One replica of the simulation's allocator, run by {@link io.stowage.cluster.LoopbackCluster} in a child JVM: an Aeron Cluster member whose
 * service holds a kernel configured exactly as the simulation's ({@link ClusterSimulation#kernelConfig}), on the
 * simulation's time (each input carries its simulated ingress time; rounds run at the simulation's ticks).
 * <p>
 * Arguments: {@code --agents N --protections true|false} and the member's {@link NodeOptions}.
 */
public final class SimulationNode
{
    private SimulationNode()
    {
    }

    /**
     * @param args {@code --agents N --protections true|false} followed by the node options.
     * @throws IOException if stdin cannot be read.
     */
    public static void main(final String[] args) throws IOException
    {
        final SimulationSettings settings = new SimulationSettings();
        final List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++)
        {
            if ("--agents".equals(args[i]) && i + 1 < args.length)
            {
                settings.agents = Integer.parseInt(args[++i]);
            }
            else if ("--protections".equals(args[i]) && i + 1 < args.length)
            {
                settings.protections = Boolean.parseBoolean(args[++i]);
            }
            else
            {
                rest.add(args[i]);
            }
        }
        final NodeOptions options = NodeOptions.parse(rest.toArray(new String[0]));
        options.kernel = ClusterSimulation.kernelConfig(settings, ClusterSimulation.maxTasks(settings));
        options.eventTime = EventTime.RECORD;
        AllocatorNode.run(options, System.in, System.out);
    }
}
