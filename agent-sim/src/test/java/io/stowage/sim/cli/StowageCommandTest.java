package io.stowage.sim.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class StowageCommandTest
{
    private static final Pattern PLACED = Pattern.compile("tasks placed\\s+([\\d,]+)");
    private static final Pattern HASH = Pattern.compile("state hash\\s+([0-9a-f]{16})");

    @Test
    void shouldRunTheDemoWithoutInvariantViolations()
    {
        final Run run = execute("simulate", "--agents", "300", "--tasks", "20000");

        assertEquals(0, run.exitCode, run::describe);
        assertTrue(run.out.contains("invariant violations: 0"), run::describe);
        assertTrue(placed(run) > 0, run::describe);
        assertTrue(run.out.contains("INSUFFICIENT_CAPACITY"), run::describe);
        assertTrue(run.out.contains("INVALID_REQUEST"), run::describe);
        assertTrue(run.out.contains("UNKNOWN_FRAMEWORK"), run::describe);
        assertTrue(run.out.contains("OVERCOMMITTED"), run::describe);
    }

    @Test
    void shouldRunTheSpreadPolicyGivenInAnyCase()
    {
        final Run run = execute("simulate", "--agents", "100", "--tasks", "5000", "--policy", "SPREAD");

        assertEquals(0, run.exitCode, run::describe);
        assertTrue(run.out.contains("policy spread"), run::describe);
        assertTrue(run.out.contains("invariant violations: 0"), run::describe);
    }

    @Test
    void shouldGiveTheSameStateHashForTheSameSeed()
    {
        final String[] args = {"simulate", "--agents", "200", "--tasks", "10000", "--seed", "7"};

        final String first = hash(execute(args));
        final String second = hash(execute(args));
        final String otherSeed = hash(execute("simulate", "--agents", "200", "--tasks", "10000", "--seed", "8"));

        assertEquals(first, second);
        assertNotEquals(first, otherSeed);
    }

    @Test
    void shouldRejectAnOutOfRangeAgentCountNamingTheFlag()
    {
        final Run run = execute("simulate", "--agents", "-5");

        assertEquals(2, run.exitCode, run::describe);
        assertTrue(run.err.contains("--agents"), run::describe);
        assertTrue(run.err.contains("1 to 1,000,000"), run::describe);
        assertEquals("", run.out, run::describe);
    }

    @Test
    void shouldRejectTooManyAgentsNamingTheFlag()
    {
        final Run run = execute("simulate", "--agents", "1000001");

        assertEquals(2, run.exitCode, run::describe);
        assertTrue(run.err.contains("--agents"), run::describe);
    }

    @Test
    void shouldRejectAnUnknownPolicyNamingTheFlag()
    {
        final Run run = execute("simulate", "--policy", "nonsense");

        assertEquals(2, run.exitCode, run::describe);
        assertTrue(run.err.contains("--policy"), run::describe);
        assertTrue(run.err.contains("nonsense"), run::describe);
    }

    @Test
    void shouldRejectANonNumericTaskCountNamingTheFlag()
    {
        final Run run = execute("simulate", "--tasks", "many");

        assertEquals(2, run.exitCode, run::describe);
        assertTrue(run.err.contains("--tasks"), run::describe);
    }

    @Test
    void shouldRejectAnUnknownFlagNamingIt()
    {
        final Run run = execute("simulate", "--agnets", "5");

        assertEquals(2, run.exitCode, run::describe);
        assertTrue(run.err.contains("--agnets"), run::describe);
    }

    @Test
    void shouldAskForASubcommand()
    {
        final Run run = execute();

        assertEquals(2, run.exitCode, run::describe);
        assertTrue(run.err.contains("simulate"), run::describe);
    }

    @Test
    void shouldPrintTheVersion()
    {
        final Run run = execute("--version");

        assertEquals(0, run.exitCode, run::describe);
        assertTrue(run.out.startsWith("stowage 0."), run::describe);
    }

    private static long placed(final Run run)
    {
        final Matcher matcher = PLACED.matcher(run.out);
        assertTrue(matcher.find(), run::describe);
        return Long.parseLong(matcher.group(1).replace(",", ""));
    }

    private static String hash(final Run run)
    {
        assertEquals(0, run.exitCode, run::describe);
        final Matcher matcher = HASH.matcher(run.out);
        assertTrue(matcher.find(), run::describe);
        return matcher.group(1);
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
