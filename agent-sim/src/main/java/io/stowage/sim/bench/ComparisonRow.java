package io.stowage.sim.bench;

/**
 * One trial of the comparison, as JMH reported it.
 *
 * @param engine                 the engine.
 * @param agents                 the cluster size.
 * @param tasksPerSecond         JMH's score: tasks placed per second.
 * @param error                  JMH's 99.9 % error of the score; NaN when too few iterations were measured.
 * @param agentsInUse            agents running a task at the end of the trial.
 * @param agentsLowerBound       running demand over one agent's size, rounded up, at the end of the trial.
 * @param batches                batches of 100 tasks measured, over all measurement iterations.
 * @param warmupIterations       JMH's warm-up iterations.
 * @param measurementIterations  JMH's measurement iterations.
 * @param jdk                    the JDK of the fork: version, VM name and VM version.
 */
public record ComparisonRow(
    Engine engine,
    int agents,
    double tasksPerSecond,
    double error,
    long agentsInUse,
    long agentsLowerBound,
    long batches,
    int warmupIterations,
    int measurementIterations,
    String jdk)
{
    /** @return agents in use over the lower bound. */
    public double packingRatio()
    {
        return agentsLowerBound == 0 ? Double.NaN : (double)agentsInUse / agentsLowerBound;
    }

    /** @return true if the trial ran bounded: one measured iteration, no warm-up. */
    public boolean bounded()
    {
        return warmupIterations == 0 && measurementIterations == 1;
    }
}
