package io.stowage.sim.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs JMH in a child JVM of the same Java installation, so that the jmh module's dependencies (Fenzo and its old
 * Jackson, protobuf and Mesos jars) never share a class path with this module. JMH's output and errors are copied to
 * the log as they come. JMH's own forks take the JVM flags from the benchmark's {@code @Fork} annotation.
 */
public final class ProcessJmhLauncher implements JmhLauncher
{
    @Override
    public int run(final Path directory, final Path jar, final List<String> arguments, final PrintWriter log)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        final Process process = new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .start();
        try (BufferedReader output = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            for (String line = output.readLine(); line != null; line = output.readLine())
            {
                log.println(line);
                log.flush();
            }
            return process.waitFor();
        }
        finally
        {
            if (process.isAlive())
            {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
