package io.stowage.sim.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ComparisonResultsTest
{
    @TempDir
    Path directory;

    static Path sample() throws URISyntaxException
    {
        return Path.of(ComparisonResultsTest.class.getResource("/bench/sample-comparison.json").toURI());
    }

    @Test
    void shouldReadEveryComparisonTrialBySizeThenEngineAndSkipOtherBenchmarks() throws Exception
    {
        final List<ComparisonRow> rows = ComparisonResults.read(sample());

        assertEquals(14, rows.size());
        assertEquals(Engine.STOWAGE, rows.get(0).engine());
        assertEquals(1_000, rows.get(0).agents());
        assertEquals(Engine.FENZO_FIRST_FIT_NEVER_EXPIRE, rows.get(5).engine());
        assertEquals(Engine.STOWAGE, rows.get(12).engine());
        assertEquals(50_000, rows.get(12).agents());
        assertEquals(Engine.FENZO_FULL_NEVER_EXPIRE, rows.get(13).engine());
    }

    @Test
    void shouldReadTheScoreTheErrorAndTheQualityCounters() throws Exception
    {
        final ComparisonRow fenzo = find(ComparisonResults.read(sample()), Engine.FENZO_FULL, 10_000);
        final ComparisonRow stowage = find(ComparisonResults.read(sample()), Engine.STOWAGE, 10_000);

        assertEquals(310.737, fenzo.tasksPerSecond(), 0.001);
        assertTrue(Double.isNaN(fenzo.error()), "JMH writes \"NaN\" as a string");
        assertEquals(123_456.7, stowage.error(), 1e-9);
        assertEquals(5_001, fenzo.agentsInUse());
        assertEquals(5_001, fenzo.agentsLowerBound());
        assertEquals(13, fenzo.batches());
        assertEquals(1, fenzo.warmupIterations());
        assertEquals(2, fenzo.measurementIterations());
        assertFalse(fenzo.bounded());
        assertEquals("OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1", fenzo.jdk());
        assertEquals(5_004.0 / 5_003.0, stowage.packingRatio(), 1e-12);
    }

    @Test
    void shouldTellABoundedTrialByItsIterations() throws Exception
    {
        assertTrue(find(ComparisonResults.read(sample()), Engine.FENZO_FULL_NEVER_EXPIRE, 50_000).bounded());
    }

    @Test
    void shouldRefuseAFileThatIsNotJmhJsonNamingIt() throws IOException
    {
        final Path object = Files.writeString(directory.resolve("object.json"), "{\"benchmark\": \"x\"}");
        final Path text = Files.writeString(directory.resolve("text.json"), "Benchmark  Mode  Cnt  Score");

        final IllegalArgumentException notArray =
            assertThrows(IllegalArgumentException.class, () -> ComparisonResults.read(object));
        final IllegalArgumentException notJson =
            assertThrows(IllegalArgumentException.class, () -> ComparisonResults.read(text));

        assertTrue(notArray.getMessage().contains("object.json"), notArray.getMessage());
        assertTrue(notJson.getMessage().contains("text.json"), notJson.getMessage());
    }

    @Test
    void shouldRefuseATrialWithoutItsQualityCounters() throws IOException
    {
        final Path file = Files.writeString(directory.resolve("no-counters.json"), """
            [{"benchmark": "io.stowage.jmh.PlacementComparisonBenchmark.placeBatch",
              "params": {"agents": "1000", "engine": "stowage"},
              "primaryMetric": {"score": 1.0, "scoreError": "NaN"},
              "secondaryMetrics": {}}]
            """);

        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> ComparisonResults.read(file));

        assertTrue(ex.getMessage().contains("agentsInUse"), ex.getMessage());
    }

    @Test
    void shouldRefuseAnUnknownEngineNamingIt() throws IOException
    {
        final Path file = Files.writeString(directory.resolve("engine.json"), """
            [{"benchmark": "io.stowage.jmh.PlacementComparisonBenchmark.placeBatch",
              "params": {"agents": "1000", "engine": "yarn"}}]
            """);

        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> ComparisonResults.read(file));

        assertTrue(ex.getMessage().contains("yarn"), ex.getMessage());
    }

    @Test
    void shouldMergeSeveralRunsIntoOneJmhArray() throws Exception
    {
        final Path empty = Files.writeString(directory.resolve("empty.json"), "[]");
        final Path merged = directory.resolve("out/merged.json");

        ComparisonResults.merge(List.of(sample(), empty, sample()), merged);

        assertEquals(28, ComparisonResults.read(merged).size());
    }

    private static ComparisonRow find(final List<ComparisonRow> rows, final Engine engine, final int agents)
    {
        return rows.stream().filter(row -> row.engine() == engine && row.agents() == agents).findFirst().orElseThrow();
    }
}
