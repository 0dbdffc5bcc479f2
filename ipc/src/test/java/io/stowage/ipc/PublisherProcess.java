package io.stowage.ipc;

import java.nio.file.Path;
import java.util.Map;

/**
 * An agent host in its own JVM for {@link CrossProcessTest}: registers agents, heartbeats each of them a number of
 * times with a usage that is a function of the sequence, and through its guards launches what the allocator places
 * on them, reporting each launched task finished at once. Exits after its last heartbeat once it has seen the
 * expected number of launches. Arguments: agent queue, decision queue, source id, agents, heartbeats per agent,
 * expected launches.
 */
public final class PublisherProcess
{
    private PublisherProcess()
    {
    }

    static long[] usage(final int agent, final long sequence)
    {
        return new long[]{(sequence * 7 + agent) % 16_000, (sequence * 13 + agent) % 64_000};
    }

    /**
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        final Path agentQueue = Path.of(args[0]);
        final Path decisionQueue = Path.of(args[1]);
        final int sourceId = Integer.parseInt(args[2]);
        final int agents = Integer.parseInt(args[3]);
        final int heartbeats = Integer.parseInt(args[4]);
        final int expectedLaunches = Integer.parseInt(args[5]);
        try (AgentPublisher publisher = new AgentPublisher(agentQueue, sourceId))
        {
            final AgentGuards guards = new AgentGuards(publisher);
            final FinishingHandler handler = new FinishingHandler(guards, publisher);
            try (DecisionTailer decisions = new DecisionTailer(decisionQueue, null, handler,
                MalformedFrameListener.NONE, 0))
            {
                for (int a = 0; a < agents; a++)
                {
                    final String id = "host" + sourceId + "-agent" + a;
                    publisher.register(id, new long[]{16_000, 64_000}, Map.of("rack", "r" + (a % 4)));
                    guards.add(new AgentGuard(id, new long[]{16_000, 64_000}, 1));
                    decisions.addAgent(id);
                }
                long sent = 0;
                for (int round = 1; round <= heartbeats; round++)
                {
                    for (int a = 0; a < agents; a++)
                    {
                        publisher.heartbeat("host" + sourceId + "-agent" + a, 1, usage(a, round), false);
                        sent++;
                    }
                    decisions.doWork();
                }
                final long deadline = System.nanoTime() + 60_000_000_000L;
                while (guards.launched() < expectedLaunches && System.nanoTime() < deadline)
                {
                    if (decisions.doWork() == 0)
                    {
                        Thread.onSpinWait();
                    }
                }
                System.out.println("DONE heartbeats " + sent + " launched " + guards.launched() + " refused " +
                    guards.refused() + " finished " + handler.finished);
            }
        }
    }

    /** Launches through the guards and reports each launched task finished straight away. */
    private static final class FinishingHandler implements DecisionHandler
    {
        private final AgentGuards guards;
        private final AgentPublisher publisher;
        long finished;

        FinishingHandler(final AgentGuards guards, final AgentPublisher publisher)
        {
            this.guards = guards;
            this.publisher = publisher;
        }

        @Override
        public void onLaunch(final long decision, final long taskId, final long taskKey, final int framework, final String agentId,
            final int epoch, final long[] resources)
        {
            final long before = guards.launched();
            guards.onLaunch(decision, taskId, taskKey, framework, agentId, epoch, resources);
            if (guards.launched() > before)
            {
                guards.guard(agentId).release(taskId);
                publisher.taskFinished(agentId, epoch, taskId);
                finished++;
            }
        }

        @Override
        public void onKill(final long decision, final long taskId, final long taskKey, final int framework, final String agentId,
            final io.stowage.core.TaskEndCause cause)
        {
            guards.onKill(decision, taskId, taskKey, framework, agentId, cause);
        }
    }
}
