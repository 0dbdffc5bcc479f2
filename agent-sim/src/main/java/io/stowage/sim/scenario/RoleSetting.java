package io.stowage.sim.scenario;

/**
 * A role as the file sets it, in {@code roles} or a {@code setRole} step.
 *
 * @param name      the role name.
 * @param weight    its weight in fairness, above 0.
 * @param guarantee milli-units per dimension held for it, or null for none.
 * @param limit     milli-units per dimension it may not exceed (unnamed dimensions unlimited), or null for none.
 */
record RoleSetting(String name, double weight, long[] guarantee, long[] limit)
{
}
