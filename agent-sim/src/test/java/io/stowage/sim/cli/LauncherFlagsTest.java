package io.stowage.sim.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The {@code ./stowage} launcher must start the JVM with the flags the build uses for tests (root pom.xml). */
class LauncherFlagsTest
{
    private static final Pattern POM_FLAGS = Pattern.compile("<stowage.jvmFlags>(.*?)</stowage.jvmFlags>");
    private static final Pattern LAUNCHER_FLAGS = Pattern.compile("(?s)\\njvm_flags=\\((.*?)\\)");

    @Test
    void shouldStartTheJvmWithTheFlagsOfThePom() throws IOException
    {
        final Path root = Path.of("").toAbsolutePath().getParent();
        final Matcher pom = POM_FLAGS.matcher(Files.readString(root.resolve("pom.xml")));
        final Matcher launcher = LAUNCHER_FLAGS.matcher(Files.readString(root.resolve("stowage")));

        assertTrue(pom.find(), "pom.xml has no stowage.jvmFlags property");
        assertTrue(launcher.find(), "./stowage has no jvm_flags=( ... ) array");
        assertEquals(words(pom.group(1)), words(launcher.group(1).replace("\\\n", " ")));
    }

    private static List<String> words(final String text)
    {
        return Arrays.asList(text.trim().split("\\s+"));
    }
}
