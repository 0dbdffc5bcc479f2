package io.stowage.core;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static io.stowage.core.KernelFixture.SCHEMA;
import static io.stowage.core.KernelFixture.units;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Why a pending task is still pending: {@link KernelView#pendingDiagnosis(long, PendingDiagnosis)}. */
class PendingDiagnosisTest
{
    private static final int CPUS = 0;
    private static final int MEM = 1;

    private static KernelFixture withPreemption()
    {
        return new KernelFixture(KernelConfig.builder(SCHEMA).maxAgents(64).preemption(true).build());
    }

    private static KernelFixture withOversubscription()
    {
        return new KernelFixture(KernelConfig.builder(SCHEMA).maxAgents(64).oversubscriptionRatioMillis(500).build());
    }

    private static long queued(final Decision decision)
    {
        assertEquals(DecisionKind.QUEUED, decision.kind(), decision.toString());
        return decision.taskId();
    }

    private static PendingDiagnosis diagnose(final KernelFixture f, final long taskId)
    {
        return f.kernel.view().pendingDiagnosis(taskId);
    }

    @Test
    void shouldAnswerUnknownForAnIdThatIsNoTaskAndNotPendingForARunningOne()
    {
        final KernelFixture f = KernelFixture.binpack();
        f.agent("a", 4, 4);
        final long running = f.placeOrFail(1, 1);

        assertEquals(PendingReason.UNKNOWN_TASK, f.kernel.view().pendingReason(12345L));
        assertEquals(PendingReason.UNKNOWN_TASK, f.kernel.view().pendingReason(-1));
        assertEquals(PendingReason.NOT_PENDING, f.kernel.view().pendingReason(running));
        assertEquals(Reason.OK, f.kernel.finish(running));
        assertEquals(PendingReason.UNKNOWN_TASK, f.kernel.view().pendingReason(running));
    }

    @Test
    void shouldNameTheHeadOfTheQueueForATaskQueuedBehindIt()
    {
        final KernelFixture f = KernelFixture.binpack();
        final long first = queued(f.submit(f.framework, 1, 1, 0));
        final long second = queued(f.submit(f.framework, 1, 1, 0));
        f.request.reset(f.framework).resources(units(1, 1)).priority(5);
        final long urgent = queued(f.kernel.submit(f.request, 0, f.decision));

        assertArrayEquals(new long[] {urgent, first, second}, f.kernel.view().frameworkPendingTasks(f.framework));
        assertEquals(first, f.kernel.view().frameworkPendingTask(f.framework, 1));
        final PendingDiagnosis behind = diagnose(f, second);
        assertEquals(PendingReason.QUEUED_BEHIND, behind.reason());
        assertEquals(urgent, behind.blockingTaskId());
        assertEquals(-1, behind.dimension());
        assertEquals(PendingReason.QUEUED_BEHIND, f.kernel.view().pendingReason(first));
        assertEquals(PendingReason.NO_ELIGIBLE_AGENT, f.kernel.view().pendingReason(urgent), "no agent at all");
    }

    @Test
    void shouldSayRoleLimitWithTheDimensionThatWouldExceedIt()
    {
        final KernelFixture f = KernelFixture.binpack();
        assertEquals(Reason.OK, f.kernel.setRole("capped", 1, null, units(100, 3)));
        final int fw = f.kernel.registerFramework("C", "capped", -1, 0, -1);
        f.agent("a", 10, 10);
        f.submitMany(fw, 4, 1, 1, 0);
        assertEquals(3, f.kernel.allocate(0));
        final long waiting = f.kernel.view().frameworkPendingTask(fw, 0);

        final PendingDiagnosis diagnosis = diagnose(f, waiting);

        assertEquals(PendingReason.ROLE_LIMIT, diagnosis.reason());
        assertEquals(MEM, diagnosis.dimension());
        assertEquals("ROLE_LIMIT on mem", diagnosis.describe(SCHEMA));
    }

    @Test
    void shouldSayConstraintWhenNoEligibleAgentSatisfiesTheConstraints()
    {
        final KernelFixture f = KernelFixture.binpack();
        assertEquals(Reason.OK, f.kernel.registerAgent("a", units(8, 8), Map.of("zone", "a"), 0));
        assertEquals(Reason.OK, f.kernel.registerAgent("b", units(8, 8), Map.of("zone", "b"), 0));
        final int inC = f.kernel.internConstraints(List.of(Constraint.eq("zone", "c")));
        final int spreadRack = f.kernel.internConstraints(List.of(Constraint.spread("rack")));
        f.request.reset(f.framework).resources(units(1, 1)).constraints(inC);
        final long zoned = queued(f.kernel.submit(f.request, 0, f.decision));
        final int other = f.kernel.registerFramework("G");
        f.request.reset(other).resources(units(1, 1)).constraints(spreadRack);
        final long spread = queued(f.kernel.submit(f.request, 0, f.decision));

        assertEquals(PendingReason.CONSTRAINT, f.kernel.view().pendingReason(zoned));
        assertEquals(PendingReason.CONSTRAINT, f.kernel.view().pendingReason(spread), "no agent has a rack");
        assertEquals(0, f.kernel.allocate(0));
    }

    @Test
    void shouldSayConstraintWhenEveryAgentHoldsMaxPerAgentTasks()
    {
        final KernelFixture f = KernelFixture.binpack();
        f.agent("a", 8, 8);
        f.agent("b", 8, 8);
        final int onePerAgent = f.kernel.internConstraints(List.of(Constraint.maxPerAgent(1)));
        for (int i = 0; i < 3; i++)
        {
            f.request.reset(f.framework).resources(units(1, 1)).constraints(onePerAgent);
            queued(f.kernel.submit(f.request, 0, f.decision));
        }
        assertEquals(2, f.kernel.allocate(0));

        assertEquals(PendingReason.CONSTRAINT,
            f.kernel.view().pendingReason(f.kernel.view().frameworkPendingTask(f.framework, 0)));
    }

    @Test
    void shouldSayNoFitWithTheDimensionShortOnTheMostAgents()
    {
        final KernelFixture f = KernelFixture.binpack();
        f.agent("cpu-poor", 1, 64);
        f.agent("mem-poor-1", 16, 2);
        f.agent("mem-poor-2", 16, 2);
        assertEquals(Reason.OK, f.kernel.drain(f.agent("big-but-draining", 64, 64)));
        final long task = queued(f.submit(f.framework, 4, 8, 0));

        final PendingDiagnosis diagnosis = diagnose(f, task);

        assertEquals(PendingReason.NO_FIT, diagnosis.reason());
        assertEquals(MEM, diagnosis.dimension(), "mem is short on two agents, cpus on one; drained ones do not count");
        assertEquals(0, f.kernel.allocate(0));
    }

    @Test
    void shouldBreakATieBetweenShortDimensionsByTheLowestIndex()
    {
        final KernelFixture f = KernelFixture.binpack();
        f.agent("cpu-poor", 1, 64);
        f.agent("mem-poor", 16, 2);
        final long task = queued(f.submit(f.framework, 4, 8, 0));

        assertEquals(CPUS, diagnose(f, task).dimension());
    }

    @Test
    void shouldSayHeadroomForARevocableTaskNoAgentCanLendFor()
    {
        final KernelFixture f = withOversubscription();
        final int slot = f.agent("a", 8, 8);
        f.request.reset(f.framework).resources(units(1, 2)).revocable(true);
        final long task = queued(f.kernel.submit(f.request, 0, f.decision));

        final PendingDiagnosis beforeUsage = diagnose(f, task);
        assertEquals(PendingReason.HEADROOM, beforeUsage.reason(), "no slack before the agent reports usage");
        assertEquals(CPUS, beforeUsage.dimension());

        f.heartbeat(slot, 1, 1, 7, false);
        final PendingDiagnosis memShort = diagnose(f, task);
        assertEquals(PendingReason.HEADROOM, memShort.reason());
        assertEquals(MEM, memShort.dimension(), "1 of mem is slack, 2 are asked");

        f.heartbeat(slot, 2, 1, 1, false);
        assertEquals(PendingReason.WAITING_FOR_ROUND, f.kernel.view().pendingReason(task));
        assertEquals(1, f.kernel.allocate(2));
    }

    @Test
    void shouldSayGuaranteeHeadroomWhenTheRoundHoldsRoomForAnotherRole()
    {
        final KernelFixture f = KernelFixture.binpack();
        assertEquals(Reason.OK, f.kernel.setRole("prod", 1, units(4, 1), null));
        final int greedy = f.kernel.registerFramework("greedy", "batch", -1, 0, -1);
        f.kernel.registerFramework("prod-fw", "prod", -1, 0, -1);
        f.agent("a", 10, 10);
        f.submitMany(greedy, 10, 1, 1, 0);
        assertEquals(6, f.kernel.allocate(0));

        final PendingDiagnosis diagnosis = diagnose(f, f.kernel.view().frameworkPendingTask(greedy, 0));

        assertEquals(PendingReason.GUARANTEE_HEADROOM, diagnosis.reason());
        assertEquals(CPUS, diagnosis.dimension());
    }

    @Test
    void shouldSayWaitingForRoundWhenItFitsAndPreemptsWhenOnlyPreemptionMakesRoom()
    {
        final KernelFixture f = withPreemption();
        f.agent("a", 4, 4);
        final long fits = queued(f.submit(f.framework, 4, 4, 0));
        assertEquals(PendingReason.WAITING_FOR_ROUND, f.kernel.view().pendingReason(fits));
        assertFalse(diagnose(f, fits).preempts());
        assertEquals(1, f.kernel.allocate(0));

        final long samePriority = queued(f.submit(f.framework, 1, 1, 0));
        assertEquals(PendingReason.NO_FIT, f.kernel.view().pendingReason(samePriority), "nothing lower to preempt");
        final int urgent = f.kernel.registerFramework("urgent");
        f.request.reset(urgent).resources(units(2, 2)).priority(10);
        final long higher = queued(f.kernel.submit(f.request, 0, f.decision));

        final PendingDiagnosis diagnosis = diagnose(f, higher);
        assertEquals(PendingReason.WAITING_FOR_ROUND, diagnosis.reason());
        assertTrue(diagnosis.preempts());
        assertEquals(2, f.kernel.allocate(0), "the urgent task preempts the 4 x 4 one; the 1 x 1 takes what is left");
        assertEquals(PendingReason.NOT_PENDING, f.kernel.view().pendingReason(higher));
        assertEquals(PendingReason.NOT_PENDING, f.kernel.view().pendingReason(samePriority));
    }

    @Test
    void shouldSaySuppressedBeforeAnythingElse() throws Exception
    {
        final KernelFixture f = KernelFixture.binpack();
        f.agent("a", 4, 4);
        final long task = queued(f.submit(f.framework, 1, 1, 0));
        assertFalse(f.kernel.view().isFrameworkSuppressed(f.framework));
        // The command that suppresses a framework is not there yet; set the book's flag directly.
        frameworks(f.kernel).suppressed(f.framework, true);

        assertTrue(f.kernel.view().isFrameworkSuppressed(f.framework));
        assertEquals(PendingReason.SUPPRESSED, f.kernel.view().pendingReason(task));
        frameworks(f.kernel).suppressed(f.framework, false);
        assertEquals(PendingReason.WAITING_FOR_ROUND, f.kernel.view().pendingReason(task));
    }

    @Test
    void shouldChangeNothingItLooksAt()
    {
        final KernelFixture f = withPreemption();
        f.agent("a", 4, 4);
        f.submitMany(f.framework, 2, 3, 3, 0);
        f.kernel.allocate(0);
        final int urgent = f.kernel.registerFramework("urgent");
        f.request.reset(urgent).resources(units(2, 2)).priority(10);
        final long higher = queued(f.kernel.submit(f.request, 0, f.decision));
        final long hash = f.kernel.view().stateHash();

        for (final long task : f.kernel.view().frameworkPendingTasks(f.framework))
        {
            f.kernel.view().pendingDiagnosis(task);
        }
        f.kernel.view().pendingDiagnosis(higher);

        assertEquals(hash, f.kernel.view().stateHash());
        f.assertInvariants();
    }

    /**
     * With one framework the round tries its head first and stops at the first task it cannot place, so the head's
     * diagnosis is WAITING_FOR_ROUND exactly when the round places something.
     */
    @Test
    void shouldSayWaitingForRoundExactlyWhenTheRoundPlacesTheHead()
    {
        final long seed = System.nanoTime();
        final SplittableRandom random = new SplittableRandom(seed);
        final String context = "seed " + seed;
        System.out.println("PendingDiagnosisTest seed " + seed);
        for (int run = 0; run < 200; run++)
        {
            final boolean preemption = random.nextBoolean();
            final KernelFixture f = new KernelFixture(KernelConfig.builder(SCHEMA).maxAgents(16)
                .preemption(preemption).oversubscriptionRatioMillis(random.nextBoolean() ? 500 : 0).build());
            assertEquals(Reason.OK, f.kernel.setRole("r", 1, null, random.nextInt(3) == 0 ? units(6, 6) : null));
            final int fw = f.kernel.registerFramework("fw", "r", -1, 0, -1);
            final int zoneA = f.kernel.internConstraints(List.of(Constraint.eq("zone", "a")));
            final int agents = random.nextInt(4);
            for (int i = 0; i < agents; i++)
            {
                assertEquals(Reason.OK, f.kernel.registerAgent("a" + i,
                    units(1 + random.nextInt(6), 1 + random.nextInt(6)),
                    Map.of("zone", random.nextBoolean() ? "a" : "b"), 0));
                if (random.nextInt(5) == 0)
                {
                    f.kernel.drain(i);
                }
            }
            for (int step = 0; step < 12; step++)
            {
                f.request.reset(fw).resources(units(1 + random.nextInt(4), 1 + random.nextInt(4)))
                    .priority(random.nextInt(3))
                    .constraints(random.nextInt(4) == 0 ? zoneA : 0)
                    .revocable(f.kernel.config().oversubscriptionRatioMillis() > 0 && random.nextInt(4) == 0);
                f.kernel.submit(f.request, step, f.decision);
                if (f.kernel.view().frameworkPending(fw) > 0)
                {
                    final long head = f.kernel.view().frameworkPendingTask(fw, 0);
                    final PendingDiagnosis diagnosis = f.kernel.view().pendingDiagnosis(head);
                    final long hash = f.kernel.view().stateHash();
                    final String at = context + ", run " + run + ", step " + step + ", " + diagnosis;
                    assertEquals(hash, f.kernel.view().stateHash(), at);
                    final int placed = f.kernel.allocate(step);
                    assertEquals(diagnosis.reason() == PendingReason.WAITING_FOR_ROUND, placed > 0, at);
                    assertEquals(placed > 0, f.kernel.view().isRunning(head), at);
                }
                if (random.nextInt(3) == 0 && f.kernel.view().runningTaskCount() > 0)
                {
                    final long oldest = f.kernel.view().oldestRunningTask(fw, -1);
                    f.kernel.finish(oldest);
                }
            }
            f.assertInvariants();
        }
    }

    private static FrameworkBook frameworks(final AllocatorKernel kernel) throws Exception
    {
        final Field field = AllocatorKernel.class.getDeclaredField("frameworks");
        field.setAccessible(true);
        return (FrameworkBook)field.get(kernel);
    }
}
