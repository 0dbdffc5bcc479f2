package io.stowage.core;

import org.junit.jupiter.api.Test;

import static io.stowage.core.KernelFixture.units;
import static org.junit.jupiter.api.Assertions.*;

class HeartbeatTest
{
    private final KernelFixture f = KernelFixture.binpack();
    private final int slot = f.agent("a", 4, 8);
    private final int epoch = f.kernel.view().agentEpoch(slot);

    @Test
    void shouldApplyUsageAndTime()
    {
        assertEquals(Reason.OK, f.kernel.heartbeat(slot, epoch, 1, units(1.5, 2), 100));
        assertEquals(1500, f.kernel.view().agentUsage(slot, 0));
        assertEquals(2000, f.kernel.view().agentUsage(slot, 1));
        assertEquals(100, f.kernel.view().agentLastHeartbeat(slot));
        assertEquals(1, f.kernel.view().agentLastSequence(slot));
        assertEquals(1, f.kernel.view().heartbeats());
    }

    @Test
    void shouldIgnoreAndCountDuplicateAndReorderedUpdates()
    {
        assertEquals(Reason.OK, f.kernel.heartbeat(slot, epoch, 5, units(1, 1), 100));
        assertEquals(Reason.STALE_UPDATE, f.kernel.heartbeat(slot, epoch, 5, units(3, 3), 200));
        assertEquals(Reason.STALE_UPDATE, f.kernel.heartbeat(slot, epoch, 4, units(3, 3), 300));
        assertEquals(1000, f.kernel.view().agentUsage(slot, 0), "stale usage is not applied");
        assertEquals(100, f.kernel.view().agentLastHeartbeat(slot));
        assertEquals(2, f.kernel.view().staleUpdates());
        assertEquals(Reason.OK, f.kernel.heartbeat(slot, epoch, 6, units(2, 2), 400));
        assertEquals(2000, f.kernel.view().agentUsage(slot, 0));
    }

    @Test
    void shouldTreatSequenceZeroAsStale()
    {
        assertEquals(Reason.STALE_UPDATE, f.kernel.heartbeat(slot, epoch, 0, null, 1));
    }

    @Test
    void shouldRejectUpdatesForAnotherEpochOrUnknownAgent()
    {
        assertEquals(Reason.STALE_EPOCH, f.kernel.heartbeat(slot, epoch + 1, 1, null, 1));
        assertEquals(Reason.UNKNOWN_AGENT, f.kernel.heartbeat(slot + 1, 1, 1, null, 1));
        assertEquals(Reason.UNKNOWN_AGENT, f.kernel.heartbeat(-1, 1, 1, null, 1));
        assertEquals(Reason.UNKNOWN_AGENT, f.kernel.heartbeat(Integer.MAX_VALUE, 1, 1, null, 1));
        assertEquals(0, f.kernel.view().agentLastSequence(slot));
    }

    @Test
    void shouldRejectMalformedUsageWithoutApplyingIt()
    {
        assertEquals(Reason.INVALID_REQUEST, f.kernel.heartbeat(slot, epoch, 1, new long[]{1}, 1));
        assertEquals(Reason.INVALID_REQUEST, f.kernel.heartbeat(slot, epoch, 1, new long[]{-1, 0}, 1));
        assertEquals(0, f.kernel.view().agentLastSequence(slot), "the sequence is not consumed by a bad update");
        assertEquals(Reason.OK, f.kernel.heartbeat(slot, epoch, 1, units(1, 1), 1));
    }
}
