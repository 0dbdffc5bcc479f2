package io.stowage.jmh;

import com.netflix.fenzo.VirtualMachineLease;
import org.apache.mesos.Protos;

import java.util.ArrayList;
import java.util.List;

/**
 * The resource offers waiting to reach Fenzo, playing the part of the Mesos master: whatever an agent has free and
 * Fenzo does not hold comes back as one new offer per agent at the next {@code scheduleOnce} call. Resources come back
 * when a task finishes, when an assignment leaves part of the agent's leases unused, and when Fenzo rejects an
 * expired lease.
 */
final class FenzoOffers
{
    private final String[] hostnames;
    private final Protos.SlaveID[] slaveIds;
    private final long[] cpuMillis;
    private final long[] memMillis;
    private final int[] pending;
    private int pendingCount;
    private long nextOfferId;

    /**
     * @param hostnames the agents' host names, by index.
     */
    FenzoOffers(final String[] hostnames)
    {
        this.hostnames = hostnames;
        final int agents = hostnames.length;
        slaveIds = new Protos.SlaveID[agents];
        for (int i = 0; i < agents; i++)
        {
            slaveIds[i] = Protos.SlaveID.newBuilder().setValue("slave-" + hostnames[i]).build();
        }
        cpuMillis = new long[agents];
        memMillis = new long[agents];
        pending = new int[agents];
    }

    /**
     * Adds resources to the agent's next offer.
     *
     * @param agent the agent's index.
     * @param cpu   milli-CPUs.
     * @param mem   milli-MiB.
     */
    void add(final int agent, final long cpu, final long mem)
    {
        if (cpu == 0 && mem == 0)
        {
            return;
        }
        if (cpuMillis[agent] == 0 && memMillis[agent] == 0)
        {
            pending[pendingCount++] = agent;
        }
        cpuMillis[agent] += cpu;
        memMillis[agent] += mem;
    }

    /**
     * Makes one lease per agent with resources waiting, and forgets them.
     *
     * @param nowMillis wall-clock time of the offers.
     * @return the new leases.
     */
    List<VirtualMachineLease> drain(final long nowMillis)
    {
        final List<VirtualMachineLease> leases = new ArrayList<>(pendingCount);
        for (int i = 0; i < pendingCount; i++)
        {
            final int agent = pending[i];
            leases.add(new FenzoLease("offer-" + nextOfferId++, agent, hostnames[agent], slaveIds[agent],
                cpuMillis[agent], memMillis[agent], nowMillis));
            cpuMillis[agent] = 0;
            memMillis[agent] = 0;
        }
        pendingCount = 0;
        return leases;
    }

    /**
     * @param agent the agent's index.
     * @return milli-CPUs waiting to be offered.
     */
    long pendingCpu(final int agent)
    {
        return cpuMillis[agent];
    }

    /**
     * @param agent the agent's index.
     * @return milli-MiB waiting to be offered.
     */
    long pendingMem(final int agent)
    {
        return memMillis[agent];
    }
}
