package io.stowage.cluster;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.stowage.engine.EngineCounters;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpLock;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs one member of a replicated allocator: a {@link ClusteredMediaDriver} (media driver, archive, consensus module)
 * and a {@link ClusteredServiceContainer} holding an {@link AllocatorService}. Its directories: {@code DIR/archive}
 * (the recorded log and snapshots), {@code DIR/cluster} (the recording log and mark files) and the media driver's
 * Aeron directory. A member restarted on the same directories recovers from its latest snapshot and its log, then
 * catches up from the leader.
 * <p>
 * Threads are few and patient, for machines shared with other work: the media driver and the archive each run one
 * shared thread; every agent idles with a back-off strategy that parks up to 1 ms.
 * <p>
 * {@code main} takes {@link NodeOptions} and reads commands on stdin, one per line: {@code snapshot} (asks the
 * consensus module for a snapshot; only the leader's acts, and every member then takes one) and {@code quit}. It
 * prints one line per event on stdout: {@code STARTED}, {@code ROLE}, {@code STATE}, {@code SNAPSHOT},
 * {@code TERMINATED}, for operators and for the tests that run nodes in child JVMs.
 */
public final class AllocatorNode implements AutoCloseable
{
    /** How long {@code main} waits for a crashed predecessor's mark files to go stale. */
    static final long MARK_FILE_WAIT_MS = 30_000;

    private final ClusteredMediaDriver driver;
    private final ClusteredServiceContainer container;
    private final ConsensusModule.Context consensus;

    private AllocatorNode(final ClusteredMediaDriver driver, final ClusteredServiceContainer container,
        final ConsensusModule.Context consensus)
    {
        this.driver = driver;
        this.container = container;
        this.consensus = consensus;
    }

    /**
     * Starts one member.
     *
     * @param options  which member, where, how.
     * @param observer what the service tells the launcher.
     * @return the running member.
     */
    public static AllocatorNode launch(final NodeOptions options, final ServiceObserver observer)
    {
        final String host = options.host();
        final String aeronDir = options.aeronDirectory();
        final File archiveDir = new File(options.dir, "archive");
        final File clusterDir = new File(options.dir, "cluster");
        final Supplier<IdleStrategy> idle = AllocatorNode::idleStrategy;

        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(idleStrategy())
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);

        final Archive.Context archiveContext = new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDir(archiveDir)
            .archiveId(options.node)
            .controlChannel(udp(host, ClusterMembers.port(options.node, options.basePort,
                ClusterMembers.ARCHIVE_PORT_OFFSET)))
            .archiveClientContext(new AeronArchive.Context().controlResponseChannel(udp(host, 0)))
            .localControlChannel("aeron:ipc?term-length=64k")
            .replicationChannel(udp(host, 0))
            .recordingEventsEnabled(false)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(idle)
            .deleteArchiveOnStart(options.fresh);

        final AeronArchive.Context archiveClient = new AeronArchive.Context()
            .lock(NoOpLock.INSTANCE)
            .controlRequestChannel(archiveContext.localControlChannel())
            .controlRequestStreamId(archiveContext.localControlStreamId())
            .controlResponseChannel(archiveContext.localControlChannel())
            .aeronDirectoryName(aeronDir);

        final ConsensusModule.Context consensusContext = new ConsensusModule.Context()
            .clusterMemberId(options.node)
            .clusterMembers(ClusterMembers.members(options.hosts, options.basePort))
            .clusterDir(clusterDir)
            .archiveContext(archiveClient.clone())
            .serviceCount(1)
            .ingressChannel("aeron:udp")
            .logChannel("aeron:udp?term-length=4m")
            .replicationChannel(udp(host, 0))
            .leaderHeartbeatTimeoutNs(TimeUnit.MILLISECONDS.toNanos(options.heartbeatTimeoutMs))
            .leaderHeartbeatIntervalNs(TimeUnit.MILLISECONDS.toNanos(options.heartbeatIntervalMs))
            .electionTimeoutNs(TimeUnit.MILLISECONDS.toNanos(options.electionTimeoutMs))
            .sessionTimeoutNs(TimeUnit.MILLISECONDS.toNanos(options.sessionTimeoutMs))
            .idleStrategySupplier(idle)
            .deleteDirOnStart(options.fresh);

        final AllocatorServiceConfig serviceConfig = options.serviceConfig().observer(observer);
        if (options.countersDir != null)
        {
            serviceConfig.counters(EngineCounters.create(options.countersDir.toPath()));
        }
        final ClusteredServiceContainer.Context serviceContext = new ClusteredServiceContainer.Context()
            .aeronDirectoryName(aeronDir)
            .archiveContext(archiveClient.clone())
            .clusterDir(clusterDir)
            .clusteredService(new AllocatorService(serviceConfig))
            .idleStrategySupplier(idle);

        ClusteredMediaDriver driver = null;
        try
        {
            driver = ClusteredMediaDriver.launch(driverContext, archiveContext, consensusContext);
            final ClusteredServiceContainer container = ClusteredServiceContainer.launch(serviceContext);
            return new AllocatorNode(driver, container, consensusContext);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            throw ex;
        }
    }

    /**
     * Asks the consensus module for a snapshot. Only the leader's acts on it; every member then writes one.
     *
     * @return true if the request was set (false while another control action is pending).
     */
    public boolean requestSnapshot()
    {
        return ClusterControl.ToggleState.SNAPSHOT.toggle(consensus.controlToggleCounter());
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(container, driver);
    }

    /**
     * Runs a member until stdin says {@code quit} or ends.
     *
     * @param args see {@link NodeOptions#parse(String...)}.
     * @throws IOException if stdin cannot be read.
     */
    public static void main(final String[] args) throws IOException
    {
        run(NodeOptions.parse(args), System.in, System.out);
    }

    /**
     * Runs a member until {@code in} says {@code quit} or ends, printing its events on {@code out}: what {@code main}
     * and {@code ./stowage serve} do.
     *
     * @param options which member, where, how.
     * @param in      commands, one per line ({@code snapshot}, {@code quit}).
     * @param out     where the member's event lines go.
     * @throws IOException if {@code in} cannot be read.
     */
    public static void run(final NodeOptions options, final InputStream in, final PrintStream out)
        throws IOException
    {
        try (AllocatorNode node = launchAfterCrash(options, new PrintingObserver(options.node, out), out))
        {
            out.println("READY member=" + options.node + " ingress=" +
                ClusterMembers.ingressEndpoints(options.hosts, options.basePort));
            final Thread monitor = new Thread(() -> reportSnapshots(node, out, options.snapshotEverySeconds),
                "stowage-node-monitor");
            monitor.setDaemon(true);
            monitor.start();
            try
            {
                final BufferedReader commands = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                String line;
                while ((line = commands.readLine()) != null)
                {
                    final String command = line.trim();
                    if ("quit".equals(command))
                    {
                        break;
                    }
                    if ("snapshot".equals(command))
                    {
                        out.println("SNAPSHOT-REQUESTED " + node.requestSnapshot());
                    }
                }
            }
            finally
            {
                // The monitor reads counters in the driver's mapped files: it must stop before they are unmapped.
                monitor.interrupt();
                joinQuietly(monitor);
            }
        }
        out.println("CLOSED member=" + options.node);
    }

    /**
     * Launches, waiting out the mark files of a member that crashed moments ago: Aeron refuses to start an archive or
     * a consensus module whose mark file was updated within its liveness timeout (10 s), since another live process
     * might own the directory. A supervisor restarting a killed member at once gets this; the launcher retries for up
     * to {@link #MARK_FILE_WAIT_MS} instead of failing.
     */
    private static AllocatorNode launchAfterCrash(
        final NodeOptions options, final ServiceObserver observer, final PrintStream out)
    {
        final long deadline = System.currentTimeMillis() + MARK_FILE_WAIT_MS;
        while (true)
        {
            try
            {
                return launch(options, observer);
            }
            catch (final RuntimeException ex)
            {
                final String message = String.valueOf(ex.getMessage());
                if (!message.contains("active mark file") && !message.contains("active Mark file") ||
                    System.currentTimeMillis() > deadline)
                {
                    throw ex;
                }
                out.println("WAITING " + message);
                try
                {
                    Thread.sleep(1_000);
                }
                catch (final InterruptedException interrupted)
                {
                    Thread.currentThread().interrupt();
                    throw ex;
                }
            }
        }
    }

    /**
     * @return snapshots this member has recorded in its recording log since it started (the consensus module's
     * counter, readable from any thread).
     */
    public long snapshotsRecorded()
    {
        return consensus.snapshotCounter().get();
    }

    private static void joinQuietly(final Thread thread)
    {
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Prints {@code SNAPSHOT-RECORDED count=N} each time the member's recording log gains a snapshot and, with an
     * interval, asks for a snapshot at that interval: every member asks, only the leader's request acts, and every
     * member then takes one, so a member that restarts replays at most an interval of log.
     */
    private static void reportSnapshots(final AllocatorNode node, final PrintStream out, final long everySeconds)
    {
        long reported = 0;
        final long intervalNanos = TimeUnit.SECONDS.toNanos(everySeconds);
        long lastRequest = System.nanoTime();
        while (!Thread.currentThread().isInterrupted())
        {
            if (intervalNanos > 0 && System.nanoTime() - lastRequest >= intervalNanos)
            {
                lastRequest = System.nanoTime();
                try
                {
                    node.requestSnapshot();
                }
                catch (final RuntimeException ex)
                {
                    return;
                }
            }
            final long count;
            try
            {
                count = node.snapshotsRecorded();
            }
            catch (final RuntimeException ex)
            {
                return;
            }
            if (count != reported)
            {
                reported = count;
                out.println("SNAPSHOT-RECORDED count=" + count);
            }
            try
            {
                Thread.sleep(50);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
        }
    }

    private static IdleStrategy idleStrategy()
    {
        return new BackoffIdleStrategy(10, 10, TimeUnit.MICROSECONDS.toNanos(10), TimeUnit.MILLISECONDS.toNanos(1));
    }

    private static String udp(final String host, final int port)
    {
        return "aeron:udp?endpoint=" + host + ":" + port;
    }

    /** Prints the service's events, one line each. */
    private static final class PrintingObserver implements ServiceObserver
    {
        private final int member;
        private final PrintStream out;

        PrintingObserver(final int member, final PrintStream out)
        {
            this.member = member;
            this.out = out;
        }

        @Override
        public void onStarted(final int memberId, final boolean fromSnapshot, final long lastDecision,
            final long stateHash)
        {
            out.println("STARTED member=" + member + " fromSnapshot=" + fromSnapshot + " lastDecision=" +
                lastDecision + " hash=" + Long.toHexString(stateHash));
        }

        @Override
        public void onSnapshotTaken(final long lastDecision, final long stateHash, final long bytes)
        {
            out.println("SNAPSHOT lastDecision=" + lastDecision + " hash=" + Long.toHexString(stateHash) +
                " bytes=" + bytes);
        }

        @Override
        public void onState(final long correlationId, final long logPosition, final long lastDecision,
            final long stateHash)
        {
            out.println("STATE correlation=" + correlationId + " position=" + logPosition + " lastDecision=" +
                lastDecision + " hash=" + Long.toHexString(stateHash));
        }

        @Override
        public void onRoleChange(final Cluster.Role role)
        {
            out.println("ROLE " + role);
        }

        @Override
        public void onTerminate(final long lastDecision, final long stateHash)
        {
            out.println("TERMINATED lastDecision=" + lastDecision + " hash=" + Long.toHexString(stateHash));
        }
    }
}
