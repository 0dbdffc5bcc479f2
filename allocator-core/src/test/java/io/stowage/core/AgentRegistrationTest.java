package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.stowage.core.KernelFixture.SCHEMA;
import static io.stowage.core.KernelFixture.units;
import static org.junit.jupiter.api.Assertions.*;

class AgentRegistrationTest
{
    @Test
    void shouldRegisterAgentWithCapacityAndAttributes()
    {
        final KernelFixture f = KernelFixture.binpack();
        assertEquals(Reason.OK, f.kernel.registerAgent("a", units(4, 8), Map.of("zone", "z1", "rack", "r1"), 7));
        final int slot = f.kernel.view().agentSlot("a");
        assertEquals(AgentState.ACTIVE, f.kernel.view().agentState(slot));
        assertEquals(4000, f.kernel.view().agentCapacity(slot, 0));
        assertEquals(8000, f.kernel.view().agentCapacity(slot, 1));
        assertEquals(Map.of("rack", "r1", "zone", "z1"), f.kernel.view().agentAttributes(slot));
        assertEquals(7, f.kernel.view().agentLastHeartbeat(slot));
        assertEquals("a", f.kernel.view().agentId(slot));
        assertEquals(1, f.kernel.view().agentCount());
        f.assertInvariants();
    }

    @Test
    void shouldRegisterAgentsUnderNumericIds()
    {
        final KernelFixture f = KernelFixture.binpack();
        assertEquals(Reason.OK, f.kernel.registerAgent(42L, units(4, 8), Map.of(), 0));
        final int slot = f.kernel.view().agentSlot(42L);
        assertTrue(slot >= 0);
        assertEquals("42", f.kernel.view().agentId(slot));
        assertEquals(Reason.AGENT_EXISTS, f.kernel.registerAgent(42L, units(4, 8), Map.of(), 0));
        assertEquals(-1, f.kernel.view().agentSlot("42"), "string and numeric ids are separate namespaces");
    }

    @Test
    void shouldRejectDuplicateIdWithoutChangingState()
    {
        final KernelFixture f = KernelFixture.binpack();
        f.agent("a", 4, 8);
        final long before = f.kernel.view().stateHash();
        assertEquals(Reason.AGENT_EXISTS, f.kernel.registerAgent("a", units(1, 1), Map.of(), 0));
        assertEquals(4000, f.kernel.view().agentCapacity(f.kernel.view().agentSlot("a"), 0));
        assertEquals(1, f.kernel.view().refusals(Reason.AGENT_EXISTS));
        assertNotEquals(before, f.kernel.view().stateHash(), "the refusal is counted");
        assertEquals(1, f.kernel.view().agentCount());
        f.assertInvariants();
    }

    @Test
    void shouldRejectMalformedCapacity()
    {
        final KernelFixture f = KernelFixture.binpack();
        assertEquals(Reason.INVALID_REQUEST, f.kernel.registerAgent("a", new long[]{1000}, Map.of(), 0));
        assertEquals(Reason.INVALID_REQUEST, f.kernel.registerAgent("a", new long[]{-1, 1000}, Map.of(), 0));
        assertEquals(Reason.INVALID_REQUEST, f.kernel.registerAgent("a", null, Map.of(), 0));
        assertEquals(Reason.INVALID_REQUEST,
            f.kernel.registerAgent("a", new long[]{AllocatorKernel.MAX_QUANTITY + 1, 0}, Map.of(), 0));
        assertEquals(Reason.INVALID_REQUEST, f.kernel.registerAgent("", units(1, 1), Map.of(), 0));
        assertEquals(0, f.kernel.view().agentCount());
        assertEquals(5, f.kernel.view().refusals(Reason.INVALID_REQUEST));
    }

    @Test
    void shouldRejectInvalidAttributes()
    {
        final KernelFixture f = KernelFixture.binpack();
        final Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i <= KernelConfig.MAX_ATTRIBUTES_PER_AGENT; i++)
        {
            tooMany.put("k" + i, "v");
        }
        assertEquals(Reason.INVALID_ATTRIBUTES, f.kernel.registerAgent("a", units(1, 1), tooMany, 0));
        assertEquals(Reason.INVALID_ATTRIBUTES, f.kernel.registerAgent("a", units(1, 1), Map.of(" ", "v"), 0));
        assertEquals(Reason.INVALID_ATTRIBUTES, f.kernel.registerAgent("a", units(1, 1), null, 0));
        assertEquals(0, f.kernel.view().agentCount());
    }

    @Test
    void shouldRejectRegistrationWhenTableIsFull()
    {
        final KernelFixture f = new KernelFixture(KernelConfig.builder(SCHEMA).maxAgents(2).build());
        f.agent("a", 1, 1);
        f.agent("b", 1, 1);
        assertEquals(Reason.AGENT_LIMIT, f.kernel.registerAgent("c", units(1, 1), Map.of(), 0));
        assertEquals(2, f.kernel.view().agentCount());
        f.assertInvariants();
    }

    @Test
    void shouldReuseSlotOfRemovedAgentUnderNewEpoch()
    {
        final KernelFixture f = new KernelFixture(KernelConfig.builder(SCHEMA).maxAgents(1).build());
        final int slot = f.agent("a", 4, 8);
        final int epoch = f.kernel.view().agentEpoch(slot);
        assertEquals(Reason.OK, f.kernel.removeAgent(slot));
        assertEquals(AgentState.REMOVED, f.kernel.view().agentState(slot));
        assertEquals(-1, f.kernel.view().agentSlot("a"));
        final int reused = f.agent("b", 2, 2);
        assertEquals(slot, reused);
        assertTrue(f.kernel.view().agentEpoch(reused) > epoch);
        assertEquals(Reason.STALE_EPOCH, f.kernel.heartbeat(reused, epoch, 1, null, 1));
        f.assertInvariants();
    }
}
