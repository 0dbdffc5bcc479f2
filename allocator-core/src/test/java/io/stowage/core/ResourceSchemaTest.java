package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceSchemaTest
{
    /** Milli-units in one MiB of a MEBIBYTES dimension. */
    private static final long MIB = Quantities.SCALE;
    private static final long GIB = 1024 * MIB;
    private static final long TIB = 1024 * GIB;

    private static final ResourceSchema SCHEMA = ResourceSchema.of("cpus", "mem", "gpus");

    private static String refusal(final Runnable call)
    {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    @Test
    void shouldKeepTheTextHashAndKernelStateHashOfSchemasBuiltFromNames()
    {
        // Literals observed on the code before units existed: the kernel's state hash mixes the schema's text, so
        // none of them may move with the schema. The state hash itself moved in issue #12 (7291614654660429257
        // before): the counters it mixes gained two reasons (DUPLICATE_KEY, TASK_RUNNING), two end causes
        // (CANCELLED, FRAMEWORK_REMOVED) and the count of adopted tasks.
        final ResourceSchema schema = ResourceSchema.of("cpus", "mem", "disk", "gpus");
        assertEquals("ResourceSchema[cpus, mem, disk, gpus]", schema.toString());
        assertEquals(1189968821, schema.hashCode());
        final AllocatorKernel kernel = new AllocatorKernel(
            KernelConfig.builder(schema).maxAgents(4).maxTasks(4).build(), DecisionListener.NONE);
        assertEquals(175926216331237351L, kernel.view().stateHash());
    }

    @Test
    void shouldInferMebibytesForMemMemoryAndDiskAndCountForEveryOtherName()
    {
        final ResourceSchema schema = ResourceSchema.of("cpus", "mem", "memory", "disk", "gpus", "ram", "Mem");
        assertEquals(ResourceUnit.COUNT, schema.unit(0));
        assertEquals(ResourceUnit.MEBIBYTES, schema.unit(1));
        assertEquals(ResourceUnit.MEBIBYTES, schema.unit(2));
        assertEquals(ResourceUnit.MEBIBYTES, schema.unit(3));
        assertEquals(ResourceUnit.COUNT, schema.unit(4));
        assertEquals(ResourceUnit.COUNT, schema.unit(5), "only the conventional names are memory");
        assertEquals(ResourceUnit.COUNT, schema.unit(6), "names are case-sensitive, as indexOf is");
    }

    @Test
    void shouldTreatABuiltSchemaOfConventionalUnitsAsTheOneBuiltFromNames()
    {
        final ResourceSchema built = ResourceSchema.builder().count("cpus").mebibytes("mem").count("gpus").build();
        assertEquals(SCHEMA, built);
        assertEquals(SCHEMA.hashCode(), built.hashCode());
        assertEquals(SCHEMA.toString(), built.toString());
    }

    @Test
    void shouldShowOnlyUnitsThatAreNotConventionalInTheText()
    {
        final ResourceSchema schema =
            ResourceSchema.builder().count("cpus").mebibytes("ram").dimension("disk", ResourceUnit.COUNT).build();
        assertEquals("ResourceSchema[cpus, ram:MiB, disk:count]", schema.toString());
        assertEquals(ResourceUnit.MEBIBYTES, schema.unit(1));
        final ResourceSchema byName = ResourceSchema.of("cpus", "ram", "disk");
        assertNotEquals(byName, schema);
        assertNotEquals(byName.hashCode(), schema.hashCode());
        assertEquals(2 * GIB, schema.quantity("ram", "2GiB"));
        assertEquals(2_000, schema.quantity("disk", "2"));
    }

    @Test
    void shouldRefuseBuiltSchemasAsSchemasFromNamesAreRefused()
    {
        assertTrue(refusal(() -> ResourceSchema.builder().build()).contains("1 to 8 dimensions, got 0"));
        assertEquals("dimension \"cpus\" is named twice",
            refusal(() -> ResourceSchema.builder().count("cpus").mebibytes("cpus").build()));
        assertEquals("dimension \"ram\" has no unit",
            refusal(() -> ResourceSchema.builder().dimension("ram", null).build()));
        assertEquals("dimension 0 has no name", refusal(() -> ResourceSchema.builder().count(" ").build()));
    }

    @Test
    void shouldConvertAmountsByTheDimensionsUnit()
    {
        assertEquals(4 * GIB, SCHEMA.quantity("mem", "4GiB"));
        assertEquals(4_096_000, SCHEMA.quantity("mem", "4GiB"), "the figure callers computed by hand");
        assertEquals(4096 * MIB, SCHEMA.quantity("mem", "4096MiB"));
        assertEquals(4096 * MIB, SCHEMA.quantity("mem", "4096"), "a bare number is MiB, as before units");
        assertEquals(4 * GIB, SCHEMA.quantity("mem", " 4 GiB "));
        assertEquals(GIB / 2, SCHEMA.quantity("mem", "0.5GiB"));
        assertEquals(3 * TIB, SCHEMA.quantity("mem", "3TiB"));
        assertEquals(MIB / 2, SCHEMA.quantity("mem", "512KiB"), "512 KiB = 0.5 MiB");
        assertEquals(MIB, SCHEMA.quantity("mem", "1048576B"), "2^20 B = 1 MiB");
        assertEquals(1, SCHEMA.quantity("mem", "1048.576B"), "0.001 MiB is 1048.576 B, exactly one milli-unit");
        assertEquals(1000 * MIB, SCHEMA.quantity("mem", "1E3MiB"));
        assertEquals(2_500, SCHEMA.quantity("cpus", "2.5"));
        assertEquals(1_000, SCHEMA.quantity("gpus", "1"));
        assertEquals(0, SCHEMA.quantity("gpus", "0"));
    }

    @Test
    void shouldRefuseAmountsMorePreciseThanAMilliUnitOfTheUnit()
    {
        assertEquals("mem: quantity \"1KiB\" is 0.0009765625 MiB, which has more than 3 decimal places (the smallest"
            + " step is 0.001 MiB = 1048.576 B)", refusal(() -> SCHEMA.quantity("mem", "1KiB")));
        final String oneByte = refusal(() -> SCHEMA.quantity("mem", "1B"));
        assertTrue(oneByte.startsWith("mem: quantity \"1B\" is 0.00000095367431640625 MiB"), oneByte);
        assertEquals("mem: quantity \"1e-99B\" is 9.5367431640625E-106 MiB, which has more than 3 decimal places "
            + "(the smallest step is 0.001 MiB = 1048.576 B)", refusal(() -> SCHEMA.quantity("mem", "1e-99B")));
        assertEquals("mem: quantity \"0.0001\" has more than 3 decimal places",
            refusal(() -> SCHEMA.quantity("mem", "0.0001")));
        assertEquals("cpus: quantity \"2.0005\" has more than 3 decimal places",
            refusal(() -> SCHEMA.quantity("cpus", "2.0005")));
    }

    @Test
    void shouldRefuseAByteSuffixOnACountAndSuffixesThatAreNotBinary()
    {
        assertEquals("cpus: quantity \"2GiB\" has the byte suffix \"GiB\" but the dimension is a plain count",
            refusal(() -> SCHEMA.quantity("cpus", "2GiB")));
        assertEquals("gpus: not a number: \"1x\"", refusal(() -> SCHEMA.quantity("gpus", "1x")));
        assertEquals("mem: quantity \"4GB\" has an unknown suffix \"GB\"; the binary suffixes are B, KiB, MiB, GiB "
            + "and TiB (1 GiB = 1024 MiB)", refusal(() -> SCHEMA.quantity("mem", "4GB")));
        assertTrue(refusal(() -> SCHEMA.quantity("mem", "4gib")).contains("unknown suffix \"gib\""),
            "suffixes are spelled exactly");
        assertEquals("mem: not a number: \"GiB\"", refusal(() -> SCHEMA.quantity("mem", "GiB")));
        assertEquals("mem: not a number: \"1.2.3GiB\"", refusal(() -> SCHEMA.quantity("mem", "1.2.3GiB")));
    }

    @Test
    void shouldRefuseUnknownDimensionsNegativesAndNonNumbers()
    {
        assertEquals("unknown resource \"cpu\"", refusal(() -> SCHEMA.quantity("cpu", "1")));
        assertEquals("mem: negative quantity \"-1GiB\"", refusal(() -> SCHEMA.quantity("mem", "-1GiB")));
        assertEquals("cpus: negative quantity \"-0.5\"", refusal(() -> SCHEMA.quantity("cpus", "-0.5")));
        assertEquals("cpus: not a number: \"lots\"", refusal(() -> SCHEMA.quantity("cpus", "lots")));
        assertEquals("cpus: not a number: \"\"", refusal(() -> SCHEMA.quantity("cpus", "")));
        assertEquals("cpus: not a number: \"NaN\"", refusal(() -> SCHEMA.quantity("cpus", "NaN")));
    }

    @Test
    void shouldAcceptUpToTheKernelsLargestQuantityAndRefuseAnyMore()
    {
        final long max = AllocatorKernel.MAX_QUANTITY;
        assertEquals(max, SCHEMA.quantity("cpus", Quantities.format(max)));
        assertEquals("cpus: quantity \"4503599627370.497\" is above the largest the kernel takes, "
            + "4503599627370.496", refusal(() -> SCHEMA.quantity("cpus", Quantities.format(max + 1))));
        // 2^52 milli-MiB is 2^52 / 1000 / 1024 GiB = 4398046511.104 GiB exactly.
        assertEquals(max, SCHEMA.quantity("mem", "4398046511.104GiB"));
        assertEquals("mem: quantity \"4398046511.105GiB\" is above the largest the kernel takes, "
            + "4503599627370.496 MiB", refusal(() -> SCHEMA.quantity("mem", "4398046511.105GiB")));
        assertTrue(refusal(() -> SCHEMA.quantity("mem", "1e30TiB")).contains("above the largest"));
        assertTrue(refusal(() -> SCHEMA.quantity("mem", "1e2147483647")).contains("\"1e2147483647\""));
    }

    @Test
    void shouldReadVectorsFromText()
    {
        assertArrayEquals(new long[]{2_500, 4 * GIB, 1_000}, SCHEMA.vector("cpus=2.5 mem=4GiB gpus=1"));
        assertArrayEquals(new long[]{2_500, 4 * GIB, 0}, SCHEMA.vector("cpus=2.5,mem=4GiB"));
        assertArrayEquals(new long[]{1_000, MIB / 2, 0}, SCHEMA.vector(" ,mem=512KiB ,\tcpus=1, "));
        assertArrayEquals(new long[]{0, 0, 0}, SCHEMA.vector(""));
    }

    @Test
    void shouldRefuseVectorTextNamingTheBadEntry()
    {
        assertEquals("resource \"cpus\" is named twice in \"cpus=1 cpus=2\"",
            refusal(() -> SCHEMA.vector("cpus=1 cpus=2")));
        assertEquals("expected name=amount, got \"cpus\" in \"cpus mem=1\"", refusal(() -> SCHEMA.vector("cpus mem=1")));
        assertEquals("expected name=amount, got \"=1\" in \"=1\"", refusal(() -> SCHEMA.vector("=1")));
        assertEquals("expected name=amount, got \"GiB\" in \"mem=4 GiB\"", refusal(() -> SCHEMA.vector("mem=4 GiB")),
            "a space splits entries, so it cannot stand before a suffix in a vector");
        assertEquals("unknown resource \"cpu\"", refusal(() -> SCHEMA.vector("cpu=1")));
        assertEquals("cpus: not a number: \"\"", refusal(() -> SCHEMA.vector("cpus=")));
        assertTrue(refusal(() -> SCHEMA.vector("cpus=1 mem=1KiB")).startsWith("mem: quantity \"1KiB\""));
        assertEquals("no resource vector given (null)", refusal(() -> SCHEMA.vector((String)null)));
    }

    @Test
    void shouldReadVectorsFromNameAmountPairs()
    {
        assertArrayEquals(new long[]{2_500, 4 * GIB, 0}, SCHEMA.vector("cpus", 2.5, "mem", "4GiB"));
        assertArrayEquals(new long[]{0, 512 * MIB, 2_000}, SCHEMA.vector("mem", 512, "gpus", new BigDecimal("2")));
        assertArrayEquals(new long[]{100, 0, 0}, SCHEMA.vector("cpus", 0.1d));
        assertArrayEquals(new long[]{0, 0, 0}, SCHEMA.vector());
    }

    @Test
    void shouldRefuseBadPairsNamingTheBadOne()
    {
        assertEquals("expected name, amount pairs, got 3 arguments", refusal(() -> SCHEMA.vector("cpus", 1, "mem")));
        assertEquals("expected a resource name at argument 2, got 5",
            refusal(() -> SCHEMA.vector("cpus", 1, 5, "mem")));
        assertEquals("resource \"cpus\" is named twice", refusal(() -> SCHEMA.vector("cpus", 1, "cpus", 2)));
        assertEquals("cpus: not a number: null", refusal(() -> SCHEMA.vector("cpus", null)));
        assertEquals("mem: quantity 1.0E-4 has more than 3 decimal places", refusal(() -> SCHEMA.vector("mem", 1e-4)));
        assertEquals("gpus: not a finite number: NaN", refusal(() -> SCHEMA.vector("gpus", Double.NaN)));
        assertEquals("cpus: negative quantity -1", refusal(() -> SCHEMA.vector("cpus", -1)));
    }

    @Test
    void shouldParseMapsWithUnitSuffixesByTheSameRules()
    {
        assertArrayEquals(new long[]{2_000, 4 * GIB, 0}, SCHEMA.parse(Map.of("cpus", 2, "mem", "4GiB")));
        assertArrayEquals(new long[]{0, 1536 * MIB, 0}, SCHEMA.parse(Map.of("mem", 1536)));
        assertEquals("cpus: quantity \"4GiB\" has the byte suffix \"GiB\" but the dimension is a plain count",
            refusal(() -> SCHEMA.parse(Map.of("cpus", "4GiB"))));
        assertEquals("unknown resource \"cpu\"", refusal(() -> SCHEMA.parse(Map.of("cpu", 1))));
        assertTrue(refusal(() -> SCHEMA.parse(Map.of("mem", "1B"))).startsWith("mem: quantity \"1B\""));
        assertTrue(refusal(() -> SCHEMA.parse(Map.of("cpus", "1e30"))).contains("above the largest"));
    }

    @Test
    void shouldFormatWithUnitsInTextThatReadsBackToTheSameVector()
    {
        final long[] vector = {2_500, 4 * GIB, 0};
        assertEquals("cpus=2.5 mem=4GiB gpus=0", SCHEMA.formatWithUnits(vector));
        assertArrayEquals(vector, SCHEMA.vector(SCHEMA.formatWithUnits(vector)));
        assertEquals("{cpus=2.5, mem=4096, gpus=0}", SCHEMA.format(vector), "the plain form is unchanged");
        final long[] odd = {1, 1, 1_001};
        assertEquals("cpus=0.001 mem=0.001MiB gpus=1.001", SCHEMA.formatWithUnits(odd));
        assertArrayEquals(odd, SCHEMA.vector(SCHEMA.formatWithUnits(odd)));
    }

    @Test
    void shouldFormatMebibytesInTheLargestUnitThatIsExact()
    {
        assertEquals("4GiB", ResourceUnit.MEBIBYTES.format(4 * GIB));
        assertEquals("1.5GiB", ResourceUnit.MEBIBYTES.format(1536 * MIB));
        assertEquals("1000MiB", ResourceUnit.MEBIBYTES.format(1000 * MIB), "0.9765625 GiB is not exact in 3 places");
        assertEquals("1025MiB", ResourceUnit.MEBIBYTES.format(1025 * MIB), "1.0009765625 GiB");
        assertEquals("2TiB", ResourceUnit.MEBIBYTES.format(2 * TIB));
        assertEquals("0.5MiB", ResourceUnit.MEBIBYTES.format(MIB / 2));
        assertEquals("0MiB", ResourceUnit.MEBIBYTES.format(0));
        assertEquals("2.5", ResourceUnit.COUNT.format(2_500));
        for (final long millis : new long[]{1, 999, 4 * GIB + 1, 1536 * MIB, 3 * TIB + GIB, AllocatorKernel.MAX_QUANTITY})
        {
            assertEquals(millis, ResourceUnit.MEBIBYTES.toMillis(ResourceUnit.MEBIBYTES.format(millis)),
                ResourceUnit.MEBIBYTES.format(millis));
        }
    }
}
