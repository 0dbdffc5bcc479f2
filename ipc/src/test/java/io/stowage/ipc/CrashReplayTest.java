package io.stowage.ipc;

import io.stowage.core.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The allocator runs in its own JVM and is killed with SIGKILL in the middle of the stream; agents keep publishing
 * while it is down; a new one replays the journal and continues from the last journaled frame. Its state hash equals
 * an uninterrupted run's over the same inputs, the journal holds each input once, and the decision stream holds each
 * decision once.
 */
class CrashReplayTest
{
    private static final int AGENTS = 30;
    private static final int FRAMES = 9000;
    /** Task ids are the ledger slot with its generation above bit 32; the submitted tasks are the first. */
    private static final long FIRST_GENERATION = 1L << 32;

    @TempDir
    Path dir;

    /** One frame the agent host writes: a heartbeat, a task finished, a launch refused, or junk. */
    private record Frame(char kind, String agent, long[] usage, boolean pressure, long taskId, byte[] junk)
    {
        void write(final AgentPublisher publisher, final RawQueueWriter raw)
        {
            switch (kind)
            {
                case 'h' -> publisher.heartbeat(agent, 1, usage, pressure);
                case 'f' -> publisher.taskFinished(agent, 1, taskId);
                case 'r' -> publisher.launchRefused(agent, 1, taskId, Reason.INSUFFICIENT_CAPACITY);
                default -> raw.write(junk, junk.length);
            }
        }
    }

    private static List<Frame> plan(final SplittableRandom random)
    {
        final List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++)
        {
            final String agent = "agent-" + random.nextInt(AGENTS);
            final int pick = random.nextInt(20);
            if (pick < 16)
            {
                frames.add(new Frame('h', agent, random.nextInt(3) == 0 ? null :
                    new long[]{random.nextLong(3000), random.nextLong(6000)}, random.nextInt(100) == 0, 0, null));
            }
            else if (pick < 18)
            {
                frames.add(new Frame(pick == 16 ? 'f' : 'r', agent, null, false,
                    FIRST_GENERATION | random.nextInt(AllocatorProcess.TASKS), null));
            }
            else
            {
                final byte[] junk = new byte[1 + random.nextInt(63)];
                random.nextBytes(junk);
                frames.add(new Frame('j', agent, null, false, 0, junk));
            }
        }
        return frames;
    }

    @Test
    void shouldRecoverByReplayToTheStateOfAnUninterruptedRun() throws Exception
    {
        final long seed = System.nanoTime();
        try
        {
            run(seed);
        }
        catch (final AssertionError ex)
        {
            throw new AssertionError("seed " + seed + ": " + ex.getMessage(), ex);
        }
    }

    private void run(final long seed) throws Exception
    {
        final Path agents = dir.resolve("agents");
        final List<Frame> frames = plan(new SplittableRandom(seed));
        final long total = AGENTS + frames.stream().filter(f -> f.kind() != 'j').count();
        final int beforeCrash = FRAMES * 2 / 3;
        final String[] args = {agents.toString(), dir.resolve("state").toString(), dir.resolve("journal").toString(),
            dir.resolve("decisions").toString(), "allocator", String.valueOf(total), "50000"};
        final String line;
        final long killedAt;
        try (AgentPublisher publisher = new AgentPublisher(agents, 1); RawQueueWriter raw = new RawQueueWriter(agents))
        {
            for (int a = 0; a < AGENTS; a++)
            {
                publisher.register("agent-" + a, new long[]{4000L + 1000 * (a % 5), 8000L + 2000 * (a % 7)},
                    Map.of("rack", "r" + (a % 3)));
            }
            frames.subList(0, beforeCrash).forEach(f -> f.write(publisher, raw));
            try (ChildJvm first = new ChildJvm(AllocatorProcess.class, args))
            {
                long progress = 0;
                while (progress < beforeCrash / 3)
                {
                    progress = Long.parseLong(first.awaitLine("PROGRESS", 60).substring("PROGRESS ".length()));
                }
                first.process.destroyForcibly();
                assertTrue(first.process.waitFor(30, TimeUnit.SECONDS));
                killedAt = progress;
            }
            frames.subList(beforeCrash, FRAMES).forEach(f -> f.write(publisher, raw));
            try (ChildJvm second = new ChildJvm(AllocatorProcess.class, args))
            {
                line = second.awaitLine("RESULT", 120);
                assertTrue(second.process.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, second.process.exitValue());
            }
        }
        final AllocatorProcess.Result reference = AllocatorProcess.run(agents, dir.resolve("ref-state"),
            dir.resolve("ref-journal"), dir.resolve("ref-decisions"), "reference", total, 0, n ->
            {
            });
        System.out.println("crash and replay: killed after " + killedAt + " inputs; recovered " + line +
            "; uninterrupted " + reference.line());
        final long replayed = Long.parseLong(line.substring(line.indexOf("replayed ") + "replayed ".length()));
        assertTrue(replayed >= killedAt && replayed < total, "killed mid-stream: " + line);
        assertEquals(reference.stateHash(), Long.parseLong(line.split(" ")[2]), line + " vs " + reference.line());
        assertTrue(line.contains(" inputs " + total + " decisions " + reference.decisions() + " "),
            line + " vs " + reference.line());
        assertTrue(!line.contains(" published 0 ") && !line.contains(" suppressed 0 "),
            "decisions before the crash are not published again, those after it are: " + line);

        final List<Long> origins = JournalOrigins.read(dir.resolve("journal"), 2);
        assertEquals(total, origins.size(), "each input journaled once");
        assertEquals(JournalOrigins.read(dir.resolve("ref-journal"), 2), origins, "the same frames, in queue order");
        final List<String> decisions = decisions(dir.resolve("decisions"));
        assertEquals(decisions(dir.resolve("ref-decisions")), decisions);
        for (int d = 0; d < decisions.size(); d++)
        {
            assertTrue(decisions.get(d).startsWith((d + 1) + " "), "decision numbers run 1.." + decisions.size());
        }
    }

    private static List<String> decisions(final Path queue)
    {
        final RecordingDecisions handler = new RecordingDecisions();
        try (DecisionTailer tailer = new DecisionTailer(queue, null, handler, MalformedFrameListener.NONE, 0))
        {
            for (int a = 0; a < AGENTS; a++)
            {
                tailer.addAgent("agent-" + a);
            }
            while (tailer.doWork() > 0)
            {
            }
            assertEquals(0, tailer.duplicates(), "no decision twice in " + queue);
        }
        return handler.decisions;
    }
}
