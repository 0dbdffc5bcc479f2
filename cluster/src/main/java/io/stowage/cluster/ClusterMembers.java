package io.stowage.cluster;

import java.util.List;

/**
 * The ports and the member string of a Stowage cluster. Member {@code i} on host {@code h} uses five UDP ports from
 * {@code basePort + i * PORTS_PER_MEMBER}: ingress (clients), consensus (the members' own traffic), log (the
 * replicated log), catch-up (a lagging member's replay) and archive control. The member string is Aeron Cluster's
 * {@code id,ingress,consensus,log,catchup,archive|...}; the ingress endpoints a client needs are
 * {@code id=host:port,...}.
 */
public final class ClusterMembers
{
    /** Ports set aside per member, so that members can share one host (tests, a laptop). */
    public static final int PORTS_PER_MEMBER = 10;
    /** Offset of the client ingress port. */
    public static final int INGRESS_PORT_OFFSET = 0;
    /** Offset of the consensus port. */
    public static final int CONSENSUS_PORT_OFFSET = 1;
    /** Offset of the log port. */
    public static final int LOG_PORT_OFFSET = 2;
    /** Offset of the catch-up port. */
    public static final int CATCHUP_PORT_OFFSET = 3;
    /** Offset of the archive control port. */
    public static final int ARCHIVE_PORT_OFFSET = 4;
    /** Ports a member actually binds, from its first. */
    public static final int PORTS_USED = ARCHIVE_PORT_OFFSET + 1;

    private ClusterMembers()
    {
    }

    /**
     * @param member   the member id.
     * @param basePort the cluster's base port.
     * @param offset   one of the {@code *_PORT_OFFSET} constants.
     * @return the port.
     */
    public static int port(final int member, final int basePort, final int offset)
    {
        return basePort + member * PORTS_PER_MEMBER + offset;
    }

    /**
     * @param hosts    the members' hosts, member i on hosts.get(i).
     * @param basePort the cluster's base port.
     * @return Aeron Cluster's member string.
     */
    public static String members(final List<String> hosts, final int basePort)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hosts.size(); i++)
        {
            final String host = hosts.get(i);
            if (i > 0)
            {
                sb.append('|');
            }
            sb.append(i)
                .append(',').append(host).append(':').append(port(i, basePort, INGRESS_PORT_OFFSET))
                .append(',').append(host).append(':').append(port(i, basePort, CONSENSUS_PORT_OFFSET))
                .append(',').append(host).append(':').append(port(i, basePort, LOG_PORT_OFFSET))
                .append(',').append(host).append(':').append(port(i, basePort, CATCHUP_PORT_OFFSET))
                .append(',').append(host).append(':').append(port(i, basePort, ARCHIVE_PORT_OFFSET));
        }
        return sb.toString();
    }

    /**
     * @param hosts    the members' hosts, member i on hosts.get(i).
     * @param basePort the cluster's base port.
     * @return the ingress endpoints a {@link ClusterAllocatorClient} is given.
     */
    public static String ingressEndpoints(final List<String> hosts, final int basePort)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hosts.size(); i++)
        {
            if (i > 0)
            {
                sb.append(',');
            }
            sb.append(i).append('=').append(hosts.get(i)).append(':').append(port(i, basePort, INGRESS_PORT_OFFSET));
        }
        return sb.toString();
    }
}
