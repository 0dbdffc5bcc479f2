package io.stowage.examples;

import io.stowage.core.KernelConfig;
import io.stowage.core.KernelView;
import io.stowage.core.ResourceSchema;
import io.stowage.engine.AllocatorEngine;
import io.stowage.engine.CounterFamily;
import io.stowage.ipc.AgentQueueTailer;
import io.stowage.ipc.DecisionPublisher;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The allocator's side of {@link AgentProcess}: an engine whose agent inputs come from the agent queue (an
 * {@link AgentQueueTailer}) and whose placements go out on the decision stream (a {@link DecisionPublisher}). Waits
 * for the agent's registration and heartbeats, submits one task, and waits until the agent reports it finished. Run
 * it first: {@code java FLAGS -cp CLASSPATH io.stowage.examples.AllocatorSide DIR}, then the agent with the same DIR.
 */
public final class AllocatorSide
{
    private AllocatorSide()
    {
    }

    /**
     * @param args the directory shared with the agent, which holds the agent and decision queues.
     * @throws InterruptedException if interrupted while waiting for the agent.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final Path dir = Path.of(args[0]);
        final ResourceSchema schema = ResourceSchema.of("cpus", "mem");   // as the agent's
        final int dimensions = schema.dimensions();
        final long[] task = schema.vector("cpus=1 mem=2GiB");
        // A launch carries the task's key and resources from the placement decision itself.
        try (DecisionPublisher launches = new DecisionPublisher(dir.resolve("decisions"), 0, dimensions);
            AllocatorEngine engine = AllocatorEngine.builder(KernelConfig.builder(schema).build())
                .listener(launches).build().start();
            AgentQueueTailer tailer = AgentQueueTailer.builder().queue(dir.resolve("agents"))
                .stateDir(dir.resolve("tailer")).dimensions(dimensions).sink(engine.agentInput()).build())
        {
            final int batch = engine.client().registerFramework("batch");
            tailUntil(tailer, engine, "heartbeat", 3);
            System.out.println("allocator: agent-1 registered and heartbeating; submitting " +
                schema.formatWithUnits(task));
            engine.client().submit(batch, task, 1);
            tailUntil(tailer, engine, "finish", 1);
            engine.close();
            final KernelView view = engine.kernelAfterClose().view();
            final int slot = view.agentSlot("agent-1");
            final long[] usage = IntStream.range(0, dimensions).mapToLong(d -> view.agentUsage(slot, d)).toArray();
            System.out.println("allocator: agent-1 finished the task; it is " + view.agentState(slot) +
                ", last usage " + schema.formatWithUnits(usage) + ", " + view.runningTaskCount() + " tasks running");
        }
    }

    /** Reads the agent queue into the engine until the engine has applied {@code count} events of a type. */
    private static void tailUntil(
        final AgentQueueTailer tailer, final AllocatorEngine engine, final String type, final long count)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (engine.counters().value(CounterFamily.EVENTS, type) < count)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("allocator: no " + type + " from the agent within 60 s");
            }
            if (tailer.doWork() == 0)
            {
                Thread.sleep(10);
            }
        }
    }
}
