package io.stowage.sim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads the comparison's rows from JMH's JSON results, and merges the results of several JMH runs into one file. */
public final class ComparisonResults
{
    /** The benchmark method whose trials are read; others in the file are skipped. */
    public static final String BENCHMARK = "io.stowage.jmh.PlacementComparisonBenchmark.placeBatch";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ComparisonResults()
    {
    }

    /**
     * @param file JMH's JSON ({@code -rf json}).
     * @return the comparison's trials, by cluster size then engine in table order.
     * @throws IOException if the file cannot be read.
     * @throws IllegalArgumentException if it is not JMH's JSON or a comparison trial lacks a figure.
     */
    public static List<ComparisonRow> read(final Path file) throws IOException
    {
        final JsonNode root;
        try
        {
            root = MAPPER.readTree(file.toFile());
        }
        catch (final com.fasterxml.jackson.core.JsonProcessingException ex)
        {
            throw new IllegalArgumentException(file + " is not JSON: " + ex.getOriginalMessage(), ex);
        }
        if (root == null || !root.isArray())
        {
            throw new IllegalArgumentException(file + " is not JMH's JSON: expected an array of benchmark results");
        }
        final List<ComparisonRow> rows = new ArrayList<>();
        for (final JsonNode result : root)
        {
            if (BENCHMARK.equals(result.path("benchmark").asText()))
            {
                rows.add(row(file, result));
            }
        }
        rows.sort(Comparator.comparingInt(ComparisonRow::agents).thenComparing(ComparisonRow::engine));
        return rows;
    }

    private static ComparisonRow row(final Path file, final JsonNode result)
    {
        final JsonNode params = result.path("params");
        final String where = file + ", trial " + params;
        final Engine engine;
        try
        {
            engine = Engine.of(required(params, "engine", where).asText());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
        }
        final JsonNode primary = required(result, "primaryMetric", where);
        final JsonNode secondary = required(result, "secondaryMetrics", where);
        return new ComparisonRow(
            engine,
            Integer.parseInt(required(params, "agents", where).asText()),
            number(required(primary, "score", where)),
            number(primary.path("scoreError")),
            (long)number(required(required(secondary, "agentsInUse", where), "score", where)),
            (long)number(required(required(secondary, "agentsLowerBound", where), "score", where)),
            (long)number(required(required(secondary, "batches", where), "score", where)),
            result.path("warmupIterations").asInt(),
            result.path("measurementIterations").asInt(),
            (result.path("vmName").asText() + " " + result.path("vmVersion").asText()).trim());
    }

    private static JsonNode required(final JsonNode node, final String field, final String where)
    {
        final JsonNode value = node.get(field);
        if (value == null || value.isNull())
        {
            throw new IllegalArgumentException(where + ": no '" + field + "'");
        }
        return value;
    }

    /** JMH writes NaN and infinities as strings. */
    private static double number(final JsonNode node)
    {
        if (node.isNumber())
        {
            return node.asDouble();
        }
        try
        {
            return Double.parseDouble(node.asText());
        }
        catch (final NumberFormatException ex)
        {
            return Double.NaN;
        }
    }

    /**
     * Writes the results of several JMH runs as one JMH JSON array, in the order given.
     *
     * @param parts  JMH's JSON files.
     * @param target the merged file.
     * @throws IOException if a part cannot be read or the target written.
     */
    public static void merge(final List<Path> parts, final Path target) throws IOException
    {
        final ArrayNode merged = MAPPER.createArrayNode();
        for (final Path part : parts)
        {
            final JsonNode root = MAPPER.readTree(part.toFile());
            if (root == null || !root.isArray())
            {
                throw new IllegalArgumentException(part + " is not JMH's JSON: expected an array");
            }
            merged.addAll((ArrayNode)root);
        }
        final Path parent = target.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), merged);
    }
}
