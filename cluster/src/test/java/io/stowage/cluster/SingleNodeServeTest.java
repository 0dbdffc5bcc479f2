package io.stowage.cluster;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.stowage.engine.CounterFamily;
import io.stowage.engine.EngineCountersReader;
import io.stowage.engine.EngineEvent;
import io.stowage.engine.EventType;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code ./stowage serve} runs, alone: a one-member cluster in this JVM on the cluster clock with its round
 * timer, a client that registers frameworks and agents and submits, the decisions it gets, the counters another
 * process reads ({@code ./stowage stat}), and the client coming back with its id after others decided meanwhile.
 */
final class SingleNodeServeTest
{
    @TempDir
    Path dir;

    private static void pollUntil(final ClusterAllocatorClient client, final java.util.function.BooleanSupplier done)
        throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + 30_000;
        while (!done.getAsBoolean() && System.currentTimeMillis() < deadline)
        {
            if (client.poll() == 0)
            {
                Thread.sleep(1);
            }
        }
        assertTrue(done.getAsBoolean(), "not within 30 s");
    }

    @Test
    @Timeout(60)
    void shouldServeOneMemberOnTheClusterClockWithCountersForStat() throws Exception
    {
        final NodeOptions options = NodeOptions.parse(
            "--node", "0", "--members", "127.0.0.1", "--base-port", Integer.toString(ClusterHarness.freeBasePort(1)),
            "--dir", dir.resolve("node").toString(), "--counters", dir.resolve("counters").toString(),
            "--round-period-ms", "5", "--fresh");
        final PipedOutputStream commands = new PipedOutputStream();
        final PipedInputStream in = new PipedInputStream(commands);
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        final Thread member = new Thread(() ->
        {
            try
            {
                AllocatorNode.run(options, in, out);
            }
            catch (final Exception ex)
            {
                ex.printStackTrace(out);
            }
        }, "serve");
        member.start();
        MediaDriver driver = null;
        ClusterAllocatorClient client = null;
        try
        {
            driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                .aeronDirectoryName(dir.resolve("client-aeron").toString())
                .threadingMode(ThreadingMode.SHARED)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            final int[] placed = new int[1];
            final List<Integer> frameworks = new java.util.ArrayList<>();
            client = ClusterAllocatorClient.connect(new ClusterAllocatorClient.Context()
                .ingressEndpoints(ClusterMembers.ingressEndpoints(options.hosts, options.basePort))
                .aeronDirectoryName(driver.aeronDirectoryName())
                .clientId(7)
                .dimensions(2)
                .resumeAfter(0)
                .messageTimeoutNs(20_000_000_000L)
                .handler(decision ->
                {
                    if (decision.kind() == ClusterMessageDescriptor.KIND_PLACED)
                    {
                        placed[0]++;
                    }
                    if (decision.kind() == ClusterMessageDescriptor.KIND_ACCEPTED &&
                        decision.eventType() == EventType.REGISTER_FRAMEWORK)
                    {
                        frameworks.add(decision.value());
                    }
                }));
            final List<EngineEvent> inputs = new SeededInputs(3, 2).next(15);
            inputs.forEach(client::send);
            final long registered = System.currentTimeMillis() + 30_000;
            while (client.lastDecision() < inputs.size() && System.currentTimeMillis() < registered)
            {
                if (client.poll() == 0)
                {
                    Thread.sleep(1);
                }
            }
            assertEquals(3, frameworks.size(), printed.toString());
            inputs.clear();
            for (int i = 0; i < 50; i++)
            {
                final EngineEvent submit = new EngineEvent(2);
                submit.clear();
                submit.type = EventType.SUBMIT;
                submit.framework = frameworks.get(i % 3);
                submit.hasVector = true;
                submit.vector[0] = 500;
                submit.vector[1] = 1_000;
                inputs.add(submit);
            }
            inputs.forEach(client::send);
            final long deadline = System.currentTimeMillis() + 30_000;
            while ((client.lastDecision() < 15 + inputs.size() || placed[0] < 50) && System.currentTimeMillis() < deadline)
            {
                if (client.poll() == 0)
                {
                    Thread.sleep(1);
                }
            }
            assertEquals(50, placed[0], "placements by the round timer\n" + printed);

            try (EngineCountersReader counters = EngineCountersReader.map(dir.resolve("counters")))
            {
                assertEquals(50, counters.value(CounterFamily.EVENTS, "submit"));
                assertEquals(50, counters.value(CounterFamily.DECISIONS, "queued"));
                assertEquals(50, counters.value(CounterFamily.DECISIONS, "placed"));
                assertTrue(counters.value(CounterFamily.EVENTS, "tick") > 0, "round timer ticks");
                assertEquals(12, counters.value(CounterFamily.AGENTS, ""));
                assertEquals(50, counters.value(CounterFamily.RUNNING_TASKS, ""));
            }

            // The scheduler goes away; another client makes decisions meanwhile; the scheduler comes back with its id
            // and the last decision it had, and continues: every decision since, once, and its new input applied.
            final long before = client.lastDecision();
            client.close();
            final int[] queuedMeanwhile = new int[1];
            try (ClusterAllocatorClient other = ClusterAllocatorClient.connect(new ClusterAllocatorClient.Context()
                .ingressEndpoints(ClusterMembers.ingressEndpoints(options.hosts, options.basePort))
                .aeronDirectoryName(driver.aeronDirectoryName())
                .clientId(8)
                .dimensions(2)
                .handler(decision -> queuedMeanwhile[0] += decision.kind() == ClusterMessageDescriptor.KIND_QUEUED ?
                    1 : 0)))
            {
                for (int i = 0; i < 10; i++)
                {
                    other.send(inputs.get(i));
                }
                pollUntil(other, () -> queuedMeanwhile[0] == 10);
            }
            final List<Long> seen = new java.util.ArrayList<>();
            client = ClusterAllocatorClient.connect(new ClusterAllocatorClient.Context()
                .ingressEndpoints(ClusterMembers.ingressEndpoints(options.hosts, options.basePort))
                .aeronDirectoryName(driver.aeronDirectoryName())
                .clientId(7)
                .dimensions(2)
                .resumeAfter(before)
                .handler(decision -> seen.add(decision.decision())));
            client.send(inputs.get(0));
            final ClusterAllocatorClient back = client;
            pollUntil(back, () -> seen.size() >= 20 + 2);
            for (int i = 0; i < seen.size(); i++)
            {
                assertEquals(before + 1 + i, seen.get(i), "decisions after the reconnection: " + seen);
            }
            assertEquals(0, client.gaps());
            assertEquals(0, client.duplicates());
            try (EngineCountersReader counters = EngineCountersReader.map(dir.resolve("counters")))
            {
                assertEquals(61, counters.value(CounterFamily.EVENTS, "submit"), "the returning client's input");
            }
        }
        finally
        {
            CloseHelper.quietClose(client);
            commands.write("quit\n".getBytes(StandardCharsets.UTF_8));
            commands.flush();
            member.join(20_000);
            CloseHelper.quietClose(driver);
        }
        assertTrue(printed.toString().contains("CLOSED member=0"), printed.toString());
    }
}
