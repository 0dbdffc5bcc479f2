package io.stowage.sim.cluster;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.Constraint;
import io.stowage.core.Decision;
import io.stowage.core.DecisionKind;
import io.stowage.core.KernelConfig;
import io.stowage.core.Reason;
import io.stowage.core.TaskRequest;
import io.stowage.sim.report.FrameworkReport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The autoscaling signal a framework's report entry carries: its pending tasks that no registered agent could hold
 * even empty, and what they ask for in units, taken from a kernel the way the report builder takes it at the end of
 * a run.
 */
class UnplaceableDemandReportTest
{
    private static final long MIB_PER_GIB = 1024;

    private final AllocatorKernel kernel = new AllocatorKernel(KernelConfig.builder(ClusterShape.SCHEMA)
        .maxAgents(4).maxTasks(64).build());
    private final TaskRequest request = new TaskRequest(ClusterShape.SCHEMA);
    private final Decision decision = new Decision();

    @Test
    void shouldCountThePendingTasksNoAgentCouldHoldEvenEmptyAndSumWhatTheyAskForInUnits()
    {
        assertEquals(Reason.OK, kernel.registerAgent("small", milli(16, 64 * MIB_PER_GIB, 0), Map.of("zone", "z1"), 0));
        assertEquals(Reason.OK, kernel.registerAgent("gpu", milli(64, 256 * MIB_PER_GIB, 8), Map.of("zone", "z2"), 0));
        final int framework = kernel.registerFramework("mixed");
        final int other = kernel.registerFramework("modest");
        // fill both agents, so that what still fits an empty agent is pending too, and must not count; the bigger
        // first, as it fits only the GPU host
        place(framework, 64, 256 * MIB_PER_GIB, 8);
        place(framework, 16, 64 * MIB_PER_GIB, 0);
        submit(framework, 8, 32 * MIB_PER_GIB, 1, -1);
        // bigger than any agent in cpus, then in GPUs
        submit(framework, 128, 4 * MIB_PER_GIB, 0, -1);
        submit(framework, 2, 8 * MIB_PER_GIB, 16, -1);
        // small, but in a zone no agent is in
        submit(framework, 1.5, 4 * MIB_PER_GIB, 0, kernel.internConstraints(List.of(Constraint.eq("zone", "z9"))));
        submit(other, 4, 16 * MIB_PER_GIB, 0, -1);

        final long[] scratch = new long[ClusterShape.DIMENSIONS];
        final FrameworkReport mixed = new FrameworkReport();
        RunReportBuilder.unplaceable(kernel, framework, scratch, mixed);
        final FrameworkReport modest = new FrameworkReport();
        RunReportBuilder.unplaceable(kernel, other, scratch, modest);

        assertEquals(3, mixed.unplaceableTasks);
        assertEquals(List.of("cpus", "mem", "gpus"), List.copyOf(mixed.unplaceableDemand.keySet()), "schema order");
        assertEquals(128 + 2 + 1.5, mixed.unplaceableDemand.get("cpus"));
        assertEquals((4 + 8 + 4) * MIB_PER_GIB * 1.0, mixed.unplaceableDemand.get("mem"));
        assertEquals(16.0, mixed.unplaceableDemand.get("gpus"));
        assertEquals(0, modest.unplaceableTasks, "fits an agent once it has room");
        assertEquals(Map.of("cpus", 0.0, "mem", 0.0, "gpus", 0.0), modest.unplaceableDemand);
    }

    @Test
    void shouldReportNothingForAFrameworkWithNothingPending()
    {
        assertEquals(Reason.OK, kernel.registerAgent("small", milli(16, 64 * MIB_PER_GIB, 0), Map.of(), 0));
        final FrameworkReport report = new FrameworkReport();
        RunReportBuilder.unplaceable(kernel, kernel.registerFramework("idle"), new long[ClusterShape.DIMENSIONS],
            report);

        assertEquals(0, report.unplaceableTasks);
        assertEquals(Map.of("cpus", 0.0, "mem", 0.0, "gpus", 0.0), report.unplaceableDemand);
    }

    private void place(final int framework, final double cpus, final long memMiB, final long gpus)
    {
        request.reset(framework).resources(milli(cpus, memMiB, gpus));
        assertEquals(DecisionKind.PLACED, kernel.place(request, 0, decision).kind(), decision.toString());
    }

    private void submit(final int framework, final double cpus, final long memMiB, final long gpus,
        final int constraints)
    {
        request.reset(framework).resources(milli(cpus, memMiB, gpus));
        if (constraints >= 0)
        {
            request.constraints(constraints);
        }
        assertEquals(DecisionKind.QUEUED, kernel.submit(request, 0, decision).kind(), decision.toString());
    }

    private static long[] milli(final double cpus, final long memMiB, final long gpus)
    {
        return new long[] {Math.round(cpus * 1000), memMiB * 1000, gpus * 1000};
    }
}
