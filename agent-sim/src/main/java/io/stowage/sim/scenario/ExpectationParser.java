package io.stowage.sim.scenario;

import io.stowage.core.AgentState;
import io.stowage.core.Reason;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads an {@code expect} step into its leaves, one {@link Expectation} per compared value, in file order.
 */
final class ExpectationParser
{
    private static final Set<String> EXPECT_KEYS = ScenarioNode.allowedKeys("running", "pending", "placed", "rejected",
        "preempted", "revoked", "lost", "cancelled", "removedRunning", "adopted", "shares", "agents", "invariants");
    private static final Set<String> AGENT_KEYS = ScenarioNode.allowedKeys("allocated", "running", "state");
    /** The reasons a submit can be rejected for (see ../shared/SCENARIOS.md, "Steps", submit). */
    private static final Set<Reason> SUBMIT_REASONS = EnumSet.of(Reason.INVALID_REQUEST, Reason.UNKNOWN_FRAMEWORK,
        Reason.RATE_LIMITED, Reason.PENDING_LIMIT, Reason.ADMISSION_CLOSED, Reason.REVOCABLE_DISABLED);

    private ExpectationParser()
    {
    }

    /**
     * @param node    the body of an expect step.
     * @param vectors the file's resources.
     * @return its expectations.
     * @throws MalformedScenarioException naming the first bad value.
     */
    static List<Expectation> parse(final ScenarioNode node, final ResourceVectors vectors)
        throws MalformedScenarioException
    {
        final List<Expectation> expectations = new ArrayList<>();
        for (final String key : node.object(EXPECT_KEYS).keys())
        {
            final ScenarioNode value = node.get(key);
            switch (key)
            {
                case "rejected":
                    rejected(value, expectations);
                    break;
                case "shares":
                    for (final String framework : value.keys())
                    {
                        expectations.add(new Expectation.Share("shares." + framework, framework,
                            share(value.get(framework))));
                    }
                    break;
                case "agents":
                    for (final String agent : value.keys())
                    {
                        agent(value.get(agent), agent, vectors, expectations);
                    }
                    break;
                case "adopted":
                    expectations.add(new Expectation.Adopted(count(value)));
                    break;
                case "invariants":
                    if (value.bool())
                    {
                        expectations.add(new Expectation.Invariants());
                    }
                    break;
                default:
                    counts(value, counter(key), expectations);
                    break;
            }
        }
        return expectations;
    }

    private static Expectation.Counter counter(final String key)
    {
        for (final Expectation.Counter counter : Expectation.Counter.values())
        {
            if (counter.key().equals(key))
            {
                return counter;
            }
        }
        throw new IllegalStateException("no counter for expectation key " + key);
    }

    private static void counts(
        final ScenarioNode node, final Expectation.Counter counter, final List<Expectation> expectations)
        throws MalformedScenarioException
    {
        for (final String framework : node.keys())
        {
            expectations.add(new Expectation.FrameworkCount(counter.key() + "." + framework, counter, framework,
                count(node.get(framework))));
        }
    }

    private static void rejected(final ScenarioNode node, final List<Expectation> expectations)
        throws MalformedScenarioException
    {
        for (final String framework : node.keys())
        {
            final ScenarioNode reasons = node.get(framework);
            for (final String reasonName : reasons.keys())
            {
                final Reason reason = reason(reasons.get(reasonName), reasonName);
                expectations.add(new Expectation.Rejected("rejected." + framework + "." + reasonName, framework,
                    reason, count(reasons.get(reasonName))));
            }
        }
    }

    private static Reason reason(final ScenarioNode node, final String name) throws MalformedScenarioException
    {
        for (final Reason reason : SUBMIT_REASONS)
        {
            if (reason.name().equals(name))
            {
                return reason;
            }
        }
        throw node.error("unknown rejection reason \"" + name + "\" (known: " + SUBMIT_REASONS + ")");
    }

    private static void agent(
        final ScenarioNode node,
        final String agent,
        final ResourceVectors vectors,
        final List<Expectation> expectations) throws MalformedScenarioException
    {
        final String path = "agents." + agent + ".";
        for (final String key : node.object(AGENT_KEYS).keys())
        {
            final ScenarioNode value = node.get(key);
            switch (key)
            {
                case "allocated":
                    for (final String resource : value.keys())
                    {
                        final ScenarioNode quantity = value.get(resource);
                        expectations.add(new Expectation.AgentAllocated(path + "allocated." + resource, agent,
                            vectors.dimension(quantity, resource), quantity.millis()));
                    }
                    break;
                case "running":
                    expectations.add(new Expectation.AgentRunning(path + "running", agent, count(value)));
                    break;
                default:
                    expectations.add(new Expectation.AgentStateIs(path + "state", agent, state(value)));
                    break;
            }
        }
    }

    private static AgentState state(final ScenarioNode node) throws MalformedScenarioException
    {
        final String text = node.text();
        for (final AgentState state : AgentState.values())
        {
            if (state.name().equals(text))
            {
                return state;
            }
        }
        throw node.error("unknown agent state \"" + text + "\" (known: " + List.of(AgentState.values()) + ")");
    }

    private static long count(final ScenarioNode node) throws MalformedScenarioException
    {
        return node.integer(0, Long.MAX_VALUE);
    }

    private static BigDecimal share(final ScenarioNode node) throws MalformedScenarioException
    {
        final BigDecimal share = node.number();
        if (share.signum() < 0)
        {
            throw node.error("a share must not be negative, got " + share.toPlainString());
        }
        return share;
    }
}
