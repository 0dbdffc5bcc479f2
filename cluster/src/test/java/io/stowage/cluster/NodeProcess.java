package io.stowage.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@link AllocatorNode} in a child JVM: the test's class path, the project's JVM flag line (the
 * {@code stowage.jvmFlags} property surefire passes), a small serial-GC heap; its stdout kept line by line.
 */
final class NodeProcess implements AutoCloseable
{
    final int member;
    final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Writer stdin;

    NodeProcess(final int member, final List<String> args) throws IOException
    {
        this.member = member;
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + "/bin/java");
        final String flags = System.getProperty("stowage.jvmFlags", "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED");
        for (final String flag : flags.trim().split("\\s+"))
        {
            command.add(flag);
        }
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(AllocatorNode.class.getName());
        command.addAll(args);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
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
                // The process died: what it printed is kept.
            }
        }, "node-" + member + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** @return the first line, from index {@code from}, that starts with the prefix; null if none within the time. */
    String awaitLine(final String prefix, final int from, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (lines)
        {
            int i = from;
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
                if (left <= 0)
                {
                    return null;
                }
                lines.wait(left);
            }
        }
    }

    /** @return the number of lines printed so far. */
    int lineCount()
    {
        synchronized (lines)
        {
            return lines.size();
        }
    }

    /** @return the last ROLE line's role, or null. */
    String role()
    {
        synchronized (lines)
        {
            for (int i = lines.size() - 1; i >= 0; i--)
            {
                if (lines.get(i).startsWith("ROLE "))
                {
                    return lines.get(i).substring(5);
                }
            }
            return null;
        }
    }

    /** @return everything printed, for failure messages. */
    String output()
    {
        synchronized (lines)
        {
            return "--- node " + member + " ---\n" + String.join("\n", lines);
        }
    }

    void command(final String line) throws IOException
    {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** SIGKILL on Linux: no shutdown hook, no clean close of anything. */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException
    {
        if (process.isAlive())
        {
            try
            {
                command("quit");
            }
            catch (final IOException ignored)
            {
                // Already gone.
            }
            if (!process.waitFor(5, TimeUnit.SECONDS))
            {
                kill();
            }
        }
    }
}
