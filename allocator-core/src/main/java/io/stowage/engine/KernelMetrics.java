package io.stowage.engine;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import io.stowage.core.AgentState;
import io.stowage.core.Reason;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The kernel's books as Prometheus metric families: per framework and per role the pending and running tasks, the
 * running allocation per dimension and the refusals by reason, agents per state, the cluster's capacity and
 * allocation. They live in the single-writer kernel, so each scrape asks the engine once ({@link KernelFigures},
 * copied on the kernel thread) and waits a bounded time. When no answer comes in time (a stuck or closing engine)
 * the scrape has none of these families, and {@code stowage_kernel_scrape_misses_total} counts it; a scrape that
 * finds the previous question still unanswered waits for that one instead of asking again, so a stuck kernel thread
 * does not collect a question per scrape.
 */
final class KernelMetrics implements MultiCollector
{
    private static final String FRAMEWORK = "framework";
    private static final String ROLE = "role";
    private static final String DIMENSION = "dimension";
    private static final String REASON = "reason";

    private final Supplier<CompletableFuture<KernelFigures>> ask;
    private final long waitNanos;
    private CompletableFuture<KernelFigures> unanswered;
    private long misses;

    /**
     * @param ask       publishes the question, e.g. {@code () -> engine.query(KernelFigures::copy)}.
     * @param waitNanos how long a scrape waits for the answer.
     */
    KernelMetrics(final Supplier<CompletableFuture<KernelFigures>> ask, final long waitNanos)
    {
        this.ask = ask;
        this.waitNanos = waitNanos;
    }

    /** @return scrapes that served no kernel figures. */
    synchronized long misses()
    {
        return misses;
    }

    @Override
    public synchronized MetricSnapshots collect()
    {
        final KernelFigures figures = fetch();
        final MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
        snapshots.metricSnapshot(CounterSnapshot.builder()
            .name("stowage_kernel_scrape_misses")
            .help("Scrapes that got no answer from the kernel thread in time and served only the engine's counters.")
            .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(misses).build())
            .build());
        if (figures != null)
        {
            frameworks(figures, snapshots);
            roles(figures, snapshots);
            agentsAndCluster(figures, snapshots);
        }
        return snapshots.build();
    }

    private KernelFigures fetch()
    {
        try
        {
            if (unanswered == null || unanswered.isDone())
            {
                unanswered = ask.get();
            }
            final KernelFigures figures = unanswered.get(waitNanos, TimeUnit.NANOSECONDS);
            unanswered = null;
            return figures;
        }
        catch (final TimeoutException ex)
        {
            misses++;
            return null;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            misses++;
            return null;
        }
        catch (final ExecutionException | RuntimeException ex)
        {
            unanswered = null; // the engine closed, or the question failed: ask afresh next time
            misses++;
            return null;
        }
    }

    private static void frameworks(final KernelFigures figures, final MetricSnapshots.Builder snapshots)
    {
        final GaugeSnapshot.Builder pending = gauge("stowage_framework_pending_tasks",
            "Tasks waiting in the framework's queue.");
        final GaugeSnapshot.Builder running = gauge("stowage_framework_running_tasks",
            "The framework's running tasks.");
        final CounterSnapshot.Builder placed = CounterSnapshot.builder().name("stowage_framework_placed")
            .help("Tasks of the framework placed since the kernel started.");
        final CounterSnapshot.Builder refusals = CounterSnapshot.builder().name("stowage_framework_refusals")
            .help("The framework's tasks refused or found not placeable, by reason (reasons seen so far).");
        final GaugeSnapshot.Builder allocated = gauge("stowage_framework_allocated",
            "The framework's running non-revocable allocation in a counted dimension (cpus, gpus).");
        final GaugeSnapshot.Builder allocatedBytes = gauge("stowage_framework_allocated_bytes",
            "The framework's running non-revocable allocation in a byte dimension (mem, disk), in bytes.")
            .unit(Unit.BYTES);
        for (int f = 0; f < figures.frameworks.length; f++)
        {
            final Labels labels = Labels.of(FRAMEWORK, figures.frameworks[f], ROLE, figures.frameworkRoles[f]);
            pending.dataPoint(point(labels, figures.frameworkPending[f]));
            running.dataPoint(point(labels, figures.frameworkRunning[f]));
            placed.dataPoint(count(labels, figures.frameworkPlaced[f]));
            refusals(labels, figures.frameworkRefusals[f], refusals);
            perDimension(figures, labels, figures.frameworkAllocated[f], allocated, allocatedBytes);
        }
        snapshots.metricSnapshot(pending.build()).metricSnapshot(running.build()).metricSnapshot(placed.build())
            .metricSnapshot(refusals.build());
        addPerDimension(figures, allocated, allocatedBytes, snapshots);
    }

    private static void roles(final KernelFigures figures, final MetricSnapshots.Builder snapshots)
    {
        final GaugeSnapshot.Builder pending = gauge("stowage_role_pending_tasks",
            "Tasks waiting in the queues of the role's frameworks.");
        final GaugeSnapshot.Builder running = gauge("stowage_role_running_tasks",
            "Running tasks of the role's frameworks.");
        final CounterSnapshot.Builder refusals = CounterSnapshot.builder().name("stowage_role_refusals")
            .help("Tasks of the role's frameworks refused or found not placeable, by reason (reasons seen so far).");
        final GaugeSnapshot.Builder allocated = gauge("stowage_role_allocated",
            "The role's running non-revocable allocation in a counted dimension (cpus, gpus).");
        final GaugeSnapshot.Builder allocatedBytes = gauge("stowage_role_allocated_bytes",
            "The role's running non-revocable allocation in a byte dimension (mem, disk), in bytes.")
            .unit(Unit.BYTES);
        for (int r = 0; r < figures.roles.length; r++)
        {
            final Labels labels = Labels.of(ROLE, figures.roles[r]);
            pending.dataPoint(point(labels, figures.rolePending[r]));
            running.dataPoint(point(labels, figures.roleRunning[r]));
            refusals(labels, figures.roleRefusals[r], refusals);
            perDimension(figures, labels, figures.roleAllocated[r], allocated, allocatedBytes);
        }
        snapshots.metricSnapshot(pending.build()).metricSnapshot(running.build()).metricSnapshot(refusals.build());
        addPerDimension(figures, allocated, allocatedBytes, snapshots);
    }

    private static void agentsAndCluster(final KernelFigures figures, final MetricSnapshots.Builder snapshots)
    {
        final GaugeSnapshot.Builder agents = gauge("stowage_agents_by_state", "Registered agents, by state.");
        for (int s = 0; s < figures.agentsByState.length; s++)
        {
            final AgentState state = KernelFigures.state(s);
            if (state != AgentState.REMOVED)
            {
                agents.dataPoint(point(Labels.of("state", state.name().toLowerCase(Locale.ROOT)),
                    figures.agentsByState[s]));
            }
        }
        snapshots.metricSnapshot(agents.build());
        final GaugeSnapshot.Builder capacity = gauge("stowage_cluster_capacity",
            "Capacity of the registered agents in a counted dimension (cpus, gpus).");
        final GaugeSnapshot.Builder capacityBytes = gauge("stowage_cluster_capacity_bytes",
            "Capacity of the registered agents in a byte dimension (mem, disk), in bytes.").unit(Unit.BYTES);
        perDimension(figures, Labels.EMPTY, figures.clusterCapacity, capacity, capacityBytes);
        addPerDimension(figures, capacity, capacityBytes, snapshots);
        final GaugeSnapshot.Builder allocated = gauge("stowage_cluster_allocated",
            "Running non-revocable allocation over the cluster in a counted dimension (cpus, gpus).");
        final GaugeSnapshot.Builder allocatedBytes = gauge("stowage_cluster_allocated_bytes",
            "Running non-revocable allocation over the cluster in a byte dimension (mem, disk), in bytes.")
            .unit(Unit.BYTES);
        perDimension(figures, Labels.EMPTY, figures.clusterAllocated, allocated, allocatedBytes);
        addPerDimension(figures, allocated, allocatedBytes, snapshots);
    }

    private static void refusals(final Labels labels, final long[] byReason, final CounterSnapshot.Builder refusals)
    {
        for (int r = 0; r < byReason.length; r++)
        {
            if (byReason[r] > 0)
            {
                final Reason reason = KernelFigures.reason(r);
                refusals.dataPoint(count(labels.add(REASON, reason.name()), byReason[r]));
            }
        }
    }

    /** Each dimension goes to the family of its unit: bytes, or the plain count. */
    private static void perDimension(
        final KernelFigures figures,
        final Labels labels,
        final double[] values,
        final GaugeSnapshot.Builder counted,
        final GaugeSnapshot.Builder bytes)
    {
        for (int d = 0; d < values.length; d++)
        {
            (figures.bytes[d] ? bytes : counted).dataPoint(point(labels.add(DIMENSION, figures.dimensions[d]),
                values[d]));
        }
    }

    /** Adds only the families of the units the schema has. */
    private static void addPerDimension(
        final KernelFigures figures,
        final GaugeSnapshot.Builder counted,
        final GaugeSnapshot.Builder bytes,
        final MetricSnapshots.Builder snapshots)
    {
        boolean anyBytes = false;
        boolean anyCounted = false;
        for (final boolean isBytes : figures.bytes)
        {
            anyBytes |= isBytes;
            anyCounted |= !isBytes;
        }
        if (anyCounted)
        {
            snapshots.metricSnapshot(counted.build());
        }
        if (anyBytes)
        {
            snapshots.metricSnapshot(bytes.build());
        }
    }

    private static GaugeSnapshot.Builder gauge(final String name, final String help)
    {
        return GaugeSnapshot.builder().name(name).help(help);
    }

    private static GaugeSnapshot.GaugeDataPointSnapshot point(final Labels labels, final double value)
    {
        return GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static CounterSnapshot.CounterDataPointSnapshot count(final Labels labels, final double value)
    {
        return CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
