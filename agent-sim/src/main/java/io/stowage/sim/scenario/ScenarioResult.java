package io.stowage.sim.scenario;

import java.util.List;

/**
 * What one scenario file gave.
 *
 * @param passed   expectations that held.
 * @param failures one FAIL line per expectation that did not, in step order.
 */
record ScenarioResult(int passed, List<String> failures)
{
}
