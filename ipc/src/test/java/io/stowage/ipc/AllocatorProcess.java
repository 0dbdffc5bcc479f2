package io.stowage.ipc;

import io.stowage.engine.InputOrigin;
import io.stowage.core.AllocatorKernel;
import io.stowage.engine.EngineEvent;
import io.stowage.engine.EventType;

import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * The allocator without the engine, for {@link CrashReplayTest}: tails one agent queue, journals every input with its
 * origin before applying it to a kernel, and publishes the kernel's decisions. On start it recovers: replays the
 * journal into a fresh kernel (decisions already in the decision stream are not published again), completes the
 * setup inputs (a framework and its tasks) if the journal lacks some, continues the ingress clock and the round
 * count from the journal, and positions the tailer just after the last journaled frame.
 * <p>
 * Arguments: agent queue, state directory, journal, decision queue, tailer name, agent inputs to process, and the
 * nanoseconds to pause after each journal append (0 for none; a pause makes a kill likely to land between the
 * journal write and the kernel's application). Prints {@code PROGRESS n} every 250 inputs and a {@code RESULT} line.
 */
public final class AllocatorProcess
{
    static final int TASKS = 1000;
    static final int ROUND_EVERY = 16;
    static final long STEP_NANOS = 1000;

    private AllocatorProcess()
    {
    }

    /** What a run ended with. */
    record Result(long stateHash, long agentInputs, long decisions, long published, long suppressed, long replayed)
    {
        String line()
        {
            return "RESULT hash " + stateHash + " inputs " + agentInputs + " decisions " + decisions + " published " +
                published + " suppressed " + suppressed + " replayed " + replayed;
        }
    }

    /** What the journal says about the run that wrote it. */
    private static final class Recovery implements JournalHandler
    {
        long agentInputs;
        long setupInputs;
        long lastIndex = -1;
        long lastIngress;

        @Override
        public void onInput(final EngineEvent event, final InputOrigin origin, final long journalIndex)
        {
            if (origin.isFromQueue())
            {
                agentInputs++;
                lastIndex = origin.index();
                lastIngress = event.ingressNanos;
            }
            else
            {
                setupInputs++;
            }
        }
    }

    static Result run(
        final Path agentQueue,
        final Path stateDir,
        final Path journalDir,
        final Path decisionDir,
        final String tailerName,
        final long agentInputs,
        final long pauseNanos,
        final LongConsumer progress)
    {
        final KernelDecisions decisions = new KernelDecisions();
        try (DecisionPublisher decisionPublisher = new DecisionPublisher(decisionDir, 0, 2))
        {
            decisions.listener = decisionPublisher;
            try (ChronicleJournal journal = new ChronicleJournal(journalDir, 2))
            {
                final KernelSink sink = new KernelSink(decisions, journal, ROUND_EVERY);
                final AllocatorKernel kernel = sink.kernel;
                final Recovery recovery = new Recovery();
                try (JournalReplayer replayer = new JournalReplayer(journalDir, 2))
                {
                    replayer.replayInto(sink.applier, recovery);
                }
                sink.agentInputs = recovery.agentInputs;
                if (pauseNanos > 0)
                {
                    sink.afterJournal = () -> LockSupport.parkNanos(pauseNanos);
                }
                setUp(sink, recovery.setupInputs);
                final long[] clock = {recovery.lastIngress};
                try (AgentQueueTailer tailer = AgentQueueTailer.builder().queue(agentQueue).stateDir(stateDir)
                    .name(tailerName).dimensions(2).sink(sink).clock(() -> clock[0] += STEP_NANOS)
                    .build())
                {
                    if (recovery.lastIndex >= 0)
                    {
                        tailer.resumeAfter(0, recovery.lastIndex);
                    }
                    long reported = sink.agentInputs;
                    while (sink.agentInputs < agentInputs)
                    {
                        if (tailer.doWork() == 0)
                        {
                            Thread.onSpinWait();
                        }
                        if (sink.agentInputs >= reported + 250)
                        {
                            reported = sink.agentInputs;
                            progress.accept(reported);
                        }
                    }
                }
                return new Result(kernel.view().stateHash(), sink.agentInputs, decisions.decisions,
                    decisionPublisher.published(), decisionPublisher.suppressed(), recovery.agentInputs);
            }
        }
    }

    /** A framework, then {@link #TASKS} tasks; journals and applies those the journal does not hold yet. */
    private static void setUp(final KernelSink sink, final long done)
    {
        final EngineEvent event = new EngineEvent(2);
        for (int i = 0; i <= TASKS; i++)
        {
            if (i < done)
            {
                continue;
            }
            event.clear();
            event.ingressNanos = i;
            if (i == 0)
            {
                event.type = EventType.REGISTER_FRAMEWORK;
                event.name = "fw";
                event.role = "*";
            }
            else
            {
                event.type = EventType.SUBMIT;
                event.framework = 0;
                event.priority = i % 3;
                event.hasVector = true;
                event.vector[0] = 250 + (i % 4) * 250;
                event.vector[1] = 500 + (i % 3) * 500;
            }
            sink.applyOther(event);
        }
    }

    /**
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        final Result result = run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), args[4],
            Long.parseLong(args[5]), Long.parseLong(args[6]), n ->
            {
                System.out.println("PROGRESS " + n);
                System.out.flush();
            });
        System.out.println(result.line());
        System.out.flush();
    }
}
