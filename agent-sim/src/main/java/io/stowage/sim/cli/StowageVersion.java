package io.stowage.sim.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version that {@code stowage --version} prints: the build's, from a resource Maven fills in. */
final class StowageVersion implements IVersionProvider
{
    private static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() throws IOException
    {
        final Properties properties = new Properties();
        try (InputStream in = StowageVersion.class.getResourceAsStream(RESOURCE))
        {
            if (in != null)
            {
                properties.load(in);
            }
        }
        return new String[]{
            "stowage " + properties.getProperty("version", "(unknown version)"),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
