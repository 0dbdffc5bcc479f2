package io.stowage.jmh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.options.TimeValue;

import static io.stowage.jmh.PlacementComparisonBenchmark.BATCH;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A run of the comparison's operation by hand on a small cluster, engine by engine: the fill, batches placed in
 * full, the accounting at the trial's end, and the quality counters of the last measurement iteration. Speed is not
 * asserted; JMH is not run.
 */
class PlacementComparisonBenchmarkTest
{
    private static final int AGENTS = 200;
    private static final int BATCHES = 30;

    @ParameterizedTest
    @ValueSource(strings = {
        "stowage", "naive", "fenzoFull", "fenzoFirstFit", "fenzoFullNeverExpire", "fenzoFirstFitNeverExpire"})
    void shouldPlaceEveryBatchAndCountTheAgentsInUse(final String engine)
    {
        final PlacementComparisonBenchmark benchmark = new PlacementComparisonBenchmark();
        final PlacementComparisonBenchmark.Cluster cluster = new PlacementComparisonBenchmark.Cluster();
        cluster.engine = engine;
        cluster.agents = AGENTS;
        cluster.fill();
        final PlacementComparisonBenchmark.Quality quality = new PlacementComparisonBenchmark.Quality();
        final IterationParams measurement = new IterationParams(IterationType.MEASUREMENT, 2, TimeValue.seconds(1), 1);
        try
        {
            quality.beforeIteration(new IterationParams(IterationType.WARMUP, 1, TimeValue.seconds(1), 1));
            assertEquals(BATCH, benchmark.placeBatch(cluster, quality));
            quality.afterIteration();
            assertEquals(0, quality.agentsInUse, "counted in the last measurement iteration only");

            for (int iteration = 0; iteration < 2; iteration++)
            {
                quality.beforeIteration(measurement);
                quality.batches = 0;
                for (int b = 0; b < BATCHES; b++)
                {
                    assertEquals(BATCH, benchmark.placeBatch(cluster, quality), engine + " batch " + b);
                }
                quality.afterIteration();
            }

            assertEquals(BATCHES, quality.batches);
            assertEquals(cluster.runningAfterFill, cluster.allocator.runningTasks());
            final long half = AGENTS * PlacementComparisonBenchmark.FILL_PERCENT / 100;
            assertTrue(Math.abs(quality.agentsLowerBound - half) <= half / 10,
                "lower bound " + quality.agentsLowerBound);
            assertTrue(quality.agentsInUse >= quality.agentsLowerBound, "in use " + quality.agentsInUse);
            assertTrue(quality.agentsInUse <= AGENTS, "in use " + quality.agentsInUse);
        }
        finally
        {
            cluster.verify();
        }
    }

    @Test
    void shouldRejectExpiredLeasesOnlyInTheExpiringRegimeAndOfferThemAgain()
    {
        final FenzoAllocator expiring = fenzo("fenzoFirstFit");
        final FenzoAllocator neverExpiring = fenzo("fenzoFirstFitNeverExpire");
        try
        {
            assertTrue(expiring.rejectedLeases() > 0, "the set-up waits out one expiry period");
            assertEquals(0, neverExpiring.rejectedLeases());
            assertEquals(0, expiring.failedAssignments());
            expiring.verify();
            neverExpiring.verify();
        }
        finally
        {
            expiring.close();
            neverExpiring.close();
        }
    }

    private static FenzoAllocator fenzo(final String engine)
    {
        final PlacementComparisonBenchmark.Cluster cluster = new PlacementComparisonBenchmark.Cluster();
        cluster.engine = engine;
        cluster.agents = AGENTS;
        cluster.fill();
        final FenzoAllocator fenzo = (FenzoAllocator)cluster.allocator;
        for (int b = 0; b < BATCHES; b++)
        {
            assertEquals(BATCH, cluster.churn(), engine + " batch " + b);
        }
        return fenzo;
    }

    @Test
    void shouldRejectAnUnknownEngine()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> PlacementComparisonBenchmark.allocator("mesos", AGENTS));
        assertTrue(ex.getMessage().contains("mesos"), ex.getMessage());
    }
}
