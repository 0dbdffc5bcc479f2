package io.stowage.sim.cli;

import io.stowage.core.KernelConfig;
import io.stowage.core.ResourceSchema;
import io.stowage.engine.AllocatorEngine;
import io.stowage.engine.CountersFileDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatCommandTest
{
    @TempDir
    Path directory;

    @Test
    void shouldPrintTheCountersOfAnEngineOnce()
    {
        runEngine();

        final CommandRun run = CommandRun.execute("stat", directory.toString(), "--once");

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.out().startsWith("Stowage engine pid " + ProcessHandle.current().pid()), run::describe);
        assertTrue(run.out().matches("(?s).*events by type\n  submit +3 .*"), run::describe);
        assertTrue(run.out().matches("(?s).*\n  register_agent +1 .*"), run::describe);
        assertTrue(run.out().matches("(?s).*rejections by reason\n  UNKNOWN_FRAMEWORK +1 .*"), run::describe);
        assertTrue(run.out().matches("(?s).*\nagents +1 .*"), run::describe);
        assertTrue(run.out().matches("(?s).*latency \\(us\\) by quantile\n  0.5 +[1-9][0-9]* .*"), run::describe);
        assertTrue(!run.out().contains("STALE_EPOCH"), run::describe);
    }

    @Test
    void shouldRefreshUntilTheCountIsReached()
    {
        runEngine();

        final CommandRun run = CommandRun.execute("stat", directory.toString(), "--interval", "0.01", "--count", "3");

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals(3, run.out().split("Stowage engine pid", -1).length - 1, run::describe);
        assertTrue(run.out().matches("(?s).*\n  submit +3 +0\\.0\n.*"), run::describe);
    }

    @Test
    void shouldExitTwoWithoutACountersFile()
    {
        final CommandRun run = CommandRun.execute("stat", directory.toString(), "--once");

        assertEquals(2, run.exitCode(), run::describe);
        assertEquals("stat: " + directory.resolve(CountersFileDescriptor.FILE_NAME) + ": no such counters file" +
            System.lineSeparator(), run.err(), run::describe);
    }

    @Test
    void shouldExitTwoForAMalformedCountersFile() throws Exception
    {
        final byte[] foreign = new byte[8192];
        foreign[0] = 'J';
        foreign[1] = 'U';
        foreign[2] = 'N';
        foreign[3] = 'K';
        Files.write(directory.resolve(CountersFileDescriptor.FILE_NAME), foreign);

        final CommandRun run = CommandRun.execute("stat", directory.toString(), "--once");

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.err().contains("not a Stowage counters file"), run::describe);
    }

    @Test
    void shouldRefuseANonPositiveInterval()
    {
        final CommandRun run = CommandRun.execute("stat", directory.toString(), "--interval", "0");

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.err().contains("--interval"), run::describe);
    }

    private void runEngine()
    {
        final KernelConfig config = KernelConfig.builder(ResourceSchema.of("cpus", "mem")).maxAgents(8)
            .maxTasks(64).build();
        try (AllocatorEngine engine = AllocatorEngine.builder(config).countersDirectory(directory).build().start())
        {
            engine.agentInput().register("a1", new long[]{4000, 4096}, Map.of(), System.nanoTime(), null);
            final int framework = engine.client().registerFramework("web");
            engine.client().submit(framework, new long[]{1000, 1000}, 1);
            engine.client().submit(framework, new long[]{1000, 1000}, 2);
            engine.client().submit(framework + 7, new long[]{1000, 1000}, 3);
        }
    }
}
