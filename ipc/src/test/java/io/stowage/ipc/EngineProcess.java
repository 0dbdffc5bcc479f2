package io.stowage.ipc;

import io.stowage.engine.AgentInputSink;
import io.stowage.engine.AllocatorClient;
import io.stowage.engine.AllocatorEngine;
import io.stowage.engine.EngineThreading;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link AllocatorEngine} journaling into a {@link ChronicleJournal}, for {@link EngineJournalRecoveryTest}'s kill:
 * registers 4 agents and a framework, then a submitter thread keeps up to 200 tasks pending while an agent thread
 * finishes every placed task, until the process is killed. Every answer and report is written, one line each and
 * each written out at once, to a decision file (lines as {@link EngineJournalRecoveryTest.Log} makes them).
 * Arguments: journal directory, decision file, {@link EngineThreading} name. Prints {@code PROGRESS n} (tasks
 * finished) every 200 tasks.
 */
public final class EngineProcess
{
    static final int AGENTS = 4;

    private EngineProcess()
    {
    }

    /**
     * @param args see the class comment.
     * @throws Exception if the run fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final FileOutputStream file = new FileOutputStream(Path.of(args[1]).toFile());
        final EngineJournalRecoveryTest.Queue placed = new EngineJournalRecoveryTest.Queue();
        final Map<String, Integer> epochs = new ConcurrentHashMap<>();
        final EngineJournalRecoveryTest.Log log = new EngineJournalRecoveryTest.Log(placed, epochs, line ->
        {
            try
            {
                file.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        });
        final AllocatorEngine engine = AllocatorEngine.builder(TestKernels.config()).listener(log)
            .threading(EngineThreading.valueOf(args[2]))
            .journal(new ChronicleJournal(Path.of(args[0]), TestKernels.DIMENSIONS)).build().start();
        final AllocatorClient client = engine.client();
        final AgentInputSink agents = engine.agentInput();
        for (int a = 0; a < AGENTS; a++)
        {
            agents.register("agent-" + a, new long[]{8000, 16_000}, Map.of("rack", "r" + a), System.nanoTime(), null);
        }
        while (epochs.size() < AGENTS)
        {
            Thread.onSpinWait();
        }
        final int framework = client.registerFramework("fw");
        final AtomicLong submitted = new AtomicLong();
        final AtomicLong finished = new AtomicLong();
        final Thread submitter = new Thread(() ->
        {
            for (long i = 0; ; i++)
            {
                while (submitted.get() - finished.get() >= 200)
                {
                    Thread.onSpinWait();
                }
                client.submit(framework, new long[]{250 + (i % 4) * 250, 500 + (i % 3) * 500}, (int)(i % 3), false,
                    0, 0, i);
                submitted.incrementAndGet();
            }
        }, "submitter");
        final Thread agentThread = new Thread(() ->
        {
            while (true)
            {
                final EngineJournalRecoveryTest.Placement p = placed.poll();
                if (p == null)
                {
                    Thread.onSpinWait();
                    continue;
                }
                agents.taskFinished(p.agentId(), p.epoch(), p.taskId(), System.nanoTime(), null);
                final long done = finished.incrementAndGet();
                if (done % 200 == 0)
                {
                    System.out.println("PROGRESS " + done);
                    System.out.flush();
                }
            }
        }, "agents");
        submitter.setDaemon(true);
        agentThread.setDaemon(true);
        submitter.start();
        agentThread.start();
        while (true)
        {
            engine.tick(System.nanoTime());
            Thread.sleep(1);
        }
    }
}
