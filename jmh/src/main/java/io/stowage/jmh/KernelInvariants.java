package io.stowage.jmh;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.InvariantChecker;
import io.stowage.core.Reason;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The gate every kernel benchmark passes at the end of its trial: the kernel's accounting must hold, or the trial
 * throws and produces no number.
 * <p>
 * JMH runs a trial's tear-down inside its last measurement iteration, so with {@code -prof gc} whatever the check
 * allocates is charged to that iteration's operations. The check therefore prints the bytes it allocated, so that
 * the excess of the last iteration can be told apart from the operation's own allocation.
 */
final class KernelInvariants
{
    private KernelInvariants()
    {
    }

    /**
     * Runs {@link InvariantChecker} on a kernel.
     *
     * @param kernel the kernel.
     * @param when   what the trial was, for the message.
     * @throws IllegalStateException listing the violations if any invariant is broken.
     */
    static void check(final AllocatorKernel kernel, final String when)
    {
        final long before = allocatedBytes();
        final List<String> violations = InvariantChecker.check(kernel);
        final long allocated = allocatedBytes() - before;
        System.out.println("InvariantChecker " + when + ": " + violations.size() + " violations, " + allocated +
            " bytes allocated by the check");
        if (!violations.isEmpty())
        {
            throw new IllegalStateException("kernel invariants broken " + when + ": " + violations);
        }
    }

    /**
     * Fails a benchmark's set-up on a refused operation, so that a trial never measures a cluster it did not build.
     *
     * @param reason the kernel's answer.
     * @param what   the operation, for the message.
     * @throws IllegalStateException naming the operation and the reason unless it is {@link Reason#OK}.
     */
    static void requireOk(final Reason reason, final String what)
    {
        if (reason != Reason.OK)
        {
            throw new IllegalStateException(what + ": " + reason);
        }
    }

    private static long allocatedBytes()
    {
        final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean)
        {
            return ((com.sun.management.ThreadMXBean)threads).getCurrentThreadAllocatedBytes();
        }
        return -1;
    }
}
