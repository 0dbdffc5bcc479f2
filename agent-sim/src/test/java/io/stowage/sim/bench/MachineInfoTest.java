package io.stowage.sim.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MachineInfoTest
{
    @Test
    void shouldTakeTheFirstModelNameOfCpuInfo()
    {
        final List<String> cpuInfo = List.of("processor\t: 0", "vendor_id\t: AuthenticAMD",
            "model\t\t: 1", "model name\t: AMD EPYC", "processor\t: 1", "model name\t: AMD EPYC");

        assertEquals("AMD EPYC", MachineInfo.cpuModel(cpuInfo));
    }

    @Test
    void shouldSayUnknownWithoutAModelName()
    {
        assertEquals("unknown", MachineInfo.cpuModel(List.of("processor\t: 0", "model\t\t: 1")));
    }
}
