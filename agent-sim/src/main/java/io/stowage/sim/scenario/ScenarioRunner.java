package io.stowage.sim.scenario;

import io.stowage.core.AdoptedTask;
import io.stowage.core.AllocatorKernel;
import io.stowage.core.Decision;
import io.stowage.core.DecisionKind;
import io.stowage.core.Reason;
import io.stowage.core.TaskRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one validated scenario against a kernel embedded here, step by step, on the scenario clock in nanoseconds.
 * The runner plays the agents (liveness heartbeats of the agents that are up, re-registration after removal) and
 * tallies the frameworks' rejected submissions by framework name, registered or not. It keeps the id each declared
 * framework was registered under, so that expectations still read a framework's counts after a
 * {@code removeFramework} step has freed its name in the kernel.
 */
final class ScenarioRunner
{
    private final String file;
    private final AllocatorKernel kernel;
    private final TaskRequest request;
    private final Decision decision = new Decision();
    /** Every agent the file has added, in order, including those removed since. */
    private final Map<String, AgentRecord> agents = new LinkedHashMap<>();
    /** Every framework the file declares, by name, to the id it was registered under at the start. */
    private final Map<String, Integer> frameworkIds = new HashMap<>();
    private final Map<String, long[]> rejections = new HashMap<>();
    private final List<String> failures = new ArrayList<>();
    private int passed;
    private int step;
    private long now;

    private ScenarioRunner(final String file, final ScenarioFile scenario)
    {
        this.file = file;
        this.kernel = new AllocatorKernel(scenario.config());
        this.request = new TaskRequest(scenario.config().schema());
        for (final RoleSetting role : scenario.roles())
        {
            setRole(role);
        }
        for (final FrameworkSetting framework : scenario.frameworks())
        {
            frameworkIds.put(framework.id(), kernel.registerFramework(framework.id(), framework.role(),
                framework.ratePerSecondMillis(), framework.burst(), framework.maxPending()));
        }
    }

    /**
     * Runs a scenario.
     *
     * @param file     the file name as given, for FAIL lines.
     * @param scenario the validated scenario.
     * @return the expectations that held and the FAIL lines of those that did not.
     * @throws MalformedScenarioException if a step turns out impossible when run.
     */
    static ScenarioResult run(final String file, final ScenarioFile scenario) throws MalformedScenarioException
    {
        final ScenarioRunner runner = new ScenarioRunner(file, scenario);
        final List<Step> steps = scenario.steps();
        for (runner.step = 0; runner.step < steps.size(); runner.step++)
        {
            steps.get(runner.step).applyTo(runner);
        }
        return new ScenarioResult(runner.passed, List.copyOf(runner.failures));
    }

    /** @return the kernel, for expectations. */
    AllocatorKernel kernel()
    {
        return kernel;
    }

    /**
     * @param framework a framework name.
     * @return the id it was registered under at the start, removed since or not; -1 if the file does not declare it.
     */
    int frameworkId(final String framework)
    {
        return frameworkIds.getOrDefault(framework, -1);
    }

    /**
     * @param framework a framework name, registered or not.
     * @param reason    a rejection reason.
     * @return how many of its submitted tasks were rejected for that reason.
     */
    long rejections(final String framework, final Reason reason)
    {
        final long[] counts = rejections.get(framework);
        return counts == null ? 0 : counts[reason.ordinal()];
    }

    void advanceTo(final long timeNanos)
    {
        now = timeNanos;
        for (final Map.Entry<String, AgentRecord> agent : agents.entrySet())
        {
            if (!agent.getValue().down)
            {
                heartbeat(agent.getKey(), null, false);
            }
        }
        kernel.advanceTime(now);
    }

    void addAgents(final Step.AgentSpec spec) throws MalformedScenarioException
    {
        for (final String id : spec.ids())
        {
            if (kernel.view().agentSlot(id) >= 0)
            {
                throw new MalformedScenarioException(spec.pointer(), "agent \"" + id + "\" is already registered");
            }
            final AgentRecord record = new AgentRecord(spec.capacity(), spec.attributes());
            agents.put(id, record);
            final Reason reason = register(id, record);
            if (reason != Reason.OK)
            {
                throw new MalformedScenarioException(spec.pointer(), "agent \"" + id + "\" refused: " + reason);
            }
        }
    }

    /** Registers one agent with the tasks running on it; a refusal by the kernel makes the step fail, naming why. */
    void adoptAgent(final Step.AgentSpec spec, final List<Step.RunningTasks> running)
        throws MalformedScenarioException
    {
        final String id = spec.ids().get(0);
        if (kernel.view().agentSlot(id) >= 0)
        {
            throw new MalformedScenarioException(spec.pointer(), "agent \"" + id + "\" is already registered");
        }
        final List<AdoptedTask> tasks = new ArrayList<>();
        for (final Step.RunningTasks entry : running)
        {
            final AdoptedTask task = new AdoptedTask(frameworkId(entry.framework()), TaskRequest.NO_KEY,
                entry.resources(), entry.priority(), entry.revocable(), kernel.internLabel(entry.label()));
            for (long i = 0; i < entry.count(); i++)
            {
                tasks.add(task);
            }
        }
        final AgentRecord record = new AgentRecord(spec.capacity(), spec.attributes());
        agents.put(id, record);
        final Reason reason = kernel.registerAgent(id, record.capacity, record.attributes, now, tasks);
        if (reason != Reason.OK)
        {
            throw new MalformedScenarioException(spec.pointer(), "agent \"" + id + "\" refused: " + reason);
        }
    }

    void updateAgent(final String id, final long[] capacity, final Map<String, String> attributes)
    {
        final AgentRecord record = agents.get(id);
        final int slot = kernel.view().agentSlot(id);
        if (capacity != null)
        {
            record.capacity = capacity;
            if (slot >= 0)
            {
                expectOk(kernel.updateCapacity(slot, capacity), "updateAgent " + id);
            }
        }
        if (attributes != null)
        {
            record.attributes = attributes;   // an agent registering afresh later comes back with them
            if (slot >= 0)
            {
                expectOk(kernel.updateAttributes(slot, attributes), "updateAgent " + id);
            }
        }
    }

    void drain(final String id)
    {
        final int slot = kernel.view().agentSlot(id);
        if (slot >= 0)
        {
            expectOk(kernel.drain(slot), "drain " + id);
        }
    }

    void removeAgent(final String id)
    {
        final int slot = kernel.view().agentSlot(id);
        if (slot >= 0)
        {
            expectOk(kernel.removeAgent(slot), "removeAgent " + id);
        }
    }

    void agentDown(final String id)
    {
        agents.get(id).down = true;
    }

    /** Up after removal: registers afresh, empty, under a new epoch; up while registered: heartbeats now. */
    void agentUp(final String id)
    {
        final AgentRecord record = agents.get(id);
        record.down = false;
        if (kernel.view().agentSlot(id) < 0)
        {
            expectOk(register(id, record), "agentUp " + id);
        }
        else
        {
            heartbeat(id, null, false);
        }
    }

    /** A heartbeat of a registered agent at the current time; an agent no longer registered sends nothing. */
    void heartbeat(final String id, final long[] usage, final boolean pressure)
    {
        final int slot = kernel.view().agentSlot(id);
        if (slot >= 0)
        {
            final AgentRecord record = agents.get(id);
            expectOk(kernel.heartbeat(slot, kernel.view().agentEpoch(slot), ++record.sequence, usage, pressure, now),
                "heartbeat " + id);
        }
    }

    void setRole(final RoleSetting role)
    {
        expectOk(kernel.setRole(role.name(), role.weight(), role.guarantee(), role.limit()), "role " + role.name());
    }

    void submit(final Step.Submit submit)
    {
        request.reset(frameworkId(submit.framework()))
            .priority(submit.priority())
            .revocable(submit.revocable())
            .label(kernel.internLabel(submit.label()))
            .constraints(submit.constraints() == null ? -1 : kernel.internConstraints(submit.constraints()));
        if (submit.named())
        {
            if (submit.resources() == null)
            {
                // A negative quantity: the kernel refuses the task as an invalid request and counts it.
                request.resource(0, -1);
            }
            else
            {
                request.resources(submit.resources());
            }
        }
        for (long i = 0; i < submit.count(); i++)
        {
            if (kernel.submit(request, now, decision).kind() == DecisionKind.REJECTED)
            {
                rejections.computeIfAbsent(submit.framework(), name -> new long[Reason.values().length])
                    [decision.reason().ordinal()]++;
            }
        }
    }

    void allocate()
    {
        kernel.allocate(now);
    }

    void finish(final String framework, final long count, final String label)
    {
        final int id = frameworkId(framework);
        if (id < 0)
        {
            return;
        }
        final int labelId = label == null ? -1 : kernel.internLabel(label);
        for (long i = 0; i < count; i++)
        {
            final long task = kernel.view().oldestRunningTask(id, labelId);
            if (task < 0)
            {
                return;
            }
            expectOk(kernel.finish(task), "finish " + framework);
        }
    }

    /** Cancels up to {@code count} pending tasks of the framework, from the end of its serving order. */
    void cancel(final String framework, final long count)
    {
        final long[] pending = kernel.view().frameworkPendingTasks(frameworkId(framework));
        final long cancelled = Math.min(count, pending.length);
        for (int i = 1; i <= cancelled; i++)
        {
            expectOk(kernel.cancel(pending[pending.length - i]), "cancel " + framework);
        }
    }

    void suppress(final String framework)
    {
        expectOk(kernel.suppress(frameworkId(framework)), "suppress " + framework);
    }

    void revive(final String framework)
    {
        expectOk(kernel.revive(frameworkId(framework)), "revive " + framework);
    }

    void updateFramework(final FrameworkSetting framework)
    {
        expectOk(kernel.updateFramework(frameworkId(framework.id()), framework.role(),
            framework.ratePerSecondMillis(), framework.burst(), framework.maxPending()),
            "updateFramework " + framework.id());
    }

    void removeFramework(final String framework)
    {
        expectOk(kernel.removeFramework(frameworkId(framework)), "removeFramework " + framework);
    }

    void check(final List<Expectation> expectations)
    {
        for (final Expectation expectation : expectations)
        {
            final Expectation.Outcome outcome = expectation.check(this);
            if (outcome.holds())
            {
                passed++;
            }
            else
            {
                failures.add("FAIL " + file + " step " + step + " " + expectation.path() + ": expected " +
                    expectation.expected() + ", got " + outcome.actual());
            }
        }
    }

    private Reason register(final String id, final AgentRecord record)
    {
        record.sequence = 0;
        return kernel.registerAgent(id, record.capacity, record.attributes, now);
    }

    /** The file was validated, so a refusal here is a runner or kernel bug, not a scenario problem. */
    private void expectOk(final Reason reason, final String what)
    {
        if (reason != Reason.OK)
        {
            throw new IllegalStateException("step " + step + ": the kernel refused " + what + ": " + reason);
        }
    }

    /** What the runner remembers of an agent: enough to register it afresh and to number its heartbeats. */
    private static final class AgentRecord
    {
        long[] capacity;
        Map<String, String> attributes;
        boolean down;
        long sequence;

        AgentRecord(final long[] capacity, final Map<String, String> attributes)
        {
            this.capacity = capacity;
            this.attributes = attributes;
        }
    }
}
