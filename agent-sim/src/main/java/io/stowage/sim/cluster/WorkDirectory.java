package io.stowage.sim.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where a simulation keeps its agent queues, decision stream, journal and counters: a new temporary directory,
 * deleted when the run ends, or the one the settings name, which must be empty (a run's queues and journal must not
 * mix with another's) and is kept for inspection.
 */
final class WorkDirectory implements AutoCloseable
{
    private final Path path;
    private final boolean temporary;

    private WorkDirectory(final Path path, final boolean temporary)
    {
        this.path = path;
        this.temporary = temporary;
    }

    /**
     * @param given the directory to use, created if missing, or null for a new temporary one.
     * @return the work directory.
     * @throws IllegalArgumentException if the given directory is not empty.
     * @throws UncheckedIOException     if the directory cannot be created or listed.
     */
    static WorkDirectory open(final Path given)
    {
        try
        {
            if (given == null)
            {
                return new WorkDirectory(Files.createTempDirectory("stowage-sim-"), true);
            }
            Files.createDirectories(given);
            try (Stream<Path> entries = Files.list(given))
            {
                if (entries.findAny().isPresent())
                {
                    throw new IllegalArgumentException("work directory " + given + " is not empty");
                }
            }
            return new WorkDirectory(given, false);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the work directory: " + ex.getMessage(), ex);
        }
    }

    /**
     * @param name a file or directory name.
     * @return its path inside the work directory.
     */
    Path resolve(final String name)
    {
        return path.resolve(name);
    }

    /** Deletes the directory and everything in it if it is a temporary one; a directory that was given stays. */
    @Override
    public void close()
    {
        if (!temporary)
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(path))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException ignored)
        {
            // a temporary directory left behind is harmless
        }
    }
}
