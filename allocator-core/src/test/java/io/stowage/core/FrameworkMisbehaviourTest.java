package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.stowage.core.KernelFixture.SCHEMA;
import static io.stowage.core.KernelFixture.SECOND;
import static io.stowage.core.KernelFixture.units;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Seed root cause "framework misbehaviour": floods, unrealistic or missing requests. Mechanisms: validation, a
 * default request, a token-bucket rate limit on the event clock, a pending limit, and admission control.
 */
class FrameworkMisbehaviourTest
{
    @Test
    void shouldRateLimitAFloodingFrameworkWithATokenBucketOnTheEventClock()
    {
        final KernelFixture f = KernelFixture.binpack();
        final int flooder = f.kernel.registerFramework("flooder", "*", 2_000, 5, -1);
        f.agent("a", 100, 100);
        assertEquals(5, f.submitMany(flooder, 10, 1, 1, 0));
        assertEquals(5, f.kernel.view().frameworkRefusals(flooder, Reason.RATE_LIMITED));
        assertEquals(4, f.submitMany(flooder, 10, 1, 1, 2 * SECOND), "2 s at 2/s refill 4 tokens");
        assertEquals(1, f.submitMany(flooder, 1, 1, 1, 2 * SECOND + SECOND / 2), "half a second refills one");
        assertEquals(10, f.kernel.view().frameworkPending(flooder));
        assertEquals(5, f.submitMany(flooder, 50, 1, 1, 1000 * SECOND), "refill stops at the burst");
        f.assertInvariants();
    }

    @Test
    void shouldRefuseTasksBeyondThePendingLimit()
    {
        final KernelFixture f = KernelFixture.binpack();
        final int fw = f.kernel.registerFramework("bounded", "*", -1, 0, 3);
        assertEquals(3, f.submitMany(fw, 5, 1, 1, 0));
        assertEquals(2, f.kernel.view().frameworkRefusals(fw, Reason.PENDING_LIMIT));
        assertEquals(3, f.kernel.view().frameworkPending(fw));
    }

    @Test
    void shouldCloseAdmissionWhenTheClusterIsNearlyFullExceptForExemptPriorities()
    {
        final KernelFixture f = new KernelFixture(KernelConfig.builder(SCHEMA).maxAgents(4).admission(500, 100).build());
        f.agent("a", 10, 10);
        f.placeOrFail(6, 1);
        assertEquals(Reason.ADMISSION_CLOSED, f.submit(f.framework, 1, 1, 0).reason());
        f.request.reset(f.framework).resources(units(1, 1)).priority(100);
        assertEquals(DecisionKind.QUEUED, f.kernel.submit(f.request, 0, f.decision).kind());
        assertTrue(f.kernel.view().admissionClosed());
    }

    @Test
    void shouldGiveTasksWithoutResourcesTheDefaultRequestOrRefuseThem()
    {
        final KernelFixture strict = KernelFixture.binpack();
        strict.request.reset(strict.framework);
        assertEquals(Reason.INVALID_REQUEST, strict.kernel.submit(strict.request, 0, strict.decision).reason());

        final KernelFixture f = new KernelFixture(
            KernelConfig.builder(SCHEMA).maxAgents(4).defaultResources(units(0.5, 2)).build());
        f.agent("a", 4, 8);
        f.request.reset(f.framework);
        assertEquals(DecisionKind.QUEUED, f.kernel.submit(f.request, 0, f.decision).kind());
        assertEquals(1, f.kernel.allocate(0));
        final int slot = f.kernel.view().agentSlot("a");
        assertEquals(500, f.kernel.view().agentAllocated(slot, 0));
        assertEquals(2000, f.kernel.view().agentAllocated(slot, 1));
    }

    @Test
    void shouldValidateBeforeEverythingElseAndInTheSpecifiedOrder()
    {
        final KernelFixture f = KernelFixture.binpack();
        final int limited = f.kernel.registerFramework("limited", "*", 0, 0, 0);
        f.request.reset(limited).resources(units(0, 0));
        assertEquals(Reason.INVALID_REQUEST, f.kernel.submit(f.request, 0, f.decision).reason());
        f.request.reset(99).resources(units(1, 1)).revocable(true);
        assertEquals(Reason.UNKNOWN_FRAMEWORK, f.kernel.submit(f.request, 0, f.decision).reason());
        f.request.reset(limited).resources(units(1, 1)).revocable(true);
        assertEquals(Reason.REVOCABLE_DISABLED, f.kernel.submit(f.request, 0, f.decision).reason());
        f.request.reset(limited).resources(units(1, 1));
        assertEquals(Reason.RATE_LIMITED, f.kernel.submit(f.request, 0, f.decision).reason(),
            "an empty bucket is checked before the pending limit of 0");
        f.request.reset(limited).resources(units(1, 1)).constraints(-1);
        assertEquals(Reason.INVALID_REQUEST, f.kernel.submit(f.request, 0, f.decision).reason());
        assertEquals(-1, f.kernel.internConstraints(List.of(new Constraint(Constraint.Op.EQ, "zone", List.of(), 0))));
        assertEquals(0, f.kernel.view().pendingTaskCount());
    }

    @Test
    void shouldRejectRequestsLargerThanTheFixedPointRange()
    {
        final KernelFixture f = KernelFixture.binpack();
        f.request.reset(f.framework).resource(0, AllocatorKernel.MAX_QUANTITY + 1).resource(1, 1);
        assertEquals(Reason.INVALID_REQUEST, f.kernel.submit(f.request, 0, f.decision).reason());
    }
}
