package io.stowage.jmh;

import io.stowage.core.TaskEndCause;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run of the preemption benchmark's operation by hand on a small cluster: every operation places its task by
 * preempting at least one victim, the cluster is full again after it, and the trial's own check passes. Speed is not
 * asserted; JMH is not run.
 */
class PreemptionBenchmarkTest
{
    private static final int AGENTS = 200;
    private static final int OPERATIONS = 20_000;

    @Test
    void shouldPreemptInEveryOperationAndKeepTheClusterFull()
    {
        final PreemptionBenchmark benchmark = new PreemptionBenchmark();
        final PreemptionBenchmark.Cluster cluster = new PreemptionBenchmark.Cluster();
        cluster.agents = AGENTS;
        cluster.fill();
        assertEquals(AGENTS * 32, cluster.runningAfterFill);
        long preempted = cluster.kernel.view().endedTasks(TaskEndCause.PREEMPTED);
        for (int i = 0; i < OPERATIONS; i++)
        {
            assertTrue(benchmark.preemptAndPlace(cluster) >= 0, "operation " + i);
            final long now = cluster.kernel.view().endedTasks(TaskEndCause.PREEMPTED);
            assertTrue(now - preempted >= 2, "operation " + i + " preempted " + (now - preempted));
            preempted = now;
            assertEquals(cluster.runningAfterFill, cluster.kernel.view().runningTaskCount(), "operation " + i);
        }
        assertEquals(0, cluster.failures);
        assertEquals(OPERATIONS, cluster.operations);
        cluster.verify();
    }
}
