package io.stowage.cluster;

import io.aeron.Aeron;
import io.aeron.DirectBufferVector;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.logbuffer.BufferClaim;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A cluster of one, in process, for driving an {@link AllocatorService} by hand: sessions record what they get. */
final class FakeCluster implements Cluster
{
    final List<Session> sessions = new ArrayList<>();
    final List<Throwable> errors = new ArrayList<>();
    final List<long[]> timers = new ArrayList<>();
    private final ClusteredServiceContainer.Context context =
        new ClusteredServiceContainer.Context().errorHandler(errors::add);
    long time;
    long logPosition;

    Session open(final long id)
    {
        final Session session = new Session(id);
        sessions.add(session);
        return session;
    }

    @Override
    public int memberId()
    {
        return 0;
    }

    @Override
    public Role role()
    {
        return Role.LEADER;
    }

    @Override
    public long logPosition()
    {
        return logPosition;
    }

    @Override
    public Aeron aeron()
    {
        return null;
    }

    @Override
    public ClusteredServiceContainer.Context context()
    {
        return context;
    }

    @Override
    public ClientSession getClientSession(final long clusterSessionId)
    {
        return sessions.stream().filter(s -> s.id == clusterSessionId).findFirst().orElse(null);
    }

    @Override
    public Collection<ClientSession> clientSessions()
    {
        return new ArrayList<>(sessions);
    }

    @Override
    public void forEachClientSession(final Consumer<? super ClientSession> action)
    {
        sessions.forEach(action);
    }

    @Override
    public boolean closeClientSession(final long clusterSessionId)
    {
        return sessions.removeIf(s -> s.id == clusterSessionId);
    }

    @Override
    public long time()
    {
        return time;
    }

    @Override
    public TimeUnit timeUnit()
    {
        return TimeUnit.MILLISECONDS;
    }

    @Override
    public boolean scheduleTimer(final long correlationId, final long deadline)
    {
        timers.add(new long[]{correlationId, deadline});
        return true;
    }

    @Override
    public boolean cancelTimer(final long correlationId)
    {
        return true;
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        throw new UnsupportedOperationException();
    }

    @Override
    public long offer(final DirectBufferVector[] vectors)
    {
        throw new UnsupportedOperationException();
    }

    @Override
    public long tryClaim(final int length, final BufferClaim bufferClaim)
    {
        throw new UnsupportedOperationException();
    }

    @Override
    public IdleStrategy idleStrategy()
    {
        return NoOpIdleStrategy.INSTANCE;
    }

    /** A client session that keeps every message offered to it. */
    static final class Session implements ClientSession
    {
        final long id;
        final List<byte[]> received = new ArrayList<>();

        Session(final long id)
        {
            this.id = id;
        }

        @Override
        public long id()
        {
            return id;
        }

        @Override
        public int responseStreamId()
        {
            return 0;
        }

        @Override
        public String responseChannel()
        {
            return "fake";
        }

        @Override
        public byte[] encodedPrincipal()
        {
            return new byte[0];
        }

        @Override
        public void close()
        {
        }

        @Override
        public boolean isClosing()
        {
            return false;
        }

        @Override
        public long offer(final DirectBuffer buffer, final int offset, final int length)
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            received.add(bytes);
            return received.size() * 64L;
        }

        @Override
        public long offer(final DirectBufferVector[] vectors)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public long tryClaim(final int length, final BufferClaim bufferClaim)
        {
            throw new UnsupportedOperationException();
        }
    }
}
