package io.stowage.sim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code stowage} command line: the entry point of the shaded jar that {@code ./stowage} runs.
 * Exit codes: 0 done, 1 the run failed (for {@code simulate}: an invariant violation), 2 bad command line.
 */
@Command(
    name = "stowage",
    mixinStandardHelpOptions = true,
    versionProvider = StowageVersion.class,
    description = "Stowage: an allocator kernel that decides which agent runs which task, without ever placing "
        + "more on an agent than it can hold.",
    subcommands = {
        SimulateCommand.class, ScenarioCommand.class, StatCommand.class, BenchCommand.class, ServeCommand.class,
        CommandLine.HelpCommand.class})
public final class StowageCommand implements Runnable
{
    @Spec
    CommandSpec spec;

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new StowageCommand()).execute(args));
    }

    @Override
    public void run()
    {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand (try: stowage simulate)");
    }
}
