package io.stowage.sim.cluster;

import java.util.Map;

/**
 * Wall time spent in each phase of the simulated seconds, summed over the run: where a run's wall time goes, for the
 * progress line and report.json's {@code phaseSeconds}. The driver marks the end of each phase in order; rounds run
 * within the submit phase are moved to the round phase, so that the round phase holds every allocation round.
 */
final class PhaseTimes
{
    /** The agent shards step their agents. */
    static final int AGENTS = 0;
    /** The agent queues are read into the engine's ring. */
    static final int QUEUES = 1;
    /** The engine applies the agents' inputs. */
    static final int APPLY = 2;
    /** The frameworks submit. */
    static final int SUBMIT = 3;
    /** Ticks: heartbeat timeouts and the allocation rounds. */
    static final int ROUND = 4;
    /** The sampler reads the cluster for the report. */
    static final int SAMPLE = 5;
    /** The phases' names, in order, as report.json names them. */
    private static final String[] NAMES = {"agents", "queues", "apply", "submit", "round", "sample"};

    private final long[] nanos = new long[NAMES.length];

    /**
     * Ends a phase.
     *
     * @param phase      the phase that ends.
     * @param startNanos when it started ({@link System#nanoTime()}).
     * @return now, when the next phase starts.
     */
    long end(final int phase, final long startNanos)
    {
        final long now = System.nanoTime();
        nanos[phase] += now - startNanos;
        return now;
    }

    /**
     * Books wall time measured as part of one phase to another instead.
     *
     * @param from      the phase it was measured in.
     * @param to        the phase it belongs to.
     * @param moveNanos how much.
     */
    void move(final int from, final int to, final long moveNanos)
    {
        nanos[from] -= moveNanos;
        nanos[to] += moveNanos;
    }

    /**
     * @param phase a phase.
     * @return its wall seconds so far.
     */
    double seconds(final int phase)
    {
        return nanos[phase] / 1e9;
    }

    /** @param into filled with each phase's wall seconds by name, in phase order. */
    void putSeconds(final Map<String, Double> into)
    {
        for (int i = 0; i < NAMES.length; i++)
        {
            into.put(NAMES[i], seconds(i));
        }
    }

    /**
     * @return the wall seconds of each phase so far, as the progress line shows them: "agents 1.2, queues 0.4, ...",
     * in the default locale like the rest of that line.
     */
    String progress()
    {
        final StringBuilder sb = new StringBuilder(80);
        for (int i = 0; i < NAMES.length; i++)
        {
            sb.append(i == 0 ? "" : ", ").append(NAMES[i]).append(String.format(" %.1f", seconds(i)));
        }
        return sb.toString();
    }
}
