package io.stowage.examples;

import io.stowage.ipc.QueueDirectories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AgentProcess} in a child JVM (this JVM's java, class path and the project's flag line) and
 * {@link AllocatorSide} in this one, over Chronicle queues in a temporary directory: the allocator sees the agent
 * register and heartbeat, its placement reaches the agent and passes the agent's guard, and the finish comes back.
 */
class AgentProcessTest
{
    @TempDir
    Path dir;

    private Process agent;

    @AfterEach
    void stopAgent() throws InterruptedException
    {
        if (agent != null)
        {
            agent.destroyForcibly();
            agent.waitFor(10, TimeUnit.SECONDS);   // before the temporary directory is deleted
        }
    }

    @Test
    void shouldSeeTheAgentAndLaunchItsTaskThroughTheGuard() throws Exception
    {
        // Both JVMs open both queues; made here first so that the two do not race to create the directories.
        QueueDirectories.ownerOnly(dir.resolve("agents"));
        QueueDirectories.ownerOnly(dir.resolve("decisions"));
        final Path agentOutput = dir.resolve("agent.out");
        agent = startJvm(AgentProcess.class, agentOutput, dir.toString());

        final List<String> allocator;
        try
        {
            allocator = ExampleOutput.capture(() -> AllocatorSide.main(new String[]{dir.toString()}));
        }
        catch (final IllegalStateException ex)
        {
            throw new AssertionError(ex.getMessage() + "; the agent printed " + read(agentOutput), ex);
        }
        assertTrue(agent.waitFor(60, TimeUnit.SECONDS), "the agent did not exit; it printed " + read(agentOutput));
        assertEquals(0, agent.exitValue(), "the agent printed " + read(agentOutput));

        assertEquals(List.of(
            "allocator: agent-1 registered and heartbeating; submitting cpus=1 mem=2GiB",
            "allocator: agent-1 finished the task; it is ACTIVE, last usage cpus=0.5 mem=1GiB, 0 tasks running"),
            allocator);
        assertEquals(List.of(
            "agent-1: registered with cpus=4 mem=8GiB",
            "agent-1: launch of a task of cpus=1 mem=2GiB: OK",
            "agent-1: done"), read(agentOutput));
    }

    private static Process startJvm(final Class<?> main, final Path output, final String... args)
        throws IOException
    {
        final String flags = System.getProperty("stowage.jvmFlags");
        assertNotNull(flags, "stowage.jvmFlags is not set: run the test through Maven, whose surefire sets it");
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(flags.trim().split("\\s+")));
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private static List<String> read(final Path output) throws IOException
    {
        return Files.exists(output) ? Files.readAllLines(output) : List.of();
    }
}
