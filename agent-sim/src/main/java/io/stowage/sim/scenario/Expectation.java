package io.stowage.sim.scenario;

import io.stowage.core.AgentState;
import io.stowage.core.KernelView;
import io.stowage.core.InvariantChecker;
import io.stowage.core.Quantities;
import io.stowage.core.Reason;
import io.stowage.core.TaskEndCause;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.ToLongBiFunction;

/**
 * One leaf of an {@code expect} step (see ../shared/SCENARIOS.md, "Expectations", and the "Stowage extension"
 * expectations of docs/scenarios.md): a path such as {@code running.A} or {@code agents.a-0.state}, the value the
 * file expects, and how to read the actual one.
 */
sealed interface Expectation
{
    /** Shares are compared within this. */
    BigDecimal SHARE_TOLERANCE = new BigDecimal("0.005");

    /** @return the path printed in a FAIL line, e.g. {@code rejected.F.RATE_LIMITED}. */
    String path();

    /** @return the expected value as printed in a FAIL line. */
    String expected();

    /**
     * @param run the scenario being run.
     * @return the actual value, and whether it is the expected one.
     */
    Outcome check(ScenarioRunner run);

    /**
     * @param holds  true if the actual value is the expected one.
     * @param actual the actual value as printed in a FAIL line.
     */
    record Outcome(boolean holds, String actual)
    {
        static Outcome ofCount(final long expected, final long actual)
        {
            return new Outcome(expected == actual, Long.toString(actual));
        }
    }

    /**
     * A current or cumulative per-framework count read from the kernel under the id the runner registered the
     * framework with (a removed framework's counts are kept); 0 for a framework the file does not declare.
     */
    enum Counter
    {
        RUNNING("running", (view, framework) -> view.frameworkRunning(framework)),
        PENDING("pending", (view, framework) -> view.frameworkPending(framework)),
        PLACED("placed", KernelView::frameworkPlaced),
        PREEMPTED("preempted", (view, framework) -> view.frameworkEnded(framework, TaskEndCause.PREEMPTED)),
        REVOKED("revoked", (view, framework) -> view.frameworkEnded(framework, TaskEndCause.REVOKED)),
        LOST("lost", (view, framework) -> view.frameworkEnded(framework, TaskEndCause.LOST)),
        CANCELLED("cancelled", (view, framework) -> view.frameworkEnded(framework, TaskEndCause.CANCELLED)),
        REMOVED_RUNNING("removedRunning",
            (view, framework) -> view.frameworkEnded(framework, TaskEndCause.FRAMEWORK_REMOVED));

        private final String key;
        private final ToLongBiFunction<KernelView, Integer> reader;

        Counter(final String key, final ToLongBiFunction<KernelView, Integer> reader)
        {
            this.key = key;
            this.reader = reader;
        }

        /** @return the key of the expectation in the file. */
        String key()
        {
            return key;
        }

        long read(final ScenarioRunner run, final String framework)
        {
            final int id = run.frameworkId(framework);
            return id < 0 ? 0 : reader.applyAsLong(run.kernel().view(), id);
        }
    }

    /**
     * {@code running}, {@code pending}, {@code placed}, {@code preempted}, {@code revoked}, {@code lost},
     * {@code cancelled}, {@code removedRunning}.
     */
    record FrameworkCount(String path, Counter counter, String framework, long count) implements Expectation
    {
        @Override
        public String expected()
        {
            return Long.toString(count);
        }

        @Override
        public Outcome check(final ScenarioRunner run)
        {
            return Outcome.ofCount(count, counter.read(run, framework));
        }
    }

    /** {@code rejected}: tasks of a framework name refused for a reason, as the runner tallied them. */
    record Rejected(String path, String framework, Reason reason, long count) implements Expectation
    {
        @Override
        public String expected()
        {
            return Long.toString(count);
        }

        @Override
        public Outcome check(final ScenarioRunner run)
        {
            return Outcome.ofCount(count, run.rejections(framework, reason));
        }
    }

    /** {@code shares}: a framework's current dominant share, within {@link #SHARE_TOLERANCE}. */
    record Share(String path, String framework, BigDecimal share) implements Expectation
    {
        @Override
        public String expected()
        {
            return share.toPlainString();
        }

        @Override
        public Outcome check(final ScenarioRunner run)
        {
            final int id = run.frameworkId(framework);
            final BigDecimal actual = id < 0 ? BigDecimal.ZERO : new BigDecimal(run.kernel().view().frameworkShare(id));
            final boolean holds = actual.subtract(share).abs().compareTo(SHARE_TOLERANCE) <= 0;
            return new Outcome(holds, actual.setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString());
        }
    }

    /** {@code adopted}: tasks adopted with their agents' registrations so far. */
    record Adopted(long count) implements Expectation
    {
        @Override
        public String path()
        {
            return "adopted";
        }

        @Override
        public String expected()
        {
            return Long.toString(count);
        }

        @Override
        public Outcome check(final ScenarioRunner run)
        {
            return Outcome.ofCount(count, run.kernel().view().adoptedTasks());
        }
    }

    /** {@code agents.<id>.allocated.<resource>}: non-revocable allocation; 0 if no agent has the id. */
    record AgentAllocated(String path, String agent, int dimension, long millis) implements Expectation
    {
        @Override
        public String expected()
        {
            return Quantities.format(millis);
        }

        @Override
        public Outcome check(final ScenarioRunner run)
        {
            final int slot = run.kernel().view().agentSlot(agent);
            final long actual = slot < 0 ? 0 : run.kernel().view().agentAllocated(slot, dimension);
            return new Outcome(actual == millis, Quantities.format(actual));
        }
    }

    /** {@code agents.<id>.running}: tasks running on the agent; 0 if no agent has the id. */
    record AgentRunning(String path, String agent, long count) implements Expectation
    {
        @Override
        public String expected()
        {
            return Long.toString(count);
        }

        @Override
        public Outcome check(final ScenarioRunner run)
        {
            final int slot = run.kernel().view().agentSlot(agent);
            return Outcome.ofCount(count, slot < 0 ? 0 : run.kernel().view().agentTaskCount(slot));
        }
    }

    /** {@code agents.<id>.state}: the agent's state; {@code REMOVED} if no agent has the id. */
    record AgentStateIs(String path, String agent, AgentState state) implements Expectation
    {
        @Override
        public String expected()
        {
            return state.name();
        }

        @Override
        public Outcome check(final ScenarioRunner run)
        {
            final int slot = run.kernel().view().agentSlot(agent);
            final AgentState actual = slot < 0 ? AgentState.REMOVED : run.kernel().view().agentState(slot);
            return new Outcome(actual == state, actual.name());
        }
    }

    /** {@code invariants: true}: the kernel's invariant checker finds nothing. */
    record Invariants() implements Expectation
    {
        @Override
        public String path()
        {
            return "invariants";
        }

        @Override
        public String expected()
        {
            return "no violations";
        }

        @Override
        public Outcome check(final ScenarioRunner run)
        {
            final List<String> violations = InvariantChecker.check(run.kernel());
            return new Outcome(violations.isEmpty(),
                violations.size() + " violation(s): " + String.join("; ", violations));
        }
    }
}
