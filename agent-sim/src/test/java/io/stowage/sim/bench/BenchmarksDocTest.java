package io.stowage.sim.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class BenchmarksDocTest
{
    private static final String DOCUMENT = """
        # Kernel benchmarks

        ## Comparison with Fenzo

        Prose that stays.

        <!-- comparison:begin -->
        old table
        <!-- comparison:end -->

        ## Later section
        """;

    @TempDir
    Path directory;

    @Test
    void shouldReplaceOnlyTheTextBetweenTheMarkers()
    {
        final String updated = BenchmarksDoc.replaceSection(DOCUMENT, "| new | table |");

        assertEquals(DOCUMENT.replace("old table\n", "| new | table |\n"), updated);
    }

    @Test
    void shouldGiveTheSameDocumentWhenRewrittenTwice()
    {
        final String once = BenchmarksDoc.replaceSection(DOCUMENT, "table\n");

        assertEquals(once, BenchmarksDoc.replaceSection(once, "table\n"));
    }

    @Test
    void shouldRewriteTheFileInPlace() throws Exception
    {
        final Path file = Files.writeString(directory.resolve("benchmarks.md"), DOCUMENT);

        BenchmarksDoc.rewrite(file, "new table");

        assertEquals(DOCUMENT.replace("old table", "new table"), Files.readString(file));
        try (var files = Files.list(directory))
        {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void shouldRefuseADocumentWithoutMarkersAndLeaveTheFileUnchanged() throws Exception
    {
        final String withoutMarkers = "# Kernel benchmarks\n\nNo generated section here.\n";
        final Path file = Files.writeString(directory.resolve("benchmarks.md"), withoutMarkers);

        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> BenchmarksDoc.rewrite(file, "new table"));

        assertTrue(ex.getMessage().contains(BenchmarksDoc.BEGIN), ex.getMessage());
        assertEquals(withoutMarkers, Files.readString(file));
    }

    @Test
    void shouldRefuseAMissingEndMarkerNamingIt()
    {
        final String document = DOCUMENT.replace(BenchmarksDoc.END, "");

        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> BenchmarksDoc.replaceSection(document, "x"));

        assertTrue(ex.getMessage().startsWith("no " + BenchmarksDoc.END + " line"), ex.getMessage());
    }

    @Test
    void shouldRefuseMarkersOutOfOrder()
    {
        final String document = "a\n" + BenchmarksDoc.END + "\nb\n" + BenchmarksDoc.BEGIN + "\n";

        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> BenchmarksDoc.replaceSection(document, "x"));

        assertTrue(ex.getMessage().contains("before"), ex.getMessage());
    }

    @Test
    void shouldRefuseRepeatedMarkers()
    {
        final String document = DOCUMENT + BenchmarksDoc.BEGIN + "\n" + BenchmarksDoc.END + "\n";

        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> BenchmarksDoc.replaceSection(document, "x"));

        assertTrue(ex.getMessage().contains("once"), ex.getMessage());
    }

    @Test
    void shouldIgnoreAMarkerQuotedInProse()
    {
        final String document = "Run `./stowage bench` to fill the section between `" + BenchmarksDoc.BEGIN +
            "` and `" + BenchmarksDoc.END + "`.\n\n" + DOCUMENT;

        final String updated = BenchmarksDoc.replaceSection(document, "new\n");

        assertEquals(document.replace("old table\n", "new\n"), updated);
    }
}
