package io.stowage.sim.scenario;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The outcome of running scenario files through {@link ScenarioSuite}, and where the tests find them.
 *
 * @param exitCode the exit code.
 * @param out      standard output: FAIL lines and the summary.
 * @param err      standard error: malformed files.
 */
record ScenarioRun(int exitCode, String out, String err)
{
    /** The module directory (Maven's basedir), where the tests run. */
    static final Path MODULE_DIR = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
        .toAbsolutePath();
    /** This module's own test scenarios. */
    static final Path CASES = MODULE_DIR.resolve("src/test/resources/scenario-cases");

    /**
     * @param files scenario file names.
     * @return what running them gave.
     */
    static ScenarioRun of(final String... files)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode = ScenarioSuite.run(List.of(files), new PrintWriter(out), new PrintWriter(err));
        return new ScenarioRun(exitCode, out.toString(), err.toString());
    }

    /**
     * @param relative a path under scenario-cases, such as {@code malformed/unknown-key.json}.
     * @return its file name for the runner.
     */
    static String scenarioCase(final String relative)
    {
        return CASES.resolve(relative).toString();
    }

    /**
     * @param directory a directory.
     * @return its {@code *.json} files, at any depth, sorted; none if it does not exist.
     */
    static List<Path> jsonFiles(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory))
        {
            return files.filter(file -> file.toString().endsWith(".json") && Files.isRegularFile(file))
                .sorted()
                .collect(Collectors.toList());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** @return the output lines of standard output. */
    List<String> outLines()
    {
        return out.lines().collect(Collectors.toList());
    }

    /** @return everything, for assertion messages. */
    String describe()
    {
        return "exit code " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
