package io.stowage.ipc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every queue directory is owner-only, whoever creates it, and an existing one is tightened. */
class QueuePermissionsTest
{
    @TempDir
    Path dir;

    private static String permissions(final Path path) throws IOException
    {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void shouldCreateEveryQueueDirectoryOwnerOnly() throws IOException
    {
        final KernelDecisions decisions = new KernelDecisions();
        try (AgentPublisher publisher = new AgentPublisher(dir.resolve("agents"), 1);
            AgentQueueTailer tailer = AgentQueueTailer.builder().queue(dir.resolve("agents"))
                .stateDir(dir.resolve("state")).dimensions(2).sink(new RecordingSink()).build();
            ChronicleJournal journal = new ChronicleJournal(dir.resolve("journal"), 2);
            DecisionPublisher decisionPublisher = new DecisionPublisher(dir.resolve("decisions"), 0, 2))
        {
            publisher.register("a1", new long[]{1, 1}, java.util.Map.of());
            tailer.doWork();
            assertEquals(0, journal.appended());
            assertEquals(0, decisionPublisher.lastDecision());
            for (final String name : new String[]{"agents", "state", "state/owners", "journal", "decisions"})
            {
                assertEquals("rwx------", permissions(dir.resolve(name)), name);
            }
        }
    }

    @Test
    void shouldTightenAnExistingDirectory() throws IOException
    {
        final Path open = Files.createDirectory(dir.resolve("open"),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        try (AgentPublisher publisher = new AgentPublisher(open, 1))
        {
            assertEquals("rwx------", permissions(open));
            assertEquals(1, publisher.sourceId());
        }
    }
}
