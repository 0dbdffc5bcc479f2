/**
 * The allocator replicated with Aeron Cluster: {@link io.stowage.cluster.AllocatorService} runs the kernel as a
 * clustered service on every node, {@link io.stowage.cluster.AllocatorNode} launches one node, and
 * {@link io.stowage.cluster.ClusterAllocatorClient} sends inputs to the cluster and resumes the decision stream by
 * number after a leader change. See docs/cluster.md.
 */
package io.stowage.cluster;
