package io.stowage.jmh;

import com.netflix.fenzo.SchedulingResult;
import com.netflix.fenzo.TaskAssignmentResult;
import com.netflix.fenzo.TaskScheduler;
import com.netflix.fenzo.VMAssignmentResult;
import com.netflix.fenzo.VirtualMachineLease;
import com.netflix.fenzo.plugins.BinPackingFitnessCalculators;
import org.apache.mesos.Protos;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.stowage.jmh.ClusterShape.*;
import static org.junit.jupiter.api.Assertions.*;

/** The precomputed fill is what the naive scan and Fenzo's bin packer would have computed themselves. */
class BestFitLayoutTest
{
    @Test
    void shouldPlaceEachTaskWhereTheNaiveFullScanPutsIt()
    {
        final int agents = 300;
        final Tasks tasks = Tasks.filling(agents, 90, 11);
        final NaiveAllocator naive = new NaiveAllocator(agents);

        final int[] layout = BestFitLayout.place(tasks.cpu, tasks.mem, tasks.count, agents);

        for (int t = 0; t < tasks.count; t++)
        {
            assertEquals(layout[t], naive.placeOne(tasks.cpu[t], tasks.mem[t]), "task " + t);
        }
        naive.verify();
    }

    @Test
    void shouldPlaceEachTaskWhereFenzosBinPackerPutsItInOneCallOnAnEmptyCluster()
    {
        final int agents = 40;
        final Tasks tasks = Tasks.filling(agents, 80, 12);
        final String[] hostnames = new String[agents];
        final List<VirtualMachineLease> leases = new ArrayList<>();
        for (int i = 0; i < agents; i++)
        {
            hostnames[i] = String.format("agent-%07d", i);
            leases.add(new FenzoLease("offer-" + i, i, hostnames[i],
                Protos.SlaveID.newBuilder().setValue("slave-" + i).build(), AGENT_CPU_MILLIS, AGENT_MEM_MILLIS,
                System.currentTimeMillis()));
        }
        final List<FenzoTask> requests = new ArrayList<>();
        for (int t = 0; t < tasks.count; t++)
        {
            requests.add(new FenzoTask("task-" + t, tasks.cpu[t], tasks.mem[t]));
        }
        final TaskScheduler scheduler = new TaskScheduler.Builder()
            .withLeaseOfferExpirySecs(FenzoAllocator.NEVER_EXPIRE)
            .withLeaseRejectAction(lease -> fail("no lease should be rejected"))
            .withFitnessCalculator(BinPackingFitnessCalculators.cpuMemBinPacker)
            .build();
        try
        {
            final SchedulingResult result = scheduler.scheduleOnce(requests, leases);
            final int[] fenzo = new int[tasks.count];
            int assigned = 0;
            for (final VMAssignmentResult vm : result.getResultMap().values())
            {
                for (final TaskAssignmentResult task : vm.getTasksAssigned())
                {
                    fenzo[Integer.parseInt(task.getTaskId().substring("task-".length()))] =
                        ((FenzoLease)vm.getLeasesUsed().get(0)).agent();
                    assigned++;
                }
            }

            assertEquals(tasks.count, assigned);
            assertArrayEquals(BestFitLayout.place(tasks.cpu, tasks.mem, tasks.count, agents), fenzo);
        }
        finally
        {
            scheduler.shutdown();
        }
    }

    @Test
    void shouldRefuseATaskThatFitsNowhere()
    {
        final long[] cpu = {AGENT_CPU_MILLIS, MILLIS};
        final long[] mem = {taskMemMillis(AGENT_CPU_MILLIS), taskMemMillis(MILLIS)};

        final IllegalStateException ex =
            assertThrows(IllegalStateException.class, () -> BestFitLayout.place(cpu, mem, 2, 1));
        assertTrue(ex.getMessage().contains("task 1"), ex.getMessage());
    }

    /** Seeded task sizes filling a share of a cluster's CPUs. */
    private record Tasks(long[] cpu, long[] mem, int count)
    {
        static Tasks filling(final int agents, final int percent, final long seed)
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final long target = AGENT_CPU_MILLIS * agents * percent / 100;
            final long[] cpu = new long[(int)(target / MILLIS) + 1];
            final long[] mem = new long[cpu.length];
            int count = 0;
            for (long sum = 0; sum < target; count++)
            {
                cpu[count] = drawTaskCpuMillis(random);
                mem[count] = taskMemMillis(cpu[count]);
                sum += cpu[count];
            }
            return new Tasks(cpu, mem, count);
        }
    }
}
