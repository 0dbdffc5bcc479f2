package io.stowage.sim.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The plain-text summary printed on the console at the end of a run: one column per run (two in the
 * {@code --compare} mode), figures right-aligned in fixed-width columns, ASCII only. A must-be-zero figure that is
 * not zero is followed by {@value #FAILED}; a row whose runs differ is marked with {@value #DIFFERS} in the margin.
 */
public final class SummaryTable
{
    static final String FAILED = " FAIL";
    static final String DIFFERS = "*";
    private static final String INDENT = "  ";
    private static final String GAP = "   ";
    private static final int MIN_COLUMN = 12;

    private SummaryTable()
    {
    }

    /**
     * Prints the summary of the runs.
     *
     * @param out  where to.
     * @param runs one or more runs, one column each.
     * @throws IllegalArgumentException if there is no run.
     */
    public static void print(final PrintStream out, final RunReport... runs)
    {
        final List<SummaryRow> rows = SummaryRows.of(runs);
        final List<String> headers = ascii(SummaryRows.labels(runs));
        final int labelWidth = labelWidth(rows);
        final int[] widths = new int[runs.length];
        for (int run = 0; run < runs.length; run++)
        {
            widths[run] = Math.max(MIN_COLUMN, headers.get(run).length());
            for (final SummaryRow row : rows)
            {
                widths[run] = Math.max(widths[run], cell(row, run).length());
            }
        }
        final StringBuilder sb = new StringBuilder();
        sb.append("Stowage simulation summary").append(runs.length > 1 ? " (" + DIFFERS + " marks a difference)" : "")
            .append(System.lineSeparator());
        line(sb, "", labelWidth, headers, widths, " ");
        final List<String> rules = new ArrayList<>();
        for (final int width : widths)
        {
            rules.add("-".repeat(width));
        }
        line(sb, "", labelWidth, rules, widths, " ");
        String section = null;
        for (final SummaryRow row : rows)
        {
            if (!row.section().equals(section))
            {
                section = row.section();
                sb.append("  ").append(section).append(System.lineSeparator());
            }
            final List<String> cells = new ArrayList<>();
            for (int run = 0; run < runs.length; run++)
            {
                cells.add(cell(row, run));
            }
            line(sb, INDENT + ascii(row.label()), labelWidth, cells, widths, runs.length > 1 && row.differs() ?
                DIFFERS : " ");
        }
        out.print(sb);
        out.flush();
    }

    private static void line(
        final StringBuilder sb,
        final String label,
        final int labelWidth,
        final List<String> cells,
        final int[] widths,
        final String margin)
    {
        sb.append(margin).append(' ').append(label).append(" ".repeat(labelWidth - label.length()));
        for (int i = 0; i < cells.size(); i++)
        {
            final String cell = cells.get(i);
            sb.append(GAP).append(" ".repeat(widths[i] - cell.length())).append(cell);
        }
        sb.append(System.lineSeparator());
    }

    private static int labelWidth(final List<SummaryRow> rows)
    {
        int width = 0;
        for (final SummaryRow row : rows)
        {
            width = Math.max(width, INDENT.length() + ascii(row.label()).length());
        }
        return width;
    }

    private static String cell(final SummaryRow row, final int run)
    {
        return ascii(row.values().get(run)) + (row.failed(run) ? FAILED : "");
    }

    private static List<String> ascii(final List<String> values)
    {
        final List<String> ascii = new ArrayList<>(values.size());
        values.forEach(value -> ascii.add(ascii(value)));
        return ascii;
    }

    /** Replaces what is not printable ASCII with '?', so that the columns stay aligned on any console. */
    static String ascii(final String value)
    {
        final StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            sb.append(c >= ' ' && c <= '~' ? c : '?');
        }
        return sb.toString();
    }
}
