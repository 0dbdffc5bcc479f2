package io.stowage.sim.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest
{
    private static final Pattern IMG_SRC = Pattern.compile("<img\\s[^>]*src=\"([^\"]*)\"");
    private static final List<String> CHARTS = List.of("latency.png", "utilisation.png", "shares.png",
        "rejections.png");
    private static final List<String> COUNTS = List.of("decisions", "placed", "preempted", "revoked", "lost",
        "guardRefusals", "overloadEvents", "allocationOverCapacity", "invariantViolations", "isolationKills",
        "tasksStarved", "peakPending", "heapUsedMegabytes", "seed");

    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldWriteJsonWithEveryRequiredKeyAndType() throws IOException
    {
        final RunReport run = SyntheticRuns.run(true, 42);
        final ReportFiles files = ReportWriter.write(dir.resolve("one/deeper"), run);

        final JsonNode json = mapper.readTree(files.json().toFile());
        assertEquals(dir.resolve("one/deeper/report.json"), files.json());
        assertTrue(json.get("agents").isInt());
        assertEquals(1_000, json.get("agents").intValue());
        assertTrue(json.get("frameworks").isArray());
        assertEquals(SyntheticRuns.FRAMEWORKS.length, json.get("frameworks").size());
        assertTrue(json.get("simulatedSeconds").isNumber());
        assertTrue(json.get("decisionsPerSecond").isNumber());
        for (final String key : COUNTS)
        {
            assertTrue(json.get(key).isIntegralNumber(), key);
        }
        assertEquals(run.decisions, json.get("decisions").longValue());
        assertEquals(run.overloadEvents, json.get("overloadEvents").longValue());
        assertEquals(0, json.get("allocationOverCapacity").longValue());
        assertEquals(0, json.get("invariantViolations").longValue());
        assertTrue(json.get("rejected").isObject());
        assertEquals(45_000, json.get("rejected").get("RATE_LIMITED").longValue());
        json.get("rejected").forEach(count -> assertTrue(count.isIntegralNumber()));
        assertTrue(json.get("utilisation").get("cpus").isNumber());
        assertTrue(json.get("usage").get("mem").isNumber());
        assertTrue(json.get("stateHash").isTextual());
        assertTrue(json.get("recovery").get("stateHashMatches").isBoolean());
        for (final JsonNode framework : json.get("frameworks"))
        {
            assertTrue(framework.get("unplaceableTasks").isIntegralNumber(), framework.toString());
            assertEquals(SyntheticRuns.DIMENSIONS, fieldNames(framework.get("unplaceableDemand")));
            framework.get("unplaceableDemand").forEach(amount -> assertTrue(amount.isNumber()));
        }
        final JsonNode huge = json.get("frameworks").get(3);
        assertEquals("huge", huge.get("name").textValue());
        assertEquals(120, huge.get("unplaceableTasks").longValue());
        assertEquals(1.2e8, huge.get("unplaceableDemand").get("cpus").doubleValue());
        assertEquals(0, json.get("frameworks").get(0).get("unplaceableTasks").longValue());
        assertFalse(json.has("latencyHistogram"));
        assertFalse(json.has("series"));
        assertFalse(json.has("withoutProtections"));
        assertFalse(json.has("comparison"));
    }

    @Test
    void shouldWriteLatencyPercentilesInMicroseconds() throws IOException
    {
        final RunReport run = SyntheticRuns.run(true, 42);
        final JsonNode latency = mapper.readTree(ReportWriter.write(dir, run).json().toFile()).get("latencyMicros");

        for (final String key : List.of("p50", "p99", "p999", "max"))
        {
            assertTrue(latency.get(key).isNumber(), key);
        }
        assertEquals(run.latencyHistogram.getValueAtPercentile(99.0) / 1_000.0, latency.get("p99").doubleValue());
        assertTrue(latency.get("p50").doubleValue() <= latency.get("p99").doubleValue());
        assertTrue(latency.get("p99").doubleValue() <= latency.get("p999").doubleValue());
        assertTrue(latency.get("p999").doubleValue() <= latency.get("max").doubleValue());
    }

    @Test
    void shouldWriteNonFiniteFiguresAsNullSoThatTheJsonStaysValid() throws IOException
    {
        final RunReport run = SyntheticRuns.run(true, 42);
        run.decisionsPerSecond = Double.NaN;
        run.utilisation.put("gpus", Double.POSITIVE_INFINITY);
        run.frameworks.get(0).meanDominantShare = Double.NaN;
        final String text = Files.readString(ReportWriter.write(dir, run).json());

        assertFalse(text.contains("NaN"), text);
        assertFalse(text.contains("Infinity"), text);
        final JsonNode json = mapper.readTree(text);
        assertTrue(json.get("decisionsPerSecond").isNull());
        assertTrue(json.get("utilisation").get("gpus").isNull());
        assertTrue(json.get("frameworks").get(0).get("meanDominantShare").isNull());
        assertEquals(FrameworkReport.NO_FAIR_SHARE, json.get("frameworks").get(6).get("fairShare").doubleValue());
    }

    @Test
    void shouldDrawEveryChartAsADecodablePng() throws IOException
    {
        final ReportFiles files = ReportWriter.write(dir, SyntheticRuns.run(true, 42));

        assertEquals(CHARTS, names(files.charts()));
        for (final Path chart : files.charts())
        {
            final BufferedImage image = ImageIO.read(chart.toFile());
            assertTrue(image != null, chart.toString());
            assertEquals(ChartStyle.WIDTH, image.getWidth(), chart.toString());
            assertEquals(ChartStyle.HEIGHT, image.getHeight(), chart.toString());
        }
        assertTrue(GraphicsEnvironment.isHeadless());
    }

    @Test
    void shouldReferenceEveryChartFromThePageAndShowTheSummaryFigures() throws IOException
    {
        final RunReport run = SyntheticRuns.run(true, 42);
        final ReportFiles files = ReportWriter.write(dir, run);
        final String html = Files.readString(files.html());

        assertEquals(pngsIn(dir), imageSources(html));
        assertEquals(new TreeSet<>(CHARTS), imageSources(html));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("http://") || html.contains("https://"), "no external resource");
        assertTrue(html.contains("<style>"));
        assertTrue(html.contains(">2,345,678<"), "decisions");
        assertTrue(html.contains(">1,234,567<"), "placed");
        assertTrue(html.contains(">45,000<"), "rejected RATE_LIMITED");
        assertTrue(html.contains(">" + Figures.decimal(run.latencyMicros.p99) + "<"), "p99");
        assertTrue(html.contains("allocation over capacity (must be 0)"));
        assertTrue(html.contains("Allocator recovery"));
        assertTrue(html.contains("1,048,576"), "journal records");
        assertTrue(html.contains("<td class=\"text\">scavenger<br><small>best-effort, role dev</small></td>"), html);
        assertTrue(html.contains("<th title=\"pending at the end, and no registered agent could hold them even " +
            "empty: the autoscaling signal\">fits no agent</th>"));
        assertTrue(html.contains("<td class=\"num\">160<small class=\"parts\"><br>cpus 240.0<br>mem 983,040" +
            "</small></td>"), "never: its tasks that fit no agent and their demand, without the zero disk");
        assertTrue(html.contains("<td class=\"num\">120<small class=\"parts\"><br>cpus 1.2e8<br>mem 4.9e11" +
            "</small></td>"), "huge");
        assertEquals(List.of(files.json(), files.html(), dir.resolve("latency.png"), dir.resolve("utilisation.png"),
            dir.resolve("shares.png"), dir.resolve("rejections.png")), files.all());
    }

    @Test
    void shouldWriteBothRunsAndTheHeadlineComparisonInCompareMode() throws IOException
    {
        final RunReport with = SyntheticRuns.run(true, 42);
        final RunReport without = SyntheticRuns.run(false, 42);
        final ReportFiles files = ReportWriter.write(dir, with, without);

        final JsonNode json = mapper.readTree(files.json().toFile());
        assertEquals("with protections", json.get("label").textValue());
        assertEquals(with.decisions, json.get("decisions").longValue());
        assertEquals("without protections", json.get("withoutProtections").get("label").textValue());
        assertEquals(5_432, json.get("withoutProtections").get("overloadEvents").longValue());
        assertFalse(json.get("withoutProtections").has("comparison"));
        final JsonNode comparison = json.get("comparison");
        for (final String key : List.of("overloadEvents", "isolationKills", "lost", "tasksStarved", "preempted",
            "revoked", "rejectedTotal", "latencyP99Micros", "nonFlooderLatencyP99Micros", "allocationOverCapacity",
            "invariantViolations"))
        {
            assertTrue(comparison.get(key).get("with").isNumber(), key);
            assertTrue(comparison.get(key).get("without").isNumber(), key);
        }
        assertEquals(0, comparison.get("overloadEvents").get("with").longValue());
        assertEquals(5_432, comparison.get("overloadEvents").get("without").longValue());
        assertEquals(60_456, comparison.get("rejectedTotal").get("with").longValue());
        assertEquals(26.0, comparison.get("nonFlooderLatencyP99Micros").get("with").doubleValue());
        assertEquals(110.0, comparison.get("nonFlooderLatencyP99Micros").get("without").doubleValue());

        final String html = Files.readString(files.html());
        assertTrue(html.contains("<th>with protections</th><th>without protections</th>"));
        assertTrue(html.contains("<tr class=\"differs\"><th>overload events</th><td class=\"num\">0</td>" +
            "<td class=\"num\">5,432</td></tr>"), html);
        assertTrue(html.contains("<tr><th>lost</th><td class=\"num\">12</td><td class=\"num\">12</td></tr>"));
        assertEquals(pngsIn(dir), imageSources(html));
        for (final Path chart : files.charts())
        {
            final BufferedImage image = ImageIO.read(chart.toFile());
            final int width = chart.endsWith("latency.png") ? ChartStyle.WIDTH : 2 * ChartStyle.COMPARE_WIDTH;
            assertEquals(width, image.getWidth(), chart.toString());
        }
    }

    @Test
    void shouldEscapeEveryStringTakenFromTheModel() throws IOException
    {
        final RunReport run = SyntheticRuns.run(true, 42);
        run.label = "<script>alert(\"x\")</script>";
        run.frameworks.get(0).name = "a&b <c> \"d\"";
        run.frameworks.get(1).kind = "<b>";
        run.rejected.put("<img src=x>", 1L);
        run.stateHash = "'&'";
        final String html = Files.readString(ReportWriter.write(dir, run).html());

        assertFalse(html.contains("<script>"));
        assertFalse(html.contains("<b>"));
        assertFalse(html.contains("<img src=x>"));
        assertFalse(html.contains("<c>"));
        assertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
        assertTrue(html.contains("a&amp;b &lt;c&gt; &quot;d&quot;"));
        assertTrue(html.contains("&#39;&amp;&#39;"));
        assertEquals(new TreeSet<>(CHARTS), imageSources(html));
    }

    @Test
    void shouldLeaveOutTheChartsThatHaveNoData() throws IOException
    {
        final RunReport run = SyntheticRuns.run(true, 42);
        run.series = null;
        run.latencyHistogram = null;
        final ReportFiles files = ReportWriter.write(dir, run);

        assertTrue(files.charts().isEmpty());
        assertTrue(pngsIn(dir).isEmpty());
        assertTrue(imageSources(Files.readString(files.html())).isEmpty());
        assertTrue(mapper.readTree(files.json().toFile()).get("latencyMicros").get("p99").isNumber());
    }

    @Test
    void shouldNameThePathWhenTheDirectoryCannotBeCreated() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        final Path target = file.resolve("report");

        final UncheckedIOException ex = assertThrows(UncheckedIOException.class,
            () -> ReportWriter.write(target, SyntheticRuns.run(true, 42)));
        assertTrue(ex.getMessage().contains(target.toAbsolutePath().toString()), ex.getMessage());
        assertTrue(ex.getMessage().contains(file.toString()), ex.getMessage());
    }

    private static List<String> fieldNames(final JsonNode node)
    {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> imageSources(final String html)
    {
        final Set<String> sources = new TreeSet<>();
        final Matcher matcher = IMG_SRC.matcher(html);
        while (matcher.find())
        {
            sources.add(matcher.group(1));
        }
        return sources;
    }

    private static Set<String> pngsIn(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            final Set<String> names = new TreeSet<>();
            files.filter(file -> file.toString().endsWith(".png")).forEach(file -> names.add(name(file)));
            return names;
        }
    }

    private static List<String> names(final List<Path> files)
    {
        final List<String> names = new ArrayList<>();
        files.forEach(file -> names.add(name(file)));
        return names;
    }

    private static String name(final Path file)
    {
        return file.getFileName().toString();
    }
}
