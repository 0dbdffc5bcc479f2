package io.stowage.jmh;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.stowage.cluster.AllocatorNode;
import io.stowage.cluster.ClusterAllocatorClient;
import io.stowage.cluster.ClusterDecision;
import io.stowage.cluster.ClusterDecisionHandler;
import io.stowage.cluster.ClusterMessageDescriptor;
import io.stowage.cluster.LoopbackCluster;
import io.stowage.engine.EngineEvent;
import io.stowage.engine.EventType;
import org.HdrHistogram.Histogram;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.openjdk.jmh.annotations.Fork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Submit-to-decision latency through the replicated allocator: three {@link AllocatorNode} members on loopback in
 * child JVMs ({@link LoopbackCluster}, cluster-clock time, a round every 10 ms), a {@link ClusterAllocatorClient} in
 * this JVM. The same method as {@link EngineLatencyHarness}: request {@code i} is due at {@code start + i * interval},
 * sent then (or at once if late), and its latency is the time its decision arrived minus the time it was due
 * (coordinated omission corrected). Two histograms: submit to the answer ({@code QUEUED} or {@code REJECTED}, the
 * cluster has ordered it in its log and the leader applied it) and submit to {@code PLACED}. Each placed task is
 * finished by the sender, so the cluster carries about two inputs per submit, and every agent heartbeats once a
 * second (the members run on cluster time, so a silent agent would become unreachable).
 * <p>
 * Run: {@code java -cp jmh/target/benchmarks.jar io.stowage.jmh.ClusterLatencyHarness [--rate N] [--seconds N]
 * [--warmup N] [--agents N] [--json FILE]}. Without the JVM flags of {@link JvmFlags} it starts itself again in a
 * child JVM with them.
 */
public final class ClusterLatencyHarness
{
    private static final long PARK_THRESHOLD_NANOS = 20_000;
    private static final long HEARTBEAT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final long rate;
    private final long seconds;
    private final long warmupSeconds;
    private final int agents;
    private final Histogram answered = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final Histogram placed = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final Long2LongHashMap dueByCorrelation = new Long2LongHashMap(-1);
    private final Long2LongHashMap dueByTask = new Long2LongHashMap(-1);
    private final LongArrayList toFinish = new LongArrayList();
    private final EngineEvent event = new EngineEvent(2);
    private long measureFrom = Long.MAX_VALUE;
    private long answers;
    private int[] epochs;
    private long heartbeatSequence;
    private long rejected;
    private int frameworkId = -1;

    private ClusterLatencyHarness(final long rate, final long seconds, final long warmupSeconds, final int agents)
    {
        this.rate = rate;
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.agents = agents;
    }

    /**
     * @param args see the class description.
     * @throws Exception if the run fails.
     */
    public static void main(final String[] args) throws Exception
    {
        long rate = 10_000;
        long seconds = 20;
        long warmup = 5;
        int agents = 1_000;
        Path json = null;
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--rate" -> rate = Long.parseLong(args[i + 1]);
                case "--seconds" -> seconds = Long.parseLong(args[i + 1]);
                case "--warmup" -> warmup = Long.parseLong(args[i + 1]);
                case "--agents" -> agents = Integer.parseInt(args[i + 1]);
                case "--json" -> json = Path.of(args[i + 1]);
                default ->
                {
                    System.err.println("ClusterLatencyHarness: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if ((args.length & 1) != 0 || rate <= 0 || seconds <= 0 || warmup < 0 || agents <= 0 || agents > 4096)
        {
            System.err.println("ClusterLatencyHarness: options come in pairs; rate and seconds above 0, agents 1 to " +
                "4096 (the members' kernel bound)");
            System.exit(2);
        }
        if (!Object.class.getModule().isExported("jdk.internal.misc", ClusterLatencyHarness.class.getModule()))
        {
            final List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of(JvmFlags.class.getAnnotation(Fork.class).jvmArgsAppend()));
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(ClusterLatencyHarness.class.getName());
            command.addAll(List.of(args));
            System.exit(new ProcessBuilder(command).inheritIO().start().waitFor());
        }
        final ClusterLatencyHarness harness = new ClusterLatencyHarness(rate, seconds, warmup, agents);
        final long[] sent = harness.run();
        System.out.print(harness.report(sent[0], sent[1]));
        if (json != null)
        {
            Files.writeString(json, harness.json(sent[0], sent[1]));
        }
    }

    private long[] run() throws IOException
    {
        final Path root = Files.createTempDirectory("stowage-cluster-latency");
        try (LoopbackCluster cluster = LoopbackCluster.start(root.resolve("members"), AllocatorNode.class.getName(),
            1024, List.of("--event-time", "cluster", "--round-period-ms", "10", "--max-tasks", "1048576"));
            MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                .aeronDirectoryName(root.resolve("client-aeron").toString())
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy(10, 10, 1_000, 100_000))
                .termBufferSparseFile(true)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)))
        {
            cluster.awaitLeader(60_000);
            try (ClusterAllocatorClient client = ClusterAllocatorClient.connect(new ClusterAllocatorClient.Context()
                .ingressEndpoints(cluster.ingressEndpoints())
                .aeronDirectoryName(driver.aeronDirectoryName())
                .clientId(11)
                .dimensions(2)
                .resumeAfter(0)
                .messageTimeoutNs(TimeUnit.SECONDS.toNanos(20))
                .handler(new Decisions())))
            {
                return measure(client);
            }
        }
        finally
        {
            try (var paths = Files.walk(root))
            {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private long[] measure(final ClusterAllocatorClient client)
    {
        final long[] capacity = {64_000, 262_144};
        epochs = new int[agents];
        for (int a = 0; a < agents; a++)
        {
            event.clear();
            event.type = EventType.REGISTER_AGENT;
            event.agentId = "agent-" + a;
            event.hasVector = true;
            System.arraycopy(capacity, 0, event.vector, 0, 2);
            event.attributes = Map.of();
            send(client);
        }
        event.clear();
        event.type = EventType.REGISTER_FRAMEWORK;
        event.correlationId = -1;
        event.name = "bench";
        event.role = "*";
        event.rateMillisPerSecond = -1;
        event.maxPending = -1;
        send(client);
        while (frameworkId < 0)
        {
            client.poll();
        }
        final long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        final long warmupCount = rate * warmupSeconds;
        final long count = rate * seconds;
        final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        long nextHeartbeats = start;
        long late = 0;
        for (long i = 0; i < warmupCount + count; i++)
        {
            final long due = start + i * interval;
            if (i == warmupCount)
            {
                measureFrom = due;
            }
            long now = System.nanoTime();
            if (now - due > interval)
            {
                late++;
            }
            while (now < due)
            {
                // the members share this machine's cores: park rather than spin until the next submit is due
                if (client.poll() == 0 && due - now > PARK_THRESHOLD_NANOS)
                {
                    LockSupport.parkNanos(due - now - PARK_THRESHOLD_NANOS / 2);
                }
                finishPlaced(client);
                now = System.nanoTime();
            }
            if (now >= nextHeartbeats)
            {
                // the members run on cluster time: agents that stop heartbeating become unreachable and take nothing
                nextHeartbeats += HEARTBEAT_INTERVAL_NANOS;
                heartbeats(client);
            }
            event.clear();
            event.type = EventType.SUBMIT;
            event.correlationId = i + 1;
            event.framework = frameworkId;
            event.hasVector = true;
            event.vector[0] = 100;
            event.vector[1] = 256;
            dueByCorrelation.put(i + 1, due);
            send(client);
            finishPlaced(client);
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while ((answers < warmupCount + count || !dueByTask.isEmpty()) && System.nanoTime() < deadline)
        {
            if (client.poll() == 0)
            {
                LockSupport.parkNanos(PARK_THRESHOLD_NANOS);
            }
            finishPlaced(client);
        }
        return new long[]{count, late};
    }

    private void heartbeats(final ClusterAllocatorClient client)
    {
        heartbeatSequence++;
        for (int a = 0; a < agents; a++)
        {
            event.clear();
            event.type = EventType.HEARTBEAT;
            event.agentId = "agent-" + a;
            event.epoch = epochs[a];
            event.sequence = heartbeatSequence;
            send(client);
        }
    }

    private void finishPlaced(final ClusterAllocatorClient client)
    {
        for (int i = 0; i < toFinish.size(); i++)
        {
            event.clear();
            event.type = EventType.FINISH;
            event.correlationId = -2;
            event.taskId = toFinish.getLong(i);
            send(client);
        }
        toFinish.clear();
    }

    private void send(final ClusterAllocatorClient client)
    {
        while (!client.isInStep())
        {
            client.poll();
        }
        client.send(event);
        client.poll();
    }

    private String report(final long sent, final long late)
    {
        return String.format(Locale.ROOT, "cluster of %d members on loopback, %,d submits/s for %d s (warm-up %d s), " +
                "%d agents; %,d sent late, %,d rejected%n%-28s %10s %10s %10s %10s %10s%n%s%s", LoopbackCluster.MEMBERS,
            rate, seconds, warmupSeconds, agents, late, rejected, "", "count", "p50 us", "p99 us", "p99.9 us", "max us",
            line("submit -> queued/rejected", answered), line("submit -> placed", placed));
    }

    private String json(final long sent, final long late)
    {
        return String.format(Locale.ROOT,
            "{\"benchmark\":\"ClusterLatencyHarness\",\"members\":%d,\"ratePerSecond\":%d,\"seconds\":%d," +
                "\"warmupSeconds\":%d,\"agents\":%d,\"sent\":%d,\"lateSends\":%d,\"rejected\":%d,\"unit\":\"us\"," +
                "\"answered\":%s,\"placed\":%s}%n", LoopbackCluster.MEMBERS, rate, seconds, warmupSeconds, agents, sent,
            late, rejected,
            jsonHistogram(answered), jsonHistogram(placed));
    }

    private static String line(final String name, final Histogram histogram)
    {
        return String.format(Locale.ROOT, "%-28s %10d %10.1f %10.1f %10.1f %10.1f%n", name,
            histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1e3,
            histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3,
            histogram.getMaxValue() / 1e3);
    }

    private static String jsonHistogram(final Histogram histogram)
    {
        return String.format(Locale.ROOT, "{\"count\":%d,\"p50\":%.1f,\"p99\":%.1f,\"p999\":%.1f,\"max\":%.1f}",
            histogram.getTotalCount(), histogram.getValueAtPercentile(50) / 1e3,
            histogram.getValueAtPercentile(99) / 1e3, histogram.getValueAtPercentile(99.9) / 1e3,
            histogram.getMaxValue() / 1e3);
    }

    /** Times each answer and placement against the time its submit was due. */
    private final class Decisions implements ClusterDecisionHandler
    {
        @Override
        public void onDecision(final ClusterDecision d)
        {
            final long now = System.nanoTime();
            switch (d.kind())
            {
                case ClusterMessageDescriptor.KIND_AGENT_REGISTERED ->
                    epochs[Integer.parseInt(d.agentId().substring("agent-".length()))] = d.value();
                case ClusterMessageDescriptor.KIND_ACCEPTED ->
                {
                    if (d.correlationId() == -1)
                    {
                        frameworkId = d.value();
                    }
                }
                case ClusterMessageDescriptor.KIND_QUEUED, ClusterMessageDescriptor.KIND_REJECTED ->
                {
                    final long due = dueByCorrelation.remove(d.correlationId());
                    if (due < 0)
                    {
                        return;
                    }
                    answers++;
                    rejected += d.kind() == ClusterMessageDescriptor.KIND_REJECTED ? 1 : 0;
                    if (due >= measureFrom)
                    {
                        answered.recordValue(Math.min(now - due, answered.getHighestTrackableValue()));
                    }
                    if (d.kind() == ClusterMessageDescriptor.KIND_QUEUED)
                    {
                        dueByTask.put(d.taskId(), due);
                    }
                }
                case ClusterMessageDescriptor.KIND_PLACED ->
                {
                    final long due = dueByTask.remove(d.taskId());
                    if (due >= measureFrom)
                    {
                        placed.recordValue(Math.min(now - due, placed.getHighestTrackableValue()));
                    }
                    toFinish.addLong(d.taskId());
                }
                default ->
                {
                }
            }
        }
    }
}
