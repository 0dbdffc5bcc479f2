package io.stowage.jmh;

import org.openjdk.jmh.annotations.Fork;

/**
 * The one place that holds the JVM flag line of the benchmark forks: the line from {@code BUILD-NOTES.md}, the same
 * as the {@code stowage.jvmFlags} property of the parent POM (keep the two in sync).
 * <p>
 * Java does not let an annotation element refer to a {@code String[]} constant ({@code jvmArgsAppend = FLAGS} does
 * not compile), so the array is written once, in the {@link Fork} annotation of this class, and every benchmark
 * class extends it: JMH takes the closest {@code @Fork} in the class hierarchy. A subclass must therefore not declare
 * its own {@code @Fork}, or its forks lose the flags (Agrona then fails with {@code IllegalAccessError}). Change the
 * number of forks on the command line ({@code -f}) instead.
 */
@Fork(value = 1, jvmArgsAppend = {
    "-XX:+IgnoreUnrecognizedVMOptions",
    "--sun-misc-unsafe-memory-access=allow",
    "--enable-native-access=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true",
    "-Dchronicle.announcer.disable=true"})
public abstract class JvmFlags
{
    /** For subclasses only. */
    protected JvmFlags()
    {
    }
}
