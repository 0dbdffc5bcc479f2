package io.stowage.ipc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test main class run in a separate JVM: the same java binary and class path as the test, the JVM flag line of
 * BUILD-NOTES.md (Chronicle's analytics disabled), stdout read line by line on a daemon thread.
 */
final class ChildJvm implements AutoCloseable
{
    /** The flag line of BUILD-NOTES.md, as the parent POM's {@code stowage.jvmFlags}. */
    static final List<String> FLAGS = List.of(
        "-XX:+IgnoreUnrecognizedVMOptions",
        "--sun-misc-unsafe-memory-access=allow",
        "--enable-native-access=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "-Dchronicle.analytics.disable=true",
        "-Dchronicle.announcer.disable=true");

    final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();

    ChildJvm(final Class<?> main, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + "/bin/java");
        command.addAll(FLAGS);
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = in.readLine()) != null)
                {
                    lines.add(line);
                }
            }
            catch (final IOException ignored)
            {
                lines.add("EOF");
            }
        }, main.getSimpleName() + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param prefix     the start of the line awaited.
     * @param timeoutSec how long to wait.
     * @return the first line starting with the prefix.
     * @throws AssertionError with everything the process printed if it does not come.
     */
    String awaitLine(final String prefix, final long timeoutSec) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSec);
        while (System.nanoTime() < deadline)
        {
            final String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null)
            {
                all.add(line);
                if (line.startsWith(prefix))
                {
                    return line;
                }
            }
            else if (!process.isAlive() && lines.isEmpty())
            {
                break;
            }
        }
        throw new AssertionError("no line starting with \"" + prefix + "\"; the process printed " + all);
    }

    @Override
    public void close()
    {
        process.destroyForcibly();
    }
}
