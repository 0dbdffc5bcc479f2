package io.stowage.ipc;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.Decision;
import io.stowage.core.Reason;
import io.stowage.core.TaskRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An agent host in a separate JVM feeds this JVM's kernel through a queue while it runs: every registration and
 * heartbeat arrives and applies, the placements reach the agents through the decision stream, and the tasks they
 * report finished are released.
 */
class CrossProcessTest
{
    private static final int AGENTS = 20;
    private static final int HEARTBEATS = 500;
    private static final int TASKS = 100;

    @TempDir
    Path dir;

    @Test
    void shouldApplyEveryUpdateOfAPublisherInAnotherProcess() throws Exception
    {
        final Path agents = dir.resolve("agents");
        final Path decisionsDir = dir.resolve("decisions");
        final KernelDecisions decisions = new KernelDecisions();
        try (DecisionPublisher decisionPublisher = new DecisionPublisher(decisionsDir, 0, 2))
        {
            decisions.listener = decisionPublisher;
            final KernelSink sink = new KernelSink(decisions);
            final AllocatorKernel kernel = sink.kernel;
            final int framework = kernel.registerFramework("fw");
            QueueDirectories.ownerOnly(agents);
            try (AgentQueueTailer tailer = AgentQueueTailer.builder().queue(agents).stateDir(dir.resolve("state"))
                .dimensions(2).sink(sink).build();
                ChildJvm child = new ChildJvm(PublisherProcess.class, agents.toString(), decisionsDir.toString(),
                    "3", String.valueOf(AGENTS), String.valueOf(HEARTBEATS), String.valueOf(TASKS)))
            {
                final long expected = AGENTS + (long)AGENTS * HEARTBEATS + TASKS;
                boolean submitted = false;
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (sink.agentInputs < expected && System.nanoTime() < deadline)
                {
                    if (tailer.doWork() == 0)
                    {
                        Thread.onSpinWait();
                    }
                    if (!submitted && kernel.view().agentCount() == AGENTS)
                    {
                        submit(kernel, framework);
                        submitted = true;
                    }
                }
                final String done = child.awaitLine("DONE", 60);
                assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, child.process.exitValue());
                assertEquals("DONE heartbeats " + AGENTS * HEARTBEATS + " launched " + TASKS + " refused 0 finished " +
                    TASKS, done);
                assertEquals(expected, tailer.delivered());
                assertEquals(0, tailer.rejectedTotal());
                assertEquals(AGENTS, kernel.view().agentCount());
                assertEquals((long)AGENTS * HEARTBEATS, kernel.view().heartbeats());
                assertEquals(0, kernel.view().staleUpdates());
                assertEquals(TASKS, kernel.view().placements());
                assertEquals(TASKS, kernel.view().finishes());
                assertEquals(0, kernel.view().runningTaskCount());
                assertEquals(expected, sink.answers(Reason.OK));
                assertEquals(TASKS, decisionPublisher.published());
                for (int a = 0; a < AGENTS; a++)
                {
                    final int slot = kernel.view().agentSlot("host3-agent" + a);
                    assertEquals(HEARTBEATS, kernel.view().agentLastSequence(slot));
                    assertEquals(PublisherProcess.usage(a, HEARTBEATS)[1], kernel.view().agentUsage(slot, 1));
                }
            }
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
