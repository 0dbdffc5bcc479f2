package io.stowage.sim.cluster;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.stowage.cluster.ClusterAllocatorClient;
import io.stowage.cluster.ClusterDecision;
import io.stowage.cluster.ClusterDecisionHandler;
import io.stowage.cluster.ClusterMessageDescriptor;
import io.stowage.cluster.LoopbackCluster;
import io.stowage.core.AllocatorKernel;
import io.stowage.core.Constraint;
import io.stowage.core.KernelConfig;
import io.stowage.core.Reason;
import io.stowage.core.TaskRecord;
import io.stowage.engine.AgentInputSink;
import io.stowage.engine.EngineListener;
import io.stowage.engine.EventType;
import io.stowage.engine.EngineEvent;
import io.stowage.engine.InputOrigin;
import io.stowage.engine.KernelEventApplier;
import io.stowage.sim.report.ReplicationReport;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The simulation's allocator as three replicas ({@code --replicas 3}): an Aeron Cluster of three
 * {@link SimulationNode} child processes on loopback ({@link LoopbackCluster}), fed through a
 * {@link ClusterAllocatorClient} from this process (with a media driver of its own). Every input the simulation gives
 * is sent to the cluster, whose log orders it and whose members each apply it; only the leader's decisions come back,
 * in number order, and they drive the simulation as the in-process engine's do.
 * <p>
 * Beside the cluster, this process applies the same inputs, in the same order, to a kernel of its own (the reference,
 * a single-node run of the same inputs): {@link #awaitApplied} waits until the cluster has delivered every decision
 * the reference made, the run's figures are read from it at the end, and every live member's state hash must equal
 * its hash. {@link #killLeader()} kills the leader with SIGKILL; the client reconnects to the new leader and resumes
 * the decision stream after the last decision it had, and the inputs after the last one applied.
 */
final class ReplicatedLink implements AllocatorLink
{
    private static final long CONNECT_TIMEOUT_MS = 60_000;
    private static final long STATE_CORRELATION = 0x5354415445L;

    private final LoopbackCluster nodes;
    private final MediaDriver driver;
    private final ClusterAllocatorClient client;
    private final KernelEventApplier reference;
    private final EngineListener listener;
    private final LongSupplier clock;
    private final PrintStream progress;
    private final EngineEvent event;
    private final TaskRecord record;
    private final int dimensions;
    private final IdleStrategy idle = new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
    private final Sink sink = new Sink();
    private long nextCorrelation = -1_000_000_000L;
    private long awaited;
    private int awaitedId;
    private boolean answered;
    private long lastSeen;
    private long lost;
    private long duplicated;
    private long killedAtNanos;
    private long failoverNanos = -1;
    private long leaderChangesAtKill;
    private int killedMember = -1;
    private boolean closed;

    private ReplicatedLink(
        final LoopbackCluster nodes, final MediaDriver driver, final KernelConfig config, final EngineListener listener,
        final LongSupplier clock, final PrintStream progress)
    {
        this.nodes = nodes;
        this.driver = driver;
        this.listener = listener;
        this.clock = clock;
        this.progress = progress;
        this.dimensions = config.schema().dimensions();
        this.event = new EngineEvent(dimensions);
        this.record = new TaskRecord(dimensions);
        this.reference = new KernelEventApplier(config, new EngineListener()
        {
        }, ex ->
        {
            throw new IllegalStateException("the reference kernel failed", ex);
        });
        this.client = ClusterAllocatorClient.connect(new ClusterAllocatorClient.Context()
            .ingressEndpoints(nodes.ingressEndpoints())
            .aeronDirectoryName(driver.aeronDirectoryName())
            .clientId(7)
            .dimensions(dimensions)
            .resumeAfter(0)
            .messageTimeoutNs(TimeUnit.SECONDS.toNanos(20))
            .handler(new Decisions()));
    }

    /**
     * Starts the replicas, waits for a leader and connects.
     *
     * @param settings the simulation's settings.
     * @param config   the kernel configuration (the reference's; the members build the same from the settings).
     * @param listener the simulation's decision ledger.
     * @param clock    the simulated clock, for the ingress time of the scheduler's inputs.
     * @param work     the run's work directory.
     * @param progress where to say what happens, or null.
     * @return the link.
     */
    static ReplicatedLink start(
        final SimulationSettings settings, final KernelConfig config, final EngineListener listener,
        final LongSupplier clock, final WorkDirectory work, final PrintStream progress)
    {
        final LoopbackCluster nodes = LoopbackCluster.start(work.resolve("replicas"), SimulationNode.class.getName(),
            3072, List.of("--agents", Integer.toString(settings.agents),
                "--protections", Boolean.toString(settings.protections),
                "--event-time", "record",
                // two cores shared by three members, the simulation and its agents: a member's heartbeat can be late
                // by a busy second, which must not start an election; a dead leader is still replaced within seconds
                "--heartbeat-timeout-ms", "4000",
                "--election-timeout-ms", "2000",
                "--session-timeout-ms", "30000",
                // the members snapshot as a deployment would, so the run carries snapshots through the failover
                "--snapshot-every-seconds", "20"));
        MediaDriver driver = null;
        try
        {
            final int leader = nodes.awaitLeader(CONNECT_TIMEOUT_MS);
            if (progress != null)
            {
                progress.printf("three allocator replicas on loopback (%s), member %d leads%n", nodes.ingressEndpoints(),
                    leader);
            }
            driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                .aeronDirectoryName(work.resolve("replicas-client-aeron").toString())
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy(10, 10, 10_000, 1_000_000))
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            return new ReplicatedLink(nodes, driver, config, listener, clock, progress);
        }
        catch (final RuntimeException ex)
        {
            if (driver != null)
            {
                driver.close();
            }
            final String outputs = nodes.outputs();
            nodes.close();
            throw new IllegalStateException(ex.getMessage() + "\n" + outputs, ex);
        }
    }

    @Override
    public void setRole(
        final String role, final double weight, final long[] guarantee, final long[] limit, final long correlationId)
    {
        final EngineEvent e = fill(EventType.SET_ROLE, correlationId, clock.getAsLong());
        e.name = role;
        e.weight = weight;
        e.guarantee = guarantee;
        e.limit = limit;
        send();
    }

    @Override
    public int registerFramework(
        final String name, final String role, final long ratePerSecondMillis, final long burst, final int maxPending)
    {
        final long correlationId = nextCorrelation--;
        final EngineEvent e = fill(EventType.REGISTER_FRAMEWORK, correlationId, clock.getAsLong());
        e.name = name;
        e.role = role;
        e.rateMillisPerSecond = ratePerSecondMillis;
        e.burst = burst;
        e.maxPending = maxPending;
        return sendAndAwaitId(correlationId);
    }

    @Override
    public int internConstraints(final List<Constraint> constraints)
    {
        final long correlationId = nextCorrelation--;
        fill(EventType.INTERN_CONSTRAINTS, correlationId, clock.getAsLong()).constraintList = constraints;
        return sendAndAwaitId(correlationId);
    }

    @Override
    public void submit(
        final int framework, final long[] resources, final int priority, final boolean revocable, final int label,
        final int constraints, final long correlationId)
    {
        final EngineEvent e = fill(EventType.SUBMIT, correlationId, clock.getAsLong());
        e.framework = framework;
        e.priority = priority;
        e.revocable = revocable;
        e.label = label;
        e.constraints = constraints;
        if (resources != null)
        {
            e.hasVector = true;
            System.arraycopy(resources, 0, e.vector, 0, dimensions);
        }
        send();
    }

    @Override
    public void updateCapacity(final String agentId, final long[] capacity, final long correlationId)
    {
        final EngineEvent e = fill(EventType.UPDATE_CAPACITY, correlationId, clock.getAsLong());
        e.agentId = agentId;
        e.hasVector = true;
        System.arraycopy(capacity, 0, e.vector, 0, dimensions);
        send();
    }

    @Override
    public AgentInputSink agentInput()
    {
        return sink;
    }

    @Override
    public void tick(final long nowNanos)
    {
        fill(EventType.TICK, 0, nowNanos);
        send();
    }

    @Override
    public void awaitApplied(final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + Math.max(timeoutNanos, TimeUnit.SECONDS.toNanos(120));
        while (client.lastDecision() < reference.lastDecision())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the replicas delivered decision " + client.lastDecision() + " of " +
                    reference.lastDecision() + " (leader changes " + client.leaderChanges() + ", reconnects " +
                    client.reconnects() + ")\n" + nodes.outputs());
            }
            pollOnce();
        }
        noteFailover();
    }

    /** Kills the current leader with SIGKILL; the client finds the new one on its own. */
    void killLeader()
    {
        final int leader = nodes.awaitLeader(CONNECT_TIMEOUT_MS);
        leaderChangesAtKill = client.leaderChanges();
        killedAtNanos = System.nanoTime();
        killedMember = leader;
        nodes.kill(leader);
        if (progress != null)
        {
            progress.printf("killed the leader, member %d, with SIGKILL%n", leader);
        }
    }

    /**
     * Asks every live member for its state hash at one point of the log, after every input so far, and fills the
     * report; the caller checks it.
     *
     * @return the replication figures.
     */
    ReplicationReport report()
    {
        awaitApplied(0);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(client.isInStep() && client.askState(STATE_CORRELATION)))
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the replicas did not take the state question\n" + nodes.outputs());
            }
            pollOnce();
        }
        final List<String> hashes = nodes.stateHashes(STATE_CORRELATION, 60_000);
        final ReplicationReport report = new ReplicationReport();
        report.nodes = LoopbackCluster.MEMBERS;
        report.liveNodes = nodes.alive();
        report.killedMember = killedMember;
        report.leaderChanges = client.leaderChanges();
        report.failoverMillis = failoverNanos < 0 ? 0 : failoverNanos / 1e6;
        report.stateHashes = new ArrayList<>();
        for (final String hash : hashes)
        {
            if (hash != null)
            {
                report.stateHashes.add(hash);
            }
        }
        report.referenceStateHash = Long.toHexString(reference.kernel().view().stateHash());
        report.decisions = reference.lastDecision();
        report.decisionsDelivered = lastSeen;
        report.decisionsLost = lost + Math.max(0, reference.lastDecision() - lastSeen);
        report.decisionsDuplicated = duplicated + client.duplicates();
        report.resumes = client.resumes();
        report.reconnects = client.reconnects();
        report.inputsResent = client.inputsResent();
        report.inputsLost = client.inputsLost();
        report.snapshotsRecorded = nodes.snapshotsRecorded();
        return report;
    }

    @Override
    public AllocatorKernel kernelAfterClose()
    {
        return reference.kernel();
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            client.close();
        }
        finally
        {
            try
            {
                driver.close();
            }
            finally
            {
                nodes.close();
            }
        }
    }

    private EngineEvent fill(final EventType type, final long correlationId, final long ingressNanos)
    {
        event.clear();
        event.type = type;
        event.correlationId = correlationId;
        event.ingressNanos = ingressNanos;
        return event;
    }

    /** Sends the filled event to the cluster and applies it to the reference, in the same order. */
    private void send()
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!client.isInStep())
        {
            // after a leader change the client resynchronises before it sends; inputs wait here, not in its window
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the replicas' client did not get back in step in 120 s\n" +
                    nodes.outputs());
            }
            pollOnce();
        }
        client.send(event);
        reference.apply(event);
        client.poll();
    }

    private int sendAndAwaitId(final long correlationId)
    {
        awaited = correlationId;
        answered = false;
        send();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!answered)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("no answer from the replicas for " + correlationId + "\n" +
                    nodes.outputs());
            }
            pollOnce();
        }
        return awaitedId;
    }

    private void pollOnce()
    {
        idle.idle(client.poll());
    }

    private void noteFailover()
    {
        if (killedMember >= 0 && failoverNanos < 0 && client.leaderChanges() > leaderChangesAtKill &&
            client.isInStep())
        {
            failoverNanos = System.nanoTime() - killedAtNanos;
            if (progress != null)
            {
                progress.printf("new leader, member %d, after %.0f ms; the decision stream resumed after decision " +
                    "%,d%n", client.leaderMemberId(), failoverNanos / 1e6, client.lastDecision());
            }
        }
    }

    /** The cluster's decisions, turned back into the engine listener's calls the simulation's ledger takes. */
    private final class Decisions implements ClusterDecisionHandler
    {
        @Override
        public void onDecision(final ClusterDecision d)
        {
            final long number = d.decision();
            if (number <= lastSeen)
            {
                duplicated++;
                return;
            }
            if (number != lastSeen + 1)
            {
                lost += number - lastSeen - 1;
            }
            lastSeen = number;
            switch (d.kind())
            {
                case ClusterMessageDescriptor.KIND_QUEUED ->
                    listener.onQueued(number, d.correlationId(), d.taskId(), d.key());
                case ClusterMessageDescriptor.KIND_REJECTED ->
                    listener.onRejected(number, d.correlationId(), d.eventType(), d.reason());
                case ClusterMessageDescriptor.KIND_ACCEPTED ->
                {
                    if (d.correlationId() == awaited)
                    {
                        awaitedId = d.value();
                        answered = true;
                    }
                    listener.onAccepted(number, d.correlationId(), d.eventType(), d.value());
                }
                case ClusterMessageDescriptor.KIND_AGENT_REGISTERED ->
                    listener.onAgentRegistered(number, d.agentId(), d.value());
                case ClusterMessageDescriptor.KIND_PLACED ->
                    listener.onPlaced(number, task(d), d.agentId(), d.value(), d.ingressNanos());
                case ClusterMessageDescriptor.KIND_ENDED ->
                    listener.onTaskEnded(number, task(d), d.agentId(), d.cause());
                default -> throw new IllegalStateException("decision " + number + " of unknown kind " + d.kind());
            }
        }

        @Override
        public void onRefused(final long correlationId, final int code)
        {
            throw new IllegalStateException("the replicas refused input " + correlationId + " (code " + code + ")");
        }

        private TaskRecord task(final ClusterDecision d)
        {
            record.ids(d.taskId(), d.key(), d.framework(), -1);
            for (int i = 0; i < dimensions; i++)
            {
                scratch[i] = d.resource(i);
            }
            return record.resources(scratch);
        }

        private final long[] scratch = new long[dimensions];
    }

    /** The agents' frames, sent and applied as the engine's agent input would publish them. */
    private final class Sink implements AgentInputSink
    {
        @Override
        public void register(
            final String agentId, final long[] capacity, final Map<String, String> attributes,
            final long ingressNanos, final InputOrigin origin)
        {
            if (capacity == null || capacity.length != dimensions)
            {
                return;
            }
            final EngineEvent e = agentEvent(EventType.REGISTER_AGENT, agentId, 0, ingressNanos, origin);
            e.hasVector = true;
            System.arraycopy(capacity, 0, e.vector, 0, dimensions);
            e.attributes = attributes;
            send();
        }

        @Override
        public void heartbeat(
            final String agentId, final int epoch, final long sequence, final long[] usage, final boolean pressure,
            final long ingressNanos, final InputOrigin origin)
        {
            if (usage != null && usage.length != dimensions)
            {
                return;
            }
            final EngineEvent e = agentEvent(EventType.HEARTBEAT, agentId, epoch, ingressNanos, origin);
            e.sequence = sequence;
            e.pressure = pressure;
            if (usage != null)
            {
                e.hasVector = true;
                System.arraycopy(usage, 0, e.vector, 0, dimensions);
            }
            send();
        }

        @Override
        public void taskFinished(
            final String agentId, final int epoch, final long taskId, final long ingressNanos,
            final InputOrigin origin)
        {
            agentEvent(EventType.FINISH, agentId, epoch, ingressNanos, origin).taskId = taskId;
            send();
        }

        @Override
        public void launchRefused(
            final String agentId, final int epoch, final long taskId, final Reason reason, final long ingressNanos,
            final InputOrigin origin)
        {
            agentEvent(EventType.LAUNCH_REFUSED, agentId, epoch, ingressNanos, origin).taskId = taskId;
            send();
        }

        private EngineEvent agentEvent(
            final EventType type, final String agentId, final int epoch, final long ingressNanos,
            final InputOrigin origin)
        {
            final EngineEvent e = fill(type, 0, ingressNanos);
            e.agentId = agentId;
            e.epoch = epoch;
            if (origin != null)
            {
                e.origin.copy(origin);
            }
            return e;
        }
    }
}
