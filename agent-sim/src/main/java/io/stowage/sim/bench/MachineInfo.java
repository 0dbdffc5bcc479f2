package io.stowage.sim.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The facts about the machine that go beside the figures. */
public final class MachineInfo
{
    private static final Path CPU_INFO = Path.of("/proc/cpuinfo");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private MachineInfo()
    {
    }

    /** @return now, in UTC, to the minute. */
    public static String now()
    {
        return DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    /** @return processors available to the JVM, which is what {@code nproc} prints. */
    public static int cores()
    {
        return Runtime.getRuntime().availableProcessors();
    }

    /** @return the first {@code model name} of {@code /proc/cpuinfo} (what {@code lscpu} shows), or "unknown". */
    public static String cpuModel()
    {
        try
        {
            return cpuModel(Files.readAllLines(CPU_INFO));
        }
        catch (final IOException | SecurityException ex)
        {
            return "unknown";
        }
    }

    /**
     * @param cpuInfo the lines of {@code /proc/cpuinfo}.
     * @return the first model name, or "unknown".
     */
    static String cpuModel(final Iterable<String> cpuInfo)
    {
        for (final String line : cpuInfo)
        {
            final int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("model name"))
            {
                final String model = line.substring(colon + 1).trim();
                return model.isEmpty() ? "unknown" : model;
            }
        }
        return "unknown";
    }
}
