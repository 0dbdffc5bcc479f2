package io.stowage.cluster;

import io.aeron.cluster.service.Cluster;

/**
 * What an {@link AllocatorService} tells its launcher, on the service thread: for logs and for the tests' child
 * processes, never for decisions (nothing here may change state). Every method has an empty default.
 */
public interface ServiceObserver
{
    /**
     * The service started.
     *
     * @param memberId     this node's member id.
     * @param fromSnapshot true if its state was loaded from a snapshot.
     * @param lastDecision the last decision number after loading.
     * @param stateHash    the kernel's state hash after loading.
     */
    default void onStarted(final int memberId, final boolean fromSnapshot, final long lastDecision,
        final long stateHash)
    {
    }

    /**
     * A snapshot was written.
     *
     * @param lastDecision the last decision number in it.
     * @param stateHash    the kernel's state hash in it.
     * @param bytes        its length.
     */
    default void onSnapshotTaken(final long lastDecision, final long stateHash, final long bytes)
    {
    }

    /**
     * A STATE question was applied at this point of the log (on every node, answered by the leader only).
     *
     * @param correlationId the question's correlation id.
     * @param logPosition   the log position.
     * @param lastDecision  the last decision number.
     * @param stateHash     the kernel's state hash.
     */
    default void onState(final long correlationId, final long logPosition, final long lastDecision,
        final long stateHash)
    {
    }

    /**
     * This node's role changed.
     *
     * @param role the new role.
     */
    default void onRoleChange(final Cluster.Role role)
    {
    }

    /**
     * The cluster is terminating this service.
     *
     * @param lastDecision the last decision number.
     * @param stateHash    the kernel's state hash.
     */
    default void onTerminate(final long lastDecision, final long stateHash)
    {
    }
}
