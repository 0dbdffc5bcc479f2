package io.stowage.core;

/**
 * Which feasible agent a task goes to. Dominant utilisation is the maximum over dimensions of non-revocable
 * allocated / capacity, before placing; both policies choose within 1/64 of the best.
 */
public enum PlacementPolicy
{
    /** An agent whose dominant utilisation is within 1/64 of the highest among feasible agents: fills agents up. */
    BINPACK,
    /** An agent whose dominant utilisation is within 1/64 of the lowest among feasible agents: evens load out. */
    SPREAD
}
