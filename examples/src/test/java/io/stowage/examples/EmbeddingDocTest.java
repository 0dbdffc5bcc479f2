package io.stowage.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * docs/embedding.md stays true to the source: each code block marked {@code <!-- excerpt: FILE -->} appears in FILE
 * line for line (same text, same relative indentation), the block marked {@code <!-- jvm-flags -->} is the POM's
 * flag line, the block marked {@code <!-- dependency-block -->} names this version, and every example is linked.
 */
class EmbeddingDocTest
{
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final String EXCERPT = "<!-- excerpt: ";

    @Test
    void shouldQuoteEveryExcerptExactlyFromItsExample() throws IOException
    {
        final List<String> doc = doc();
        int excerpts = 0;
        for (int i = 0; i < doc.size(); i++)
        {
            if (doc.get(i).startsWith(EXCERPT))
            {
                final String file = doc.get(i).substring(EXCERPT.length(), doc.get(i).indexOf(" -->"));
                final List<String> block = blockAfter(doc, i);
                assertTrue(contains(Files.readAllLines(ROOT.resolve(file)), block),
                    "docs/embedding.md line " + (i + 1) + ": the excerpt is not in " + file + " as written:\n" +
                    String.join("\n", block));
                excerpts++;
            }
        }
        assertTrue(excerpts >= 10, "expected excerpts of every example, found " + excerpts);
    }

    @Test
    void shouldGiveThePomsFlagLine() throws IOException
    {
        final String flags = System.getProperty("stowage.jvmFlags");
        assertNotNull(flags, "stowage.jvmFlags is not set: run the test through Maven, whose surefire sets it");
        assertEquals(words(flags), words(String.join(" ", blockAfter(doc(), markerLine("<!-- jvm-flags -->")))));
    }

    @Test
    void shouldGiveADependencyBlockOfThisVersionAndItsModules() throws IOException
    {
        final String version = System.getProperty("stowage.version");
        assertNotNull(version, "stowage.version is not set: run the test through Maven, whose surefire sets it");
        final String block = String.join("\n", blockAfter(doc(), markerLine("<!-- dependency-block -->")));
        for (final String module : List.of("allocator-core", "ipc"))
        {
            assertTrue(block.contains("<artifactId>" + module + "</artifactId>"), block);
            assertTrue(Files.readString(ROOT.resolve(module).resolve("pom.xml"))
                .contains("<artifactId>" + module + "</artifactId>"), module + " is not a module");
        }
        assertEquals(2, block.split("<groupId>io.stowage</groupId>", -1).length - 1, block);
        assertEquals(2, block.split("<version>" + version + "</version>", -1).length - 1, block);
    }

    @Test
    void shouldLinkEveryExample() throws IOException
    {
        final String doc = Files.readString(ROOT.resolve("docs/embedding.md"));
        final List<Path> examples;
        try (Stream<Path> files = Files.list(ROOT.resolve("examples/src/main/java/io/stowage/examples")))
        {
            examples = files.toList();
        }
        assertFalse(examples.isEmpty());
        for (final Path example : examples)
        {
            assertTrue(doc.contains("(../examples/src/main/java/io/stowage/examples/" + example.getFileName() + ")"),
                "docs/embedding.md does not link " + example.getFileName());
        }
    }

    private static List<String> doc() throws IOException
    {
        return Files.readAllLines(ROOT.resolve("docs/embedding.md"));
    }

    private static int markerLine(final String marker) throws IOException
    {
        final int line = doc().indexOf(marker);
        assertTrue(line >= 0, "docs/embedding.md has no " + marker);
        return line;
    }

    /** The lines of the fenced code block that starts on the line after {@code marker}. */
    private static List<String> blockAfter(final List<String> doc, final int marker)
    {
        if (marker + 1 >= doc.size() || !doc.get(marker + 1).startsWith("```"))
        {
            fail("docs/embedding.md line " + (marker + 1) + ": no code block follows the marker");
        }
        final List<String> block = new ArrayList<>();
        for (int i = marker + 2; i < doc.size() && !doc.get(i).startsWith("```"); i++)
        {
            block.add(doc.get(i));
        }
        return block;
    }

    /** Whether {@code block} is a run of lines of {@code file}, each indented by the same amount more. */
    private static boolean contains(final List<String> file, final List<String> block)
    {
        for (int start = 0; start + block.size() <= file.size(); start++)
        {
            final int shift = indent(file.get(start)) - indent(block.get(0));
            boolean match = true;
            for (int k = 0; k < block.size() && match; k++)
            {
                final String line = file.get(start + k);
                final String quoted = block.get(k);
                match = line.strip().equals(quoted.strip()) &&
                    (quoted.isBlank() || indent(line) - indent(quoted) == shift);
            }
            if (match)
            {
                return true;
            }
        }
        return false;
    }

    private static int indent(final String line)
    {
        return line.length() - line.stripLeading().length();
    }

    private static List<String> words(final String text)
    {
        return Arrays.asList(text.trim().split("\\s+"));
    }
}
