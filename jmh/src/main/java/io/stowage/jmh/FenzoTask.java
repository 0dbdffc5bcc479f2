package io.stowage.jmh;

import com.netflix.fenzo.ConstraintEvaluator;
import com.netflix.fenzo.TaskRequest;
import com.netflix.fenzo.VMTaskFitnessCalculator;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.stowage.jmh.ClusterShape.MILLIS;

/**
 * A Fenzo {@link TaskRequest} of CPUs and memory only: no disk, network, ports, scalars, named resources or
 * constraints. Fenzo counts CPUs and megabytes as {@code double}; the driver keeps the exact milli-units beside them,
 * and the agent the task runs on once it is launched.
 */
final class FenzoTask implements TaskRequest
{
    private static final String GROUP = "bench";

    private final String id;
    private final long cpuMillis;
    private final long memMillis;
    private final double cpus;
    private final double memoryMb;
    private AssignedResources assignedResources;
    private int agent = -1;

    /**
     * @param id        unique among the scheduler's tasks.
     * @param cpuMillis milli-CPUs.
     * @param memMillis milli-MiB.
     */
    FenzoTask(final String id, final long cpuMillis, final long memMillis)
    {
        this.id = id;
        this.cpuMillis = cpuMillis;
        this.memMillis = memMillis;
        this.cpus = (double)cpuMillis / MILLIS;
        this.memoryMb = (double)memMillis / MILLIS;
    }

    /** @return milli-CPUs. */
    long cpuMillis()
    {
        return cpuMillis;
    }

    /** @return milli-MiB. */
    long memMillis()
    {
        return memMillis;
    }

    /** @return the agent index the task was launched on, or -1 before launch. */
    int agent()
    {
        return agent;
    }

    /**
     * @param agent the agent index the task is launched on.
     */
    void launchedOn(final int agent)
    {
        this.agent = agent;
    }

    @Override
    public String getId()
    {
        return id;
    }

    @Override
    public String taskGroupName()
    {
        return GROUP;
    }

    @Override
    public double getCPUs()
    {
        return cpus;
    }

    @Override
    public double getMemory()
    {
        return memoryMb;
    }

    @Override
    public double getNetworkMbps()
    {
        return 0;
    }

    @Override
    public double getDisk()
    {
        return 0;
    }

    @Override
    public int getPorts()
    {
        return 0;
    }

    @Override
    public Map<String, Double> getScalarRequests()
    {
        return Collections.emptyMap();
    }

    @Override
    public Map<String, NamedResourceSetRequest> getCustomNamedResources()
    {
        return Collections.emptyMap();
    }

    @Override
    public List<? extends ConstraintEvaluator> getHardConstraints()
    {
        return Collections.emptyList();
    }

    @Override
    public List<? extends VMTaskFitnessCalculator> getSoftConstraints()
    {
        return Collections.emptyList();
    }

    @Override
    public void setAssignedResources(final AssignedResources assignedResources)
    {
        this.assignedResources = assignedResources;
    }

    @Override
    public AssignedResources getAssignedResources()
    {
        return assignedResources;
    }

    @Override
    public String toString()
    {
        return "FenzoTask{" + id + ", " + cpus + " cpus, " + memoryMb + " MB, agent " + agent + "}";
    }
}
