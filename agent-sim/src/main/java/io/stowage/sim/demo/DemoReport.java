package io.stowage.sim.demo;

import io.stowage.core.AgentState;
import io.stowage.core.AllocatorKernel;
import io.stowage.core.Decision;
import io.stowage.core.Quantities;
import io.stowage.core.Reason;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** What the kernel demo did, and the summary it prints. */
public final class DemoReport
{
    private static final int MAX_VIOLATIONS = 20;
    private static final String ROW = "%-20s%s%n";
    private static final int WIDTH = 96;

    private final DemoSettings settings;
    private final long[] notPlaceable = new long[Reason.values().length];
    private final long[] rejected = new long[Reason.values().length];
    private final long[] notPlaceableByShape = new long[TaskShape.values().length];
    private final List<String> violations = new ArrayList<>();
    private long violationCount;

    long decisions;
    long placed;
    long finished;
    long heartbeats;
    long staleHeartbeats;
    long checks;
    long loopNanos;
    long simulatedNanos;
    int shrinkRecoveredAtStep = -1;

    private int[] agentsPerClass;
    private int[] agentsByState;
    private long drains;
    private long removals;
    private long lost;
    private long running;
    private int avoided;
    private final long[][] totals = new long[DemoCluster.SCHEMA.dimensions()][];
    private CapacityShrink shrink;
    private AgentState shrunkAgentStateAtEnd;
    private int shrunkAgentTasksAtEnd;
    private long stateHash;
    private String frameworks;

    DemoReport(final DemoSettings settings)
    {
        this.settings = settings;
    }

    void decided(final TaskShape shape, final Decision decision)
    {
        decisions++;
        switch (decision.kind())
        {
            case PLACED -> placed++;
            case NOT_PLACEABLE ->
            {
                notPlaceable[decision.reason().ordinal()]++;
                notPlaceableByShape[shape.ordinal()]++;
            }
            case REJECTED -> rejected[decision.reason().ordinal()]++;
        }
    }

    void violation(final String description)
    {
        violationCount++;
        if (violations.size() < MAX_VIOLATIONS)
        {
            violations.add(description);
        }
    }

    void finish(final DemoCluster cluster, final CapacityShrink shrink)
    {
        final AllocatorKernel kernel = cluster.kernel();
        agentsPerClass = cluster.agentsPerClass();
        agentsByState = cluster.agentsByState();
        drains = cluster.drains();
        removals = cluster.removals();
        lost = cluster.lostTasks();
        running = kernel.runningTaskCount();
        avoided = kernel.avoidedAgentCount();
        for (int d = 0; d < totals.length; d++)
        {
            totals[d] = cluster.totals(d);
        }
        this.shrink = shrink;
        if (shrink != null)
        {
            shrunkAgentStateAtEnd = kernel.agentState(shrink.slot());
            shrunkAgentTasksAtEnd = kernel.agentTaskCount(shrink.slot());
        }
        final StringBuilder sb = new StringBuilder();
        for (int framework = 0; framework < kernel.frameworkCount(); framework++)
        {
            sb.append(framework == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %,d placed",
                kernel.frameworkName(framework), kernel.frameworkPlaced(framework)));
        }
        frameworks = sb.toString();
        stateHash = kernel.stateHash();
    }

    /** @return tasks placed. */
    public long placed()
    {
        return placed;
    }

    /** @return the kernel's state hash at the end: equal for equal settings. */
    public long stateHash()
    {
        return stateHash;
    }

    /** @return true if an invariant check, an expected answer or the accounting cross-check failed. */
    public boolean hasViolations()
    {
        return violationCount > 0;
    }

    /** @return the first violations found (at most 20). */
    public List<String> violations()
    {
        return Collections.unmodifiableList(violations);
    }

    /**
     * Prints the summary.
     *
     * @param out where to.
     */
    public void print(final PrintWriter out)
    {
        out.printf(Locale.ROOT, "Stowage kernel demo: seed %d, policy %s, %,d agent%s, %,d task request%s%n",
            settings.seed(), settings.policy().name().toLowerCase(Locale.ROOT), settings.agents(),
            settings.agents() == 1 ? "" : "s", settings.tasks(), settings.tasks() == 1 ? "" : "s");
        out.println("(a small built-in demo of the allocator kernel; the full simulator is planned)");
        out.println();
        row(out, "agents", agents());
        row(out, "", agentClasses());
        row(out, "operator actions", String.format(Locale.ROOT,
            "%,d drained, %,d removed (each replaced by a new host), %s", drains, removals,
            shrink == null ? "no capacity shrink (no agent was active)" : "1 capacity shrink"));
        if (shrink != null)
        {
            row(out, "capacity shrink", shrinkStory());
        }
        row(out, "agents at end", byState());
        row(out, "pressure trend", String.format(Locale.ROOT,
            "%,d agents trending into pressure within 30 s (placed on only when nothing else fits)", avoided));
        row(out, "frameworks", frameworks + " (and requests from one that never registered)");
        row(out, "tasks placed", String.format(Locale.ROOT, "%,d", placed));
        row(out, "not placeable", byReason(notPlaceable));
        if (notPlaceableByShape() != null)
        {
            row(out, "", notPlaceableByShape());
        }
        row(out, "rejected", byReason(rejected));
        row(out, "tasks finished", String.format(Locale.ROOT, "%,d", finished));
        row(out, "tasks lost", String.format(Locale.ROOT,
            "%,d (running on removed agents; reported to the DecisionListener)", lost));
        row(out, "running at end", String.format(Locale.ROOT, "%,d", running));
        row(out, "heartbeats", String.format(Locale.ROOT, "%,d applied, %,d stale ignored", heartbeats,
            staleHeartbeats));
        for (int d = 0; d < totals.length; d++)
        {
            row(out, d == 0 ? "utilisation at end" : "", utilisation(d));
        }
        final double seconds = loopNanos / 1e9;
        row(out, "decision loop", String.format(Locale.ROOT,
            "%,d decisions in %.3f s = %,.0f decisions/s", decisions, seconds, decisions / seconds));
        row(out, "", "(wall clock around the loop, which also applies the finishes, heartbeats and operator " +
            "actions; setup and invariant checks excluded)");
        row(out, "simulated time", String.format(Locale.ROOT, "%,.1f s (one task request per simulated ms)",
            simulatedNanos / 1e9));
        row(out, "state hash", String.format(Locale.ROOT, "%016x (the same settings give the same hash)", stateHash));
        row(out, "invariant checks", String.format(Locale.ROOT,
            "%,d (every %,d kernel operations, and at the end)", checks, settings.checkEvery()));
        out.printf(Locale.ROOT, "invariant violations: %d%n", violationCount);
        for (final String violation : violations)
        {
            out.println("  " + violation);
        }
        out.flush();
    }

    /** Prints a named value, wrapped at spaces into continuation lines of at most {@link #WIDTH} characters. */
    private static void row(final PrintWriter out, final String name, final String value)
    {
        String label = name;
        String rest = value;
        while (rest.length() > WIDTH)
        {
            int cut = rest.lastIndexOf(' ', WIDTH);
            if (cut <= 0)
            {
                cut = rest.indexOf(' ', WIDTH);
                if (cut < 0)
                {
                    break;
                }
            }
            out.printf(Locale.ROOT, ROW, label, rest.substring(0, cut));
            label = "";
            rest = rest.substring(cut + 1);
        }
        out.printf(Locale.ROOT, ROW, label, rest);
    }

    private String agents()
    {
        return String.format(Locale.ROOT, "%,d at start and %,d replacement host%s, in zones z1..z%d",
            settings.agents(), removals, removals == 1 ? "" : "s", DemoCluster.ZONES);
    }

    private String agentClasses()
    {
        final StringBuilder sb = new StringBuilder();
        for (final AgentClass c : AgentClass.values())
        {
            if (agentsPerClass[c.ordinal()] > 0)
            {
                sb.append(sb.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%,d x %s", agentsPerClass[c.ordinal()], c.label));
            }
        }
        return sb.toString();
    }

    private String shrinkStory()
    {
        final String story = String.format(Locale.ROOT, "%s: cpus %s -> %s with %s allocated -> %s; ",
            shrink.agentId(), Quantities.format(shrink.cpusBefore()), Quantities.format(shrink.cpusAfter()),
            Quantities.format(shrink.cpusAllocated()),
            shrink.state());
        if (shrink.state() != AgentState.OVERCOMMITTED)
        {
            return story + "its tasks still fit";
        }
        if (shrinkRecoveredAtStep >= 0)
        {
            return story + String.format(Locale.ROOT,
                "no placements on it until enough of its tasks finished (step %,d); %s at end", shrinkRecoveredAtStep,
                shrunkAgentStateAtEnd);
        }
        return story + String.format(Locale.ROOT, "no placements on it since; still %s at end with %d tasks",
            shrunkAgentStateAtEnd, shrunkAgentTasksAtEnd);
    }

    private String byState()
    {
        final StringBuilder sb = new StringBuilder();
        for (final AgentState state : AgentState.values())
        {
            if (agentsByState[state.ordinal()] > 0)
            {
                sb.append(String.format(Locale.ROOT, "%,d %s, ", agentsByState[state.ordinal()], state));
            }
        }
        sb.setLength(Math.max(0, sb.length() - 2));
        return sb.toString();
    }

    private static String byReason(final long[] counts)
    {
        final StringBuilder sb = new StringBuilder();
        for (final Reason reason : Reason.values())
        {
            if (counts[reason.ordinal()] > 0)
            {
                sb.append(String.format(Locale.ROOT, "%,d %s, ", counts[reason.ordinal()], reason));
            }
        }
        return sb.length() == 0 ? "none" : sb.substring(0, sb.length() - 2);
    }

    private String notPlaceableByShape()
    {
        final StringBuilder sb = new StringBuilder();
        for (final TaskShape shape : TaskShape.values())
        {
            final long count = notPlaceableByShape[shape.ordinal()];
            if (count > 0)
            {
                sb.append(sb.length() == 0 ? "of which " : ", ").append(String.format(Locale.ROOT, "%,d %s (%s)", count,
                    shape.name().toLowerCase(Locale.ROOT), shape.describe()));
            }
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private String utilisation(final int dimension)
    {
        final long allocated = totals[dimension][0];
        final long capacity = totals[dimension][1];
        final String name = DemoCluster.SCHEMA.name(dimension);
        if (capacity == 0)
        {
            return name + " n/a (no capacity)";
        }
        final boolean mem = dimension == DemoCluster.MEM;
        final long divisor = mem ? 1000L * 1024 : 1000L;
        return String.format(Locale.ROOT, "%-5s %5.1f%%  (%,d of %,d%s allocated)", name, 100.0 * allocated / capacity,
            allocated / divisor, capacity / divisor, mem ? " GiB" : "");
    }
}
