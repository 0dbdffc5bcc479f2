package io.stowage.engine;

import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.agrona.concurrent.errors.DistinctErrorLog.ENCODED_ERROR_OFFSET;
import static org.agrona.concurrent.errors.DistinctErrorLog.FIRST_OBSERVATION_TIMESTAMP_OFFSET;
import static org.agrona.concurrent.errors.DistinctErrorLog.LAST_OBSERVATION_TIMESTAMP_OFFSET;
import static org.agrona.concurrent.errors.DistinctErrorLog.LENGTH_OFFSET;
import static org.agrona.concurrent.errors.DistinctErrorLog.OBSERVATION_COUNT_OFFSET;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EngineErrorLogTest
{
    private static final long TIME_MS = 1_700_000_000_000L;

    @Test
    void shouldLeaveAnErrorStillBeingRecordedForTheNextRead()
    {
        final EngineCounters counters = EngineCounters.inMemory();
        final AtomicBuffer log = counters.errorLog().buffer();
        final byte[] text = "java.lang.IllegalStateException: half recorded".getBytes(StandardCharsets.UTF_8);
        final List<String> read = new ArrayList<>();

        // The steps of Agrona's DistinctErrorLog.record for a new error, stopped after the record is published.
        log.putBytes(ENCODED_ERROR_OFFSET, text);
        log.putLong(FIRST_OBSERVATION_TIMESTAMP_OFFSET, TIME_MS);
        log.putIntRelease(LENGTH_OFFSET, ENCODED_ERROR_OFFSET + text.length);
        assertEquals(0, counters.readErrors((observations, first, last, error) -> read.add(error)));

        log.getAndAddInt(OBSERVATION_COUNT_OFFSET, 1);
        assertEquals(0, counters.readErrors((observations, first, last, error) -> read.add(error)));

        log.putLongRelease(LAST_OBSERVATION_TIMESTAMP_OFFSET, TIME_MS);
        assertEquals(1, counters.readErrors((observations, first, last, error) ->
            read.add(observations + "x " + error)));
        assertEquals(List.of("1x java.lang.IllegalStateException: half recorded"), read);
    }

    @Test
    void shouldReadARecordedError()
    {
        final EngineCounters counters = EngineCounters.inMemory();
        final IllegalStateException error = new IllegalStateException("recorded");
        counters.errorLog().record(error);
        counters.errorLog().record(error);

        final List<String> read = new ArrayList<>();
        assertEquals(1, counters.readErrors((observations, first, last, text) ->
            read.add(observations + "x " + text.lines().findFirst().orElse(""))));
        assertEquals(List.of("2x java.lang.IllegalStateException: recorded"), read);
    }
}
