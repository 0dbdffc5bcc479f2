package io.stowage.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencySnapshotTest
{
    @Test
    void shouldCopyTheFiguresOfTheLastPublication()
    {
        final EngineCounters counters = EngineCounters.inMemory();
        final LatencyMeter meter = new LatencyMeter(counters, 1, 0);
        final LatencySnapshot snapshot = new LatencySnapshot(counters.reader());
        meter.record(1_000);
        meter.record(3_000_000);
        meter.publish(1);

        assertTrue(snapshot.read());
        assertTrue(snapshot.isConsistent());
        assertEquals(counters.value(CounterFamily.LATENCY, "0.5"), snapshot.p50Micros());
        assertEquals(counters.value(CounterFamily.LATENCY, "0.99"), snapshot.p99Micros());
        assertEquals(counters.value(CounterFamily.LATENCY, "0.999"), snapshot.p999Micros());
        assertEquals(counters.value(CounterFamily.LATENCY_MAX, ""), snapshot.maxMicros());
        assertEquals(1, snapshot.p50Micros());
        assertTrue(snapshot.p99Micros() >= 3_000, () -> "p99 " + snapshot.p99Micros());
        assertEquals(2, snapshot.count());
        assertEquals(3_001, snapshot.sumMicros());
    }

    @Test
    void shouldKeepThePercentilesOfTheLastPeriodWithSamples()
    {
        final EngineCounters counters = EngineCounters.inMemory();
        final LatencyMeter meter = new LatencyMeter(counters, 1, 0);
        final LatencySnapshot snapshot = new LatencySnapshot(counters.reader());
        meter.record(5_000);
        meter.publish(1);
        assertTrue(snapshot.read());
        final long p50 = snapshot.p50Micros();
        final long max = snapshot.maxMicros();
        meter.publish(2);

        assertTrue(snapshot.read());
        assertTrue(p50 >= 5, () -> "p50 " + p50);
        assertEquals(p50, snapshot.p50Micros());
        assertEquals(max, snapshot.maxMicros());
        assertEquals(1, snapshot.count());
        assertEquals(5, snapshot.sumMicros());
    }

    @Test
    void shouldGiveUpOnAPublicationItsWriterNeverFinished()
    {
        final EngineCounters counters = EngineCounters.inMemory();
        final CountersManager manager = (CountersManager)counters.reader();
        final int[] versionId = {-1};
        manager.forEach((counterId, typeId, key, label) ->
        {
            if (typeId == CountersFileDescriptor.LATENCY_VERSION_TYPE_ID)
            {
                versionId[0] = counterId;
            }
        });
        manager.setCounterValue(versionId[0], 3);

        final LatencySnapshot snapshot = new LatencySnapshot(counters.reader());
        assertFalse(snapshot.read());
        assertFalse(snapshot.isConsistent());
    }

    @Test
    void shouldFindNoFiguresInCountersOfAnotherKind()
    {
        final CountersManager other = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(CountersFileDescriptor.METADATA_BUFFER_LENGTH)),
            new UnsafeBuffer(ByteBuffer.allocateDirect(CountersFileDescriptor.VALUES_BUFFER_LENGTH)));
        other.newCounter("something else", 1);

        assertFalse(new LatencySnapshot(other).read());
    }

    @Test
    void shouldListOnlyTheCountersOfAFamily()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(EngineCounters.length()));
        EngineCounters.wrap(buffer).malformedFrame();
        final EngineCountersReader reader = EngineCountersReader.wrap(buffer);

        for (final EngineCountersReader.Entry entry : reader.entries())
        {
            assertTrue(entry.family() != null, entry::label);
        }
        assertEquals(1, reader.value(CounterFamily.MALFORMED_FRAMES, ""));
        assertTrue(reader.latency().read());
    }
}
