package io.stowage.core;

/**
 * Run by {@link JvmRequirementsTest} in a JVM started without Stowage's flags: builds a kernel and reports how that
 * went, as the exit code and one line on stdout.
 */
public final class KernelWithoutJvmFlags
{
    /** Exit code when the kernel refuses to start with an {@link IllegalStateException}. */
    static final int REFUSED = 3;
    /** Exit code when any other throwable escapes (the failure this check exists to prevent). */
    static final int OTHER_FAILURE = 4;

    private KernelWithoutJvmFlags()
    {
    }

    /**
     * @param args none.
     */
    public static void main(final String[] args)
    {
        try
        {
            new AllocatorKernel(KernelConfig.builder(ResourceSchema.of("cpus", "mem")).maxAgents(4).build());
            System.out.println("built");
        }
        catch (final IllegalStateException ex)
        {
            System.out.println("refused: " + ex.getMessage());
            System.exit(REFUSED);
        }
        catch (final Throwable ex)
        {
            System.out.println("failed: " + ex);
            System.exit(OTHER_FAILURE);
        }
    }
}
