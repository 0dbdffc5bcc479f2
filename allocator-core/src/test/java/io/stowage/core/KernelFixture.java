package io.stowage.core;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Builds small kernels for tests: two dimensions (cpus, mem), quantities given in whole units. */
final class KernelFixture
{
    static final ResourceSchema SCHEMA = ResourceSchema.of("cpus", "mem");

    final AllocatorKernel kernel;
    final int framework;
    final TaskRequest request = new TaskRequest(SCHEMA);
    final Decision decision = new Decision();

    KernelFixture(final KernelConfig config)
    {
        this(config, DecisionListener.NONE);
    }

    KernelFixture(final KernelConfig config, final DecisionListener listener)
    {
        kernel = new AllocatorKernel(config, listener);
        framework = kernel.registerFramework("F");
    }

    static KernelFixture binpack()
    {
        return new KernelFixture(KernelConfig.builder(SCHEMA).maxAgents(64).build());
    }

    static KernelFixture spread()
    {
        return new KernelFixture(KernelConfig.builder(SCHEMA).placement(PlacementPolicy.SPREAD).maxAgents(64).build());
    }

    static long[] units(final double... amounts)
    {
        final long[] millis = new long[amounts.length];
        for (int i = 0; i < amounts.length; i++)
        {
            millis[i] = Math.round(amounts[i] * 1000);
        }
        return millis;
    }

    int agent(final String id, final double cpus, final double mem)
    {
        assertEquals(Reason.OK, kernel.registerAgent(id, units(cpus, mem), Map.of(), 0));
        return kernel.view().agentSlot(id);
    }

    Decision place(final double cpus, final double mem)
    {
        request.reset(framework).resources(units(cpus, mem));
        return kernel.place(request, 0, decision);
    }

    long placeOrFail(final double cpus, final double mem)
    {
        final Decision d = place(cpus, mem);
        assertEquals(DecisionKind.PLACED, d.kind(), d.toString());
        return d.taskId();
    }

    static final long SECOND = 1_000_000_000L;

    Decision submit(final int fw, final double cpus, final double mem, final long time)
    {
        request.reset(fw).resources(units(cpus, mem));
        return kernel.submit(request, time, decision);
    }

    int submitMany(final int fw, final int count, final double cpus, final double mem, final long time)
    {
        int queued = 0;
        for (int i = 0; i < count; i++)
        {
            if (submit(fw, cpus, mem, time).kind() == DecisionKind.QUEUED)
            {
                queued++;
            }
        }
        return queued;
    }

    void heartbeat(final int slot, final long time, final double cpus, final double mem, final boolean pressure)
    {
        assertEquals(Reason.OK, kernel.heartbeat(slot, kernel.view().agentEpoch(slot), kernel.view().agentLastSequence(slot) + 1,
            units(cpus, mem), pressure, time));
    }

    void assertInvariants()
    {
        final List<String> violations = InvariantChecker.check(kernel);
        assertEquals(List.of(), violations);
    }
}
