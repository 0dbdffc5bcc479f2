package io.stowage.sim.scenario;

/**
 * A framework as the file declares it in {@code frameworks}.
 *
 * @param id                  its name.
 * @param role                its role, {@code "*"} if none is given.
 * @param ratePerSecondMillis token refill rate in thousandths of a task per second, or -1 for no rate limit.
 * @param burst               token bucket size in tasks (with a rate).
 * @param maxPending          most pending tasks, or -1 for no limit.
 */
record FrameworkSetting(String id, String role, long ratePerSecondMillis, long burst, int maxPending)
{
}
