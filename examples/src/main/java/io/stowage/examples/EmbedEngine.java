package io.stowage.examples;

import io.stowage.core.KernelConfig;
import io.stowage.core.TaskRecord;
import io.stowage.core.ResourceSchema;
import io.stowage.engine.AllocatorClient;
import io.stowage.engine.AllocatorEngine;
import io.stowage.engine.CounterFamily;
import io.stowage.engine.EngineCountersReader;
import io.stowage.engine.EngineListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The threaded engine: the kernel behind a ring, fed by an {@link AllocatorClient} from three scheduler threads,
 * answering through an {@link EngineListener} (this class), its counters in a file another process can read; then a
 * clean shutdown, and what a call made after it does. See docs/embedding.md.
 */
public final class EmbedEngine implements EngineListener
{
    private static final int TASKS = 12;
    private final CountDownLatch placed = new CountDownLatch(TASKS);

    /**
     * @param args the counters directory, or none for a new temporary one.
     * @throws InterruptedException if interrupted while waiting for the placements.
     * @throws IOException          if the temporary directory cannot be made.
     */
    public static void main(final String[] args) throws InterruptedException, IOException
    {
        final Path counters = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("stowage-counters");
        final ResourceSchema schema = ResourceSchema.of("cpus", "mem");
        final EmbedEngine listener = new EmbedEngine();
        final AllocatorEngine engine = AllocatorEngine.builder(KernelConfig.builder(schema).build())
            .listener(listener).countersDirectory(counters).build().start();
        System.out.println("counters in " + counters + "; watch them with: ./stowage stat " + counters);
        engine.agentInput().register("agent-1", schema.vector("cpus=16 mem=64GiB"), Map.of(), System.nanoTime(), null);
        final AllocatorClient client = engine.client();
        final int shop = client.registerFramework("shop");   // waits for the kernel's answer
        final long[] task = schema.vector("cpus=1 mem=2GiB");
        final ExecutorService schedulers = Executors.newFixedThreadPool(3);
        for (int i = 0; i < TASKS; i++)
        {
            final long correlationId = i;   // echoed in the answer to this submit
            schedulers.execute(() -> client.submit(shop, task, correlationId));
        }
        schedulers.shutdown();
        System.out.println("all " + TASKS + " tasks placed: " + listener.placed.await(30, TimeUnit.SECONDS));

        engine.close();   // applies every event published before it, then stops the engine's threads
        System.out.println("closed; the kernel holds " + engine.kernelAfterClose().view().runningTaskCount() +
            " running tasks");
        try (EngineCountersReader reader = EngineCountersReader.map(counters))
        {
            System.out.println("counters file: " + reader.value(CounterFamily.EVENTS, "submit") + " submits, " +
                reader.value(CounterFamily.DECISIONS, "placed") + " placed");
        }
        try
        {
            client.submit(shop, task, TASKS);
        }
        catch (final IllegalStateException ex)
        {
            System.out.println("a submit after close throws IllegalStateException: " + ex.getMessage());
        }
    }

    @Override
    public void onPlaced(
        final long decision, final TaskRecord task, final String agentId, final int agentEpoch,
        final long ingressNanos)
    {
        placed.countDown();   // on the engine's kernel thread: never block here
    }
}
