package io.stowage.sim.scenario;

import io.stowage.core.Constraint;
import io.stowage.core.KernelConfig;
import io.stowage.core.Reason;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code steps} array. Besides types and keys it checks what the order of steps alone decides: the clock
 * never goes backwards, every agent a step names was added by an earlier step, every framework a lifecycle step
 * names is declared, and no step but {@code expect} names a framework an earlier step removed. It also sizes the
 * kernel: the most agent registrations and tasks the steps can make.
 */
final class StepParser
{
    private static final Set<String> STEP_KEYS = ScenarioNode.allowedKeys("at", "addAgents", "updateAgent", "drain",
        "removeAgent", "agentDown", "agentUp", "heartbeat", "setRole", "submit", "allocate", "finish", "adoptAgent",
        "cancel", "suppress", "revive", "updateFramework", "removeFramework", "expect");
    private static final Set<String> AGENT_KEYS = ScenarioNode.allowedKeys("id", "resources", "attributes", "count");
    private static final Set<String> UPDATE_KEYS = ScenarioNode.allowedKeys("id", "resources", "attributes");
    private static final Set<String> HEARTBEAT_KEYS = ScenarioNode.allowedKeys("agent", "usage", "pressure");
    private static final Set<String> SUBMIT_KEYS = ScenarioNode.allowedKeys(
        "framework", "count", "resources", "priority", "revocable", "label", "constraints");
    private static final Set<String> FINISH_KEYS = ScenarioNode.allowedKeys("framework", "count", "label");
    private static final Set<String> ADOPT_KEYS = ScenarioNode.allowedKeys("id", "resources", "attributes", "running");
    private static final Set<String> RUNNING_KEYS = ScenarioNode.allowedKeys(
        "framework", "count", "resources", "priority", "revocable", "label");
    private static final Set<String> CANCEL_KEYS = ScenarioNode.allowedKeys("framework", "count");
    private static final Set<String> UPDATE_FRAMEWORK_KEYS =
        ScenarioNode.allowedKeys("framework", "role", "rate", "maxPending");
    private static final long MAX_AGENTS_PER_ELEMENT = 1 << 24;
    private static final long MAX_TASKS_PER_STEP = 1_000_000_000L;
    private static final int MAX_AGENTS = 1 << 24;
    private static final int MAX_TASKS = 1 << 30;

    private final ResourceVectors vectors;
    private final Set<String> declaredFrameworks;
    private final Set<String> knownAgents = new HashSet<>();
    /** Framework name to the index of the step that removed it. */
    private final Map<String, Integer> removedFrameworks = new HashMap<>();
    private int stepIndex;
    private long clockNanos;
    private long registrations;
    private long tasks;

    /**
     * @param vectors            the file's resources.
     * @param declaredFrameworks the names listed under {@code frameworks}.
     */
    StepParser(final ResourceVectors vectors, final Set<String> declaredFrameworks)
    {
        this.vectors = vectors;
        this.declaredFrameworks = declaredFrameworks;
    }

    /**
     * @param node the steps array.
     * @return the steps.
     * @throws MalformedScenarioException naming the first bad value.
     */
    List<Step> parse(final ScenarioNode node) throws MalformedScenarioException
    {
        final List<Step> steps = new ArrayList<>();
        final List<ScenarioNode> elements = node.elements();
        for (stepIndex = 0; stepIndex < elements.size(); stepIndex++)
        {
            steps.add(step(elements.get(stepIndex)));
        }
        return steps;
    }

    /** @return the most agents the kernel must hold at once: every registration the steps can make, at least 1. */
    int maxAgents()
    {
        return (int)Math.max(1, Math.min(registrations, MAX_AGENTS));
    }

    /** @return the most tasks the kernel must hold at once: every task the steps submit, at least 1. */
    int maxTasks()
    {
        return (int)Math.max(1, Math.min(tasks, MAX_TASKS));
    }

    private Step step(final ScenarioNode node) throws MalformedScenarioException
    {
        final List<String> keys = node.object(STEP_KEYS).keys();
        if (keys.size() != 1)
        {
            throw node.error("a step has exactly one key, got " + (keys.isEmpty() ? "none" : String.join(", ", keys)));
        }
        final String kind = keys.get(0);
        final ScenarioNode body = node.get(kind);
        switch (kind)
        {
            case "at":
                return at(body);
            case "addAgents":
                return addAgents(body);
            case "updateAgent":
                return updateAgent(body);
            case "drain":
                return new Step.Drain(knownAgent(body));
            case "removeAgent":
                return new Step.RemoveAgent(knownAgent(body));
            case "agentDown":
                return new Step.AgentDown(knownAgent(body));
            case "agentUp":
                registrations++;
                return new Step.AgentUp(knownAgent(body));
            case "heartbeat":
                return heartbeat(body);
            case "setRole":
                return new Step.SetRole(ScenarioParser.role(body, vectors));
            case "submit":
                return submit(body);
            case "allocate":
                body.object(Set.of());
                return new Step.Allocate();
            case "finish":
                body.object(FINISH_KEYS);
                return new Step.Finish(notRemoved(body.required("framework")), count(body.get("count")),
                    body.get("label").isPresent() ? body.get("label").text() : null);
            case "adoptAgent":
                return adoptAgent(body);
            case "cancel":
                body.object(CANCEL_KEYS);
                return new Step.Cancel(declaredFramework(body.required("framework")), count(body.get("count")));
            case "suppress":
                return new Step.Suppress(declaredFramework(body));
            case "revive":
                return new Step.Revive(declaredFramework(body));
            case "updateFramework":
                body.object(UPDATE_FRAMEWORK_KEYS);
                return new Step.UpdateFramework(ScenarioParser.frameworkSettings(
                    declaredFramework(body.required("framework")), body));
            case "removeFramework":
                return removeFramework(body);
            default:
                return new Step.Expect(ExpectationParser.parse(body, vectors));
        }
    }

    private Step at(final ScenarioNode node) throws MalformedScenarioException
    {
        final long nanos = node.number().signum() < 0 ? -1 : node.nanos();
        if (nanos < clockNanos)
        {
            throw node.error("the clock goes backwards, from " + seconds(clockNanos) + " s to " +
                node.number().toPlainString() + " s");
        }
        clockNanos = nanos;
        return new Step.At(nanos);
    }

    private static String seconds(final long nanos)
    {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }

    private Step addAgents(final ScenarioNode node) throws MalformedScenarioException
    {
        final List<Step.AgentSpec> agents = new ArrayList<>();
        for (final ScenarioNode element : node.elements())
        {
            element.object(AGENT_KEYS);
            final String id = element.required("id").name();
            final long[] capacity = vectors.declared(element.required("resources"), 0, "resources");
            final Map<String, String> attributes = attributes(element.get("attributes"));
            final ScenarioNode countNode = element.get("count");
            final List<String> ids = new ArrayList<>();
            if (countNode.isPresent())
            {
                final long count = countNode.integer(0, MAX_AGENTS_PER_ELEMENT);
                for (long i = 0; i < count; i++)
                {
                    ids.add(id + "-" + i);
                }
            }
            else
            {
                ids.add(id);
            }
            knownAgents.addAll(ids);
            registrations += ids.size();
            agents.add(new Step.AgentSpec(element.pointer(), ids, capacity, attributes));
        }
        return new Step.AddAgents(agents);
    }

    /** {@code updateAgent}: new capacity, new attributes, or both (Stowage extension: attributes). */
    private Step updateAgent(final ScenarioNode body) throws MalformedScenarioException
    {
        body.object(UPDATE_KEYS);
        final String agent = knownAgent(body.required("id"));
        final ScenarioNode resources = body.get("resources");
        final ScenarioNode attributes = body.get("attributes");
        if (!resources.isPresent() && !attributes.isPresent())
        {
            throw body.error("updateAgent needs resources, attributes or both");
        }
        return new Step.UpdateAgent(agent, resources.isPresent() ? vectors.declared(resources, 0, "resources") : null,
            attributes.isPresent() ? attributes(attributes) : null);
    }

    private static Map<String, String> attributes(final ScenarioNode node) throws MalformedScenarioException
    {
        final Map<String, String> attributes = new LinkedHashMap<>();
        if (!node.isPresent())
        {
            return attributes;
        }
        final List<String> names = node.keys();
        if (names.size() > KernelConfig.MAX_ATTRIBUTES_PER_AGENT)
        {
            throw node.error("an agent has at most " + KernelConfig.MAX_ATTRIBUTES_PER_AGENT + " attributes, got " +
                names.size());
        }
        for (final String name : names)
        {
            if (name.isBlank())
            {
                throw node.get(name).error("an attribute name must not be blank");
            }
            attributes.put(name, node.get(name).text());
        }
        return Collections.unmodifiableMap(attributes);
    }

    private String knownAgent(final ScenarioNode node) throws MalformedScenarioException
    {
        final String id = node.text();
        if (!knownAgents.contains(id))
        {
            throw node.error("unknown agent \"" + id + "\" (no earlier step adds it)");
        }
        return id;
    }

    private Step heartbeat(final ScenarioNode node) throws MalformedScenarioException
    {
        node.object(HEARTBEAT_KEYS);
        final String agent = knownAgent(node.required("agent"));
        final ScenarioNode usage = node.get("usage");
        final ScenarioNode pressure = node.get("pressure");
        return new Step.Heartbeat(agent, usage.isPresent() ? vectors.declared(usage, 0, null) : null,
            pressure.isPresent() && pressure.bool());
    }

    /**
     * A framework name that no earlier step removed; it may be undeclared (a {@code submit} of an unknown framework is
     * a rejection, not a malformed file).
     */
    private String notRemoved(final ScenarioNode node) throws MalformedScenarioException
    {
        return notRemoved(node, "only expect may name it after that");
    }

    private String notRemoved(final ScenarioNode node, final String consequence) throws MalformedScenarioException
    {
        final String name = node.text();
        final Integer removedAt = removedFrameworks.get(name);
        if (removedAt != null)
        {
            throw node.error("framework \"" + name + "\" was removed by step " + removedAt + " (" + consequence + ")");
        }
        return name;
    }

    /** A framework name listed under {@code frameworks} that no earlier step removed. */
    private String declaredFramework(final ScenarioNode node) throws MalformedScenarioException
    {
        return declaredFramework(node, notRemoved(node));
    }

    private String declaredFramework(final ScenarioNode node, final String name) throws MalformedScenarioException
    {
        if (!declaredFrameworks.contains(name))
        {
            throw node.error("unknown framework \"" + name + "\" (not listed under frameworks)");
        }
        return name;
    }

    private Step adoptAgent(final ScenarioNode node) throws MalformedScenarioException
    {
        node.object(ADOPT_KEYS);
        final String id = node.required("id").name();
        final long[] capacity = vectors.declared(node.required("resources"), 0, "resources");
        final Map<String, String> attributes = attributes(node.get("attributes"));
        final List<Step.RunningTasks> running = new ArrayList<>();
        final ScenarioNode runningNode = node.get("running");
        if (runningNode.isPresent())
        {
            for (final ScenarioNode element : runningNode.elements())
            {
                running.add(runningTasks(element));
            }
        }
        knownAgents.add(id);
        registrations++;
        return new Step.AdoptAgent(new Step.AgentSpec(node.pointer(), List.of(id), capacity, attributes), running);
    }

    private Step.RunningTasks runningTasks(final ScenarioNode node) throws MalformedScenarioException
    {
        node.object(RUNNING_KEYS);
        final ScenarioNode frameworkNode = node.required("framework");
        // The kernel knows a removed framework's id no more: adopting its tasks is refused as UNKNOWN_FRAMEWORK.
        final String framework = declaredFramework(frameworkNode,
            notRemoved(frameworkNode, "the kernel refuses its tasks: " + Reason.UNKNOWN_FRAMEWORK));
        final long count = count(node.get("count"));
        final long[] resources = vectors.declared(node.required("resources"), 0, "resources");
        final ScenarioNode priority = node.get("priority");
        final ScenarioNode revocable = node.get("revocable");
        final ScenarioNode label = node.get("label");
        tasks += count;
        return new Step.RunningTasks(framework, count, resources,
            priority.isPresent() ? (int)priority.integer(Integer.MIN_VALUE, Integer.MAX_VALUE) : 0,
            revocable.isPresent() && revocable.bool(),
            label.isPresent() ? label.text() : "");
    }

    private Step removeFramework(final ScenarioNode node) throws MalformedScenarioException
    {
        final String framework = declaredFramework(node);
        removedFrameworks.put(framework, stepIndex);
        return new Step.RemoveFramework(framework);
    }

    private Step submit(final ScenarioNode node) throws MalformedScenarioException
    {
        node.object(SUBMIT_KEYS);
        final String framework = notRemoved(node.required("framework"));
        final long count = count(node.get("count"));
        final ScenarioNode resources = node.get("resources");
        final long[] requested = resources.isPresent() ? vectors.requested(resources) : null;
        final ScenarioNode priority = node.get("priority");
        final ScenarioNode revocable = node.get("revocable");
        final ScenarioNode label = node.get("label");
        final ScenarioNode constraints = node.get("constraints");
        final List<Constraint> constraintList = constraints.isPresent() ? ConstraintParser.parse(constraints) :
            List.of();
        tasks += count;
        return new Step.Submit(framework, count, resources.isPresent(), requested,
            priority.isPresent() ? (int)priority.integer(Integer.MIN_VALUE, Integer.MAX_VALUE) : 0,
            revocable.isPresent() && revocable.bool(),
            label.isPresent() ? label.text() : "",
            constraintList);
    }

    private static long count(final ScenarioNode node) throws MalformedScenarioException
    {
        return node.isPresent() ? node.integer(0, MAX_TASKS_PER_STEP) : 1;
    }
}
