package io.stowage.sim.report;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes the report of a run, or of a run with the protections and the same run without them ({@code --compare}),
 * into a directory: {@code report.json}, the PNG charts the runs have data for ({@code latency.png},
 * {@code utilisation.png}, {@code shares.png}, {@code rejections.png}) and {@code report.html}, which shows them.
 * Files of an earlier report in the directory are overwritten.
 */
public final class ReportWriter
{
    /** The JSON report's file name. */
    public static final String JSON = "report.json";
    /** The page's file name. */
    public static final String HTML = "report.html";

    static
    {
        // Before any AWT class loads: the charts are drawn off screen, and the machine may have no display.
        if (System.getProperty("java.awt.headless") == null)
        {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ReportWriter()
    {
    }

    /**
     * Writes the report of one run.
     *
     * @param dir the directory, created with its parents if missing.
     * @param run the run.
     * @return the files written.
     * @throws UncheckedIOException naming the path, if the directory or a file cannot be written.
     */
    public static ReportFiles write(final Path dir, final RunReport run)
    {
        Objects.requireNonNull(run, "run");
        return write(dir, ReportJson.of(run), run);
    }

    /**
     * Writes the comparison of a run with the protections and the same run without them: the JSON has the protected
     * run at the top level, the other under {@code withoutProtections} and the headline figures of both under
     * {@code comparison}; the page and the charts show both.
     *
     * @param dir                the directory, created with its parents if missing.
     * @param withProtections    the run with the protections.
     * @param withoutProtections the same run without them.
     * @return the files written.
     * @throws UncheckedIOException naming the path, if the directory or a file cannot be written.
     */
    public static ReportFiles write(
        final Path dir,
        final RunReport withProtections,
        final RunReport withoutProtections)
    {
        Objects.requireNonNull(withProtections, "withProtections");
        Objects.requireNonNull(withoutProtections, "withoutProtections");
        return write(dir, ReportJson.of(withProtections, withoutProtections), withProtections, withoutProtections);
    }

    private static ReportFiles write(
        final Path dir,
        final ObjectNode json,
        final RunReport... runs)
    {
        Objects.requireNonNull(dir, "dir");
        try
        {
            Files.createDirectories(dir);
            final Path jsonFile = dir.resolve(JSON);
            Files.writeString(jsonFile, ReportJson.write(json), StandardCharsets.UTF_8);
            final List<ReportCharts.Chart> charts = ReportCharts.write(dir, runs);
            final Path htmlFile = dir.resolve(HTML);
            Files.writeString(htmlFile, ReportHtml.page(charts, runs), StandardCharsets.UTF_8);
            final List<Path> chartFiles = new ArrayList<>();
            charts.forEach(chart -> chartFiles.add(chart.file()));
            return new ReportFiles(dir, jsonFile, htmlFile, chartFiles);
        }
        catch (final IOException ex)
        {
            // The exception names the file it failed on, which may be the directory or one of its parents.
            throw new UncheckedIOException("cannot write the report to " + dir.toAbsolutePath() + ": " + ex, ex);
        }
    }
}
