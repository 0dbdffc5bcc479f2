package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.stowage.core.KernelFixture.SCHEMA;
import static io.stowage.core.KernelFixture.SECOND;
import static io.stowage.core.KernelFixture.units;
import static org.junit.jupiter.api.Assertions.*;

/** Suppress and revive, settings changed at runtime, and removal of a framework. */
class FrameworkLifecycleTest
{
    private final List<String> ended = new ArrayList<>();
    private final KernelFixture f = new KernelFixture(KernelConfig.builder(SCHEMA).maxAgents(16).build(),
        new DecisionListener()
        {
            @Override
            public void onTaskEnded(final TaskRecord task, final TaskEndCause cause)
            {
                ended.add(cause + " key=" + task.key());
            }
        });

    @Test
    void shouldPlaceNothingOfASuppressedFrameworkButKeepItsQueue()
    {
        f.agent("a", 8, 8);
        final int other = f.kernel.registerFramework("other");
        f.submit(f.framework, 1, 1, 0);
        f.submit(f.framework, 1, 1, 0);
        f.kernel.submit(f.request.reset(other).resources(units(1, 1)), 0, f.decision);
        assertEquals(Reason.OK, f.kernel.suppress(f.framework));
        assertTrue(f.kernel.view().isFrameworkSuppressed(f.framework));
        assertEquals(1, f.kernel.allocate(1), "only the other framework is served");
        assertEquals(2, f.kernel.view().frameworkPending(f.framework));
        assertEquals(DecisionKind.QUEUED, f.submit(f.framework, 1, 1, 2).kind(), "a suppressed framework may submit");
        assertEquals(0, f.kernel.allocate(3));
        assertEquals(Reason.OK, f.kernel.revive(f.framework));
        assertFalse(f.kernel.view().isFrameworkSuppressed(f.framework));
        assertEquals(3, f.kernel.allocate(4));
        f.assertInvariants();
    }

    @Test
    void shouldChangeRoleRateAndPendingLimitAtRuntime()
    {
        f.agent("a", 8, 8);
        f.kernel.setRole("gold", 2, null, units(3, 3));
        f.place(2, 2);
        assertEquals(2000, f.kernel.view().roleAllocated(f.kernel.view().roleId("*"), 0));
        assertEquals(Reason.OK, f.kernel.updateFramework(f.framework, "gold", 1_000, 2, 1));
        assertEquals("gold", f.kernel.view().frameworkRole(f.framework));
        assertEquals(2000, f.kernel.view().roleAllocated(f.kernel.view().roleId("gold"), 0), "the allocation moves");
        assertEquals(0, f.kernel.view().roleAllocated(f.kernel.view().roleId("*"), 0));
        assertEquals(1, f.kernel.view().frameworkMaxPending(f.framework));
        assertEquals(DecisionKind.QUEUED, f.submit(f.framework, 2, 2, SECOND).kind());
        assertEquals(Reason.PENDING_LIMIT, f.submit(f.framework, 1, 1, SECOND).reason());
        assertEquals(0, f.kernel.allocate(SECOND), "the new role's limit of 3 cpus holds the second task");
        assertEquals(1, f.kernel.view().frameworkPending(f.framework));
        f.kernel.setRole("gold", 2, null, units(8, 8));
        assertEquals(1, f.kernel.allocate(SECOND), "a role limit raised at runtime applies at the next round");
        assertEquals(Reason.OK, f.kernel.updateFramework(f.framework, "gold", 1_000, 1, -1));
        assertEquals(Reason.RATE_LIMITED, f.submit(f.framework, 0.1, 0.1, SECOND).reason(),
            "both tokens were taken at 1 s (the second by a task then refused for the pending limit): a new rate "
                + "does not refill the bucket");
        assertEquals(DecisionKind.QUEUED, f.submit(f.framework, 0.1, 0.1, 2 * SECOND).kind(), "1 per second");
        assertEquals(-1, f.kernel.view().frameworkMaxPending(f.framework));
        f.assertInvariants();
    }

    @Test
    void shouldRefuseBadSettingsOrAnUnknownFrameworkChangingNothing()
    {
        final long pending = f.kernel.view().frameworkMaxPending(f.framework);
        assertEquals(Reason.INVALID_REQUEST, f.kernel.updateFramework(f.framework, " ", -1, 0, 5));
        assertEquals(Reason.INVALID_REQUEST, f.kernel.updateFramework(f.framework, "*", -2, 0, 5));
        assertEquals(Reason.INVALID_REQUEST, f.kernel.updateFramework(f.framework, "*", 1000, -1, 5));
        assertEquals(Reason.INVALID_REQUEST, f.kernel.updateFramework(f.framework, "*", -1, 0, -3));
        assertEquals(Reason.UNKNOWN_FRAMEWORK, f.kernel.updateFramework(42, "*", -1, 0, 5));
        assertEquals(Reason.UNKNOWN_FRAMEWORK, f.kernel.suppress(42));
        assertEquals(Reason.UNKNOWN_FRAMEWORK, f.kernel.revive(-1));
        assertEquals(Reason.UNKNOWN_FRAMEWORK, f.kernel.removeFramework(42));
        assertEquals(pending, f.kernel.view().frameworkMaxPending(f.framework));
        assertEquals("*", f.kernel.view().frameworkRole(f.framework));
    }

    @Test
    void shouldCancelPendingAndEndRunningTasksWhenAFrameworkIsRemoved()
    {
        f.agent("a", 8, 8);
        final int other = f.kernel.registerFramework("other");
        f.kernel.place(f.request.reset(f.framework).resources(units(2, 2)).key(1), 0, f.decision);
        f.kernel.place(f.request.reset(other).resources(units(1, 1)).key(2), 0, f.decision);
        f.kernel.submit(f.request.reset(f.framework).resources(units(1, 1)).key(3), 0, f.decision);
        assertEquals(Reason.OK, f.kernel.removeFramework(f.framework));
        assertEquals(List.of("CANCELLED key=3", "FRAMEWORK_REMOVED key=1"), ended);
        final int a = f.kernel.view().agentSlot("a");
        assertEquals(1000, f.kernel.view().agentAllocated(a, 0), "what it held is released at once");
        assertFalse(f.kernel.view().isFrameworkKnown(f.framework));
        assertEquals(-1, f.kernel.view().taskIdOfKey(1));
        assertEquals(Reason.UNKNOWN_FRAMEWORK, f.submit(f.framework, 1, 1, 0).reason());
        assertEquals(Reason.UNKNOWN_FRAMEWORK, f.kernel.removeFramework(f.framework), "removed once only");
        final int again = f.kernel.registerFramework("F");
        assertNotEquals(f.framework, again, "the name may register again, under a new id");
        assertEquals(DecisionKind.QUEUED, f.submit(again, 1, 1, 0).kind());
        assertEquals(1, f.kernel.allocate(1));
        f.assertInvariants();
    }
}
