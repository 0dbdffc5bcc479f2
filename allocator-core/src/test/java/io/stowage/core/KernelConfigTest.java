package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KernelConfigTest
{
    private static final ResourceSchema SCHEMA = ResourceSchema.of("cpus", "mem");
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    @Test
    void shouldTakeHeartbeatTimeoutsAsDurationsMeaningTheSameNanoseconds()
    {
        final KernelConfig byDuration = KernelConfig.builder(SCHEMA)
            .heartbeatTimeouts(Duration.ofSeconds(15), Duration.ofMinutes(1)).build();
        final KernelConfig byNanos = KernelConfig.builder(SCHEMA)
            .heartbeatTimeouts(15 * NANOS_PER_SECOND, 60 * NANOS_PER_SECOND).build();
        assertEquals(byNanos.heartbeatTimeoutNanos(), byDuration.heartbeatTimeoutNanos());
        assertEquals(byNanos.lostAfterNanos(), byDuration.lostAfterNanos());
        assertEquals(15 * NANOS_PER_SECOND, byDuration.heartbeatTimeoutNanos());
        assertEquals(Duration.ofSeconds(15), byDuration.heartbeatTimeout());
        assertEquals(Duration.ofMinutes(1), byDuration.lostAfter());
    }

    @Test
    void shouldTakeThePredictionHorizonAsADuration()
    {
        final KernelConfig config = KernelConfig.builder(SCHEMA)
            .predictiveAvoidance(true, Duration.ofMillis(2_500), 300).build();
        assertEquals(2_500_000_000L, config.predictionHorizonNanos());
        assertEquals(Duration.ofMillis(2_500), config.predictionHorizon());
        assertEquals(300, config.trendSmoothingMillis());
    }

    @Test
    void shouldRefuseDurationsByTheSameRulesAsNanoseconds()
    {
        final KernelConfig.Builder builder = KernelConfig.builder(SCHEMA);
        assertEquals("heartbeat timeout must be above 0 and lostAfter at least the timeout, got 10000000000 ns and "
            + "5000000000 ns", assertThrows(IllegalArgumentException.class,
                () -> builder.heartbeatTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5))).getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> builder.heartbeatTimeouts(Duration.ZERO, Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class,
            () -> builder.predictiveAvoidance(true, Duration.ofSeconds(-1), 300));
        assertEquals("lostAfter is required", assertThrows(IllegalArgumentException.class,
            () -> builder.heartbeatTimeouts(Duration.ofSeconds(1), null)).getMessage());
        // Long.MAX_VALUE ns is about 292 years; a longer span has no nanosecond value.
        assertEquals("prediction horizon PT2629800H is too long for nanoseconds",
            assertThrows(IllegalArgumentException.class,
                () -> builder.predictiveAvoidance(true, Duration.ofDays(300 * 365 + 300 / 4), 300)).getMessage());
    }

    @Test
    void shouldKeepTheDefaultSpans()
    {
        final KernelConfig config = KernelConfig.builder(SCHEMA).build();
        assertEquals(Duration.ofSeconds(15), config.heartbeatTimeout());
        assertEquals(Duration.ofSeconds(60), config.lostAfter());
        assertEquals(Duration.ofSeconds(30), config.predictionHorizon());
    }
}
