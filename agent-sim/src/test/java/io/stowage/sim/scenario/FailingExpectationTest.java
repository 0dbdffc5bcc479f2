package io.stowage.sim.scenario;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A failed expectation prints one FAIL line naming the file, the step and the path, and the run exits 1 with the
 * summary counting every leaf comparison.
 */
class FailingExpectationTest
{
    @Test
    void shouldPrintOneFailLinePerFailedExpectationAndExitOne()
    {
        final String file = ScenarioRun.scenarioCase("fail/expectations-fail.json");

        final ScenarioRun run = ScenarioRun.of(file);

        assertEquals(1, run.exitCode(), run::describe);
        assertEquals(List.of(
            "FAIL " + file + " step 4 running.A: expected 4, got 3",
            "FAIL " + file + " step 4 shares.A: expected 0.5, got 0.6667",
            "FAIL " + file + " step 4 rejected.X.RATE_LIMITED: expected 1, got 0",
            "FAIL " + file + " step 4 agents.m.allocated.mem: expected 13.5, got 14",
            "FAIL " + file + " step 4 agents.m.state: expected DRAINING, got ACTIVE",
            "4 passed, 5 failed"), run.outLines(), run::describe);
        assertEquals("", run.err(), run::describe);
    }

    @Test
    void shouldSumExpectationsOverAllFiles()
    {
        final ScenarioRun run = ScenarioRun.of(ScenarioRun.scenarioCase("pass/roles.json"),
            ScenarioRun.scenarioCase("fail/expectations-fail.json"),
            ScenarioRun.scenarioCase("pass/preemption.json"));

        assertEquals(1, run.exitCode(), run::describe);
        assertEquals("41 passed, 5 failed", run.outLines().get(run.outLines().size() - 1), run::describe);
    }

    @Test
    void shouldExitTwoWhenAFileIsMalformedEvenIfAnotherFails()
    {
        final ScenarioRun run = ScenarioRun.of(ScenarioRun.scenarioCase("fail/expectations-fail.json"),
            ScenarioRun.scenarioCase("malformed/unknown-key.json"));

        assertEquals(2, run.exitCode(), run::describe);
        assertEquals("4 passed, 5 failed", run.outLines().get(run.outLines().size() - 1), run::describe);
    }
}
