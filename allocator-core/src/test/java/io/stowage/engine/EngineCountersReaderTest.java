package io.stowage.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineCountersReaderTest
{
    @TempDir
    Path directory;

    @Test
    void shouldRefuseAMissingFile()
    {
        final CountersFileException ex =
            assertThrows(CountersFileException.class, () -> EngineCountersReader.map(directory));
        assertTrue(ex.getMessage().contains("no such counters file"), ex.getMessage());
    }

    @Test
    void shouldRefuseAFileThatIsNotCounters() throws Exception
    {
        final byte[] foreign = new byte[4096];
        foreign[0] = 'J';
        foreign[1] = 'U';
        foreign[2] = 'N';
        foreign[3] = 'K';
        Files.write(directory.resolve(CountersFileDescriptor.FILE_NAME), foreign);
        final CountersFileException junk =
            assertThrows(CountersFileException.class, () -> EngineCountersReader.map(directory));
        assertTrue(junk.getMessage().contains("not a Stowage counters file"), junk.getMessage());

        Files.write(directory.resolve(CountersFileDescriptor.FILE_NAME), "hello".getBytes());
        final CountersFileException tiny =
            assertThrows(CountersFileException.class, () -> EngineCountersReader.map(directory));
        assertTrue(tiny.getMessage().contains("is not a counters file"), tiny.getMessage());
    }

    @Test
    void shouldRefuseAZeroedFileAsNotYetWritten() throws Exception
    {
        Files.write(directory.resolve(CountersFileDescriptor.FILE_NAME), new byte[4096]);
        final CountersFileException zeroed =
            assertThrows(CountersFileException.class, () -> EngineCountersReader.map(directory));
        assertTrue(zeroed.getMessage().endsWith("header not yet written by the engine"), zeroed.getMessage());
    }

    @Test
    void shouldRefuseATruncatedOrNewerFile() throws Exception
    {
        final EngineCounters counters = EngineCounters.create(directory);
        counters.malformedFrame();
        final Path file = counters.file();
        final byte[] whole = Files.readAllBytes(file);

        final Path truncated = directory.resolve("truncated.dat");
        Files.write(truncated, java.util.Arrays.copyOf(whole, 1024));
        final CountersFileException shortFile =
            assertThrows(CountersFileException.class, () -> EngineCountersReader.map(truncated));
        assertTrue(shortFile.getMessage().contains("its header describes"), shortFile.getMessage());

        final Path newer = directory.resolve("newer.dat");
        final byte[] copy = whole.clone();
        copy[CountersFileDescriptor.VERSION_OFFSET] = 9;
        Files.write(newer, copy);
        final CountersFileException version =
            assertThrows(CountersFileException.class, () -> EngineCountersReader.map(newer));
        assertTrue(version.getMessage().contains("version 9"), version.getMessage());

        try (EngineCountersReader reader = EngineCountersReader.map(directory))
        {
            assertEquals(1, reader.value(CounterFamily.MALFORMED_FRAMES, ""));
            assertEquals(ProcessHandle.current().pid(), reader.pid());
            assertTrue(reader.entries().size() > 40);
        }
    }
}
