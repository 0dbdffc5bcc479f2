package io.stowage.sim.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static io.stowage.sim.bench.Engine.*;
import static org.junit.jupiter.api.Assertions.*;

class BenchPlanTest
{
    private static final Path RESULT = Path.of("docs/results/comparison.json");

    @Test
    void shouldRunEverythingInOneJmhRunBelowTheBound()
    {
        final BenchPlan plan = new BenchPlan(Engine.all(), List.of(1_000, 10_000), JmhSettings.QUICK);

        final List<JmhInvocation> runs = plan.invocations(RESULT);

        assertEquals(1, runs.size());
        assertEquals(RESULT, runs.get(0).resultFile());
        assertEquals(List.of("PlacementComparisonBenchmark", "-foe", "true",
            "-f", "1", "-wi", "1", "-i", "3", "-w", "2s", "-r", "2s", "-to", "60m",
            "-p", "engine=stowage,naive,fenzoFull,fenzoFirstFit,fenzoFullNeverExpire,fenzoFirstFitNeverExpire",
            "-p", "agents=1000,10000",
            "-rf", "json", "-rff", RESULT.toString()), runs.get(0).arguments());
    }

    @Test
    void shouldBoundFenzoWithLeasesThatNeverExpireAtFiftyThousandAgents()
    {
        final BenchPlan plan = new BenchPlan(Engine.all(), List.of(1_000, 10_000, 50_000), JmhSettings.FULL);

        final List<JmhInvocation> runs = plan.invocations(RESULT);

        assertEquals(3, runs.size());
        assertEquals(Engine.all(), runs.get(0).engines());
        assertEquals(List.of(1_000, 10_000), runs.get(0).agents());
        assertEquals(JmhSettings.FULL, runs.get(0).settings());
        assertEquals(List.of(STOWAGE, NAIVE, FENZO_FULL, FENZO_FIRST_FIT), runs.get(1).engines());
        assertEquals(List.of(50_000), runs.get(1).agents());
        assertEquals(JmhSettings.FULL, runs.get(1).settings());
        assertEquals(List.of(FENZO_FULL_NEVER_EXPIRE, FENZO_FIRST_FIT_NEVER_EXPIRE), runs.get(2).engines());
        assertEquals(List.of(50_000), runs.get(2).agents());
        assertEquals(JmhSettings.BOUNDED, runs.get(2).settings());
        assertEquals(Path.of("docs/results/comparison.part-3.json"), runs.get(2).resultFile());
    }

    @Test
    void shouldBoundOnlyTheNeverExpireRegime()
    {
        assertTrue(BenchPlan.isBounded(FENZO_FIRST_FIT_NEVER_EXPIRE, 50_000));
        assertFalse(BenchPlan.isBounded(FENZO_FIRST_FIT_NEVER_EXPIRE, 10_000));
        assertFalse(BenchPlan.isBounded(FENZO_FULL, 100_000));
        assertFalse(BenchPlan.isBounded(STOWAGE, 100_000));
    }
}
