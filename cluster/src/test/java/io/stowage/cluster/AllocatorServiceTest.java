package io.stowage.cluster;

import io.stowage.engine.EngineEvent;
import io.stowage.engine.EventType;
import io.stowage.engine.KernelEventApplier;
import io.stowage.ipc.JournalRecordCodec;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.stowage.cluster.ClusterMessageDescriptor.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service driven by hand through a {@link FakeCluster}: ingress checks, resume, time, timer and snapshots. */
final class AllocatorServiceTest
{
    private static final int DIMENSIONS = ClusterHarness.DIMENSIONS;
    private final JournalRecordCodec codec = new JournalRecordCodec(DIMENSIONS);
    private final FakeCluster cluster = new FakeCluster();

    @Test
    void shouldRefuseMalformedMessagesWithoutChangingStateOrDecisionNumbers()
    {
        final AllocatorService service = start(new AllocatorServiceConfig(ClusterHarness.KERNEL)
            .eventTime(EventTime.RECORD));
        final FakeCluster.Session session = cluster.open(1);
        final List<EngineEvent> events = new SeededInputs(5, DIMENSIONS).next(200);
        for (int i = 0; i < events.size(); i++)
        {
            deliver(service, session, input(7, i + 1, events.get(i)));
        }
        final long hash = service.stateHash();
        final long decisions = service.lastDecision();
        session.received.clear();

        deliver(service, session, new byte[3]);
        final byte[] badMagic = state(1);
        badMagic[0] ^= 1;
        deliver(service, session, badMagic);
        final byte[] badVersion = state(1);
        badVersion[VERSION_OFFSET] = 9;
        deliver(service, session, badVersion);
        final byte[] egressType = state(1);
        egressType[TYPE_OFFSET] = (byte)TYPE_DECISION;
        deliver(service, session, egressType);
        deliver(service, session, new byte[]{0x53, 0x54, 0x4F, 0x43, 1, 0, 1, 0, 1});
        final byte[] badRecord = input(7, events.size() + 1, events.get(5));
        badRecord[INPUT_RECORD_OFFSET] ^= 1;
        deliver(service, session, badRecord);
        final byte[] cut = input(7, events.size() + 2, events.get(5));
        deliver(service, session, java.util.Arrays.copyOf(cut, cut.length - 3));
        final EngineEvent query = new EngineEvent(DIMENSIONS);
        query.clear();
        query.type = EventType.QUERY;
        // The journal format has no code for a query: the record is unreadable before it could be applied.
        deliver(service, session, input(7, events.size() + 3, query));

        assertEquals(hash, service.stateHash());
        assertEquals(decisions, service.lastDecision());
        assertEquals(8, service.refused());
        final int[] codes = session.received.stream().mapToInt(b -> refusedCode(b)).toArray();
        assertArrayEquals(new int[]{
            ClusterMessageError.TRUNCATED.code(), ClusterMessageError.BAD_MAGIC.code(),
            ClusterMessageError.UNSUPPORTED_VERSION.code(), ClusterMessageError.UNKNOWN_TYPE.code(),
            ClusterMessageError.TRUNCATED.code(), ClusterMessageError.BAD_RECORD.code(),
            ClusterMessageError.BAD_RECORD.code(), ClusterMessageError.BAD_RECORD.code()}, codes);
        assertTrue(cluster.errors.isEmpty(), cluster.errors.toString());
    }

    @Test
    void shouldApplyEachInputOfAClientOnceAndInOrder()
    {
        final AllocatorService service = start(new AllocatorServiceConfig(ClusterHarness.KERNEL)
            .eventTime(EventTime.RECORD));
        final FakeCluster.Session session = cluster.open(1);
        final List<EngineEvent> events = new SeededInputs(6, DIMENSIONS).next(4);
        deliver(service, session, input(7, 1, events.get(0)));
        deliver(service, session, input(7, 1, events.get(0)));
        deliver(service, session, input(7, 3, events.get(2)));
        deliver(service, session, input(7, 2, events.get(1)));
        deliver(service, session, input(8, 1, events.get(2)));

        assertEquals(1, service.repeatedInputs());
        assertEquals(1, service.inputsAfterHole());
        assertEquals(3, service.lastDecision());
        deliver(service, session, resume(7, 99, -1));
        assertEquals(2, session.received.get(session.received.size() - 1).length == RESUMED_LENGTH ?
            new UnsafeBuffer(session.received.get(session.received.size() - 1))
                .getLong(RESUMED_LAST_INPUT_OFFSET, BYTE_ORDER) : -1);
    }

    @Test
    void shouldResumeAfterADecisionWithExactlyTheDecisionsThatFollowThenTheLiveOnes()
    {
        final AllocatorService service = start(new AllocatorServiceConfig(ClusterHarness.KERNEL)
            .eventTime(EventTime.RECORD));
        final FakeCluster.Session first = cluster.open(1);
        final List<EngineEvent> events = new SeededInputs(8, DIMENSIONS).next(120);
        for (int i = 0; i < 100; i++)
        {
            deliver(service, first, input(7, i + 1, events.get(i)));
        }
        final long current = service.lastDecision();
        assertTrue(current > 40);
        final FakeCluster.Session second = cluster.open(2);
        second.received.clear();
        deliver(service, second, resume(9, 5, 20));

        final UnsafeBuffer resumed = new UnsafeBuffer(second.received.get(0));
        assertEquals(TYPE_RESUMED, resumed.getShort(TYPE_OFFSET, BYTE_ORDER));
        assertEquals(5, resumed.getLong(RESUMED_CORRELATION_OFFSET, BYTE_ORDER));
        assertEquals(21, resumed.getLong(RESUMED_FIRST_OFFSET, BYTE_ORDER));
        assertEquals(current, resumed.getLong(RESUMED_LAST_OFFSET, BYTE_ORDER));
        final List<Long> numbers = decisionNumbers(second.received);
        for (int i = 100; i < 120; i++)
        {
            deliver(service, first, input(7, i + 1, events.get(i)));
        }
        final List<Long> expected = new ArrayList<>();
        for (long n = 21; n <= service.lastDecision(); n++)
        {
            expected.add(n);
        }
        assertEquals(expected, decisionNumbers(second.received));
        assertEquals(current - 20, numbers.size());
    }

    @Test
    void shouldSayWhereTheWindowStartsWhenTheDecisionsAskedForAreGone()
    {
        final AllocatorService service = start(new AllocatorServiceConfig(ClusterHarness.KERNEL)
            .eventTime(EventTime.RECORD).window(10, 4096));
        final FakeCluster.Session session = cluster.open(1);
        final List<EngineEvent> events = new SeededInputs(9, DIMENSIONS).next(60);
        for (int i = 0; i < events.size(); i++)
        {
            deliver(service, session, input(7, i + 1, events.get(i)));
        }
        session.received.clear();
        deliver(service, session, resume(7, 1, 3));

        final UnsafeBuffer resumed = new UnsafeBuffer(session.received.get(0));
        assertEquals(service.lastDecision() - 9, resumed.getLong(RESUMED_FIRST_OFFSET, BYTE_ORDER));
        assertEquals(10, decisionNumbers(session.received).size());
    }

    @Test
    void shouldGiveTheKernelTheClusterTimeAndTickOnTheRoundTimer()
    {
        final AllocatorService service = start(new AllocatorServiceConfig(ClusterHarness.KERNEL)
            .eventTime(EventTime.CLUSTER_CLOCK).roundPeriodNanos(10_000_000L));
        final FakeCluster.Session session = cluster.open(1);
        service.onSessionOpen(session, 1_000);
        assertEquals(1, cluster.timers.size());
        assertEquals(AllocatorService.ROUND_TIMER, cluster.timers.get(0)[0]);
        assertEquals(1_010, cluster.timers.get(0)[1]);

        final List<EngineEvent> events = new SeededInputs(10, DIMENSIONS).next(40);
        for (int i = 0; i < events.size(); i++)
        {
            events.get(i).ingressNanos = 123;
            deliver(service, session, input(7, i + 1, events.get(i)), 1_000 + i);
        }
        service.onTimerEvent(AllocatorService.ROUND_TIMER, 1_010);
        assertEquals(2, cluster.timers.size());
        assertEquals(1_020, cluster.timers.get(1)[1]);
        long placedAt = -1;
        for (final byte[] message : session.received)
        {
            final ClusterDecision d = new ClusterDecision().wrap(new UnsafeBuffer(message), 0, message.length);
            if (isDecision(message) && d.kind() == KIND_PLACED)
            {
                placedAt = d.ingressNanos();
            }
        }
        assertTrue(placedAt >= 1_000_000_000L, "a placement at the cluster's time in ns, not the record's: " +
            placedAt);
    }

    @Test
    void shouldContinueFromASnapshotExactlyAsTheServiceThatWroteIt()
    {
        final AllocatorServiceConfig config = new AllocatorServiceConfig(ClusterHarness.KERNEL)
            .eventTime(EventTime.RECORD).window(500, 1 << 20);
        final AllocatorService original = start(config);
        final FakeCluster.Session session = cluster.open(1);
        final List<EngineEvent> events = new SeededInputs(11, DIMENSIONS).next(700);
        for (int i = 0; i < 400; i++)
        {
            deliver(original, session, input(7, i + 1, events.get(i)));
        }
        final ExpandableDirectByteBuffer snapshot = new ExpandableDirectByteBuffer(1024);
        final int length = original.writeSnapshotForTest(snapshot);

        final FakeCluster otherCluster = new FakeCluster();
        final AllocatorService loaded = new AllocatorService(config);
        loaded.onStart(otherCluster, null);
        loaded.loadSnapshot(snapshot, length);
        final FakeCluster.Session otherSession = otherCluster.open(1);
        assertEquals(original.stateHash(), loaded.stateHash());
        assertEquals(original.lastDecision(), loaded.lastDecision());

        session.received.clear();
        deliver(original, session, input(7, 400, events.get(399)));
        deliver(loaded, otherSession, input(7, 400, events.get(399)));
        deliver(original, session, resume(7, 1, original.lastDecision() - 300));
        deliver(loaded, otherSession, resume(7, 1, loaded.lastDecision() - 300));
        for (int i = 400; i < events.size(); i++)
        {
            deliver(original, session, input(7, i + 1, events.get(i)));
            deliver(loaded, otherSession, input(7, i + 1, events.get(i)));
        }
        assertEquals(original.stateHash(), loaded.stateHash());
        assertEquals(session.received.size(), otherSession.received.size());
        for (int i = 0; i < session.received.size(); i++)
        {
            assertArrayEquals(session.received.get(i), otherSession.received.get(i), "message " + i);
        }
        assertEquals(1, original.repeatedInputs());
        assertEquals(1, loaded.repeatedInputs());

        final KernelEventApplier reference = new KernelEventApplier(ClusterHarness.KERNEL, new io.stowage.engine
            .EngineListener()
        {
        }, ex ->
        {
            throw new AssertionError(ex);
        });
        events.forEach(reference::apply);
        assertEquals(reference.kernel().view().stateHash(), loaded.stateHash());
    }

    private AllocatorService start(final AllocatorServiceConfig config)
    {
        final AllocatorService service = new AllocatorService(config);
        service.onStart(cluster, null);
        return service;
    }

    private static void deliver(final AllocatorService service, final FakeCluster.Session session, final byte[] m)
    {
        deliver(service, session, m, 0);
    }

    private static void deliver(
        final AllocatorService service, final FakeCluster.Session session, final byte[] m, final long timestamp)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[m.length + 16]);
        buffer.putBytes(16, m);
        service.onSessionMessage(session, timestamp, buffer, 16, m.length, null);
    }

    private byte[] input(final long clientId, final long sequence, final EngineEvent event)
    {
        final ExpandableArrayBuffer record = new ExpandableArrayBuffer(256);
        final int length = codec.encode(event, new io.stowage.engine.InputOrigin(), record);
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer(256);
        header(out, TYPE_INPUT);
        out.putLong(CLIENT_ID_OFFSET, clientId, BYTE_ORDER);
        out.putLong(INPUT_SEQUENCE_OFFSET, sequence, BYTE_ORDER);
        out.putBytes(INPUT_RECORD_OFFSET, record, 0, length);
        final byte[] bytes = new byte[INPUT_RECORD_OFFSET + length];
        out.getBytes(0, bytes);
        return bytes;
    }

    private static byte[] resume(final long clientId, final long correlation, final long after)
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[RESUME_LENGTH]);
        header(out, TYPE_RESUME);
        out.putLong(CLIENT_ID_OFFSET, clientId, BYTE_ORDER);
        out.putLong(RESUME_CORRELATION_OFFSET, correlation, BYTE_ORDER);
        out.putLong(RESUME_AFTER_OFFSET, after, BYTE_ORDER);
        return out.byteArray();
    }

    private static byte[] state(final long correlation)
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[STATE_LENGTH]);
        header(out, TYPE_STATE);
        out.putLong(STATE_CORRELATION_OFFSET, correlation, BYTE_ORDER);
        return out.byteArray();
    }

    private static void header(final org.agrona.MutableDirectBuffer out, final int type)
    {
        out.putInt(MAGIC_OFFSET, MAGIC, BYTE_ORDER);
        out.putShort(VERSION_OFFSET, (short)VERSION, BYTE_ORDER);
        out.putShort(TYPE_OFFSET, (short)type, BYTE_ORDER);
    }

    private static boolean isDecision(final byte[] message)
    {
        return new UnsafeBuffer(message).getShort(TYPE_OFFSET, BYTE_ORDER) == TYPE_DECISION;
    }

    private static int refusedCode(final byte[] message)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(message);
        assertEquals(TYPE_REFUSED, buffer.getShort(TYPE_OFFSET, BYTE_ORDER));
        return buffer.getInt(REFUSED_CODE_OFFSET, BYTE_ORDER);
    }

    private static List<Long> decisionNumbers(final List<byte[]> messages)
    {
        final List<Long> numbers = new ArrayList<>();
        for (final byte[] message : messages)
        {
            if (isDecision(message))
            {
                numbers.add(new UnsafeBuffer(message).getLong(DECISION_NUMBER_OFFSET, BYTE_ORDER));
            }
        }
        return numbers;
    }
}
