package io.stowage.sim.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ComparisonTableTest
{
    private static final RunContext CONTEXT = new RunContext("2026-11-27 07:00 UTC", "./stowage bench --quick",
        List.of("java -jar jmh/target/benchmarks.jar PlacementComparisonBenchmark -foe true"), 2, "AMD EPYC",
        "docs/results/jmh-comparison-2026-11-27-quick.json", "2 min 41 s");

    @Test
    void shouldPrintOneRowPerTrialWithSpeedRatioAndPacking() throws Exception
    {
        final String table = ComparisonTable.render(ComparisonResults.read(ComparisonResultsTest.sample()), CONTEXT);

        assertTrue(table.contains(
            "| 10,000 | Fenzo full scan | expire after 1 s | 311 | — | 6,672× | 5,001 | 5,001 | 1.000 | 13 |"),
            table);
        assertTrue(table.contains("| 10,000 | Stowage | — | 2,073,323 | 123,457 | 1.0× | 5,004 | 5,003 | 1.000 " +
            "| 82,974 |"), table);
        assertTrue(table.contains("| 1,000 | naive best fit | — | 283,761 | — | 6.1× | 506 | 505 | 1.002 | 42 |"),
            table);
        assertTrue(table.contains("| 10,000 | Fenzo first fit | never expire | 46.5 |"), table);
    }

    @Test
    void shouldSayWhenWhereAndHowTheFiguresWereMade() throws Exception
    {
        final String table = ComparisonTable.render(ComparisonResults.read(ComparisonResultsTest.sample()), CONTEXT);

        assertTrue(table.startsWith("Run of 2026-11-27 07:00 UTC on 2 cores (`nproc`), AMD EPYC, " +
            "OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1. Command: `./stowage bench --quick` (2 min 41 s)"),
            table);
        assertTrue(table.contains("java -jar jmh/target/benchmarks.jar PlacementComparisonBenchmark -foe true\n"),
            table);
        assertTrue(table.contains("`docs/results/jmh-comparison-2026-11-27-quick.json`"), table);
    }

    @Test
    void shouldMarkABoundedTrialAndSayWhy() throws Exception
    {
        final String table = ComparisonTable.render(ComparisonResults.read(ComparisonResultsTest.sample()), CONTEXT);

        assertTrue(table.contains("| 50,000 | Fenzo full scan † | never expire | 0.50 |"), table);
        assertTrue(table.contains("† Bounded:"), table);
        assertTrue(table.contains("Fenzo full scan at 50,000 agents: 200 s for the batch."), table);
        assertTrue(table.contains("`-wi 0 -i 1`"), table);
    }

    @Test
    void shouldReportTheTargetsAtTenThousandAgentsAndTheGapBeyond() throws Exception
    {
        final String table = ComparisonTable.render(ComparisonResults.read(ComparisonResultsTest.sample()), CONTEXT);

        assertTrue(table.contains("| 10,000 | Fenzo full scan, offers expire after 1 s | 6,672× | ≥ 1,000×: met " +
            "| 1.001 | ≤ 1.05: met |"), table);
        assertTrue(table.contains("| 10,000 | Fenzo first fit, offers expire after 1 s | 1,445× | ≥ 100×: met |"),
            table);
        assertTrue(table.contains("| 50,000 | Fenzo full scan, offers never expire † | 1,443,046× | — |"), table);
    }

    @Test
    void shouldLeaveTheTargetsOutWithoutStowageOrFenzo() throws Exception
    {
        final List<ComparisonRow> naiveOnly = ComparisonResults.read(ComparisonResultsTest.sample()).stream()
            .filter(row -> row.engine() == Engine.NAIVE)
            .toList();

        final String table = ComparisonTable.render(naiveOnly, CONTEXT);

        assertFalse(table.contains("Targets"), table);
        assertTrue(table.contains("| 1,000 | naive best fit | — | 283,761 | — | — |"), table);
    }
}
