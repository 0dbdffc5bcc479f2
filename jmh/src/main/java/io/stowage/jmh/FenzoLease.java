package io.stowage.jmh;

import com.netflix.fenzo.VirtualMachineLease;
import org.apache.mesos.Protos;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.stowage.jmh.ClusterShape.MILLIS;

/**
 * A resource offer of one agent as Fenzo sees it: a {@link VirtualMachineLease} over a Mesos {@link Protos.Offer}
 * built with the protobuf builders, as a Mesos scheduler driver would deliver it. It answers from fields, not by
 * looking resources up in the offer as Fenzo's own {@code VMLeaseObject} does, so the driver's share of Fenzo's time
 * is as small as it can be. Fenzo rejects only leases that carry an offer, so the offer is always there.
 */
final class FenzoLease implements VirtualMachineLease
{
    private static final Protos.FrameworkID FRAMEWORK = Protos.FrameworkID.newBuilder().setValue("bench").build();

    private final Protos.Offer offer;
    private final String hostname;
    private final int agent;
    private final long cpuMillis;
    private final long memMillis;
    private final double cpus;
    private final double memoryMb;
    private final long offeredTime;

    /**
     * @param offerId     unique among offers.
     * @param agent       the agent's index.
     * @param hostname    the agent's host name.
     * @param slaveId     the agent's Mesos id.
     * @param cpuMillis   milli-CPUs offered.
     * @param memMillis   milli-MiB offered.
     * @param offeredTime wall-clock milliseconds of the offer; Fenzo ages leases by it.
     */
    FenzoLease(
        final String offerId,
        final int agent,
        final String hostname,
        final Protos.SlaveID slaveId,
        final long cpuMillis,
        final long memMillis,
        final long offeredTime)
    {
        this.agent = agent;
        this.hostname = hostname;
        this.cpuMillis = cpuMillis;
        this.memMillis = memMillis;
        this.cpus = (double)cpuMillis / MILLIS;
        this.memoryMb = (double)memMillis / MILLIS;
        this.offeredTime = offeredTime;
        this.offer = Protos.Offer.newBuilder()
            .setId(Protos.OfferID.newBuilder().setValue(offerId))
            .setFrameworkId(FRAMEWORK)
            .setSlaveId(slaveId)
            .setHostname(hostname)
            .addResources(scalar("cpus", cpus))
            .addResources(scalar("mem", memoryMb))
            .build();
    }

    private static Protos.Resource scalar(final String name, final double value)
    {
        return Protos.Resource.newBuilder()
            .setName(name)
            .setType(Protos.Value.Type.SCALAR)
            .setScalar(Protos.Value.Scalar.newBuilder().setValue(value))
            .build();
    }

    /** @return the agent's index. */
    int agent()
    {
        return agent;
    }

    /** @return milli-CPUs offered. */
    long cpuMillis()
    {
        return cpuMillis;
    }

    /** @return milli-MiB offered. */
    long memMillis()
    {
        return memMillis;
    }

    @Override
    public String getId()
    {
        return offer.getId().getValue();
    }

    @Override
    public long getOfferedTime()
    {
        return offeredTime;
    }

    @Override
    public String hostname()
    {
        return hostname;
    }

    @Override
    public String getVMID()
    {
        return offer.getSlaveId().getValue();
    }

    @Override
    public double cpuCores()
    {
        return cpus;
    }

    @Override
    public double memoryMB()
    {
        return memoryMb;
    }

    @Override
    public double networkMbps()
    {
        return 0;
    }

    @Override
    public double diskMB()
    {
        return 0;
    }

    @Override
    public List<Range> portRanges()
    {
        return Collections.emptyList();
    }

    @Override
    public Protos.Offer getOffer()
    {
        return offer;
    }

    @Override
    public Map<String, Protos.Attribute> getAttributeMap()
    {
        return Collections.emptyMap();
    }

    @Override
    public Double getScalarValue(final String name)
    {
        return null;
    }

    @Override
    public Map<String, Double> getScalarValues()
    {
        return Collections.emptyMap();
    }
}
