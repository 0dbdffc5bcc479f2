package io.stowage.jmh;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.KernelConfig;
import io.stowage.core.Reason;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.stowage.jmh.ClusterShape.*;

/**
 * Registering 100,000 agents of 32 CPUs / 128 GiB into a fresh kernel, timed as one shot: one operation is all
 * 100,000 registrations. The kernel is built before each shot, outside the timing; agent ids and a few distinct
 * attribute maps are precomputed. {@link #registerStringIds} is the measured case (agents known by name);
 * {@link #registerNumericIds}, beside it, registers the same agents under numeric ids.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 20)
@Measurement(iterations = 20)
public class AgentRegistrationBenchmark extends JvmFlags
{
    /** Agents registered per operation. */
    static final int AGENTS = 100_000;
    /** Distinct attribute maps the agents carry, a power of two. */
    static final int ATTRIBUTE_MAPS = 8;

    /** What every shot registers: precomputed once per trial. */
    @State(Scope.Benchmark)
    public static class Agents
    {
        String[] ids;
        Map<String, String>[] attributes;
        long[] capacity;

        /** Precomputes the ids and attribute maps. */
        @Setup(Level.Trial)
        @SuppressWarnings("unchecked")
        public void setUp()
        {
            ids = new String[AGENTS];
            for (int i = 0; i < AGENTS; i++)
            {
                ids[i] = String.format("agent-%06d", i);
            }
            attributes = new Map[ATTRIBUTE_MAPS];
            for (int m = 0; m < ATTRIBUTE_MAPS; m++)
            {
                attributes[m] = Map.of("zone", "zone-" + (m % 4), "rack", "rack-" + m, "os", "linux");
            }
            capacity = agentCapacity();
        }
    }

    /** A kernel with no agents, built before each shot. */
    @State(Scope.Thread)
    public static class FreshKernel
    {
        AllocatorKernel kernel;

        /** Builds the kernel; not timed. */
        @Setup(Level.Invocation)
        public void build()
        {
            kernel = new AllocatorKernel(KernelConfig.builder(schema()).maxAgents(AGENTS).build());
        }
    }

    /**
     * Registers all agents under string ids.
     *
     * @param agents what to register.
     * @param fresh  the empty kernel.
     * @return the number of registered agents.
     */
    @Benchmark
    public int registerStringIds(final Agents agents, final FreshKernel fresh)
    {
        final AllocatorKernel kernel = fresh.kernel;
        for (int i = 0; i < AGENTS; i++)
        {
            check(kernel.registerAgent(agents.ids[i], agents.capacity, agents.attributes[i & (ATTRIBUTE_MAPS - 1)], i),
                i);
        }
        return kernel.view().agentCount();
    }

    /**
     * Registers all agents under numeric ids.
     *
     * @param agents what to register.
     * @param fresh  the empty kernel.
     * @return the number of registered agents.
     */
    @Benchmark
    public int registerNumericIds(final Agents agents, final FreshKernel fresh)
    {
        final AllocatorKernel kernel = fresh.kernel;
        for (int i = 0; i < AGENTS; i++)
        {
            check(kernel.registerAgent(i, agents.capacity, agents.attributes[i & (ATTRIBUTE_MAPS - 1)], i), i);
        }
        return kernel.view().agentCount();
    }

    private static void check(final Reason reason, final int agent)
    {
        if (reason != Reason.OK)
        {
            throw new IllegalStateException("register agent " + agent + ": " + reason);
        }
    }
}
