package io.stowage.ipc;

import io.stowage.engine.InputOrigin;
import io.stowage.core.TaskRecord;
import io.stowage.core.AllocatorKernel;
import io.stowage.core.Reason;
import io.stowage.core.TaskEndCause;
import io.stowage.engine.EngineEvent;
import io.stowage.engine.EngineListener;
import io.stowage.engine.EventType;
import io.stowage.engine.KernelEventApplier;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The journal keeps every field of every input; replaying it into a fresh kernel gives the same state. */
class JournalReplayTest
{
    private static final int INPUTS = 20_000;

    @TempDir
    Path dir;

    @Test
    void shouldReplayARandomStreamIntoTheSameStateHash()
    {
        final long seed = System.nanoTime();
        final DecisionLog liveDecisions = new DecisionLog();
        final KernelEventApplier applier = liveDecisions.applier();
        final AllocatorKernel live = applier.kernel();
        final RandomInputs inputs = new RandomInputs(seed, live, liveDecisions.placed);
        final EngineEvent event = new EngineEvent(2);
        try (ChronicleJournal journal = new ChronicleJournal(dir.resolve("journal"), 2))
        {
            for (int i = 0; i < INPUTS; i++)
            {
                inputs.next(event);
                journal.append(event);
                applier.apply(event);
            }
            assertEquals(INPUTS, journal.appended());
        }
        final DecisionLog replayDecisions = new DecisionLog();
        final KernelEventApplier replayApplier = replayDecisions.applier();
        final AllocatorKernel replayed = replayApplier.kernel();
        final long[] types = new long[EventType.values().length];
        try (JournalReplayer replayer = new JournalReplayer(dir.resolve("journal"), 2))
        {
            assertEquals(INPUTS, replayer.replayInto(replayApplier, (e, origin, index) -> types[e.type.ordinal()]++));
        }
        final long[] answers = liveDecisions.answers;
        final String context = "seed " + seed + ", answers " + Arrays.toString(answers);
        assertEquals(live.view().stateHash(), replayed.view().stateHash(), context);
        assertEquals(liveDecisions.log, replayDecisions.log, context);
        assertEquals(applier.lastDecision(), replayApplier.lastDecision(), context);
        assertEquals(liveDecisions.errors.size(), replayDecisions.errors.size(), context);
        for (final EventType type : EventType.values())
        {
            if (type == EventType.QUERY)
            {
                continue; // not an input: never journaled
            }
            assertTrue(types[type.ordinal()] > 0, "no " + type + " input in the stream, " + context);
        }
        assertTrue(live.view().placements() > 100 && answers[Reason.OK.ordinal()] > INPUTS / 4, context);
        assertTrue(live.view().staleUpdates() > 0 && live.view().finishes() > 0, context);
    }

    @Test
    void shouldRoundTripEveryFieldOfAnEvent()
    {
        final JournalRecordCodec codec = new JournalRecordCodec(3);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final EngineEvent in = new EngineEvent(3);
        final EngineEvent out = new EngineEvent(3);
        final InputOrigin origin = new InputOrigin().set(2, 77, 0x1234_5678_9ABCL);
        final InputOrigin decodedOrigin = new InputOrigin();
        for (final EventType type : EventType.values())
        {
            if (type == EventType.QUERY)
            {
                continue; // not an input: never journaled, has no wire code
            }
            in.clear();
            in.type = type;
            in.ingressNanos = -5;
            in.correlationId = Long.MIN_VALUE;
            in.roundAfter = true;
            in.framework = 3;
            in.priority = -2;
            in.revocable = true;
            in.label = 4;
            in.constraints = 5;
            in.hasVector = true;
            in.vector[0] = 1;
            in.vector[2] = Long.MAX_VALUE;
            in.taskId = 99;
            in.agentId = "agent \ud800 \u00e9";
            in.epoch = 6;
            in.sequence = 7;
            in.pressure = true;
            final Map<String, String> attributes = new HashMap<>();
            attributes.put("zone", "z");
            attributes.put("", "");
            in.attributes = type == EventType.TICK ? null : attributes;
            in.name = type == EventType.SUBMIT ? null : "name";
            in.role = "";
            in.weight = Math.PI;
            in.guarantee = new long[]{1, 2};
            in.limit = type == EventType.FINISH ? null : new long[0];
            in.rateMillisPerSecond = 8;
            in.burst = 9;
            in.maxPending = 10;
            in.key = type == EventType.SUBMIT ? Long.MAX_VALUE : 11;
            in.adopted = type == EventType.REGISTER_AGENT ? java.util.List.of(
                new io.stowage.core.AdoptedTask(1, 12, new long[]{3, 4, 5}, -7, true, 2),
                io.stowage.core.AdoptedTask.of(0, io.stowage.core.TaskRequest.NO_KEY, new long[]{0, 0, 1})) : null;
            in.constraintList = type == EventType.INTERN_CONSTRAINTS ?
                java.util.List.of(io.stowage.core.Constraint.in("zone", java.util.List.of("a", "b")),
                    io.stowage.core.Constraint.maxPerAgent(2)) : null;
            final int length = codec.encode(in, origin, buffer);
            assertEquals(FrameError.NONE, codec.decode(buffer, length, out, decodedOrigin));
            assertEquals(describe(in), describe(out), type.toString());
            assertEquals(origin.toString(), decodedOrigin.toString());
            assertEquals(FrameError.BAD_LENGTH, codec.decode(buffer, length - 1, out, decodedOrigin));
        }
    }

    @Test
    void shouldStopReplayAtACorruptRecordNamingIt()
    {
        try (SingleChronicleQueue queue = QueueDirectories.open(dir.resolve("journal"));
            ExcerptAppender appender = queue.createAppender())
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().write(new byte[]{1, 2, 3, 4, 5, 6, 7, 8});
            }
        }
        try (JournalReplayer replayer = new JournalReplayer(dir.resolve("journal"), 2))
        {
            final IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> replayer.replay((e, origin, index) -> fail("no record should be delivered")));
            assertTrue(thrown.getMessage().contains("TRUNCATED"), thrown.getMessage());
        }
    }

    static String describe(final EngineEvent e)
    {
        return e.type + "|" + e.ingressNanos + "|" + e.correlationId + "|" + e.roundAfter + "|" + e.framework + "|" +
            e.priority + "|" + e.revocable + "|" + e.label + "|" + e.constraints + "|" + e.hasVector + "|" +
            Arrays.toString(e.vector) + "|" + e.taskId + "|" + e.agentId + "|" + e.epoch + "|" + e.sequence + "|" +
            e.pressure + "|" + e.attributes + "|" + e.constraintList + "|" + e.name + "|" + e.role + "|" + e.weight + "|" +
            Arrays.toString(e.guarantee) + "|" + Arrays.toString(e.limit) + "|" + e.rateMillisPerSecond + "|" +
            e.burst + "|" + e.maxPending + "|" + e.key + "|" + e.adopted;
    }
}
