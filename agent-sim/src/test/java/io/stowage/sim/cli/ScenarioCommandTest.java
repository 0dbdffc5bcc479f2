package io.stowage.sim.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
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
        final Run run = execute("scenario", CASES.resolve("pass/roles.json").toString(),
            CASES.resolve("pass/preemption.json").toString());

        assertEquals(0, run.exitCode, run::describe);
        assertEquals("37 passed, 0 failed" + System.lineSeparator(), run.out, run::describe);
    }

    @Test
    void shouldExitOneWhenAnExpectationFails()
    {
        final Run run = execute("scenario", CASES.resolve("fail/expectations-fail.json").toString());

        assertEquals(1, run.exitCode, run::describe);
        assertTrue(run.out.endsWith("4 passed, 5 failed" + System.lineSeparator()), run::describe);
    }

    @Test
    void shouldExitTwoForAMalformedFile()
    {
        final String file = CASES.resolve("malformed/unknown-agent-resource.json").toString();

        final Run run = execute("scenario", file);

        assertEquals(2, run.exitCode, run::describe);
        assertEquals(file + ": /steps/0/addAgents/0/resources/cpu: unknown resource \"cpu\"" +
            System.lineSeparator(), run.err, run::describe);
    }

    @Test
    void shouldAskForAtLeastOneFile()
    {
        final Run run = execute("scenario");

        assertEquals(2, run.exitCode, run::describe);
        assertTrue(run.err.contains("FILE"), run::describe);
    }

    private static Run execute(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cmd = new CommandLine(new StowageCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        final int exitCode = cmd.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err)
    {
        String describe()
        {
            return "exit code " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }
}
