package io.stowage.jmh;

import com.netflix.fenzo.SchedulingResult;
import com.netflix.fenzo.TaskAssignmentResult;
import com.netflix.fenzo.TaskRequest;
import com.netflix.fenzo.TaskScheduler;
import com.netflix.fenzo.VMAssignmentResult;
import com.netflix.fenzo.VMResource;
import com.netflix.fenzo.VirtualMachineLease;
import com.netflix.fenzo.functions.Action2;
import com.netflix.fenzo.plugins.BinPackingFitnessCalculators;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static io.stowage.jmh.ClusterShape.AGENT_CPU_MILLIS;
import static io.stowage.jmh.ClusterShape.AGENT_MEM_MILLIS;
import static io.stowage.jmh.ClusterShape.MILLIS;

/**
 * Netflix Fenzo 1.0.1 in {@link PlacementComparisonBenchmark}, driven as a Mesos framework drives it: a
 * {@link TaskScheduler} with the {@code cpuMemBinPacker} fitness calculator; each batch of tasks goes to one
 * {@link TaskScheduler#scheduleOnce} call together with the new offers; every task it assigns is launched and reported
 * with {@code getTaskAssigner()}, every finished task with {@code getTaskUnAssigner()}. The offers are played by
 * {@link FenzoOffers}: an agent's free resources come back as a new lease at the next call once a task there
 * finishes, once an assignment leaves part of its leases unused, or once Fenzo rejects its expired lease.
 * <p>
 * Two scans: {@link Scan#FULL}, Fenzo's default, evaluates every agent that holds a lease and takes the fittest;
 * {@link Scan#FIRST_FIT} sets a fitness-good-enough function that accepts any feasible agent, so the scan stops at the
 * first one. Two offer regimes: {@link #OFFER_EXPIRY_SECS expiring} leases age out after a second and Fenzo rejects
 * at most its default of four per period, as it does with Mesos offers it holds too long; leases that
 * {@link #NEVER_EXPIRE never expire} are held until used. At the end of each call Fenzo walks the unused leases
 * looking for expired ones to reject, and finds each lease's host by a linear scan of all hosts: with expiring leases
 * the walk stops once four have been rejected in the expiry period; with leases that never expire it visits every
 * idle agent, agents × agents steps. The task assigner and un-assigner find their host by the same linear scan.
 * <p>
 * Fenzo's {@code scheduleOnce} evaluates agents on a pool of as many threads as the machine has cores, so it uses
 * every core, where Stowage and the naive allocator use the benchmark thread only.
 */
final class FenzoAllocator implements ComparedAllocator
{
    /** Lease expiry of the expiring regime, in seconds. */
    static final long OFFER_EXPIRY_SECS = 1;
    /** Lease expiry of the never-expire regime: about 68 years, in seconds. */
    static final long NEVER_EXPIRE = Integer.MAX_VALUE;

    /** How far Fenzo's scan for an agent goes. */
    enum Scan
    {
        /** Fenzo's default: every agent holding a lease is evaluated and the fittest is taken. */
        FULL,
        /** A fitness-good-enough function accepts the first feasible agent. */
        FIRST_FIT
    }

    private final TaskScheduler scheduler;
    private final Action2<TaskRequest, String> assigner;
    private final Action2<String, String> unassigner;
    private final long leaseExpirySecs;
    private final String[] hostnames;
    private final FenzoOffers offers;
    private final int[] tasksOnAgent;
    private final long[] cpuOnAgent;
    private final long[] memOnAgent;
    private final ArrayDeque<FenzoTask> running = new ArrayDeque<>();
    private final List<FenzoTask> batch = new ArrayList<>();
    private long runningCpu;
    private long runningMem;
    private long nextTaskId;
    private long failedAssignments;
    private long rejectedLeases;

    /**
     * @param agents          agents of 32 CPUs and 128 GiB.
     * @param scan            full scan or first fit.
     * @param leaseExpirySecs {@link #OFFER_EXPIRY_SECS} or {@link #NEVER_EXPIRE}.
     */
    FenzoAllocator(final int agents, final Scan scan, final long leaseExpirySecs)
    {
        this.leaseExpirySecs = leaseExpirySecs;
        hostnames = new String[agents];
        for (int i = 0; i < agents; i++)
        {
            hostnames[i] = String.format("agent-%07d", i);
        }
        offers = new FenzoOffers(hostnames);
        tasksOnAgent = new int[agents];
        cpuOnAgent = new long[agents];
        memOnAgent = new long[agents];
        final TaskScheduler.Builder builder = new TaskScheduler.Builder()
            .withLeaseOfferExpirySecs(leaseExpirySecs)
            .withLeaseRejectAction(this::rejected)
            .withFitnessCalculator(BinPackingFitnessCalculators.cpuMemBinPacker);
        if (scan == Scan.FIRST_FIT)
        {
            builder.withFitnessGoodEnoughFunction(fitness -> true);
        }
        scheduler = builder.build();
        assigner = scheduler.getTaskAssigner();
        unassigner = scheduler.getTaskUnAssigner();
    }

    /**
     * Registers a best-fit layout of running tasks the way a restarted framework tells Fenzo about the tasks it
     * already runs (the task assigner, task by task), then offers every agent's free resources in one call. Fenzo's
     * own scan would take tasks × agents evaluations to compute the same layout for the 500,000 tasks of 50,000
     * agents. With expiring leases it then waits out one expiry period and calls once more, so that measurement
     * starts with aged leases, as in a cluster that has been running for a while.
     */
    @Override
    public int prefill(final long[] cpuMillis, final long[] memMillis, final int count)
    {
        final int[] agentOfTask = BestFitLayout.place(cpuMillis, memMillis, count, hostnames.length);
        for (int t = 0; t < count; t++)
        {
            final FenzoTask task = new FenzoTask(nextTaskId(), cpuMillis[t], memMillis[t]);
            launch(task, agentOfTask[t]);
        }
        for (int agent = 0; agent < hostnames.length; agent++)
        {
            offers.add(agent, AGENT_CPU_MILLIS - cpuOnAgent[agent], AGENT_MEM_MILLIS - memOnAgent[agent]);
        }
        offerWithoutTasks();
        if (leaseExpirySecs == OFFER_EXPIRY_SECS)
        {
            try
            {
                Thread.sleep(OFFER_EXPIRY_SECS * 1000 + 100);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the offers aged", ex);
            }
            offerWithoutTasks();
        }
        return running.size();
    }

    private void offerWithoutTasks()
    {
        check(scheduler.scheduleOnce(Collections.<TaskRequest>emptyList(), offers.drain(System.currentTimeMillis())));
    }

    @Override
    public int place(final long[] cpuMillis, final long[] memMillis, final int count)
    {
        batch.clear();
        for (int i = 0; i < count; i++)
        {
            batch.add(new FenzoTask(nextTaskId(), cpuMillis[i], memMillis[i]));
        }
        final SchedulingResult result = scheduler.scheduleOnce(batch, offers.drain(System.currentTimeMillis()));
        check(result);
        int placed = 0;
        for (final VMAssignmentResult assignment : result.getResultMap().values())
        {
            long cpuLeft = 0;
            long memLeft = 0;
            int agent = -1;
            for (final VirtualMachineLease used : assignment.getLeasesUsed())
            {
                final FenzoLease lease = (FenzoLease)used;
                agent = lease.agent();
                cpuLeft += lease.cpuMillis();
                memLeft += lease.memMillis();
            }
            for (final TaskAssignmentResult assigned : assignment.getTasksAssigned())
            {
                final FenzoTask task = (FenzoTask)assigned.getRequest();
                launch(task, agent);
                cpuLeft -= task.cpuMillis();
                memLeft -= task.memMillis();
                placed++;
            }
            if (agent < 0)
            {
                throw new IllegalStateException("Fenzo assigned tasks to " + assignment.getHostname() +
                    " without using a lease");
            }
            if (cpuLeft < 0 || memLeft < 0)
            {
                throw new IllegalStateException("Fenzo assigned more than the leases of " + assignment.getHostname() +
                    " hold: " + cpuLeft + " milli-CPUs, " + memLeft + " milli-MiB left");
            }
            offers.add(agent, cpuLeft, memLeft);
        }
        failedAssignments += result.getFailures().size();
        return placed;
    }

    @Override
    public void finishOldest(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final FenzoTask task = running.poll();
            final int agent = task.agent();
            unassigner.call(task.getId(), hostnames[agent]);
            tasksOnAgent[agent]--;
            cpuOnAgent[agent] -= task.cpuMillis();
            memOnAgent[agent] -= task.memMillis();
            runningCpu -= task.cpuMillis();
            runningMem -= task.memMillis();
            offers.add(agent, task.cpuMillis(), task.memMillis());
        }
    }

    private void launch(final FenzoTask task, final int agent)
    {
        assigner.call(task, hostnames[agent]);
        task.launchedOn(agent);
        running.add(task);
        tasksOnAgent[agent]++;
        cpuOnAgent[agent] += task.cpuMillis();
        memOnAgent[agent] += task.memMillis();
        runningCpu += task.cpuMillis();
        runningMem += task.memMillis();
    }

    private void rejected(final VirtualMachineLease lease)
    {
        final FenzoLease rejected = (FenzoLease)lease;
        rejectedLeases++;
        offers.add(rejected.agent(), rejected.cpuMillis(), rejected.memMillis());
    }

    private String nextTaskId()
    {
        return "task-" + nextTaskId++;
    }

    private static void check(final SchedulingResult result)
    {
        if (!result.getExceptions().isEmpty())
        {
            throw new IllegalStateException("Fenzo failed a scheduling call", result.getExceptions().get(0));
        }
    }

    @Override
    public int runningTasks()
    {
        return running.size();
    }

    @Override
    public long runningCpuMillis()
    {
        return runningCpu;
    }

    @Override
    public long runningMemMillis()
    {
        return runningMem;
    }

    @Override
    public int agentsInUse()
    {
        int inUse = 0;
        for (final int tasks : tasksOnAgent)
        {
            if (tasks > 0)
            {
                inUse++;
            }
        }
        return inUse;
    }

    /** @return leases Fenzo rejected since the start (and the driver offered again). */
    long rejectedLeases()
    {
        return rejectedLeases;
    }

    /** @return tasks Fenzo could not assign in a call since the start. */
    long failedAssignments()
    {
        return failedAssignments;
    }

    /**
     * Checks, agent by agent, that what Fenzo counts as used (the tasks it was told of) is what the driver runs
     * there, and that used, leased to Fenzo and waiting to be offered add up to the agent's capacity: no resource
     * is lost or offered twice.
     */
    @Override
    public void verify()
    {
        final Map<String, Map<VMResource, Double[]>> status = scheduler.getResourceStatus();
        for (int agent = 0; agent < hostnames.length; agent++)
        {
            final Map<VMResource, Double[]> resources = status.get(hostnames[agent]);
            final long fenzoUsedCpu = resources == null ? 0 : millis(resources.get(VMResource.CPU)[0]);
            final long fenzoLeasedCpu = resources == null ? 0 : millis(resources.get(VMResource.CPU)[1]);
            final long fenzoUsedMem = resources == null ? 0 : millis(resources.get(VMResource.Memory)[0]);
            final long fenzoLeasedMem = resources == null ? 0 : millis(resources.get(VMResource.Memory)[1]);
            if (fenzoUsedCpu != cpuOnAgent[agent] || fenzoUsedMem != memOnAgent[agent] ||
                fenzoUsedCpu + fenzoLeasedCpu + offers.pendingCpu(agent) != AGENT_CPU_MILLIS ||
                fenzoUsedMem + fenzoLeasedMem + offers.pendingMem(agent) != AGENT_MEM_MILLIS)
            {
                throw new IllegalStateException(hostnames[agent] + ": Fenzo counts " + fenzoUsedCpu +
                    " milli-CPUs used and " + fenzoLeasedCpu + " leased, the driver runs " + cpuOnAgent[agent] +
                    " and has " + offers.pendingCpu(agent) + " waiting to be offered (memory: " + fenzoUsedMem +
                    ", " + fenzoLeasedMem + ", " + memOnAgent[agent] + ", " + offers.pendingMem(agent) + ")");
            }
        }
    }

    private static long millis(final Double value)
    {
        return Math.round(value * MILLIS);
    }

    @Override
    public void close()
    {
        scheduler.shutdown();
    }
}
