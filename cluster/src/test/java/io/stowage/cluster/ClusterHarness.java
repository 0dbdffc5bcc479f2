package io.stowage.cluster;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.stowage.core.KernelConfig;
import io.stowage.engine.EngineEvent;
import io.stowage.engine.KernelEventApplier;
import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Three {@link AllocatorNode}s in child JVMs on loopback, a client with its own embedded media driver, and the
 * reference: a single in-process {@link KernelEventApplier} fed the same inputs in the same order, whose decisions are
 * encoded exactly as the service encodes them.
 * <p>
 * Ports: a random base in 21,000 .. 59,000, every port the members bind checked free (UDP) before use, so parallel
 * runs on one machine do not collide. Directories: one temporary root on disk (archives, cluster state) and one under
 * /dev/shm when it exists (the Aeron directories); both deleted by {@link #close()}, which also kills every child.
 * <p>
 * Timeouts: the leader heartbeat timeout is 3 s and the election timeout 1.5 s, above Aeron's test settings: on this
 * 2-vCPU machine, shared with other builds, a member's threads can wait hundreds of milliseconds to run, and a
 * follower that misses heartbeats for that long would start an election nobody asked for.
 */
final class ClusterHarness implements AutoCloseable
{
    static final int MEMBERS = 3;
    static final KernelConfig KERNEL = new NodeOptions().kernelConfig();
    static final int DIMENSIONS = KERNEL.schema().dimensions();

    final Path root;
    final Path shmRoot;
    final int basePort;
    final NodeProcess[] nodes = new NodeProcess[MEMBERS];
    final List<byte[]> received = new ArrayList<>();
    final KernelEventApplier reference;
    final MessageWindow referenceDecisions = new MessageWindow(1 << 20, 256 << 20);
    final List<long[]> states = new ArrayList<>();
    private final List<String> hosts = List.of("127.0.0.1", "127.0.0.1", "127.0.0.1");
    private MediaDriver clientDriver;
    ClusterAllocatorClient client;

    ClusterHarness() throws IOException
    {
        root = Files.createTempDirectory("stowage-cluster-test");
        final File shm = new File("/dev/shm");
        shmRoot = shm.isDirectory() && shm.canWrite() ?
            Files.createTempDirectory(shm.toPath(), "stowage-cluster-test") : root.resolve("aeron");
        basePort = freeBasePort(MEMBERS);
        reference = new KernelEventApplier(KERNEL, new DecisionEncoder(referenceDecisions, (buffer, length) ->
        {
        }), ex ->
        {
            throw new AssertionError("the reference kernel failed", ex);
        });
    }

    void startNode(final int member, final boolean fresh) throws IOException
    {
        final List<String> args = new ArrayList<>(List.of(
            "--node", Integer.toString(member),
            "--members", String.join(",", hosts),
            "--base-port", Integer.toString(basePort),
            "--dir", root.resolve("node-" + member).toString(),
            "--aeron-dir", shmRoot.resolve("node-" + member).toString(),
            "--event-time", "record",
            "--heartbeat-timeout-ms", "3000",
            "--election-timeout-ms", "1500"));
        if (fresh)
        {
            args.add("--fresh");
        }
        nodes[member] = new NodeProcess(member, args);
    }

    void startAll() throws IOException
    {
        for (int m = 0; m < MEMBERS; m++)
        {
            startNode(m, true);
        }
    }

    /** @return the member that says it leads, once exactly one live member does. */
    int awaitLeader(final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline)
        {
            int leader = -1;
            int leaders = 0;
            for (final NodeProcess node : nodes)
            {
                if (node != null && node.process.isAlive() && "LEADER".equals(node.role()))
                {
                    leader = node.member;
                    leaders++;
                }
            }
            if (leaders == 1)
            {
                return leader;
            }
            if (java.util.Arrays.stream(nodes).noneMatch(n -> n != null && n.process.isAlive()))
            {
                throw new AssertionError("every member exited\n" + outputs());
            }
            pollFor(50);
        }
        throw new AssertionError("no single leader within " + timeoutMs + " ms\n" + outputs());
    }

    void connectClient()
    {
        clientDriver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(shmRoot.resolve("client").toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 10, 10_000, 1_000_000))
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        client = ClusterAllocatorClient.connect(new ClusterAllocatorClient.Context()
            .ingressEndpoints(ClusterMembers.ingressEndpoints(hosts, basePort))
            .aeronDirectoryName(clientDriver.aeronDirectoryName())
            .clientId(42)
            .dimensions(DIMENSIONS)
            .resumeAfter(0)
            .messageTimeoutNs(TimeUnit.SECONDS.toNanos(10))
            .handler(new ClusterDecisionHandler()
            {
                @Override
                public void onDecision(final ClusterDecision decision)
                {
                    final byte[] bytes = new byte[decision.length()];
                    final ExpandableArrayBuffer copy = new ExpandableArrayBuffer(decision.length());
                    decision.copyTo(copy, 0);
                    copy.getBytes(0, bytes);
                    received.add(bytes);
                }

                @Override
                public void onState(final long correlationId, final long lastDecision, final long stateHash,
                    final long logPosition)
                {
                    states.add(new long[]{correlationId, lastDecision, stateHash, logPosition});
                }
            }));
    }

    /** Sends each input through the client and applies it to the reference, polling between sends. */
    void send(final List<EngineEvent> events)
    {
        for (final EngineEvent event : events)
        {
            client.send(event);
            reference.apply(event);
            client.poll();
        }
    }

    /** Polls until the client has every decision the reference made. */
    void awaitDecisions(final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (client.lastDecision() < reference.lastDecision() && System.currentTimeMillis() < deadline)
        {
            if (client.poll() == 0)
            {
                Thread.sleep(1);
            }
        }
        if (client.lastDecision() != reference.lastDecision())
        {
            throw new AssertionError("client has decision " + client.lastDecision() + " of " +
                reference.lastDecision() + " (resumes " + client.resumes() + ", leader changes " +
                client.leaderChanges() + ", reconnects " + client.reconnects() + ")\n" + outputs());
        }
    }

    /** Asks the state at this point of the log; returns the correlation id asked. */
    long askState(final long correlation, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (!(client.isInStep() && client.askState(correlation)))
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("could not ask the state\n" + outputs());
            }
            pollFor(5);
        }
        return correlation;
    }

    /** Waits for a line from a member while the client keeps polling (and so keeps its session alive). */
    String awaitLine(final NodeProcess node, final String prefix, final int from, final long timeoutMs)
        throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline)
        {
            final String line = node.awaitLine(prefix, from, 1);
            if (line != null)
            {
                return line;
            }
            pollFor(20);
        }
        return null;
    }

    void pollFor(final long millis) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline)
        {
            if (client == null || client.poll() == 0)
            {
                Thread.sleep(1);
            }
        }
    }

    String outputs()
    {
        final StringBuilder sb = new StringBuilder();
        for (final NodeProcess node : nodes)
        {
            if (node != null)
            {
                sb.append(node.output()).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws Exception
    {
        CloseHelper.quietClose(client);
        for (final NodeProcess node : nodes)
        {
            if (node != null)
            {
                node.kill();
            }
        }
        CloseHelper.quietClose(clientDriver);
        delete(root);
        delete(shmRoot);
    }

    private static void delete(final Path path) throws IOException
    {
        if (!Files.exists(path))
        {
            return;
        }
        try (Stream<Path> walk = Files.walk(path))
        {
            walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    /** @return a random base port whose members' ports are all free on loopback now. */
    static int freeBasePort(final int members)
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            final int base = ThreadLocalRandom.current().nextInt(2_100, 5_900) * 10;
            if (allFree(base, members))
            {
                return base;
            }
        }
        throw new IllegalStateException("no free port range found");
    }

    private static boolean allFree(final int base, final int members)
    {
        for (int m = 0; m < members; m++)
        {
            for (int offset = 0; offset < ClusterMembers.PORTS_USED; offset++)
            {
                final int port = ClusterMembers.port(m, base, offset);
                try (DatagramSocket socket = new DatagramSocket(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port)))
                {
                    socket.getLocalPort();
                }
                catch (final IOException ex)
                {
                    return false;
                }
            }
        }
        return true;
    }
}
