package io.stowage.sim.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScenarioCommandTest
{
    private static final Path CASES = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
        .resolve("src/test/resources/scenario-cases");

    @Test
    void shouldRunScenarioFilesGivenAsParameters()
    {
        final CommandRun run = CommandRun.execute("scenario", CASES.resolve("pass/roles.json").toString(),
            CASES.resolve("pass/preemption.json").toString());

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("37 passed, 0 failed" + System.lineSeparator(), run.out(), run::describe);
    }

    @Test
    void shouldExitOneWhenAnExpectationFails()
    {
        final CommandRun run = CommandRun.execute("scenario", CASES.resolve("fail/expectations-fail.json").toString());

        assertEquals(1, run.exitCode(), run::describe);
        assertTrue(run.out().endsWith("4 passed, 5 failed" + System.lineSeparator()), run::describe);
    }

    @Test
    void shouldExitTwoForAMalformedFile()
    {
        final String file = CASES.resolve("malformed/unknown-agent-resource.json").toString();

        final CommandRun run = CommandRun.execute("scenario", file);

        assertEquals(2, run.exitCode(), run::describe);
        assertEquals(file + ": /steps/0/addAgents/0/resources/cpu: unknown resource \"cpu\"" +
            System.lineSeparator(), run.err(), run::describe);
    }

    @Test
    void shouldAskForAtLeastOneFile()
    {
        final CommandRun run = CommandRun.execute("scenario");

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.err().contains("FILE"), run::describe);
    }
}
