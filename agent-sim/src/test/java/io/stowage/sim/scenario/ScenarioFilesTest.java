package io.stowage.sim.scenario;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every scenario file the project holds passes: the shared acceptance scenarios beside the repository, the module's
 * own scenarios, and the passing cases written for the runner's tests.
 */
class ScenarioFilesTest
{
    /** Overrides where the shared scenarios are; by default {@code ../shared/scenarios} of the repository root. */
    static final String SHARED_PROPERTY = "stowage.sharedScenarios";

    @TestFactory
    Stream<DynamicTest> shouldPassEverySharedScenario()
    {
        final String override = System.getProperty(SHARED_PROPERTY);
        final Path shared = override != null ? Path.of(override) :
            ScenarioRun.MODULE_DIR.getParent().resolveSibling("shared").resolve("scenarios");
        return eachPasses(shared, "no shared scenarios at " + shared + " (set -D" + SHARED_PROPERTY + "=DIR)");
    }

    @TestFactory
    Stream<DynamicTest> shouldPassEveryScenarioOfTheModule()
    {
        final Path scenarios = ScenarioRun.MODULE_DIR.resolve("src/test/resources/scenarios");
        return eachPasses(scenarios, "no scenario files under " + scenarios);
    }

    @TestFactory
    Stream<DynamicTest> shouldPassEveryPassingCase()
    {
        final Path cases = ScenarioRun.CASES.resolve("pass");
        return eachPasses(cases, "no passing cases under " + cases);
    }

    private static Stream<DynamicTest> eachPasses(final Path directory, final String whyNone)
    {
        final List<Path> files = ScenarioRun.jsonFiles(directory);
        if (files.isEmpty())
        {
            return Stream.of(DynamicTest.dynamicTest(directory.getFileName().toString(),
                () -> Assumptions.assumeTrue(false, whyNone)));
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(directory.relativize(file).toString(), () ->
        {
            assertTrue(Files.isReadable(file), file + " is not readable");
            final ScenarioRun run = ScenarioRun.of(file.toString());
            assertEquals(0, run.exitCode(), run::describe);
            assertTrue(run.out().matches("\\d+ passed, 0 failed\\R"), run::describe);
            assertEquals("", run.err(), run::describe);
        }));
    }
}
