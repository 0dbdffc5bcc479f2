package io.stowage.ipc;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.Decision;
import io.stowage.core.Reason;
import io.stowage.core.TaskRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An agent host in another JVM, with its own media driver, feeds this JVM's kernel over UDP on the loopback address
 * (free ports): every registration and heartbeat it sends arrives and applies, the placements reach its agents over a
 * UDP decision stream, the tasks it reports finished are released, and the frames it sends for an agent whose key it
 * does not hold are rejected and counted.
 */
class AeronCrossProcessTest
{
    private static final int AGENTS = 10;
    private static final int HEARTBEATS = 300;
    private static final int TASKS = 50;
    private static final int FORGED_HEARTBEATS = 25;
    private static final String VICTIM = "victim-agent";
    private static final byte[] MASTER = "the operator's master secret for this test run".getBytes(
        StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void shouldApplyEveryUpdateOfAnAgentHostInAnotherJvmOverUdpAndRejectItsForgeries() throws Exception
    {
        final int agentPort = EmbeddedAeron.freeUdpPort();
        int decisionPort = EmbeddedAeron.freeUdpPort();
        while (decisionPort == agentPort)
        {
            decisionPort = EmbeddedAeron.freeUdpPort();
        }
        final String agentChannel = "aeron:udp?endpoint=127.0.0.1:" + agentPort;
        final String decisionChannel = "aeron:udp?endpoint=127.0.0.1:" + decisionPort;
        final List<String> hostAgents = new ArrayList<>();
        for (int a = 0; a < AGENTS; a++)
        {
            hostAgents.add("host9-agent" + a);
        }
        final List<String> allAgents = new ArrayList<>(hostAgents);
        allAgents.add(VICTIM);
        final AgentKeys allocatorKeys = AgentKeys.deriveAll(MASTER, allAgents);
        final Path keyFile = dir.resolve("host9.keys");
        AgentKeys.deriveAll(MASTER, hostAgents).put(VICTIM, AgentKeys.derive("a guessed secret, not the master"
            .getBytes(StandardCharsets.US_ASCII), VICTIM)).store(keyFile);

        final KernelDecisions decisions = new KernelDecisions();
        final KernelSink sink = new KernelSink(decisions);
        final AllocatorKernel kernel = sink.kernel;
        final int framework = kernel.registerFramework("fw");
        try (EmbeddedAeron aeron = new EmbeddedAeron(dir.resolve("aeron-allocator"));
            DecisionPublisher decisionPublisher = DecisionPublisher.open(decisionChannel, 0, 2, allocatorKeys,
                aeron.transport(), 0, Throwable::printStackTrace);
            AeronAgentReader reader = AeronAgentReader.builder().channel(agentChannel).stateDir(dir.resolve("state"))
                .dimensions(2).sink(sink).keys(allocatorKeys).transport(aeron.transport()).build();
            ChildJvm child = new ChildJvm(AeronPublisherProcess.class, dir.resolve("aeron-host9").toString(),
                agentChannel, decisionChannel, keyFile.toString(), "9", String.valueOf(AGENTS),
                String.valueOf(HEARTBEATS), String.valueOf(TASKS), VICTIM, String.valueOf(FORGED_HEARTBEATS)))
        {
            decisions.listener = decisionPublisher;
            final long expected = AGENTS + (long)AGENTS * HEARTBEATS + TASKS;
            final long forged = 1 + FORGED_HEARTBEATS;
            boolean submitted = false;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while ((sink.agentInputs < expected || reader.rejectedTotal() < forged) && System.nanoTime() < deadline &&
                child.process.isAlive())
            {
                if (reader.doWork() == 0)
                {
                    Thread.yield();
                }
                if (!submitted && kernel.view().agentCount() == AGENTS && decisionPublisher.isConnected())
                {
                    submit(kernel, framework);
                    submitted = true;
                }
            }
            child.process.getOutputStream().write("EXIT\n".getBytes(StandardCharsets.US_ASCII));
            child.process.getOutputStream().flush();
            final String done = child.awaitLine("DONE", 60);
            assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, child.process.exitValue());
            assertEquals("DONE heartbeats " + AGENTS * HEARTBEATS + " unsent 0 launched " + TASKS +
                " refused 0 finished " + TASKS + " badDecisions 0", done);
            while (reader.doWork() > 0)
            {
            }
            assertEquals(expected, reader.delivered());
            assertEquals(forged, reader.rejected(FrameError.BAD_CREDENTIAL), "the forged registration and heartbeats");
            assertEquals(forged, reader.rejectedTotal());
            assertEquals(AGENTS, reader.ownedAgents());
            assertEquals(AGENTS, kernel.view().agentCount());
            assertEquals(-1, kernel.view().agentSlot(VICTIM), "the forged registration changed nothing");
            assertEquals((long)AGENTS * HEARTBEATS, kernel.view().heartbeats());
            assertEquals(0, kernel.view().staleUpdates());
            assertEquals(TASKS, kernel.view().placements());
            assertEquals(TASKS, kernel.view().finishes());
            assertEquals(0, kernel.view().runningTaskCount());
            assertEquals(expected, sink.answers(Reason.OK));
            assertEquals(TASKS, decisionPublisher.published());
            assertEquals(0, decisionPublisher.failures());
            for (int a = 0; a < AGENTS; a++)
            {
                final int slot = kernel.view().agentSlot("host9-agent" + a);
                assertEquals(PublisherProcess.usage(a, HEARTBEATS)[1], kernel.view().agentUsage(slot, 1));
            }
            assertTrue(reader.imagesAvailable() >= 1);
        }
    }

    private static void submit(final AllocatorKernel kernel, final int framework)
    {
        final TaskRequest request = new TaskRequest(TestKernels.SCHEMA);
        final Decision decision = new Decision();
        for (int t = 0; t < TASKS; t++)
        {
            kernel.submit(request.reset(framework).resources(new long[]{100, 100}), kernel.view().now(), decision);
        }
        kernel.allocate(kernel.view().now());
    }
}
