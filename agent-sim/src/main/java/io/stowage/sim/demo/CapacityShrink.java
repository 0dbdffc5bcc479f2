package io.stowage.sim.demo;

import io.stowage.core.AgentState;

/**
 * The demo's one capacity shrink: which agent, its cpus before and after (milli-units), what ran on it, and the
 * state the kernel gave it.
 */
record CapacityShrink(int slot, String agentId, long cpusBefore, long cpusAfter, long cpusAllocated, AgentState state)
{
}
