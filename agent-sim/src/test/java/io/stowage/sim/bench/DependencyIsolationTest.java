package io.stowage.sim.bench;

import com.fasterxml.jackson.databind.cfg.PackageVersion;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Fenzo and its old libraries belong to the jmh module; {@code stowage bench} only starts a JMH process. */
class DependencyIsolationTest
{
    @Test
    void shouldKeepFenzoAndTheMesosProtosOffThisModulesClassPath()
    {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.netflix.fenzo.TaskScheduler"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.mesos.Protos"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.google.protobuf.Message"));
    }

    @Test
    void shouldUseTheBuildsJacksonNotFenzos()
    {
        assertEquals(2, PackageVersion.VERSION.getMajorVersion());
        assertTrue(PackageVersion.VERSION.getMinorVersion() > 4, PackageVersion.VERSION.toString());
    }
}
