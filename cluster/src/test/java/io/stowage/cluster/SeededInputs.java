package io.stowage.cluster;

import io.stowage.engine.EngineEvent;
import io.stowage.engine.EventType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded stream of scheduler and agent inputs, made from the seed alone (never from answers), so that a reference
 * applier fed the same list sees exactly what the cluster's log holds: three frameworks, twelve agents that
 * register, heartbeat and sometimes leave and come back, submits with keys, finishes by key (some of tasks not placed
 * yet, which are refused), cancels, and ticks, with simulated time and rounds after some inputs.
 */
final class SeededInputs
{
    private static final int AGENTS = 12;
    private static final int FRAMEWORKS = 3;

    private final SplittableRandom random;
    private final int dimensions;
    private final long[] sequences = new long[AGENTS];
    private final int[] epochs = new int[AGENTS];
    private final boolean[] registered = new boolean[AGENTS];
    private long now = 1_000_000_000L;
    private long nextKey = 1;
    private long correlation;

    SeededInputs(final long seed, final int dimensions)
    {
        this.random = new SplittableRandom(seed);
        this.dimensions = dimensions;
    }

    /** @return the next {@code count} inputs; the first call starts with the frameworks and the agents. */
    List<EngineEvent> next(final int count)
    {
        final List<EngineEvent> events = new ArrayList<>(count);
        if (correlation == 0)
        {
            for (int f = 0; f < FRAMEWORKS; f++)
            {
                final EngineEvent e = event(EventType.REGISTER_FRAMEWORK);
                e.name = "fw" + f;
                e.role = "*";
                e.rateMillisPerSecond = -1;
                e.maxPending = -1;
                events.add(e);
            }
            for (int a = 0; a < AGENTS; a++)
            {
                events.add(register(a));
            }
        }
        while (events.size() < count)
        {
            events.add(random());
        }
        return events;
    }

    private EngineEvent random()
    {
        final int pick = random.nextInt(100);
        final int agent = random.nextInt(AGENTS);
        if (pick < 45)
        {
            final EngineEvent e = event(EventType.SUBMIT);
            e.framework = random.nextInt(FRAMEWORKS + 1);
            e.key = nextKey++;
            e.hasVector = true;
            e.vector[0] = random.nextLong(100, 3_000);
            for (int d = 1; d < dimensions; d++)
            {
                e.vector[d] = random.nextLong(128, 8_192);
            }
            return e;
        }
        if (pick < 70 && nextKey > 1)
        {
            final EngineEvent e = event(EventType.FINISH);
            e.taskId = -1;
            e.key = random.nextLong(1, nextKey);
            return e;
        }
        if (pick < 75 && nextKey > 1)
        {
            final EngineEvent e = event(EventType.CANCEL);
            e.taskId = -1;
            e.key = random.nextLong(1, nextKey);
            return e;
        }
        if (pick < 92)
        {
            if (!registered[agent])
            {
                return register(agent);
            }
            final EngineEvent e = event(EventType.HEARTBEAT);
            e.agentId = "agent-" + agent;
            e.epoch = epochs[agent];
            e.sequence = ++sequences[agent];
            return e;
        }
        if (pick < 94 && registered[agent])
        {
            final EngineEvent e = event(EventType.REMOVE_AGENT);
            e.agentId = "agent-" + agent;
            registered[agent] = false;
            return e;
        }
        return event(EventType.TICK);
    }

    private EngineEvent register(final int agent)
    {
        final EngineEvent e = event(EventType.REGISTER_AGENT);
        e.agentId = "agent-" + agent;
        e.hasVector = true;
        e.vector[0] = 16_000;
        for (int d = 1; d < dimensions; d++)
        {
            e.vector[d] = 65_536;
        }
        registered[agent] = true;
        epochs[agent]++;
        sequences[agent] = 0;
        return e;
    }

    private EngineEvent event(final EventType type)
    {
        final EngineEvent e = new EngineEvent(dimensions);
        e.clear();
        e.type = type;
        now += random.nextLong(1_000_000L, 60_000_000L);
        e.ingressNanos = now;
        e.correlationId = ++correlation;
        e.roundAfter = type != EventType.TICK && random.nextInt(4) == 0;
        return e;
    }
}
