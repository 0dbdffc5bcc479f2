package io.stowage.sim.report;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SummaryTableTest
{
    @Test
    void shouldPrintTheFiguresOfOneRunInOneColumn()
    {
        final RunReport run = SyntheticRuns.run(true, 42);
        final String table = print(run);

        assertTrue(table.contains("with protections"));
        assertTrue(row(table, "decisions").endsWith(" 2,345,678"), row(table, "decisions"));
        assertTrue(row(table, "decisions/s (wall clock)").endsWith(" 187,654"));
        assertTrue(row(table, "  of which agents").endsWith(" 3.0 s"), row(table, "  of which agents"));
        assertTrue(row(table, "  of which round").endsWith(" 6.3 s"), row(table, "  of which round"));
        assertTrue(row(table, "placements per second of round time").endsWith(" 197,531"));
        assertTrue(row(table, "p50 (us)").endsWith(" " + Figures.decimal(run.latencyMicros.p50)));
        assertTrue(row(table, "p99 (us)").endsWith(" " + Figures.decimal(run.latencyMicros.p99)));
        assertTrue(row(table, "p99.9 (us)").endsWith(" " + Figures.decimal(run.latencyMicros.p999)));
        assertTrue(row(table, "max (us)").endsWith(" " + Figures.decimal(run.latencyMicros.max)));
        assertTrue(row(table, "placed").endsWith(" 1,234,567"));
        assertTrue(row(table, "rejected RATE_LIMITED").endsWith(" 45,000"));
        assertTrue(row(table, "rejected PENDING_LIMIT").endsWith(" 12,000"));
        assertTrue(row(table, "rejected in all").endsWith(" 60,456"));
        assertTrue(row(table, "preempted").endsWith(" 321"));
        assertTrue(row(table, "revoked").endsWith(" 87"));
        assertTrue(row(table, "lost").endsWith(" 12"));
        assertTrue(row(table, "guard refusals").endsWith(" 5"));
        assertTrue(row(table, "isolation kills").endsWith(" 17"));
        assertTrue(row(table, "overload events").endsWith(" 0"));
        assertTrue(row(table, "allocation over capacity (must be 0)").endsWith(" 0"));
        assertTrue(row(table, "invariant violations (must be 0)").endsWith(" 0"));
        assertTrue(row(table, "cpus allocated (mean)").endsWith(" 71.0%"));
        assertTrue(row(table, "mem used (mean)").endsWith(" 58.0%"));
        assertTrue(row(table, "web").endsWith("mean   5.0%, end   6.0%, fair  10.0%"), row(table, "web"));
        assertTrue(row(table, "scavenger").endsWith("fair    n/a"), row(table, "scavenger"));
        assertFalse(table.contains(SummaryTable.FAILED));
    }

    @Test
    void shouldListTheFrameworksWithPendingTasksThatFitNoAgentUnderTheirTotal()
    {
        final List<String> section = section(print(SyntheticRuns.run(true, 42), SyntheticRuns.run(false, 42)),
            SummaryRows.UNPLACEABLE);

        assertEquals(3, section.size(), String.join("\n", section));
        assertTrue(section.get(0).matches(" \\s+in all\\s+280 \\(cpus 1\\.2e8, mem 4\\.9e11\\)\\s+" +
            "280 \\(cpus 1\\.2e8, mem 4\\.9e11\\)"), section.get(0));
        assertTrue(section.get(1).matches(" \\s+huge\\s+120 \\(cpus 1\\.2e8, mem 4\\.9e11\\)\\s+.*"),
            section.get(1));
        assertTrue(section.get(2).matches(" \\s+never\\s+160 \\(cpus 240\\.0, mem 983,040\\)\\s+.*"),
            section.get(2));
    }

    @Test
    void shouldShowNoFrameworkUnderTheTotalWhenAllFitSomeAgent()
    {
        final RunReport run = SyntheticRuns.run(true, 42);
        run.frameworks.forEach(framework ->
        {
            framework.unplaceableTasks = 0;
            framework.unplaceableDemand.replaceAll((dimension, amount) -> 0.0);
        });
        final List<String> section = section(print(run), SummaryRows.UNPLACEABLE);

        assertEquals(1, section.size(), String.join("\n", section));
        assertTrue(section.get(0).matches(" \\s+in all\\s+0"), section.get(0));
    }

    @Test
    void shouldPrintTwoRunsSideBySideAndMarkTheRowsThatDiffer()
    {
        final String table = print(SyntheticRuns.run(true, 42), SyntheticRuns.run(false, 42));

        final String header = table.lines().skip(1).findFirst().orElseThrow();
        assertTrue(header.indexOf("with protections") < header.indexOf("without protections"), header);
        final String overload = row(table, "overload events");
        assertTrue(overload.matches("\\*\\s+overload events\\s+0\\s+5,432"), overload);
        assertTrue(row(table, "lost").matches(" \\s+lost\\s+12\\s+12"), row(table, "lost"));
        assertTrue(row(table, "isolation kills").matches("\\*\\s+isolation kills\\s+17\\s+0"));
        assertTrue(row(table, "recovery time").matches("\\*\\s+recovery time\\s+990\\.3 ms\\s+-"),
            row(table, "recovery time"));
    }

    @Test
    void shouldKeepEveryColumnAtAFixedWidth()
    {
        final String table = print(SyntheticRuns.run(true, 42), SyntheticRuns.run(false, 42));

        final List<String> lines = table.lines().skip(1).filter(line -> !isSection(line)).toList();
        assertTrue(lines.size() > 40);
        for (final String line : lines)
        {
            assertEquals(lines.get(0).length(), line.length(), line);
        }
    }

    @Test
    void shouldFlagAMustBeZeroFigureThatIsNot()
    {
        final RunReport run = SyntheticRuns.run(false, 42);
        run.allocationOverCapacity = 3;
        run.invariantViolations = 1;
        final String table = print(run);

        assertTrue(row(table, "allocation over capacity (must be 0)").endsWith(" 3" + SummaryTable.FAILED));
        assertTrue(row(table, "invariant violations (must be 0)").endsWith(" 1" + SummaryTable.FAILED));
    }

    @Test
    void shouldPrintOnlyAscii()
    {
        final RunReport run = SyntheticRuns.run(true, 42);
        run.label = "mit Schutz \u00e4\u00f6\u00fc";
        run.frameworks.get(0).name = "\u7f51\u7ad9";
        final String table = print(run);

        assertTrue(table.chars().allMatch(c -> c == '\n' || c == '\r' || c >= ' ' && c <= '~'));
        assertTrue(table.contains("mit Schutz ???"));
    }

    @Test
    void shouldRefuseToPrintNoRun()
    {
        assertThrows(IllegalArgumentException.class, () -> SummaryTable.print(System.out));
    }

    private static String print(final RunReport... runs)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SummaryTable.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), runs);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** A section heading: indented by two, where the rows are indented by four behind their margin. */
    private static boolean isSection(final String line)
    {
        return line.length() > 2 && line.startsWith("  ") && line.charAt(2) != ' ';
    }

    /** The rows under a section heading, up to the next heading. */
    private static List<String> section(final String table, final String heading)
    {
        final List<String> lines = table.lines().toList();
        final int start = lines.indexOf("  " + heading);
        assertTrue(start > 0, "no section " + heading + " in\n" + table);
        return lines.stream().skip(start + 1).takeWhile(line -> !isSection(line)).toList();
    }

    private static String row(final String table, final String label)
    {
        return table.lines().filter(line -> line.length() > 4 && line.substring(4).startsWith(label + "  "))
            .findFirst().orElseThrow(() -> new AssertionError("no row " + label + " in\n" + table));
    }
}
