package io.stowage.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StowageCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldSimulateASmallClusterAndWriteTheReport() throws Exception
    {
        final Path report = dir.resolve("out/r");
        final CommandRun run = CommandRun.execute("simulate", "--agents", "300", "--seconds", "40", "--report",
            report.toString(), "--progress-every", "0");

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.out().contains("allocation over capacity (must be 0)"), run::describe);
        assertTrue(run.out().contains("report: " + report.toAbsolutePath().resolve("report.html")), run::describe);
        final JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertEquals(300, json.get("agents").asInt());
        assertEquals(0, json.get("allocationOverCapacity").asLong());
        assertEquals(0, json.get("invariantViolations").asLong());
        for (final String chart : new String[]{"latency.png", "utilisation.png", "shares.png", "rejections.png"})
        {
            assertTrue(Files.size(report.resolve(chart)) > 0, chart);
        }
    }

    @Test
    void shouldShowBothColumnsWhenComparing() throws Exception
    {
        final Path report = dir.resolve("compare");
        final CommandRun run = CommandRun.execute("simulate", "--agents", "200", "--seconds", "30", "--compare",
            "--report", report.toString(), "--progress-every", "0");

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.out().contains("with protections") && run.out().contains("without protections"), run::describe);
        final JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertTrue(json.has("withoutProtections") && json.has("comparison"), json.toString());
    }

    @Test
    void shouldRejectAnOutOfRangeAgentCountNamingTheFlag()
    {
        final CommandRun run = CommandRun.execute("simulate", "--agents", "5", "--report", dir.toString());

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.err().contains("agents must be 10 to 1,000,000, got 5"), run::describe);
        assertFalse(Files.exists(dir.resolve("report.json")), "no report for a refused run");
    }

    @Test
    void shouldPrintTheHelpWithoutFormatWarnings()
    {
        // A bare percent sign in a description is a format error to picocli, which warns on System.err.
        final java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        final java.io.PrintStream original = System.err;
        final CommandRun run;
        System.setErr(new java.io.PrintStream(stderr, true, java.nio.charset.StandardCharsets.UTF_8));
        try
        {
            run = CommandRun.execute("simulate", "--help");
        }
        finally
        {
            System.setErr(original);
        }

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.out().contains("shrinks to 75%, per mille"), run::describe);
        assertEquals("", stderr.toString(java.nio.charset.StandardCharsets.UTF_8), run::describe);
    }

    @Test
    void shouldRejectAKillOutsideTheRunNamingTheFlag()
    {
        final CommandRun run = CommandRun.execute("simulate", "--seconds", "30", "--kill-allocator-at", "30");

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.err().contains("--kill-allocator-at must be a second within the run"), run::describe);
    }

    @Test
    void shouldRejectAMalformedPrometheusBindNamingTheProblem()
    {
        final CommandRun run = CommandRun.execute("simulate", "--prometheus-bind", "9464", "--report", dir.toString());

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.err().contains("expected HOST:PORT, got \"9464\""), run::describe);
        assertFalse(Files.exists(dir.resolve("report.json")), "no report for a refused run");
    }

    @Test
    void shouldRunWithTheExporterOnTheAddressGivenAndLetGoOfItsPortAfterwards() throws Exception
    {
        final int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            port = free.getLocalPort();
        }
        final CommandRun run = CommandRun.execute("simulate", "--agents", "100", "--seconds", "20", "--report",
            dir.resolve("r").toString(), "--progress-every", "0", "--prometheus-bind", "127.0.0.1:" + port);

        assertEquals(0, run.exitCode(), run::describe);
        try (java.net.ServerSocket again = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            assertEquals(port, again.getLocalPort(), "the exporter let go of its port when the run ended");
        }
    }

    @Test
    void shouldRejectANonNumericSeedNamingTheFlag()
    {
        final CommandRun run = CommandRun.execute("simulate", "--seed", "many");

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.err().contains("--seed"), run::describe);
    }

    @Test
    void shouldRejectAnUnknownFlagNamingIt()
    {
        final CommandRun run = CommandRun.execute("simulate", "--agnets", "5");

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.err().contains("--agnets"), run::describe);
    }

    @Test
    void shouldAskForASubcommand()
    {
        final CommandRun run = CommandRun.execute();

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.err().contains("simulate"), run::describe);
    }

    @Test
    void shouldPrintTheVersion()
    {
        final CommandRun run = CommandRun.execute("--version");

        assertEquals(0, run.exitCode(), run::describe);
        assertTrue(run.out().startsWith("stowage 0."), run::describe);
    }
}
