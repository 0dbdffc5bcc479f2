package io.stowage.ipc;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.TaskRecord;
import io.stowage.core.Reason;
import io.stowage.core.TaskEndCause;
import io.stowage.engine.AgentInputSink;
import io.stowage.engine.AllocatorClient;
import io.stowage.engine.AllocatorEngine;
import io.stowage.engine.EngineListener;
import io.stowage.engine.EngineThreading;
import io.stowage.engine.EventType;
import io.stowage.engine.KernelEventApplier;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Recovery of a live engine: an {@link AllocatorEngine} journals into a {@link ChronicleJournal} while scheduler
 * threads submit tasks through its client and agent threads register, heartbeat and finish the placed tasks through
 * its agent input sink; after close, {@link JournalReplayer} replays the journal into a fresh
 * {@link KernelEventApplier}, which must reach the engine's state hash and make the same decisions with the same
 * numbers, in the same order.
 */
class EngineJournalRecoveryTest
{
    private static final int AGENTS = 8;
    private static final int SUBMITTERS = 3;
    private static final int TASKS_PER_SUBMITTER = 1500;
    private static final int TASKS = SUBMITTERS * TASKS_PER_SUBMITTER;

    @TempDir
    Path dir;

    /** Every answer and report as text with its decision number, in the order made (the kernel thread's). */
    static final class Log implements EngineListener
    {
        final List<String> lines = new ArrayList<>();
        final Queue placed;
        final Map<String, Integer> epochs;
        final java.util.function.Consumer<String> out;

        Log(final Queue placed, final Map<String, Integer> epochs)
        {
            this(placed, epochs, null);
        }

        Log(final Queue placed, final Map<String, Integer> epochs, final java.util.function.Consumer<String> out)
        {
            this.placed = placed;
            this.epochs = epochs;
            this.out = out == null ? lines::add : out;
        }

        @Override
        public void onQueued(final long decision, final long correlationId, final long taskId, final long key)
        {
            out.accept(decision + " queued " + correlationId + " " + taskId);
        }

        @Override
        public void onRejected(final long decision, final long correlationId, final EventType type, final Reason reason)
        {
            out.accept(decision + " rejected " + correlationId + " " + type + " " + reason);
        }

        @Override
        public void onAccepted(final long decision, final long correlationId, final EventType type, final int id)
        {
            out.accept(decision + " accepted " + correlationId + " " + type + " " + id);
        }

        @Override
        public void onAgentRegistered(final long decision, final String agentId, final int epoch)
        {
            out.accept(decision + " registered " + agentId + "/" + epoch);
            if (epochs != null)
            {
                epochs.put(agentId, epoch);
            }
        }

        @Override
        public void onPlaced(
            final long decision, final TaskRecord task, final String agentId, final int agentEpoch,
            final long ingressNanos)
        {
            final long taskId = task.taskId();
            final int framework = task.framework();
            out.accept(decision + " placed " + taskId + " fw" + framework + " on " + agentId + "/" + agentEpoch +
                " at " + ingressNanos);
            if (placed != null)
            {
                placed.add(new Placement(taskId, agentId, agentEpoch));
            }
        }

        @Override
        public void onTaskEnded(
            final long decision, final TaskRecord task, final String agentId, final TaskEndCause cause)
        {
            final long taskId = task.taskId();
            final int framework = task.framework();
            out.accept(decision + " ended " + taskId + " fw" + framework + " on " + agentId + " " + cause);
        }
    }

    record Placement(long taskId, String agentId, int epoch)
    {
    }

    static final class Queue extends ConcurrentLinkedQueue<Placement>
    {
    }

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldReplayAnEnginesChronicleJournalIntoTheSameStateAndDecisions(final EngineThreading threading)
        throws Exception
    {
        final Path journalDir = dir.resolve("journal");
        final Queue[] placedByAgentThread = {new Queue(), new Queue()};
        final Map<String, Integer> epochs = new ConcurrentHashMap<>();
        final Queue placed = new Queue();
        final Log live = new Log(placed, epochs);
        final AtomicLong finished = new AtomicLong();
        final List<Throwable> failures = new ArrayList<>();
        final AllocatorEngine engine = AllocatorEngine.builder(TestKernels.config()).threading(threading)
            .listener(live)
            .journal(new ChronicleJournal(journalDir, TestKernels.DIMENSIONS)).build().start();
        final long liveHash;
        try
        {
            final AllocatorClient client = engine.client();
            final AgentInputSink agents = engine.agentInput();
            for (int a = 0; a < AGENTS; a++)
            {
                agents.register("agent-" + a, new long[]{8000, 16_000}, a % 2 == 0 ? Map.of("rack", "r" + a) : null,
                    System.nanoTime(), null);
            }
            final long registerDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (epochs.size() < AGENTS && System.nanoTime() < registerDeadline)
            {
                Thread.onSpinWait();
            }
            assertEquals(AGENTS, epochs.size(), "every agent registered");
            final int framework = client.registerFramework("fw");
            final int batch = client.registerFramework("batch", "batch", -1, 0, -1);

            final List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < SUBMITTERS; s++)
            {
                final int submitter = s;
                threads.add(new Thread(() ->
                {
                    for (int i = 0; i < TASKS_PER_SUBMITTER; i++)
                    {
                        client.submit(submitter % 2 == 0 ? framework : batch,
                            new long[]{250 + (i % 4) * 250, 500 + (i % 3) * 500}, i % 3, false, 0, 0,
                            (long)submitter << 32 | i);
                        if (i % 64 == 0)
                        {
                            Thread.yield();
                        }
                    }
                }, "submitter-" + s));
            }
            // a dispatcher hands each placement to the agent thread that owns the agent (even or odd agents)
            threads.add(new Thread(() ->
            {
                while (finished.get() < TASKS)
                {
                    final Placement p = placed.poll();
                    if (p == null)
                    {
                        Thread.onSpinWait();
                        continue;
                    }
                    placedByAgentThread[Integer.parseInt(p.agentId().substring(6)) % 2].add(p);
                }
            }, "dispatcher"));
            for (int t = 0; t < 2; t++)
            {
                final int owner = t;
                threads.add(new Thread(() ->
                {
                    final long[] sequences = new long[AGENTS];
                    long done = 0;
                    while (finished.get() < TASKS)
                    {
                        final Placement p = placedByAgentThread[owner].poll();
                        if (p == null)
                        {
                            Thread.onSpinWait();
                            continue;
                        }
                        agents.taskFinished(p.agentId(), p.epoch(), p.taskId(), System.nanoTime(), null);
                        finished.incrementAndGet();
                        if (++done % 50 == 0)
                        {
                            for (int a = owner; a < AGENTS; a += 2)
                            {
                                final String id = "agent-" + a;
                                agents.heartbeat(id, epochs.get(id), ++sequences[a], null, false, System.nanoTime(), null);
                            }
                        }
                    }
                }, "agents-" + t));
            }
            threads.forEach(thread -> thread.setUncaughtExceptionHandler((th, ex) ->
            {
                synchronized (failures)
                {
                    failures.add(ex);
                }
            }));
            threads.forEach(Thread::start);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (finished.get() < TASKS && System.nanoTime() < deadline && failures.isEmpty())
            {
                engine.tick(System.nanoTime());
                TimeUnit.MILLISECONDS.sleep(1);
            }
            finished.set(Long.MAX_VALUE / 2); // stops the threads if the deadline passed
            for (final Thread thread : threads)
            {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
            assertTrue(failures.isEmpty(), () -> "thread failed: " + failures);
        }
        finally
        {
            engine.close();
        }
        final AllocatorKernel kernel = engine.kernelAfterClose();
        liveHash = kernel.view().stateHash();
        assertEquals(TASKS, kernel.view().placements(), "every task placed");
        assertEquals(TASKS, kernel.view().finishes(), "every task finished by its agent");
        assertEquals(0, kernel.view().runningTaskCount());

        final Log replay = new Log(null, null);
        final List<Throwable> errors = new ArrayList<>();
        final KernelEventApplier applier = new KernelEventApplier(TestKernels.config(), replay, errors::add);
        final long lastDecision = JournalReplayer.replay(journalDir, applier);
        assertEquals(List.of(), errors);
        assertEquals(liveHash, applier.kernel().view().stateHash(), "the replayed kernel has the engine's state");
        assertEquals(live.lines.size(), lastDecision, "one decision number per answer and report");
        assertEquals(live.lines.size(), replay.lines.size());
        assertEquals(live.lines, replay.lines, "the same decisions with the same numbers, in the same order");
        for (int d = 0; d < replay.lines.size(); d++)
        {
            assertTrue(replay.lines.get(d).startsWith((d + 1) + " "), "decision numbers run 1.." + lastDecision);
        }
    }

    /**
     * The engine runs in a child JVM and is killed (SIGKILL) mid-stream. Every decision it wrote out before the kill
     * was made by its kernel stage from journaled inputs only, so replaying the journal must make those decisions
     * again, with the same numbers, as a prefix of its own; and a second replay reaches the same state hash.
     */
    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldReplayTheJournalOfAKilledEngineThroughEveryDecisionItMade(final EngineThreading threading)
        throws Exception
    {
        final Path journalDir = dir.resolve("journal");
        final Path decisionFile = dir.resolve("decisions.txt");
        long progress = 0;
        try (ChildJvm child = new ChildJvm(EngineProcess.class, journalDir.toString(), decisionFile.toString(),
            threading.name()))
        {
            while (progress < 2000)
            {
                progress = Long.parseLong(child.awaitLine("PROGRESS", 60).substring("PROGRESS ".length()));
            }
            child.process.destroyForcibly();
            assertTrue(child.process.waitFor(30, TimeUnit.SECONDS));
        }
        final String written = java.nio.file.Files.readString(decisionFile);
        final List<String> before = new ArrayList<>(List.of(written.split("\n")));
        if (!written.endsWith("\n"))
        {
            before.remove(before.size() - 1); // the kill cut the last line
        }

        final Log replay = new Log(null, null);
        final List<Throwable> errors = new ArrayList<>();
        final KernelEventApplier applier = new KernelEventApplier(TestKernels.config(), replay, errors::add);
        final long lastDecision = JournalReplayer.replay(journalDir, applier);
        assertEquals(List.of(), errors);
        assertEquals(replay.lines.size(), lastDecision);
        assertTrue(before.size() > 2000, "decisions before the kill: " + before.size());
        assertTrue(replay.lines.size() >= before.size(),
            "the journal holds every input that led to a decision: " + replay.lines.size() + " < " + before.size());
        assertEquals(before, replay.lines.subList(0, before.size()), "the killed engine's decisions, replayed");

        final KernelEventApplier again = new KernelEventApplier(TestKernels.config(), new EngineListener()
        {
        }, errors::add);
        assertEquals(lastDecision, JournalReplayer.replay(journalDir, again));
        assertEquals(applier.kernel().view().stateHash(), again.kernel().view().stateHash());
        System.out.println("engine killed after " + progress + " finished tasks: " + before.size() +
            " decisions written, " + lastDecision + " replayed");
    }
}
