package io.stowage.core;

import org.junit.jupiter.api.Test;

import static io.stowage.core.KernelFixture.units;
import static org.junit.jupiter.api.Assertions.*;

/** Seed mitigation "per-framework resource quotas": roles with a limit and a guarantee; headroom held back. */
class PerFrameworkQuotaTest
{
    @Test
    void shouldBlockARoleAtItsLimit()
    {
        final KernelFixture f = KernelFixture.binpack();
        assertEquals(Reason.OK, f.kernel.setRole("capped", 1, null, units(3, 100)));
        final int fw = f.kernel.registerFramework("C", "capped", -1, 0, -1);
        f.agent("a", 10, 10);
        f.submitMany(fw, 10, 1, 1, 0);
        assertEquals(3, f.kernel.allocate(0));
        assertEquals(7, f.kernel.view().frameworkPending(fw));
        f.request.reset(fw).resources(units(1, 1));
        assertEquals(Reason.ROLE_LIMIT, f.kernel.place(f.request, 0, f.decision).reason());
        f.assertInvariants();
    }

    @Test
    void shouldHoldHeadroomForAnotherRolesUnmetGuarantee()
    {
        final KernelFixture f = KernelFixture.binpack();
        assertEquals(Reason.OK, f.kernel.setRole("prod", 1, units(4, 4), null));
        final int greedy = f.kernel.registerFramework("greedy", "batch", -1, 0, -1);
        final int prod = f.kernel.registerFramework("prod-fw", "prod", -1, 0, -1);
        f.agent("a", 10, 10);
        f.submitMany(greedy, 10, 1, 1, 0);
        assertEquals(6, f.kernel.allocate(0), "4 cpus stay free for prod's guarantee");
        f.submitMany(prod, 4, 1, 1, 0);
        assertEquals(4, f.kernel.allocate(0));
        assertEquals(4, f.kernel.view().frameworkRunning(prod));
        f.assertInvariants();
    }

    @Test
    void shouldServeARoleBelowItsGuaranteeFirst()
    {
        final KernelFixture f = KernelFixture.binpack();
        assertEquals(Reason.OK, f.kernel.setRole("prod", 1, units(1, 1), null));
        final int other = f.kernel.registerFramework("A", "a-role", -1, 0, -1);
        final int prod = f.kernel.registerFramework("P", "prod", -1, 0, -1);
        f.agent("a", 1, 1);
        f.submitMany(other, 1, 1, 1, 0);
        f.submitMany(prod, 1, 1, 1, 0);
        f.kernel.allocate(0);
        assertEquals(1, f.kernel.view().frameworkRunning(prod));
    }

    @Test
    void shouldRefuseMalformedRoleSettings()
    {
        final KernelFixture f = KernelFixture.binpack();
        assertEquals(Reason.INVALID_ROLE, f.kernel.setRole("r", 0, null, null));
        assertEquals(Reason.INVALID_ROLE, f.kernel.setRole("r", Double.NaN, null, null));
        assertEquals(Reason.INVALID_ROLE, f.kernel.setRole("r", 1, new long[]{1}, null));
        assertEquals(Reason.INVALID_ROLE, f.kernel.setRole("", 1, null, null));
        assertEquals(-1, f.kernel.view().roleId("r"));
    }
}
