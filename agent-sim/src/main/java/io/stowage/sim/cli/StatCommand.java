package io.stowage.sim.cli;

import io.stowage.engine.CountersFileException;
import io.stowage.engine.EngineCountersReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code stowage stat DIR}: maps the counters file of a running engine ({@code DIR/stowage-counters.dat}) read-only
 * from this process and prints its counters like a live top, with rates per second, until interrupted.
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    versionProvider = StowageVersion.class,
    description = {
        "Shows the counters of a running Stowage engine from another process, refreshed like top.",
        "Exits 0 when done, 2 if the counters file is missing or malformed or the command line is bad."})
final class StatCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "the engine's counters directory (or the counters file)")
    Path directory;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "1",
        description = "seconds between refreshes (default: ${DEFAULT-VALUE})")
    double intervalSeconds;

    @Option(names = "--once", description = "print the counters once and exit")
    boolean once;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
        description = "exit after N refreshes (default: 0, run until interrupted)")
    int count;

    @Override
    public Integer call()
    {
        if (!(intervalSeconds > 0) || intervalSeconds > TimeUnit.DAYS.toSeconds(1))
        {
            throw new ParameterException(spec.commandLine(), "--interval must be above 0 and at most a day");
        }
        if (count < 0)
        {
            throw new ParameterException(spec.commandLine(), "--count must be 0 or more");
        }
        final PrintWriter out = spec.commandLine().getOut();
        final EngineCountersReader reader;
        try
        {
            reader = EngineCountersReader.map(directory);
        }
        catch (final CountersFileException ex)
        {
            spec.commandLine().getErr().println("stat: " + ex.getMessage());
            return 2;
        }
        try (reader)
        {
            final StatView view = new StatView(reader);
            final boolean clearScreen = !once && System.console() != null;
            final long intervalNanos = (long)(intervalSeconds * 1e9);
            for (int refresh = 1; ; refresh++)
            {
                if (clearScreen)
                {
                    out.print("\033[H\033[2J");
                }
                view.print(out, System.nanoTime());
                out.flush();
                if (once || refresh == count)
                {
                    return 0;
                }
                if (!clearScreen)
                {
                    out.println();
                }
                TimeUnit.NANOSECONDS.sleep(intervalNanos);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
