package io.stowage.sim.report;

import java.util.List;

/**
 * One line of the summary: a figure of each run, as text.
 *
 * @param section  the group it belongs to, such as "latency" or "shares".
 * @param label    what the figure is.
 * @param values   the figure of each run, in the order of the runs.
 * @param mustBeZero true if any value other than 0 is a failure.
 */
record SummaryRow(String section, String label, List<String> values, boolean mustBeZero)
{
    /** @return true if the runs' values are not all the same. */
    boolean differs()
    {
        return values.stream().distinct().count() > 1;
    }

    /**
     * @param run index of the run.
     * @return true if the figure must be zero and that run's is not.
     */
    boolean failed(final int run)
    {
        return mustBeZero && !"0".equals(values.get(run));
    }
}
