package io.stowage.examples;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.Decision;
import io.stowage.core.DecisionListener;
import io.stowage.core.KernelConfig;
import io.stowage.core.ResourceSchema;
import io.stowage.core.TaskEndCause;
import io.stowage.core.TaskRecord;
import io.stowage.core.TaskRequest;

import java.util.Map;

/**
 * A scheduler that names its tasks with its own keys and withdraws requests: tasks submitted under the scheduler's
 * keys, one cancelled while it waits, a framework suppressed and revived, its settings changed, and then removed.
 * Every decision carries the key and the resources, so the listener launches and kills without a book of its own.
 * Prints what happens; the same run prints the same lines. See docs/embedding.md.
 */
public final class WithdrawAndSuppress implements DecisionListener
{
    /**
     * @param args none.
     */
    public static void main(final String[] args)
    {
        final ResourceSchema schema = ResourceSchema.of("cpus", "mem");
        final AllocatorKernel kernel =
            new AllocatorKernel(KernelConfig.builder(schema).build(), new WithdrawAndSuppress());
        long now = 0;
        kernel.registerAgent("agent-a", schema.vector("cpus=8 mem=32GiB"), Map.of(), now);
        final int flink = kernel.registerFramework("flink");
        final TaskRequest request = new TaskRequest(schema);
        final Decision decision = new Decision();
        for (long key = 100; key < 103; key++)   // the scheduler's own ids for its requests
        {
            kernel.submit(request.reset(flink).resources("cpus=2 mem=4GiB").key(key), now, decision);
        }
        System.out.println("withdraw request 101: " + kernel.cancelByKey(101));
        System.out.println("suppress flink: " + kernel.suppress(flink));
        System.out.println("a round while suppressed placed " + kernel.allocate(++now) + ", " +
            kernel.view().frameworkPending(flink) + " still queued");
        System.out.println("revive flink: " + kernel.revive(flink));
        System.out.println("the next round placed " + kernel.allocate(++now));
        System.out.println("withdraw request 100, already placed: " + kernel.cancelByKey(100));
        System.out.println("cap flink at 10 pending, 5 per second: " +
            kernel.updateFramework(flink, "*", 5_000, 10, 10));
        System.out.println("remove flink: " + kernel.removeFramework(flink));
        System.out.println("agent-a now runs " + kernel.view().agentTaskCount(kernel.view().agentSlot("agent-a")) +
            " task(s)");
    }

    @Override
    public void onPlaced(final TaskRecord task, final int agentEpoch)
    {
        System.out.println("launch " + task.key() + " with " + task.resource(0) / 1000 + " cpus on slot " +
            task.agentSlot());
    }

    @Override
    public void onTaskEnded(final TaskRecord task, final TaskEndCause cause)
    {
        System.out.println((task.agentSlot() < 0 ? "drop " : "kill ") + task.key() + ": " + cause);
    }
}
