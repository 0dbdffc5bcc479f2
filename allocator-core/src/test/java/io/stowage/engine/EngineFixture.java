package io.stowage.engine;

import io.stowage.core.InvariantChecker;
import io.stowage.core.KernelConfig;
import io.stowage.core.ResourceSchema;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Small engines for tests: two dimensions (cpus, mem) in milli-units. */
final class EngineFixture
{
    static final ResourceSchema SCHEMA = ResourceSchema.of("cpus", "mem");

    private EngineFixture()
    {
    }

    static KernelConfig config()
    {
        return KernelConfig.builder(SCHEMA).maxAgents(64).maxTasks(1 << 16).build();
    }

    static long[] vector(final long cpus, final long mem)
    {
        return new long[]{cpus, mem};
    }

    static void assertInvariants(final AllocatorEngine engine)
    {
        final List<String> violations = InvariantChecker.check(engine.kernelAfterClose());
        assertEquals(List.of(), violations);
    }
}
