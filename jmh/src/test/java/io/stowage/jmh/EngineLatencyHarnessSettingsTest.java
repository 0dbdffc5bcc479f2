package io.stowage.jmh;

import io.stowage.engine.EngineThreading;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineLatencyHarnessSettingsTest
{
    @Test
    void shouldRunTheDedicatedStagesUnlessToldOtherwise()
    {
        assertEquals(EngineThreading.DEDICATED, EngineLatencyHarness.Settings.parse(new String[0]).threading);
    }

    @Test
    void shouldTakeTheThreadingModeInAnyCase()
    {
        assertEquals(EngineThreading.SHARED,
            EngineLatencyHarness.Settings.parse(new String[]{"--threading", "shared"}).threading);
        assertEquals(EngineThreading.DEDICATED,
            EngineLatencyHarness.Settings.parse(new String[]{"--threading", "DEDICATED"}).threading);
    }

    @Test
    void shouldNameABadThreadingValueAndTheChoices()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> EngineLatencyHarness.Settings.parse(new String[]{"--threading", "aeron"}));

        assertEquals("--threading aeron: expected one of dedicated, shared", error.getMessage());
    }

    @Test
    void shouldNameTheOptionOfABadNumber()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> EngineLatencyHarness.Settings.parse(new String[]{"--rate", "fast"}));

        assertTrue(error.getMessage().startsWith("--rate fast"), error.getMessage());
    }
}
