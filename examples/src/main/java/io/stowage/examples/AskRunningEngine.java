package io.stowage.examples;

import io.stowage.core.Constraint;
import io.stowage.core.KernelConfig;
import io.stowage.core.KernelView;
import io.stowage.core.PendingDiagnosis;
import io.stowage.core.ResourceSchema;
import io.stowage.core.TaskRequest;
import io.stowage.engine.AllocatorClient;
import io.stowage.engine.AllocatorEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asking a running engine from the scheduler's own thread: {@link AllocatorEngine#query} runs a question on the
 * kernel's thread between two inputs, so the answer is consistent with every decision made before it, and here asks
 * why each of four tasks is still pending. Prints the answers; the same run prints the same lines. See
 * docs/embedding.md.
 */
public final class AskRunningEngine
{
    private AskRunningEngine()
    {
    }

    /**
     * @param args none.
     * @throws ExecutionException   if the question failed.
     * @throws InterruptedException if interrupted while waiting for the answer.
     * @throws TimeoutException     if no answer came within 10 s.
     */
    public static void main(final String[] args) throws ExecutionException, InterruptedException, TimeoutException
    {
        final ResourceSchema schema = ResourceSchema.of("cpus", "mem");
        try (AllocatorEngine engine = AllocatorEngine.builder(KernelConfig.builder(schema).build()).build().start())
        {
            engine.agentInput().register("agent-1", schema.vector("cpus=8 mem=16GiB"), Map.of("zone", "east"),
                System.nanoTime(), null);
            final AllocatorClient client = engine.client();
            final int shop = client.registerFramework("shop");
            final int batch = client.registerFramework("batch");
            final int reports = client.registerFramework("reports");
            final int west = client.internConstraints(List.of(Constraint.eq("zone", "west")));
            client.suppress(reports, 0);
            final TaskRequest request = new TaskRequest(schema);
            client.submit(request.reset(shop).resources("cpus=2 mem=64GiB").key(1), 1);   // more memory than any agent
            client.submit(request.reset(shop).resources("cpus=1 mem=1GiB").key(2), 2);
            client.submit(request.reset(batch).resources("cpus=1 mem=1GiB").constraints(west).key(3), 3);
            client.submit(request.reset(reports).resources("cpus=1 mem=1GiB").key(4), 4);

            final List<String> answers = engine.query(view -> whyPending(view, 1, 4)).get(10, TimeUnit.SECONDS);
            answers.forEach(System.out::println);
        }
    }

    /** Runs on the kernel's thread: reads the view, builds the answer, and hands it back. */
    private static List<String> whyPending(final KernelView view, final long firstKey, final long lastKey)
    {
        final List<String> answers = new ArrayList<>();
        for (long key = firstKey; key <= lastKey; key++)
        {
            final PendingDiagnosis why = view.pendingDiagnosis(view.taskIdOfKey(key));
            final String on = why.dimension() < 0 ? "" : " on " + view.config().schema().name(why.dimension());
            final String behind = why.blockingTaskId() < 0 ? "" : " behind task " + view.taskKey(why.blockingTaskId());
            answers.add("task " + key + ": " + why.reason() + on + behind);
        }
        return answers;
    }
}
