package io.stowage.sim.scenario;

import io.stowage.core.Constraint;

import java.util.List;
import java.util.Map;

/**
 * One step of a scenario (see ../shared/SCENARIOS.md, "Steps", and the "Stowage extension" steps of
 * docs/scenarios.md), already validated; {@link #applyTo} runs it.
 */
sealed interface Step
{
    /**
     * Runs the step.
     *
     * @param runner the scenario being run.
     * @throws MalformedScenarioException if the step turns out impossible only when run (an agent id already
     *                                    registered, adopted tasks the kernel refuses).
     */
    void applyTo(ScenarioRunner runner) throws MalformedScenarioException;

    /** {@code at}: the clock moves to {@code nanos}; agents that are up heartbeat, timeouts apply. */
    record At(long nanos) implements Step
    {
        @Override
        public void applyTo(final ScenarioRunner runner)
        {
            runner.advanceTo(nanos);
        }
    }

    /** {@code addAgents}: registers agents in list order. */
    record AddAgents(List<AgentSpec> agents) implements Step
    {
        @Override
        public void applyTo(final ScenarioRunner runner) throws MalformedScenarioException
        {
            for (final AgentSpec agent : agents)
            {
                runner.addAgents(agent);
            }
        }
    }

    /**
     * One element of {@code addAgents}.
     *
     * @param pointer    its JSON pointer, for a runtime error.
     * @param ids        the agent ids it registers ({@code id}, or {@code id-0} to {@code id-(count-1)}).
     * @param capacity   milli-units per dimension.
     * @param attributes attribute name to value.
     */
    record AgentSpec(String pointer, List<String> ids, long[] capacity, Map<String, String> attributes)
    {
    }

    /** {@code adoptAgent}: registers one agent together with the tasks already running on it. */
    record AdoptAgent(AgentSpec agent, List<RunningTasks> running) implements Step
    {
        @Override
        public void applyTo(final ScenarioRunner runner) throws MalformedScenarioException
        {
            runner.adoptAgent(agent, running);
        }
    }

    /**
     * One element of {@code adoptAgent.running}: {@code count} alike tasks of a framework.
     *
     * @param framework the framework name, declared and not removed.
     * @param count     how many tasks.
     * @param resources the milli-units each holds.
     * @param priority  their priority.
     * @param revocable whether they run on revocable resources.
     * @param label     their label, empty for none.
     */
    record RunningTasks(String framework, long count, long[] resources, int priority, boolean revocable, String label)
    {
    }

    /**
     * {@code updateAgent}: the agent's capacity changes, its attributes are replaced, or both.
     *
     * @param agent      the agent id.
     * @param capacity   milli-units per dimension, or null to keep it.
     * @param attributes the whole new attribute map, or null to keep it.
     */
    record UpdateAgent(String agent, long[] capacity, Map<String, String> attributes) implements Step
    {
        @Override
        public void applyTo(final ScenarioRunner runner)
        {
            runner.updateAgent(agent, capacity, attributes);
        }
    }

    /** {@code drain}: no new placements on the agent. */
    record Drain(String agent) implements Step
    {
        @Override
        public void applyTo(final ScenarioRunner runner)
        {
            runner.drain(agent);
        }
    }

    /** {@code removeAgent}: the agent leaves, its tasks are lost. */
    record RemoveAgent(String agent) implements Step
    {
        @Override
        public void applyTo(final ScenarioRunner runner)
        {
            runner.removeAgent(agent);
        }
    }

    /** {@code agentDown}: the agent stops heartbeating. */
    record AgentDown(String agent) implements Step
    {
        @Override
        public void applyTo(final ScenarioRunner runner)
        {
            runner.agentDown(agent);
        }
    }

    /** {@code agentUp}: the agent heartbeats again, or registers afresh if it was removed. */
    record AgentUp(String agent) implements Step
    {
        @Override
        public void applyTo(final ScenarioRunner runner)
        {
            runner.agentUp(agent);
        }
    }

    /** {@code heartbeat}: a usage report (null usage: liveness only) and an optional explicit pressure flag. */
    record Heartbeat(String agent, long[] usage, boolean pressure) implements Step
    {
        @Override
        public void applyTo(final ScenarioRunner runner)
        {
            runner.heartbeat(agent, usage, pressure);
        }
    }

    /** {@code setRole}: creates or replaces a role's settings. */
    record SetRole(RoleSetting role) implements Step
    {
        @Override
        public void applyTo(final ScenarioRunner runner)
        {
            runner.setRole(role);
        }
    }

    /**
     * {@code submit}: enqueues {@code count} tasks.
     *
     * @param framework   the framework name, registered or not.
     * @param count       how many tasks.
     * @param named       true if the file names resources (else the default applies).
     * @param resources   the requested milli-units, or null if they are invalid.
     * @param priority    the priority.
     * @param revocable   whether the tasks are revocable.
     * @param label       the label, empty for none.
     * @param constraints the constraints, or null if they are invalid.
     */
    record Submit(
        String framework,
        long count,
        boolean named,
        long[] resources,
        int priority,
        boolean revocable,
        String label,
        List<Constraint> constraints) implements Step
    {
        @Override
        public void applyTo(final ScenarioRunner runner)
        {
            runner.submit(this);
        }
    }

    /** {@code allocate}: one allocation round. */
    record Allocate() implements Step
    {
        @Override
        public void applyTo(final ScenarioRunner runner)
        {
            runner.allocate();
        }
    }

    /** {@code finish}: the framework's oldest {@code count} running tasks (with the label, if not null) finish. */
    record Finish(String framework, long count, String label) implements Step
    {
        @Override
        public void applyTo(final ScenarioRunner runner)
        {
            runner.finish(framework, count, label);
        }
    }

    /** {@code cancel}: withdraws up to {@code count} of the framework's pending tasks, those served last. */
    record Cancel(String framework, long count) implements Step
    {
        @Override
        public void applyTo(final ScenarioRunner runner)
        {
            runner.cancel(framework, count);
        }
    }

    /** {@code suppress}: rounds place nothing of the framework until it is revived. */
    record Suppress(String framework) implements Step
    {
        @Override
        public void applyTo(final ScenarioRunner runner)
        {
            runner.suppress(framework);
        }
    }

    /** {@code revive}: ends the framework's suppression. */
    record Revive(String framework) implements Step
    {
        @Override
        public void applyTo(final ScenarioRunner runner)
        {
            runner.revive(framework);
        }
    }

    /** {@code updateFramework}: replaces the framework's role, rate and pending limit. */
    record UpdateFramework(FrameworkSetting framework) implements Step
    {
        @Override
        public void applyTo(final ScenarioRunner runner)
        {
            runner.updateFramework(framework);
        }
    }

    /** {@code removeFramework}: cancels the framework's pending tasks and ends its running ones. */
    record RemoveFramework(String framework) implements Step
    {
        @Override
        public void applyTo(final ScenarioRunner runner)
        {
            runner.removeFramework(framework);
        }
    }

    /** {@code expect}: checks each expectation. */
    record Expect(List<Expectation> expectations) implements Step
    {
        @Override
        public void applyTo(final ScenarioRunner runner)
        {
            runner.check(expectations);
        }
    }
}
