package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmRequirementsTest
{
    private static final String FLAG = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";

    @Test
    void shouldPassUnderTheProjectsJvmFlags()
    {
        assertDoesNotThrow(JvmRequirements::check);
    }

    @Test
    void shouldRefuseAtOnceNamingTheFlagWhenTheJvmLacksIt() throws IOException, InterruptedException
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            KernelWithoutJvmFlags.class.getName()).redirectErrorStream(true).start();
        try
        {
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish within 60 s");
            final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(KernelWithoutJvmFlags.REFUSED, child.exitValue(), "child printed: " + output);
            assertTrue(output.contains("refused: the JVM must be started with " + FLAG), output);
            assertTrue(output.contains("docs/embedding.md"), output);
        }
        finally
        {
            child.destroyForcibly();
        }
    }
}
