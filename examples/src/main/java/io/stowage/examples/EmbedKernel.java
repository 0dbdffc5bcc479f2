package io.stowage.examples;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.TaskRecord;
import io.stowage.core.Constraint;
import io.stowage.core.Decision;
import io.stowage.core.DecisionListener;
import io.stowage.core.KernelConfig;
import io.stowage.core.KernelView;
import io.stowage.core.PlacementPolicy;
import io.stowage.core.ResourceSchema;
import io.stowage.core.TaskRequest;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The bare kernel, driven by one scheduler thread (this one): agents, roles, frameworks, tasks queued and placed by
 * an allocation round, a task finished, and a task refused with its reason. Prints what happens; the same run prints
 * the same lines. See docs/embedding.md.
 */
public final class EmbedKernel implements DecisionListener
{
    private KernelView view;

    /**
     * @param args none.
     */
    public static void main(final String[] args)
    {
        final ResourceSchema schema = ResourceSchema.of("cpus", "mem", "gpus");   // mem in MiB, the others counts
        final KernelConfig config = KernelConfig.builder(schema).placement(PlacementPolicy.SPREAD)
            .heartbeatTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30)).build();
        final EmbedKernel listener = new EmbedKernel();
        final AllocatorKernel kernel = new AllocatorKernel(config, listener);
        final KernelView view = kernel.view();   // read-only queries, on this same thread
        listener.view = view;
        long now = System.nanoTime();   // the caller's clock: the kernel never reads one
        kernel.registerAgent("agent-a", schema.vector("cpus=8 mem=16GiB"), Map.of("zone", "east", "rack", "e1"), now);
        kernel.registerAgent("agent-b", schema.vector("cpus=8 mem=16GiB"), Map.of("zone", "west", "rack", "w1"), now);
        kernel.registerAgent("agent-c", schema.vector("cpus=16 mem=64GiB gpus=1"), Map.of("zone", "west"), now);
        kernel.setRole("web", 3.0, null, null);     // weights: web is due three times batch's share
        kernel.setRole("batch", 1.0, null, null);
        final int shop = kernel.registerFramework("shop", "web", -1, 0, -1);
        final int reports = kernel.registerFramework("reports", "batch", -1, 0, -1);

        final TaskRequest request = new TaskRequest(schema);   // reused for every task
        final Decision decision = new Decision();               // refilled by every call: read it before the next
        final long first = kernel.submit(request.reset(shop).resources("cpus=2 mem=4GiB"), now, decision).taskId();
        kernel.submit(request.reset(shop).resources("cpus=2 mem=4GiB"), now, decision);
        final int east = kernel.internConstraints(List.of(Constraint.eq("zone", "east")));
        kernel.submit(request.reset(shop).resources("cpus=1 mem=512MiB").constraints(east), now, decision);
        kernel.submit(request.reset(reports).resources("cpus=1 mem=1GiB gpus=1"), now, decision);
        now += Duration.ofSeconds(1).toNanos();
        System.out.println("the round placed " + kernel.allocate(now) + " tasks");

        System.out.println("finishing the first task: " + kernel.finish(first));
        kernel.place(request.reset(reports).resources("cpus=1 gpus=2"), now, decision);
        System.out.println("a task asking for 2 gpus: " + decision.kind() + ", " + decision.reason());
        for (final String agent : List.of("agent-a", "agent-b", "agent-c"))
        {
            System.out.println(agent + " runs " + view.agentTaskCount(view.agentSlot(agent)) + " task(s)");
        }
    }

    @Override
    public void onPlaced(final TaskRecord task, final int agentEpoch)
    {
        System.out.println("placed a task of " + view.frameworkName(task.framework()) + " on " +
            view.agentId(task.agentSlot()));
    }
}
