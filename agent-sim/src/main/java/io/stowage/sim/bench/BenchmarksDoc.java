package io.stowage.sim.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The generated section of {@code docs/benchmarks.md}: the text between {@link #BEGIN} and {@link #END} is replaced,
 * the markers and everything outside them kept. The file is written whole to a sibling and moved into place, so a
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
        final int begin = document.indexOf(BEGIN);
        final int end = document.indexOf(END);
        if (begin < 0 || end < 0)
        {
            throw new IllegalArgumentException("no " + (begin < 0 ? BEGIN : END) + " marker; put the two markers, " +
                BEGIN + " then " + END + ", each on its own line, where the comparison table should go");
        }
        if (end < begin)
        {
            throw new IllegalArgumentException(END + " comes before " + BEGIN);
        }
        if (document.indexOf(BEGIN, begin + 1) >= 0 || document.indexOf(END, end + 1) >= 0)
        {
            throw new IllegalArgumentException("the markers " + BEGIN + " and " + END + " must each appear once");
        }
        final String body = section.endsWith("\n") ? section : section + "\n";
        return document.substring(0, begin + BEGIN.length()) + "\n" + body + document.substring(end);
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
