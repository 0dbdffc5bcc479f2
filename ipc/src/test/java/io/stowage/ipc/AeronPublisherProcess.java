package io.stowage.ipc;

import io.stowage.core.TaskEndCause;

import java.nio.file.Path;
import java.util.Map;

/**
 * An agent host in its own JVM with its own media driver, for {@link AeronCrossProcessTest}: publishes to the
 * allocator over UDP, receives decisions over UDP, and speaks for its agents with the keys of its key file. Registers
 * its agents and heartbeats each a number of times (usage as {@link PublisherProcess#usage}); launches what the
 * allocator places through its guards and reports each launched task finished at once; also sends frames for an agent
 * whose real key it does not have (the file holds a wrong one), which the allocator must reject. Arguments: Aeron
 * directory, agent channel, decision channel, key file, source id, agents, heartbeats per agent, expected launches,
 * forged agent id, forged heartbeats. After its report it waits for a line {@code EXIT} (or the end) on its standard
 * input before it closes its publication and its driver: an offer taken by the publication is not yet sent, and a
 * driver closed at once would drop what its sender had not sent.
 */
public final class AeronPublisherProcess
{
    private AeronPublisherProcess()
    {
    }

    /**
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        final Path aeronDir = Path.of(args[0]);
        final String agentChannel = args[1];
        final String decisionChannel = args[2];
        final AgentKeys keys = AgentKeys.load(Path.of(args[3]));
        final int sourceId = Integer.parseInt(args[4]);
        final int agents = Integer.parseInt(args[5]);
        final int heartbeats = Integer.parseInt(args[6]);
        final int expectedLaunches = Integer.parseInt(args[7]);
        final String forged = args[8];
        final int forgedHeartbeats = Integer.parseInt(args[9]);
        try (EmbeddedAeron aeron = new EmbeddedAeron(aeronDir);
            AgentPublisher publisher = AgentPublisher.open(agentChannel, sourceId, keys, aeron.transport()))
        {
            final AgentGuards guards = new AgentGuards(publisher);
            final FinishingHandler handler = new FinishingHandler(guards, publisher);
            try (DecisionTailer decisions = DecisionTailer.open(decisionChannel, null, handler,
                MalformedFrameListener.NONE, 0, keys, aeron.transport()))
            {
                final long deadline = System.nanoTime() + 60_000_000_000L;
                while (!publisher.isConnected() && System.nanoTime() < deadline)
                {
                    decisions.doWork();
                    Thread.yield();
                }
                System.out.println("CONNECTED " + publisher.isConnected());
                long unsent = 0;
                for (int a = 0; a < agents; a++)
                {
                    final String id = "host" + sourceId + "-agent" + a;
                    unsent += publisher.register(id, new long[]{16_000, 64_000}, Map.of("rack", "r" + (a % 4))) ? 0 : 1;
                    guards.add(new AgentGuard(id, new long[]{16_000, 64_000}, 1));
                    decisions.addAgent(id);
                }
                unsent += publisher.register(forged, new long[]{64_000, 64_000}, Map.of()) ? 0 : 1;
                long sent = 0;
                for (int round = 1; round <= heartbeats; round++)
                {
                    for (int a = 0; a < agents; a++)
                    {
                        if (publisher.heartbeat("host" + sourceId + "-agent" + a, 1, PublisherProcess.usage(a, round),
                            false) == AgentPublisher.NOT_SENT)
                        {
                            unsent++;
                        }
                        sent++;
                    }
                    if (round <= forgedHeartbeats)
                    {
                        unsent += publisher.heartbeat(forged, 1, new long[]{1, 1}, true) == AgentPublisher.NOT_SENT ? 1 : 0;
                    }
                    decisions.doWork();
                }
                while (guards.launched() < expectedLaunches && System.nanoTime() < deadline)
                {
                    if (decisions.doWork() == 0)
                    {
                        Thread.yield();
                    }
                }
                System.out.println("DONE heartbeats " + sent + " unsent " + unsent + " launched " + guards.launched() +
                    " refused " + guards.refused() + " finished " + handler.finished + " badDecisions " +
                    decisions.rejected(FrameError.BAD_CREDENTIAL));
                awaitExit();
            }
        }
    }

    private static void awaitExit()
    {
        try
        {
            final java.io.BufferedReader in = new java.io.BufferedReader(
                new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !"EXIT".equals(line))
            {
                Thread.onSpinWait();
            }
        }
        catch (final java.io.IOException ignored)
        {
            // The parent is gone: close.
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
        public void onLaunch(
            final long decision,
            final long taskId,
            final long taskKey,
            final int framework,
            final String agentId,
            final int epoch,
            final long[] resources)
        {
            final long before = guards.launched();
            guards.onLaunch(decision, taskId, taskKey, framework, agentId, epoch, resources);
            if (guards.launched() > before)
            {
                guards.guard(agentId).release(taskId);
                if (publisher.taskFinished(agentId, epoch, taskId))
                {
                    finished++;
                }
            }
        }

        @Override
        public void onKill(
            final long decision,
            final long taskId,
            final long taskKey,
            final int framework,
            final String agentId,
            final TaskEndCause cause)
        {
            guards.onKill(decision, taskId, taskKey, framework, agentId, cause);
        }
    }
}
