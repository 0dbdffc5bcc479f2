package io.stowage.sim.cli;

import io.stowage.core.PlacementPolicy;
import io.stowage.sim.demo.DemoReport;
import io.stowage.sim.demo.DemoSettings;
import io.stowage.sim.demo.KernelDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code stowage simulate}: the main job. Until the full simulator (agents and frameworks over Chronicle IPC, fault
 * injection, reports) exists, it runs a small built-in demo of the kernel, {@link KernelDemo}.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    versionProvider = StowageVersion.class,
    description = {
        "Runs a seeded demo of the allocator kernel: places tasks on simulated agents and prints what it did.",
        "Exits 1 if the kernel's invariant checker finds a violation."})
final class SimulateCommand implements Callable<Integer>
{
    static final int MAX_AGENTS = 1_000_000;
    static final int MAX_TASKS = 100_000_000;

    @Spec
    CommandSpec spec;

    private int agents;
    private int tasks;
    private int checkEvery;

    @Option(names = "--policy", paramLabel = "binpack|spread", defaultValue = "binpack",
        converter = PolicyConverter.class, description = "placement policy (default: ${DEFAULT-VALUE})")
    PlacementPolicy policy;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
        description = "seed of every random choice (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--agents", paramLabel = "N", defaultValue = "20000",
        description = "simulated agents, 1 to " + MAX_AGENTS + " (default: ${DEFAULT-VALUE})")
    void agents(final int value)
    {
        agents = inRange("--agents", value, 1, MAX_AGENTS);
    }

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "200000",
        description = "task requests to submit, 1 to " + MAX_TASKS + " (default: ${DEFAULT-VALUE})")
    void tasks(final int value)
    {
        tasks = inRange("--tasks", value, 1, MAX_TASKS);
    }

    @Option(names = "--check-every", paramLabel = "N", defaultValue = "10000",
        description = "kernel operations between invariant checks, at least 1 (default: ${DEFAULT-VALUE})")
    void checkEvery(final int value)
    {
        checkEvery = inRange("--check-every", value, 1, Integer.MAX_VALUE);
    }

    @Override
    public Integer call()
    {
        final DemoReport report = KernelDemo.run(new DemoSettings(agents, tasks, policy, seed, checkEvery));
        report.print(spec.commandLine().getOut());
        return report.hasViolations() ? 1 : 0;
    }

    private int inRange(final String option, final int value, final int min, final int max)
    {
        if (value < min || value > max)
        {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                "Invalid value for option '%s': %d is out of range; it must be %,d to %,d", option, value, min, max));
        }
        return value;
    }

    /** Accepts {@code binpack} or {@code spread}, in any case. */
    static final class PolicyConverter implements ITypeConverter<PlacementPolicy>
    {
        @Override
        public PlacementPolicy convert(final String value)
        {
            for (final PlacementPolicy policy : PlacementPolicy.values())
            {
                if (policy.name().equalsIgnoreCase(value))
                {
                    return policy;
                }
            }
            throw new TypeConversionException("'" + value + "' is not a placement policy; use binpack or spread");
        }
    }
}
