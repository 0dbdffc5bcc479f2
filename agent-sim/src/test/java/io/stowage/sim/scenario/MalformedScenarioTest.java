package io.stowage.sim.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed and unreadable files exit 2, reported as {@code <file>: <JSON pointer>: <what is wrong>}, and count no
 * expectation.
 */
class MalformedScenarioTest
{
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown-agent-resource.json | /steps/0/addAgents/0/resources/cpu: unknown resource \"cpu\"",
        "unknown-key.json            | /steps/1/submit/frameworks: unknown key \"frameworks\" (known: framework, " +
            "count, resources, priority, revocable, label, constraints)",
        "wrong-type.json             | /steps/1/submit/count: expected an integer, got \"3\"",
        "time-backwards.json         | /steps/2/at: the clock goes backwards, from 5 s to 2.5 s",
        "duplicate-agent.json        | /steps/2/addAgents/1: agent \"a-1\" is already registered",
        "unknown-agent-in-step.json  | /steps/1/drain: unknown agent \"a\" (no earlier step adds it)",
        "role-quantity.json          | /roles/0/guarantee/cpus: quantity 1.2345 has more than 3 decimal places",
        "constraint-unknown-key.json | /steps/0/submit/constraints/0/hard: unknown key \"hard\" (known: attribute, " +
            "op, value, values)",
        "two-keys-in-a-step.json     | /steps/0: a step has exactly one key, got allocate, at",
        "cancel-unknown-framework.json | /steps/1/cancel/framework: unknown framework \"Z\" (not listed under " +
            "frameworks)",
        "step-after-remove-framework.json | /steps/4/submit/framework: framework \"A\" was removed by step 1 " +
            "(only expect may name it after that)",
        "negative-cancel-count.json  | /steps/1/cancel/count: must be 0 to 1000000000, got -1",
        "adopt-running-unknown-key.json | /steps/0/adoptAgent/running/1/key: unknown key \"key\" (known: " +
            "framework, count, resources, priority, revocable, label)",
        "adopt-revocable-disabled.json | /steps/1/adoptAgent: agent \"a\" refused: REVOCABLE_DISABLED",
    })
    void shouldExitTwoNamingThePointerOfWhatIsWrong(final String name, final String problem)
    {
        final String file = ScenarioRun.scenarioCase("malformed/" + name);

        final ScenarioRun run = ScenarioRun.of(file);

        assertEquals(2, run.exitCode(), run::describe);
        assertEquals(file + ": " + problem + System.lineSeparator(), run.err(), run::describe);
        assertEquals("0 passed, 0 failed" + System.lineSeparator(), run.out(), run::describe);
    }

    @Test
    void shouldReportInvalidJsonWithItsLine()
    {
        final String file = ScenarioRun.scenarioCase("malformed/not-json.json");

        final ScenarioRun run = ScenarioRun.of(file);

        assertEquals(2, run.exitCode(), run::describe);
        assertTrue(run.err().startsWith(file + ": /steps/0"), run::describe);
        assertTrue(run.err().contains("invalid JSON at line 5"), run::describe);
    }

    @Test
    void shouldReportAnUnreadableFileAndStillRunTheOthers()
    {
        final ScenarioRun run = ScenarioRun.of("no-such-scenario.json", ScenarioRun.scenarioCase("pass/roles.json"));

        assertEquals(2, run.exitCode(), run::describe);
        assertEquals("no-such-scenario.json: : cannot read: no such file" + System.lineSeparator(), run.err(),
            run::describe);
        assertEquals("16 passed, 0 failed" + System.lineSeparator(), run.out(), run::describe);
    }

    @Test
    void shouldCountNothingOfAFileFoundMalformedWhileRunning()
    {
        // duplicate-agent.json has a failing expectation at step 1, before its duplicate agent at step 2.
        final ScenarioRun run = ScenarioRun.of(ScenarioRun.scenarioCase("malformed/duplicate-agent.json"));

        assertEquals(2, run.exitCode(), run::describe);
        assertEquals("0 passed, 0 failed" + System.lineSeparator(), run.out(), run::describe);
    }

    @Test
    void shouldTreatABadSubmitQuantityAsAnInvalidRequestRatherThanMalformed(@TempDir final Path dir)
        throws IOException
    {
        final Path file = write(dir, "submit.json", "{\"resources\": [\"cpus\"], \"frameworks\": [{\"id\": \"F\"}]," +
            " \"steps\": [{\"submit\": {\"framework\": \"F\", \"resources\": {\"cpu\": 1}}}," +
            " {\"expect\": {\"rejected\": {\"F\": {\"INVALID_REQUEST\": 1}}, \"pending\": {\"F\": 0}}}]}");

        final ScenarioRun run = ScenarioRun.of(file.toString());

        assertEquals(0, run.exitCode(), run::describe);
        assertEquals("2 passed, 0 failed" + System.lineSeparator(), run.out(), run::describe);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "[]                                                       | : expected an object, got []",
        "{\"steps\": []}                                          | : missing required key \"resources\"",
        "{\"resources\": [\"cpus\"]}                              | : missing required key \"steps\"",
        "{\"resources\": [\"cpus\", \"cpus\"], \"steps\": []}     | /resources/1: resource \"cpus\" is named twice",
        "{\"resources\": [\"cpus\"], \"steps\": [], \"x\": 1}     | /x: unknown key \"x\" (known: name, resources, " +
            "policy, roles, frameworks, steps)",
        "{\"resources\": [\"cpus\"], \"steps\": [{}]}             | /steps/0: a step has exactly one key, got none",
        "{\"resources\": [\"cpus\"], \"steps\": [{\"allocate\": {\"now\": true}}]} | /steps/0/allocate/now: " +
            "unknown key \"now\" (this object takes none)",
        "{\"resources\": [\"cpus\"], \"steps\": [], \"policy\": {\"placement\": \"random\"}} | /policy/placement: " +
            "must be \"binpack\" or \"spread\", got \"random\"",
        "{\"resources\": [\"cpus\"], \"steps\": [], \"policy\": {\"oversubscription\": {\"maxRatio\": 0.0005}}} | " +
            "/policy/oversubscription/maxRatio: quantity 0.0005 has more than 3 decimal places",
        "{\"resources\": [\"cpus\"], \"steps\": [], \"policy\": {\"fairnessExcluded\": [\"gpus\"]}} | " +
            "/policy/fairnessExcluded/0: unknown resource \"gpus\"",
        "{\"resources\": [\"cpus\"], \"steps\": [], \"policy\": {\"heartbeatTimeout\": 90}} | " +
            "/policy/heartbeatTimeout: lostAfter (60 s) must be at least heartbeatTimeout (90 s)",
        "{\"resources\": [\"cpus\"], \"steps\": [], \"policy\": {\"pressureThreshold\": 1.5}} | " +
            "/policy/pressureThreshold: must be 0.001 to 1, got 1.5",
        "{\"resources\": [\"cpus\"], \"steps\": [{\"addAgents\": [{\"id\": \"a\", \"resources\": " +
            "{\"cpus\": 0}}]}]} | " +
            "/steps/0/addAgents/0/resources: resources must not be all zero",
        "{\"resources\": [\"cpus\"], \"steps\": [{\"addAgents\": [{\"id\": \"a\", \"resources\": " +
            "{\"cpus\": -1}}]}]} | " +
            "/steps/0/addAgents/0/resources/cpus: negative quantity -1",
        "{\"resources\": [\"a/b\", \"c~d\"], \"steps\": [{\"addAgents\": [{\"id\": \"a\", \"resources\": " +
            "{\"a/b\": 1, \"c~d\": 1, \"e/f\": 1}}]}]} | /steps/0/addAgents/0/resources/e~1f: unknown resource \"e/f\"",
        "{\"resources\": [\"cpus\"], \"frameworks\": [{\"id\": \"F\"}, {\"id\": \"F\"}], \"steps\": []} | " +
            "/frameworks/1/id: framework \"F\" is listed twice",
        "{\"resources\": [\"cpus\"], \"frameworks\": [{\"id\": \"F\", \"rate\": {\"perSecond\": 1}}], " +
            "\"steps\": []} | " +
            "/frameworks/0/rate: missing required key \"burst\"",
        "{\"resources\": [\"cpus\"], \"roles\": [{\"name\": \"r\", \"weight\": 0}], \"steps\": []} | " +
            "/roles/0/weight: weight must be above 0, got 0",
        "{\"resources\": [\"cpus\"], \"steps\": [{\"expect\": {\"rejected\": {\"F\": {\"TOO_MANY\": 1}}}}]} | " +
            "/steps/0/expect/rejected/F/TOO_MANY: unknown rejection reason \"TOO_MANY\" (known: [INVALID_REQUEST, " +
            "UNKNOWN_FRAMEWORK, REVOCABLE_DISABLED, RATE_LIMITED, PENDING_LIMIT, ADMISSION_CLOSED])",
        "{\"resources\": [\"cpus\"], \"steps\": [{\"expect\": {\"agents\": {\"a\": {\"state\": \"DOWN\"}}}}]} | " +
            "/steps/0/expect/agents/a/state: unknown agent state \"DOWN\" (known: [ACTIVE, DRAINING, PRESSURED, " +
            "OVERCOMMITTED, UNREACHABLE, REMOVED])",
        "{\"resources\": [\"cpus\"], \"steps\": [{\"expect\": {\"running\": {\"F\": 1.5}}}]} | " +
            "/steps/0/expect/running/F: expected an integer, got 1.5",
        "{\"resources\": [\"cpus\"], \"steps\": [{\"at\": 1.0000000001}]} | " +
            "/steps/0/at: 1.0000000001 s is not a whole number of nanoseconds within range",
        "{\"resources\": [\"cpus\"], \"steps\": [{\"submit\": {\"framework\": \"F\", \"resources\": 1}}]} | " +
            "/steps/0/submit/resources: expected an object, got 1",
        "{\"resources\": [\"cpus\"], \"steps\": [{\"addAgents\": [{\"id\": \"a\", \"resources\": {\"cpus\": 1}}]}, " +
            "{\"updateAgent\": {\"id\": \"a\"}}]} | /steps/1/updateAgent: updateAgent needs resources, attributes or both",
        "{\"resources\": [\"cpus\"], \"steps\": [{\"addAgents\": [{\"id\": \"a\", \"resources\": {\"cpus\": 1}}]}, " +
            "{\"updateAgent\": {\"id\": \"a\", \"attributes\": {\" \": \"x\"}}}]} | " +
            "/steps/1/updateAgent/attributes/ : an attribute name must not be blank",
        "{\"resources\": [\"cpus\"], \"steps\": [], \"steps\": []} | /steps: invalid JSON at line 1, column 45: " +
            "Duplicate field 'steps'",
        "{\"resources\": [\"cpus\"], \"steps\": []} {} | : invalid JSON at line 1, column 38: more content after " +
            "the top-level value",
        "' ' | : the file is empty",
        "{\"resources\": [\"cpus\"], \"frameworks\": [{\"id\": \"A\"}], \"steps\": [{\"suppress\": \"Z\"}]} | " +
            "/steps/0/suppress: unknown framework \"Z\" (not listed under frameworks)",
        "{\"resources\": [\"cpus\"], \"frameworks\": [{\"id\": \"A\"}], \"steps\": [{\"revive\": " +
            "{\"framework\": \"A\"}}]} | /steps/0/revive: expected a string, got {\"framework\":\"A\"}",
        "{\"resources\": [\"cpus\"], \"frameworks\": [{\"id\": \"A\"}], \"steps\": [{\"removeFramework\": " +
            "\"A\"}, {\"removeFramework\": \"A\"}]} | " +
            "/steps/1/removeFramework: framework \"A\" was removed by step 0 (only expect may name it after that)",
        "{\"resources\": [\"cpus\"], \"frameworks\": [{\"id\": \"A\"}], \"steps\": [{\"removeFramework\": " +
            "\"A\"}, {\"adoptAgent\": {\"id\": \"a\", \"resources\": {\"cpus\": 1}, \"running\": " +
            "[{\"framework\": \"A\", \"resources\": {\"cpus\": 1}}]}}]} | " +
            "/steps/1/adoptAgent/running/0/framework: framework \"A\" was removed by step 0 (the kernel refuses " +
            "its tasks: UNKNOWN_FRAMEWORK)",
        "{\"resources\": [\"cpus\"], \"frameworks\": [{\"id\": \"A\"}], \"steps\": [{\"adoptAgent\": " +
            "{\"id\": \"a\", \"resources\": {\"cpus\": 1}, \"running\": [{\"framework\": \"Z\", " +
            "\"resources\": {\"cpus\": 1}}]}}]} | " +
            "/steps/0/adoptAgent/running/0/framework: unknown framework \"Z\" (not listed under frameworks)",
        "{\"resources\": [\"cpus\"], \"frameworks\": [{\"id\": \"A\"}], \"steps\": [{\"adoptAgent\": " +
            "{\"id\": \"a\", \"resources\": {\"cpus\": 1}, \"running\": [{\"framework\": \"A\"}]}}]} | " +
            "/steps/0/adoptAgent/running/0: missing required key \"resources\"",
        "{\"resources\": [\"cpus\"], \"steps\": [{\"addAgents\": [{\"id\": \"a\", \"resources\": " +
            "{\"cpus\": 1}}]}, {\"adoptAgent\": {\"id\": \"a\", \"resources\": {\"cpus\": 1}}}]} | " +
            "/steps/1/adoptAgent: agent \"a\" is already registered",
        "{\"resources\": [\"cpus\"], \"frameworks\": [{\"id\": \"A\"}], \"steps\": [{\"updateFramework\": " +
            "{\"framework\": \"A\", \"id\": \"A\"}}]} | " +
            "/steps/0/updateFramework/id: unknown key \"id\" (known: framework, role, rate, maxPending)",
        "{\"resources\": [\"cpus\"], \"frameworks\": [{\"id\": \"A\"}], \"steps\": [{\"updateFramework\": " +
            "{\"framework\": \"A\", \"rate\": {\"perSecond\": 1}}}]} | " +
            "/steps/0/updateFramework/rate: missing required key \"burst\"",
        "{\"resources\": [\"cpus\"], \"frameworks\": [{\"id\": \"A\"}], \"steps\": [{\"updateFramework\": " +
            "{\"framework\": \"A\", \"maxPending\": -1}}]} | " +
            "/steps/0/updateFramework/maxPending: must be 0 to 2147483647, got -1",
        "{\"resources\": [\"cpus\"], \"steps\": [{\"expect\": {\"adopted\": -1}}]} | " +
            "/steps/0/expect/adopted: must be 0 to 9223372036854775807, got -1",
    })
    void shouldValidateEveryLevelBeforeRunning(final String json, final String problem, @TempDir final Path dir)
        throws IOException
    {
        final Path file = write(dir, "case.json", json);

        final ScenarioRun run = ScenarioRun.of(file.toString());

        assertEquals(2, run.exitCode(), run::describe);
        assertEquals(file + ": " + problem + System.lineSeparator(), run.err(), run::describe);
    }

    private static Path write(final Path dir, final String name, final String json) throws IOException
    {
        return Files.writeString(dir.resolve(name), json);
    }
}
