package io.stowage.sim.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The generated section of {@code docs/benchmarks.md}: the text between the line {@link #BEGIN} and the line
 * {@link #END} is replaced, the markers and everything outside them kept (a marker quoted inside a line of prose is
 * not a marker). The file is written whole to a sibling and moved into place, so a
 * failed write leaves the old file; when the markers are missing, out of order or repeated, nothing is written.
 */
public final class BenchmarksDoc
{
    /** The line that opens the generated section. */
    public static final String BEGIN = "<!-- comparison:begin -->";
    /** The line that closes it. */
    public static final String END = "<!-- comparison:end -->";

    private BenchmarksDoc()
    {
    }

    /**
     * @param document the Markdown text.
     * @param section  the new section, without the markers.
     * @return the text with the section replaced.
     * @throws IllegalArgumentException if the markers are missing, out of order or repeated.
     */
    public static String replaceSection(final String document, final String section)
    {
        final int begin = markerLine(document, BEGIN);
        final int end = markerLine(document, END);
        if (end < begin)
        {
            throw new IllegalArgumentException(END + " comes before " + BEGIN);
        }
        final int afterBegin = document.indexOf('\n', begin) + 1;
        final String body = section.isEmpty() || section.endsWith("\n") ? section : section + "\n";
        return document.substring(0, afterBegin) + body + document.substring(end);
    }

    /**
     * @return the offset of the one line that holds only the marker (a marker quoted inside other text is not one).
     */
    private static int markerLine(final String document, final String marker)
    {
        int found = -1;
        int lineStart = 0;
        while (lineStart < document.length())
        {
            final int newline = document.indexOf('\n', lineStart);
            final int lineEnd = newline < 0 ? document.length() : newline;
            if (document.substring(lineStart, lineEnd).trim().equals(marker))
            {
                if (found >= 0)
                {
                    throw new IllegalArgumentException("the marker " + marker + " must appear once, on a line of " +
                        "its own; it appears more than once");
                }
                if (newline < 0)
                {
                    throw new IllegalArgumentException("the marker " + marker + " must end its line");
                }
                found = lineStart;
            }
            lineStart = lineEnd + 1;
        }
        if (found < 0)
        {
            throw new IllegalArgumentException("no " + marker + " line; put the two markers, " + BEGIN + " then " +
                END + ", each on a line of its own, where the comparison table should go");
        }
        return found;
    }

    /**
     * Rewrites the section in a file.
     *
     * @param file    {@code docs/benchmarks.md}.
     * @param section the new section.
     * @throws IOException if the file cannot be read or written.
     * @throws IllegalArgumentException if its markers are wrong; the file is then left as it was.
     */
    public static void rewrite(final Path file, final String section) throws IOException
    {
        final String updated = replaceSection(Files.readString(file, StandardCharsets.UTF_8), section);
        final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, updated, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
