package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class QuantitiesTest
{
    @Test
    void shouldConvertDecimalsToMilliUnitsExactly()
    {
        assertEquals(1500, Quantities.toMillis("1.5"));
        assertEquals(1, Quantities.toMillis(new BigDecimal("0.001")));
        assertEquals(12_000, Quantities.toMillis(12));
        assertEquals(100, Quantities.toMillis(0.1d));
        assertEquals(2_500, Quantities.toMillis("2.500000"));
    }

    @Test
    void shouldRejectMorePrecisionThanThreeDecimals()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> Quantities.toMillis("0.0001"));
        assertTrue(ex.getMessage().contains("more than 3 decimal places"), ex.getMessage());
    }

    @Test
    void shouldRejectNegativeAndNonNumbers()
    {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Quantities.toMillis("-1"))
            .getMessage().contains("negative"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Quantities.toMillis("lots"))
            .getMessage().contains("not a number"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.toMillis(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Quantities.toMillis("1e30"));
    }

    @Test
    void shouldFormatShortestDecimal()
    {
        assertEquals("1.5", Quantities.format(1500));
        assertEquals("0.001", Quantities.format(1));
        assertEquals("12", Quantities.format(12_000));
    }

    @Test
    void shouldParseVectorsByNameAndNameUnknownResources()
    {
        final ResourceSchema schema = ResourceSchema.of("cpus", "mem");
        assertArrayEquals(new long[]{2000, 0}, schema.parse(Map.of("cpus", 2)));
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> schema.parse(Map.of("cpu", 1)));
        assertEquals("unknown resource \"cpu\"", ex.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> schema.parse(Map.of("mem", "1.2345")))
            .getMessage().startsWith("mem: "));
    }

    @Test
    void shouldRefuseSchemasOutsideOneToEightDistinctNames()
    {
        assertThrows(IllegalArgumentException.class, ResourceSchema::of);
        assertThrows(IllegalArgumentException.class, () -> ResourceSchema.of("a", "b", "c", "d", "e", "f", "g", "h", "i"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ResourceSchema.of("cpus", "cpus"))
            .getMessage().contains("named twice"));
        assertEquals(8, ResourceSchema.of("a", "b", "c", "d", "e", "f", "g", "h").dimensions());
    }
}
