package io.stowage.sim.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files {@link ReportWriter} wrote.
 *
 * @param directory the report directory.
 * @param json      {@code report.json}.
 * @param html      {@code report.html}.
 * @param charts    the PNG charts, in the order the page shows them; only those the runs had data for.
 */
public record ReportFiles(Path directory, Path json, Path html, List<Path> charts)
{
    /**
     * @param directory the report directory.
     * @param json      {@code report.json}.
     * @param html      {@code report.html}.
     * @param charts    the PNG charts.
     */
    public ReportFiles
    {
        charts = List.copyOf(charts);
    }

    /** @return every file written: the JSON, the page and the charts. */
    public List<Path> all()
    {
        final List<Path> all = new ArrayList<>();
        all.add(json);
        all.add(html);
        all.addAll(charts);
        return all;
    }
}
