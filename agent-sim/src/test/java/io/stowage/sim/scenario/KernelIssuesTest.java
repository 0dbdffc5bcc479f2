package io.stowage.sim.scenario;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Scenarios that follow ../shared/SCENARIOS.md but that the kernel of this branch does not pass. The runner may not
 * change the kernel, so these stay disabled until the kernel is fixed; each reason names the rule.
 */
class KernelIssuesTest
{
    @Test
    @Disabled("kernel: the headroom check treats clusterFree - request as the free capacity after placing, ignoring " +
        "what preemption frees, so with no guarantees at all a task never preempts when the cluster's total free " +
        "capacity is below its request (fixed on main by c98657f: headroom only with an unmet guarantee)")
    void shouldPreemptWhenTheWholeClusterIsFull()
    {
        assertPasses("kernel-issues/preemption-in-a-full-cluster.json");
    }

    @Test
    @Disabled("kernel: the headroom held for other roles' unmet guarantees is checked before preemption with " +
        "clusterFree - request, so a task whose victims would leave enough headroom is blocked (also on main)")
    void shouldCountWhatPreemptionFreesInTheHeadroom()
    {
        assertPasses("kernel-issues/headroom-counts-preempted-victims.json");
    }

    private static void assertPasses(final String scenarioCase)
    {
        final ScenarioRun run = ScenarioRun.of(ScenarioRun.scenarioCase(scenarioCase));
        assertEquals(0, run.exitCode(), run::describe);
    }
}
