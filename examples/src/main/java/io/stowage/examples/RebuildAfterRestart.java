package io.stowage.examples;

import io.stowage.core.AdoptedTask;
import io.stowage.core.AgentState;
import io.stowage.core.AllocatorKernel;
import io.stowage.core.Decision;
import io.stowage.core.DecisionListener;
import io.stowage.core.KernelConfig;
import io.stowage.core.ResourceSchema;
import io.stowage.core.TaskRecord;
import io.stowage.core.TaskRequest;

import java.util.List;
import java.util.Map;

/**
 * A scheduler restarts: it rebuilds a fresh kernel from its own records, registering each agent together with the
 * tasks it knows run there, instead of replaying a journal. The rebuilt kernel accounts for them as if it had placed
 * them, so its next decisions respect what already runs; an agent whose recorded tasks no longer fit is
 * OVERCOMMITTED rather than silently overfilled. Prints what happens. See docs/embedding.md.
 */
public final class RebuildAfterRestart implements DecisionListener
{
    /**
     * @param args none.
     */
    public static void main(final String[] args)
    {
        final ResourceSchema schema = ResourceSchema.of("cpus", "mem");
        final AllocatorKernel kernel =
            new AllocatorKernel(KernelConfig.builder(schema).build(), new RebuildAfterRestart());
        final long now = 0;
        final int web = kernel.registerFramework("web");   // frameworks first: adopted tasks name them
        final int batch = kernel.registerFramework("batch");
        // What the scheduler's own records say runs where (key, framework, resources), read back after its restart.
        System.out.println("agent-a adopted: " + kernel.registerAgent("agent-a", schema.vector("cpus=8 mem=16GiB"),
            Map.of(), now, List.of(AdoptedTask.of(web, 1, schema.vector("cpus=4 mem=8GiB")),
                AdoptedTask.of(batch, 2, schema.vector("cpus=2 mem=2GiB")))));
        System.out.println("agent-b adopted: " + kernel.registerAgent("agent-b", schema.vector("cpus=4 mem=8GiB"),
            Map.of(), now, List.of(AdoptedTask.of(batch, 3, schema.vector("cpus=6 mem=4GiB")))));
        System.out.println("agent-b is " + kernel.view().agentState(kernel.view().agentSlot("agent-b")));
        final List<AdoptedTask> stale = List.of(AdoptedTask.of(web, 2, schema.vector("cpus=1 mem=1GiB")));
        System.out.println("an adopted key is taken: " +
            kernel.registerAgent("agent-c", schema.vector("cpus=4 mem=8GiB"), Map.of(), now, stale));

        final TaskRequest request = new TaskRequest(schema);
        final Decision decision = new Decision();
        kernel.submit(request.reset(web).resources("cpus=2 mem=4GiB").key(4), now, decision);
        System.out.println("the first round after the restart placed " + kernel.allocate(now + 1));
        System.out.println("batch finishes task 3: " + kernel.finishByKey(3));
        final AgentState state = kernel.view().agentState(kernel.view().agentSlot("agent-b"));
        System.out.println("agent-b is " + state + "; running tasks: " + kernel.view().runningTaskCount() +
            ", of which adopted: " + kernel.view().adoptedTasks());
    }

    @Override
    public void onPlaced(final TaskRecord task, final int agentEpoch)
    {
        System.out.println("launch " + task.key() + " on slot " + task.agentSlot());
    }
}
