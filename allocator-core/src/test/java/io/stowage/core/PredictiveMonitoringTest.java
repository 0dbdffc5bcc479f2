package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.stowage.core.KernelFixture.SCHEMA;
import static io.stowage.core.KernelFixture.SECOND;
import static io.stowage.core.KernelFixture.units;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Seed mitigation "predictive monitoring" and "cluster scaling": agents whose usage trend projects them into
 * pressure are avoided before they reach it; demand no agent could ever hold is exposed as an autoscaling signal.
 */
class PredictiveMonitoringTest
{
    @Test
    void shouldAvoidAnAgentTrendingIntoPressureWhileAnotherFits()
    {
        final KernelFixture f = new KernelFixture(KernelConfig.builder(SCHEMA).maxAgents(8)
            .predictiveAvoidance(true, 30 * SECOND, 500).build());
        final int hot = f.agent("hot", 10, 10);
        final int calm = f.agent("calm", 10, 10);
        f.heartbeat(hot, 0, 1, 1, false);
        f.heartbeat(calm, 0, 1, 1, false);
        f.heartbeat(hot, 10 * SECOND, 5, 1, false);
        f.heartbeat(calm, 10 * SECOND, 1, 1, false);
        assertEquals(1, f.kernel.view().avoidedAgentCount());
        assertEquals(AgentState.ACTIVE, f.kernel.view().agentState(hot), "not under pressure yet");
        for (int i = 0; i < 10; i++)
        {
            assertEquals(calm, f.place(1, 1).agentSlot());
        }
        assertEquals(hot, f.place(1, 1).agentSlot(), "only when nothing else fits");
        f.heartbeat(hot, 20 * SECOND, 5, 1, false);
        f.heartbeat(hot, 30 * SECOND, 5, 1, false);
        assertEquals(0, f.kernel.view().avoidedAgentCount(), "a flat trend ends the avoidance");
        f.assertInvariants();
    }

    @Test
    void shouldExposeDemandThatNoAgentCouldHoldAsAnAutoscalingSignal()
    {
        final KernelFixture f = KernelFixture.binpack();
        f.kernel.registerAgent("a", units(8, 8), Map.of("zone", "z1"), 0);
        f.placeOrFail(8, 8);
        f.submitMany(f.framework, 3, 4, 4, 0);
        f.submitMany(f.framework, 2, 16, 1, 0);
        f.request.reset(f.framework).resources(units(1, 1))
            .constraints(f.kernel.internConstraints(java.util.List.of(Constraint.eq("zone", "z2"))));
        f.kernel.submit(f.request, 0, f.decision);
        final long[] demand = new long[2];
        assertEquals(3, f.kernel.view().unplaceableDemand(f.framework, demand));
        assertArrayEquals(units(33, 3), demand);
    }
}
