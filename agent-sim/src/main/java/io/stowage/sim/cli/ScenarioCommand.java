package io.stowage.sim.cli;

import io.stowage.sim.scenario.ScenarioSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code stowage scenario FILE...}: runs scenario files against the embedded kernel and checks their expectations
 * (see ../shared/SCENARIOS.md).
 */
@Command(
    name = "scenario",
    mixinStandardHelpOptions = true,
    versionProvider = StowageVersion.class,
    description = {
        "Runs scenario files against the allocator kernel and checks their expectations.",
        "Prints one line per failed expectation, then '<P> passed, <F> failed'.",
        "Exits 0 if every expectation held, 1 if any failed, 2 if a file is unreadable or malformed."})
final class ScenarioCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "scenario files (JSON)")
    List<String> files;

    @Override
    public Integer call()
    {
        return ScenarioSuite.run(files, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
