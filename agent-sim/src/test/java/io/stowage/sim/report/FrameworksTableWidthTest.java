package io.stowage.sim.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * report.html's frameworks table fits a {@value ReportHtml#NARROWEST_WINDOW_PX}-pixel window without scrolling
 * sideways, with every column, for figures as large as a long run of a big cluster gives. No browser runs here, so
 * the test lays the table out as a browser does at its narrowest: each column as wide as the widest text in it that
 * cannot wrap (a number; a word of a header, a name or a breakdown), measured with the widths of Helvetica's and
 * Arial's characters rounded up, plus the cells' padding. Checked against headless Chromium (Liberation Sans, which
 * has Arial's widths): for the large run here the measure is 1,199 pixels and Chromium's narrowest layout of the
 * table 1,118, which a 1280-pixel window shows without a horizontal scroll bar.
 */
class FrameworksTableWidthTest
{
    /** The page's font size, which the browser's default of 16 px gives. */
    private static final double PAGE_FONT_PX = 16;
    /** The body's padding on each side (1.5em) and a vertical scroll bar. */
    private static final double PAGE_MARGINS_PX = 2 * 1.5 * PAGE_FONT_PX + 17;
    /** What "smaller" (a small element) does to the font size. */
    private static final double SMALLER = 1 / 1.2;
    private static final Pattern TABLE = Pattern.compile("<table class=\"frameworks\">(.*?)</table>", Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<(th|td)([^>]*)>(.*?)</\\1>", Pattern.DOTALL);
    private static final Pattern SPAN = Pattern.compile("(rowspan|colspan)=\"(\\d+)\"");

    @Test
    void shouldFitTheFrameworksTableOfALargeRunIntoTheNarrowestWindow()
    {
        final RunReport run = large(SyntheticRuns.run(true, 42));
        final String html = ReportHtml.page(List.of(), run, large(SyntheticRuns.run(false, 42)));
        assertTrue(html.contains("table.frameworks{font-size:" + ReportHtml.FRAMEWORKS_FONT + "}"),
            "the font size the test measures with");
        assertTrue(html.contains("table.frameworks th,table.frameworks td{padding:.2em " +
            ReportHtml.FRAMEWORKS_CELL_PADDING + "}"), "the padding the test measures with");
        assertTrue(html.contains("padding:0 1.5em"), "the page's margins the test allows for");

        final Matcher table = TABLE.matcher(html);
        int tables = 0;
        while (table.find())
        {
            tables++;
            final double width = narrowestWidth(table.group(1));
            System.out.printf("frameworks table: %.0f px at its narrowest%n", width);
            assertTrue(width <= ReportHtml.NARROWEST_WINDOW_PX - PAGE_MARGINS_PX, String.format(Locale.ROOT,
                "the frameworks table needs %.0f px at least, a %d px window has %.0f", width,
                ReportHtml.NARROWEST_WINDOW_PX, ReportHtml.NARROWEST_WINDOW_PX - PAGE_MARGINS_PX));
        }
        assertEquals(2, tables, "one table per run");
    }

    @Test
    void shouldFindThatCountsTooLongForTheirColumnsDoNotFit()
    {
        // the measure is not vacuous: numbers do not wrap, and a table of the largest counts a long can hold is wider
        final RunReport run = large(SyntheticRuns.run(true, 42));
        for (final FrameworkReport framework : run.frameworks)
        {
            framework.submitted = Long.MAX_VALUE;
            framework.placed = Long.MAX_VALUE;
            framework.finished = Long.MAX_VALUE;
        }
        final Matcher table = TABLE.matcher(ReportHtml.page(List.of(), run));
        assertTrue(table.find());
        assertTrue(narrowestWidth(table.group(1)) > ReportHtml.NARROWEST_WINDOW_PX - PAGE_MARGINS_PX);
    }

    /** Counts of eight digits everywhere, as a long run of a hundred thousand agents or more gives. */
    private static RunReport large(final RunReport run)
    {
        for (final FrameworkReport framework : run.frameworks)
        {
            framework.submitted = 87_654_321;
            framework.placed = 76_543_210;
            framework.queued = 76_543_210;
            framework.rejected.put("ADMISSION_CLOSED", 11_111_111L);
            framework.rejected.put("INVALID_REQUEST", 1_111_111L);
            framework.preempted = 12_345_678;
            framework.revoked = 12_345_678;
            framework.lost = 12_345_678;
            framework.finished = 65_432_109;
            framework.unplaceableTasks = 12_345_678;
            framework.unplaceableDemand.put("cpus", 1.234e13);
            framework.unplaceableDemand.put("mem", 5.0e16);
            framework.meanDominantShare = 1.0;
            framework.latencyP99Micros = 12_345_678_900.0;
        }
        return run;
    }

    /**
     * @param table the inside of a frameworks table: two header rows (a cell over two rows, or a group heading over
     *              the cells of the second row), then a row per framework.
     * @return the sum of its columns' narrowest widths, in CSS pixels.
     */
    private static double narrowestWidth(final String table)
    {
        final double fontPx = PAGE_FONT_PX * em(ReportHtml.FRAMEWORKS_FONT);
        final double paddingPx = 2 * fontPx * em(ReportHtml.FRAMEWORKS_CELL_PADDING) + 1;
        final List<Double> columns = new ArrayList<>();
        final List<Integer> grouped = new ArrayList<>();
        final Matcher row = ROW.matcher(table);
        for (int r = 0; row.find(); r++)
        {
            final Matcher cell = CELL.matcher(row.group(1));
            int cells = 0;
            while (cell.find())
            {
                final int colspan = span(cell.group(2), "colspan");
                final int column;
                if (r == 0 && colspan > 1)
                {
                    // a group heading: its columns are the next cells of the second row
                    for (int i = 0; i < colspan; i++)
                    {
                        grouped.add(columns.size());
                        columns.add(0.0);
                    }
                    continue;
                }
                else if (r == 0)
                {
                    column = columns.size();
                    columns.add(0.0);
                }
                else if (r == 1)
                {
                    column = grouped.get(cells);
                }
                else
                {
                    column = cells;
                }
                cells++;
                final double width = widestUnbreakable(cell.group(1), cell.group(2), cell.group(3)) * fontPx;
                columns.set(column, Math.max(columns.get(column), width + paddingPx));
            }
            if (r == 1)
            {
                assertEquals(grouped.size(), cells, "the second header row has a cell per grouped column");
            }
            else if (r > 1)
            {
                assertEquals(ReportHtml.FRAMEWORK_COLUMNS, cells, "a cell per column: " + row.group(1));
            }
        }
        assertEquals(ReportHtml.FRAMEWORK_COLUMNS, columns.size());
        return columns.stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * @param tag        "th" (bold) or "td".
     * @param attributes the cell's attributes.
     * @param html       the cell's content.
     * @return the width of its widest text that cannot wrap, in ems of the table's font: a number is one line that
     * does not wrap; a header, a name or a part of a breakdown (in small print) wraps at its spaces.
     */
    private static double widestUnbreakable(final String tag, final String attributes, final String html)
    {
        final boolean header = tag.equals("th");
        final boolean wraps = header || attributes.contains("class=\"text\"");
        final int small = html.indexOf("<small");
        final String main = small < 0 ? html : html.substring(0, small);
        final String parts = small < 0 ? "" : html.substring(small);
        double widest = 0;
        for (final String line : text(main).split("\n"))
        {
            for (final String word : wraps ? line.split(" ") : new String[] {line})
            {
                widest = Math.max(widest, width(word, header));
            }
        }
        for (final String word : text(parts).split("[\n ]"))
        {
            widest = Math.max(widest, width(word, false) * SMALLER);
        }
        return widest;
    }

    private static String text(final String html)
    {
        return html.replace("<br>", "\n").replace("<wbr>", " ").replaceAll("<[^>]*>", "").replace("&amp;", "&").replace("&lt;", "<")
            .replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'");
    }

    /**
     * Width of a word in ems: the advance widths of Arial (which Helvetica's match), regular or bold, rounded up by
     * class of character, so that the measure errs on the wide side.
     */
    private static double width(final String word, final boolean bold)
    {
        double ems = 0;
        for (int i = 0; i < word.length(); i++)
        {
            final char c = word.charAt(i);
            if (Character.isDigit(c) || c == '_')
            {
                ems += 0.56;
            }
            else if (c == 'm' || c == 'M' || c == 'W' || c == '%')
            {
                ems += 0.89;
            }
            else if (Character.isUpperCase(c) || c == 'w')
            {
                ems += 0.78;
            }
            else if (Character.isLowerCase(c))
            {
                ems += bold ? 0.61 : 0.56;
            }
            else
            {
                ems += 0.34;
            }
        }
        return ems;
    }

    private static int span(final String attributes, final String which)
    {
        final Matcher span = SPAN.matcher(attributes);
        while (span.find())
        {
            if (span.group(1).equals(which))
            {
                return Integer.parseInt(span.group(2));
            }
        }
        return 1;
    }

    private static double em(final String css)
    {
        assertTrue(css.endsWith("em"), css);
        return Double.parseDouble(css.substring(0, css.length() - 2));
    }
}
