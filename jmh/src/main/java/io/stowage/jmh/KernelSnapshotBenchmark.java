package io.stowage.jmh;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.Decision;
import io.stowage.core.DecisionListener;
import io.stowage.core.KernelConfig;
import io.stowage.core.KernelSnapshot;
import io.stowage.core.TaskRequest;
import org.agrona.ExpandableDirectByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static io.stowage.jmh.ClusterShape.agentCapacity;
import static io.stowage.jmh.ClusterShape.drawTaskCpuMillis;
import static io.stowage.jmh.ClusterShape.schema;
import static io.stowage.jmh.ClusterShape.taskMemMillis;

/**
 * The cost of a kernel snapshot at the scale of issue #13's target: {@code agents} agents of 32 CPUs / 128 GiB running
 * {@code tasks} tasks of 1, 2 and 4 CPUs (placed with {@code place}, every agent in the attribute set of its zone).
 * {@link #write} encodes the whole state into a buffer kept between operations (the engine keeps one too);
 * {@link #load} builds a new kernel from that snapshot (as recovery does after reading the file), with and without
 * recomputing the state hash to compare it with the one written. Setup prints the
 * snapshot's size and bytes per running task. Disk time is not included: the simulator's recovery report gives the
 * whole of it ({@code ./stowage simulate --kill-allocator-at}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class KernelSnapshotBenchmark extends JvmFlags
{
    /** A filled kernel and a snapshot of it. */
    @State(Scope.Benchmark)
    public static class Filled
    {
        /** Registered agents. */
        @Param({"100000"})
        public int agents;

        /** Running tasks. */
        @Param({"1400000"})
        public int tasks;

        /** Whether {@link #load} recomputes the loaded kernel's state hash and compares it with the one written. */
        @Param({"false", "true"})
        public boolean verify;

        KernelConfig config;
        AllocatorKernel kernel;
        ExpandableDirectByteBuffer buffer;
        int length;

        /** Registers the agents, places the tasks and takes one snapshot to size the buffer. */
        @Setup(Level.Trial)
        public void fill()
        {
            config = KernelConfig.builder(schema()).maxAgents(agents).maxTasks(tasks * 2).build();
            kernel = new AllocatorKernel(config);
            final int framework = kernel.registerFramework("bench");
            final TaskRequest request = new TaskRequest(kernel.schema()).reset(framework);
            final long[] capacity = agentCapacity();
            for (int i = 0; i < agents; i++)
            {
                KernelInvariants.requireOk(kernel.registerAgent(i, capacity, Map.of("zone", "z" + i % 3), 0),
                    "register agent " + i);
            }
            final SplittableRandom random = new SplittableRandom(7);
            final Decision decision = new Decision();
            for (int t = 0; t < tasks; t++)
            {
                final long cpu = drawTaskCpuMillis(random);
                request.resource(ClusterShape.CPUS, cpu).resource(ClusterShape.MEM, taskMemMillis(cpu));
                kernel.place(request, t, decision);
                if (!decision.isPlaced())
                {
                    throw new IllegalStateException("fill: task " + t + " not placed: " + decision);
                }
            }
            buffer = new ExpandableDirectByteBuffer(1 << 20);
            length = KernelSnapshot.write(kernel, buffer, 0);
            System.out.printf("%nsnapshot of %,d agents and %,d running tasks: %,d bytes, %.1f bytes per task%n",
                agents, kernel.view().runningTaskCount(), length, (double)length / kernel.view().runningTaskCount());
        }
    }

    /**
     * @param f the filled kernel.
     * @return the snapshot's length.
     */
    @Benchmark
    public int write(final Filled f)
    {
        return KernelSnapshot.write(f.kernel, f.buffer, 0);
    }

    /**
     * @param f the filled kernel and its snapshot.
     * @return the loaded kernel.
     */
    @Benchmark
    public AllocatorKernel load(final Filled f)
    {
        return KernelSnapshot.load(f.config, DecisionListener.NONE, f.buffer, 0, f.length, f.verify);
    }
}
