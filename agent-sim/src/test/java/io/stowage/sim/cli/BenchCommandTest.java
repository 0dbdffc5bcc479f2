package io.stowage.sim.cli;

import io.stowage.sim.bench.BenchmarksDoc;
import io.stowage.sim.bench.JmhLauncher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** {@code stowage bench} with JMH played by a stand-in that writes a recorded result; JMH itself is not run. */
class BenchCommandTest
{
    private static final String DOC = "# Kernel benchmarks\n\n" + BenchmarksDoc.BEGIN + "\nold\n" +
        BenchmarksDoc.END + "\n\n## After\n";

    @TempDir
    Path home;

    private final List<List<String>> runs = new ArrayList<>();
    private int exitCode;

    @BeforeEach
    void repository() throws IOException
    {
        Files.createDirectories(home.resolve("jmh/target"));
        Files.writeString(home.resolve("jmh/target/benchmarks.jar"), "not a jar; the launcher is a stand-in");
        Files.createDirectories(home.resolve("docs"));
        Files.writeString(home.resolve("docs/benchmarks.md"), DOC);
    }

    @Test
    void shouldPrintTheTableWriteTheJsonAndRewriteTheDocs() throws Exception
    {
        final Run run = execute("bench", "--quick", "--home", home.toString());

        assertEquals(0, run.exitCode, run::describe);
        assertEquals(1, runs.size());
        assertTrue(runs.get(0).contains("agents=1000,10000"), runs.toString());
        assertTrue(run.out.contains("| 10,000 | Fenzo full scan | expire after 1 s | 311 |"), run::describe);
        assertTrue(run.out.contains("Command: `./stowage bench --quick --home " + home + "`"), run::describe);
        final String doc = Files.readString(home.resolve("docs/benchmarks.md"));
        assertTrue(doc.contains(run.out), doc);
        assertTrue(doc.endsWith(BenchmarksDoc.END + "\n\n## After\n"), doc);
        try (var results = Files.list(home.resolve("docs/results")))
        {
            final List<Path> files = results.toList();
            assertEquals(1, files.size(), files::toString);
            final String name = files.get(0).getFileName().toString();
            assertTrue(name.matches("jmh-comparison-\\d{4}-\\d\\d-\\d\\d-quick\\.json"), name);
        }
    }

    @Test
    void shouldMergeTheRunsOfABoundedPlanIntoOneFile() throws Exception
    {
        final Path output = home.resolve("out/comparison.json");

        final Run run = execute("bench", "--agents", "10000,50000", "--engines", "stowage,fenzoFullNeverExpire",
            "--no-docs", "--output", output.toString(), "--home", home.toString());

        assertEquals(0, run.exitCode, run::describe);
        assertEquals(3, runs.size(), "both at 10,000; Stowage at 50,000; bounded Fenzo at 50,000");
        assertTrue(runs.get(2).containsAll(List.of("-wi", "0", "-i", "1")), runs.toString());
        assertTrue(Files.isRegularFile(output));
        assertFalse(Files.exists(home.resolve("out/comparison.part-1.json")));
        assertEquals(DOC, Files.readString(home.resolve("docs/benchmarks.md")));
    }

    @Test
    void shouldRefuseDocsWithoutMarkersBeforeRunningAnything() throws Exception
    {
        Files.writeString(home.resolve("docs/benchmarks.md"), "# no markers\n");

        final Run run = execute("bench", "--quick", "--home", home.toString());

        assertEquals(1, run.exitCode, run::describe);
        assertTrue(run.err.contains(BenchmarksDoc.BEGIN), run::describe);
        assertTrue(run.err.contains("--no-docs"), run::describe);
        assertTrue(runs.isEmpty(), "JMH must not run");
        assertEquals("# no markers\n", Files.readString(home.resolve("docs/benchmarks.md")));
    }

    @Test
    void shouldStopWhenJmhFailsAndLeaveTheDocsAlone() throws Exception
    {
        exitCode = 1;

        final Run run = execute("bench", "--quick", "--home", home.toString());

        assertEquals(1, run.exitCode, run::describe);
        assertTrue(run.err.contains("JMH failed (exit code 1)"), run::describe);
        assertEquals("", run.out, run::describe);
        assertEquals(DOC, Files.readString(home.resolve("docs/benchmarks.md")));
    }

    @Test
    void shouldSayWhereTheBenchmarksJarIsMissing() throws Exception
    {
        Files.delete(home.resolve("jmh/target/benchmarks.jar"));

        final Run run = execute("bench", "--quick", "--home", home.toString());

        assertEquals(1, run.exitCode, run::describe);
        assertTrue(run.err.contains("benchmarks.jar"), run::describe);
        assertTrue(runs.isEmpty());
    }

    @Test
    void shouldRejectAnUnknownEngineNamingTheFlagAndTheValue()
    {
        final Run run = execute("bench", "--engines", "stowage,mesos", "--home", home.toString());

        assertEquals(2, run.exitCode, run::describe);
        assertTrue(run.err.contains("--engines"), run::describe);
        assertTrue(run.err.contains("mesos"), run::describe);
        assertTrue(runs.isEmpty());
    }

    @Test
    void shouldRejectAClusterSizeOutOfRangeNamingTheFlag()
    {
        final Run run = execute("bench", "--agents", "1000,10", "--home", home.toString());

        assertEquals(2, run.exitCode, run::describe);
        assertTrue(run.err.contains("--agents"), run::describe);
        assertTrue(run.err.contains("100 to 200,000"), run::describe);
    }

    @Test
    void shouldRejectANonNumericClusterSize()
    {
        final Run run = execute("bench", "--agents", "lots");

        assertEquals(2, run.exitCode, run::describe);
        assertTrue(run.err.contains("--agents"), run::describe);
        assertTrue(run.err.contains("lots"), run::describe);
    }

    @Test
    void shouldRejectAnUnknownFlagNamingIt()
    {
        final Run run = execute("bench", "--quik");

        assertEquals(2, run.exitCode, run::describe);
        assertTrue(run.err.contains("--quik"), run::describe);
        assertTrue(runs.isEmpty());
    }

    private Run execute(final String... args)
    {
        final JmhLauncher launcher = (directory, jar, arguments, log) ->
        {
            runs.add(arguments);
            log.println("# JMH stand-in");
            if (exitCode == 0)
            {
                final Path result = Path.of(arguments.get(arguments.indexOf("-rff") + 1));
                Files.createDirectories(result.toAbsolutePath().getParent());
                try (var sample = BenchCommandTest.class.getResourceAsStream("/bench/sample-comparison.json"))
                {
                    Files.copy(sample, result);
                }
            }
            return exitCode;
        };
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine cmd = new CommandLine(new StowageCommand(), new CommandLine.IFactory()
        {
            @Override
            public <K> K create(final Class<K> type) throws Exception
            {
                return type == BenchCommand.class ? type.cast(new BenchCommand(launcher)) :
                    CommandLine.defaultFactory().create(type);
            }
        });
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        final int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err)
    {
        String describe()
        {
            return "exit code " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }
}
