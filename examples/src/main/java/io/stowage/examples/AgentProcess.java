package io.stowage.examples;

import io.stowage.core.ResourceSchema;
import io.stowage.ipc.AgentGuard;
import io.stowage.ipc.AgentPublisher;
import io.stowage.ipc.DecisionTailer;
import io.stowage.ipc.MalformedFrameListener;

import java.nio.file.Path;
import java.util.Map;

/**
 * An agent host in its own JVM: registers one agent on the agent queue, heartbeats with its usage every 100 ms, and
 * reads the decision stream, where each launch passes the agent's guard ({@link GuardedLauncher}). Exits once its
 * task has run. Start {@link AllocatorSide} first, then this with the same directory:
 * {@code java FLAGS -cp CLASSPATH io.stowage.examples.AgentProcess DIR}. See docs/embedding.md.
 */
public final class AgentProcess
{
    private AgentProcess()
    {
    }

    /**
     * @param args the directory shared with the allocator, which holds the agent and decision queues.
     * @throws InterruptedException if interrupted between heartbeats.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final Path dir = Path.of(args[0]);
        final ResourceSchema schema = ResourceSchema.of("cpus", "mem");   // as the allocator's
        final long[] capacity = schema.vector("cpus=4 mem=8GiB");
        final long[] usage = schema.vector("cpus=0.5 mem=1GiB");
        try (AgentPublisher publisher = new AgentPublisher(dir.resolve("agents"), 1))   // this host's source id
        {
            publisher.register("agent-1", capacity, Map.of("zone", "east", "rack", "e1"));
            System.out.println("agent-1: registered with " + schema.formatWithUnits(capacity));
            final AgentGuard guard = new AgentGuard("agent-1", capacity, 1);   // epoch 1: its slot's first
            final GuardedLauncher launcher = new GuardedLauncher(publisher, guard, schema);
            try (DecisionTailer decisions =
                new DecisionTailer(dir.resolve("decisions"), null, launcher, MalformedFrameListener.NONE, 0))
            {
                decisions.addAgent("agent-1");
                for (int beat = 0; beat < 600 && !launcher.finished; beat++)   // at most a minute
                {
                    publisher.heartbeat("agent-1", guard.epoch(), usage, false);
                    decisions.doWork();
                    Thread.sleep(100);
                }
            }
            System.out.println("agent-1: " + (launcher.finished ? "done" : "no launch came within a minute"));
        }
    }
}
