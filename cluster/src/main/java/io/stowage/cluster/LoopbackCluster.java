package io.stowage.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A three-member cluster on this host's loopback, each member a child JVM running an {@link AllocatorNode} (or a
 * launcher of the caller's that ends in {@link AllocatorNode#run}), with its own directories and ports (a free range
 * found at start) and its output kept line by line: for the simulator's replicas and the cluster benchmark. Every
 * process is stopped and every directory deleted on {@link #close()}, a killed member's Aeron directory included.
 */
public final class LoopbackCluster implements AutoCloseable
{
    /** Members of the cluster. */
    public static final int MEMBERS = 3;
    private static final String HOST = "127.0.0.1";

    private final List<String> hosts = List.of(HOST, HOST, HOST);
    private final Path root;
    private final Path aeronRoot;
    private final int basePort;
    private final Node[] nodes = new Node[MEMBERS];

    private LoopbackCluster(final Path root, final Path aeronRoot, final int basePort)
    {
        this.root = root;
        this.aeronRoot = aeronRoot;
        this.basePort = basePort;
    }

    /**
     * Starts the three members (it does not wait for a leader: see {@link #awaitLeader}).
     *
     * @param root      where the members' directories go (deleted on close).
     * @param mainClass the members' main class: {@link AllocatorNode} or a launcher that ends in
     *                  {@link AllocatorNode#run}.
     * @param heapMb    each member's heap, MiB.
     * @param arguments arguments before the node options (for the caller's launcher), and node options common to
     *                  every member after them ({@code --event-time}, {@code --max-agents}, ...): the member id,
     *                  members, ports and directories are added here.
     * @return the running members.
     * @throws UncheckedIOException if a directory or a process cannot be made.
     */
    public static LoopbackCluster start(
        final Path root, final String mainClass, final int heapMb, final List<String> arguments)
    {
        try
        {
            final Path shm = Path.of("/dev/shm");
            final Path aeronRoot = Files.isDirectory(shm) && Files.isWritable(shm) ?
                Files.createTempDirectory(shm, "stowage-replicas") : Files.createDirectories(root.resolve("aeron"));
            final LoopbackCluster cluster = new LoopbackCluster(root, aeronRoot, freeBasePort());
            for (int m = 0; m < MEMBERS; m++)
            {
                cluster.nodes[m] = cluster.launch(m, mainClass, heapMb, arguments);
            }
            return cluster;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot start the cluster under " + root, ex);
        }
    }

    /** @return the members' ingress endpoints for a client. */
    public String ingressEndpoints()
    {
        return ClusterMembers.ingressEndpoints(hosts, basePort);
    }

    /**
     * @param timeoutMs how long to wait.
     * @return the member id of the one live member that says it leads.
     * @throws IllegalStateException if there is no single leader in time.
     */
    public int awaitLeader(final long timeoutMs)
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline)
        {
            final int leader = leader();
            if (leader >= 0)
            {
                return leader;
            }
            sleep(20);
        }
        throw new IllegalStateException("no single leader among the members within " + timeoutMs + " ms\n" + outputs());
    }

    /** @return the member id of the one live member that says it leads, or -1. */
    public int leader()
    {
        int leader = -1;
        int leaders = 0;
        for (final Node node : nodes)
        {
            if (node != null && node.process.isAlive() && "LEADER".equals(node.role()))
            {
                leader = node.member;
                leaders++;
            }
        }
        return leaders == 1 ? leader : -1;
    }

    /**
     * Kills a member's process with SIGKILL.
     *
     * @param member the member id.
     */
    public void kill(final int member)
    {
        nodes[member].process.destroyForcibly();
        try
        {
            nodes[member].process.waitFor(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the number of members whose process runs. */
    public int alive()
    {
        int alive = 0;
        for (final Node node : nodes)
        {
            alive += node.process.isAlive() ? 1 : 0;
        }
        return alive;
    }

    /**
     * The state hash each live member printed when it applied a STATE question.
     *
     * @param correlation the question's correlation id.
     * @param timeoutMs   how long to wait for each member.
     * @return per member, the hash in hex, or null for a dead member or one that did not answer in time.
     */
    public List<String> stateHashes(final long correlation, final long timeoutMs)
    {
        final List<String> hashes = new ArrayList<>();
        for (final Node node : nodes)
        {
            if (!node.process.isAlive())
            {
                hashes.add(null);
                continue;
            }
            final String line = node.awaitLine("STATE correlation=" + correlation + " ", timeoutMs);
            hashes.add(line == null ? null : line.substring(line.indexOf("hash=") + 5).trim());
        }
        return hashes;
    }

    /**
     * @return the most snapshots any live member says its recording log holds ({@code SNAPSHOT-RECORDED} lines).
     */
    public long snapshotsRecorded()
    {
        long most = 0;
        for (final Node node : nodes)
        {
            if (node != null && node.process.isAlive())
            {
                final String line = node.lastLine("SNAPSHOT-RECORDED count=");
                if (line != null)
                {
                    most = Math.max(most, Long.parseLong(line.substring(line.indexOf('=') + 1).trim()));
                }
            }
        }
        return most;
    }

    /** @return every member's output, for a failure message. */
    public String outputs()
    {
        final StringBuilder sb = new StringBuilder();
        for (final Node node : nodes)
        {
            if (node != null)
            {
                sb.append(node.output()).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public void close()
    {
        for (final Node node : nodes)
        {
            if (node != null)
            {
                node.close();
            }
        }
        delete(aeronRoot);
        delete(root);
    }

    private Node launch(final int member, final String mainClass, final int heapMb, final List<String> arguments)
        throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String argument : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (argument.startsWith("--add-") || argument.startsWith("--enable-native-access") ||
                argument.startsWith("--sun-misc") || argument.startsWith("-XX:+IgnoreUnrecognized") ||
                argument.startsWith("-Dchronicle"))
            {
                command.add(argument);
            }
        }
        command.add("-Xmx" + heapMb + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(arguments);
        command.addAll(List.of(
            "--node", Integer.toString(member),
            "--members", String.join(",", hosts),
            "--base-port", Integer.toString(basePort),
            "--dir", root.resolve("node-" + member).toString(),
            "--aeron-dir", aeronRoot.resolve("node-" + member).toString(),
            "--fresh"));
        return new Node(member, new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    private static int freeBasePort()
    {
        final SplittableRandom random = new SplittableRandom(System.nanoTime());
        for (int attempt = 0; attempt < 100; attempt++)
        {
            final int base = 20_000 + random.nextInt(2_000) * 10;
            if (free(base, MEMBERS * ClusterMembers.PORTS_PER_MEMBER))
            {
                return base;
            }
        }
        throw new IllegalStateException("no free range of UDP ports on loopback for the cluster");
    }

    private static boolean free(final int base, final int count)
    {
        for (int port = base; port < base + count; port++)
        {
            try (DatagramSocket socket = new DatagramSocket(null))
            {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
            catch (final IOException ex)
            {
                return false;
            }
        }
        return true;
    }

    private static void delete(final Path dir)
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException ignored)
        {
            // best effort: the work directory is removed with the run
        }
    }

    private static void sleep(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /** One member's process and what it printed. */
    private static final class Node
    {
        final int member;
        final Process process;
        private final List<String> lines = new ArrayList<>();
        private final Writer stdin;

        Node(final int member, final Process process)
        {
            this.member = member;
            this.process = process;
            this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            final Thread reader = new Thread(() ->
            {
                try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
                {
                    String line;
                    while ((line = in.readLine()) != null)
                    {
                        synchronized (lines)
                        {
                            lines.add(line);
                            lines.notifyAll();
                        }
                    }
                }
                catch (final IOException ignored)
                {
                    // the process died: what it printed is kept
                }
            }, "member-" + member + "-output");
            reader.setDaemon(true);
            reader.start();
        }

        String role()
        {
            synchronized (lines)
            {
                for (int i = lines.size() - 1; i >= 0; i--)
                {
                    if (lines.get(i).startsWith("ROLE "))
                    {
                        return lines.get(i).substring(5).trim();
                    }
                }
                return null;
            }
        }

        String lastLine(final String prefix)
        {
            synchronized (lines)
            {
                for (int i = lines.size() - 1; i >= 0; i--)
                {
                    if (lines.get(i).startsWith(prefix))
                    {
                        return lines.get(i);
                    }
                }
                return null;
            }
        }

        String awaitLine(final String prefix, final long timeoutMs)
        {
            final long deadline = System.currentTimeMillis() + timeoutMs;
            synchronized (lines)
            {
                int i = 0;
                while (true)
                {
                    for (; i < lines.size(); i++)
                    {
                        if (lines.get(i).startsWith(prefix))
                        {
                            return lines.get(i);
                        }
                    }
                    final long left = deadline - System.currentTimeMillis();
                    if (left <= 0 || !process.isAlive())
                    {
                        return null;
                    }
                    try
                    {
                        lines.wait(Math.min(left, 100));
                    }
                    catch (final InterruptedException ex)
                    {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                }
            }
        }

        String output()
        {
            synchronized (lines)
            {
                final int from = Math.max(0, lines.size() - 40);
                return "--- member " + member + " (last lines) ---\n" + String.join("\n", lines.subList(from,
                    lines.size()));
            }
        }

        void close()
        {
            if (process.isAlive())
            {
                try
                {
                    stdin.write("quit\n");
                    stdin.flush();
                }
                catch (final IOException ignored)
                {
                    // already gone
                }
                try
                {
                    if (!process.waitFor(10, TimeUnit.SECONDS))
                    {
                        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
            }
        }
    }
}
