package io.stowage.sim.bench;

import java.util.List;

/**
 * How long JMH measures: forks, warm-up and measurement iterations and their duration in seconds. An iteration
 * lasts at least one operation, so an engine whose batch takes longer than an iteration measures one batch per
 * iteration. JMH's iteration timeout is raised to {@value #TIMEOUT}: JMH counts a trial's set-up in its first
 * iteration, Fenzo's set-up at 50,000 agents takes minutes, and on timeout JMH interrupts the benchmark thread, which
 * Fenzo's scheduling call would see in the middle of its work.
 *
 * @param forks             JVM forks per trial ({@code -f}).
 * @param warmupIterations  warm-up iterations ({@code -wi}).
 * @param iterations        measurement iterations ({@code -i}).
 * @param iterationSeconds  seconds per iteration, warm-up and measurement ({@code -w}, {@code -r}).
 */
public record JmhSettings(int forks, int warmupIterations, int iterations, int iterationSeconds)
{
    /** JMH's iteration timeout ({@code -to}). */
    public static final String TIMEOUT = "60m";

    /** {@code --quick}: one fork, one warm-up and three measured iterations of 2 s (three for an error bar). */
    public static final JmhSettings QUICK = new JmhSettings(1, 1, 3, 2);
    /** The default: one fork, two warm-up and five measured iterations of 2 s. */
    public static final JmhSettings FULL = new JmhSettings(1, 2, 5, 2);
    /** Fenzo with leases that never expire at 50,000 agents and more: one measured batch, no warm-up. */
    public static final JmhSettings BOUNDED = new JmhSettings(1, 0, 1, 1);

    /** @return the JMH options. */
    public List<String> options()
    {
        return List.of(
            "-f", Integer.toString(forks),
            "-wi", Integer.toString(warmupIterations),
            "-i", Integer.toString(iterations),
            "-w", iterationSeconds + "s",
            "-r", iterationSeconds + "s",
            "-to", TIMEOUT);
    }
}
