package io.stowage.ipc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent-queue origins a journal holds, in journal order, checked to increase strictly (each frame once). */
final class JournalOrigins
{
    private JournalOrigins()
    {
    }

    static List<Long> read(final Path journal, final int dimensions)
    {
        final List<Long> origins = new ArrayList<>();
        try (JournalReplayer replayer = new JournalReplayer(journal, dimensions))
        {
            replayer.replay((event, origin, index) ->
            {
                if (origin.isFromQueue())
                {
                    origins.add(origin.index());
                }
            });
        }
        for (int i = 1; i < origins.size(); i++)
        {
            assertTrue(origins.get(i) > origins.get(i - 1), "journaled origins strictly increase");
        }
        return origins;
    }
}
