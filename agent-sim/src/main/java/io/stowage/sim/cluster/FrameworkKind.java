package io.stowage.sim.cluster;

/** How a simulated framework behaves; the report names them by {@link #label}. */
enum FrameworkKind
{
    /** Long-running instances kept at a target count; a lost or preempted instance is replaced. */
    SERVICE("service", true),
    /** Short tasks arriving in bursts into a backlog the framework feeds to the allocator. */
    BATCH("batch", true),
    /** Submits a hundred times faster than its rate limit allows. */
    FLOODER("flooder", false),
    /** Asks for zero or absurd resources. */
    ABSURD("absurd", false),
    /** Asks for a zone that does not exist. */
    UNSATISFIABLE("unsatisfiable", false),
    /** High-priority waves that need preemption when the cluster is full. */
    PRIORITY("priority", false),
    /** Revocable work on what others leave idle; revoked under pressure. */
    BEST_EFFORT("best-effort", false);

    final String label;
    /** Whether the report holds its share to its weighted fair share. */
    final boolean fairnessChecked;

    FrameworkKind(final String label, final boolean fairnessChecked)
    {
        this.label = label;
        this.fairnessChecked = fairnessChecked;
    }
}
