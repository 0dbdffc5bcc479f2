package io.stowage.core;

import org.agrona.BufferUtil;

/**
 * The one JVM flag the kernel cannot run without. Agrona's off-heap buffers (the agent table) use
 * {@code jdk.internal.misc.Unsafe}, which {@code java.base} exports only on request; without the export the first
 * table fails deep inside Agrona with an {@link IllegalAccessError}. The kernel checks for it before building
 * anything, so that an embedder reads which flag to add instead.
 */
final class JvmRequirements
{
    private static final String PACKAGE = "jdk.internal.misc";

    private JvmRequirements()
    {
    }

    /**
     * @throws IllegalStateException naming the missing {@code --add-exports} flag.
     */
    static void check()
    {
        final Module agrona = BufferUtil.class.getModule();
        if (!Object.class.getModule().isExported(PACKAGE, agrona))
        {
            throw new IllegalStateException(missingFlagMessage(agrona));
        }
    }

    static String missingFlagMessage(final Module agrona)
    {
        final String target = agrona.isNamed() ? agrona.getName() : "ALL-UNNAMED";
        return "the JVM must be started with --add-exports=java.base/" + PACKAGE + "=" + target +
            " (Agrona's off-heap buffers, which hold the kernel's agent table, use jdk.internal.misc.Unsafe); " +
            "docs/embedding.md, section 2, lists every flag Stowage uses";
    }
}
