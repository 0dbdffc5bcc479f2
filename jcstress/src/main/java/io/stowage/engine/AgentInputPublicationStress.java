package io.stowage.engine;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * The queue tailer publishes an agent heartbeat into the ring through {@link AgentInput} (claim, fill the
 * pre-allocated event, publish) while the first stage polls: a published event has every field the tailer filled,
 * the usage vector included; the stage never sees a half-filled or still-cleared event.
 */
@JCStressTest
@Description("A heartbeat published by the agent input is seen complete by the consuming stage.")
@Outcome(id = "0", expect = Expect.ACCEPTABLE, desc = "not published yet")
@Outcome(id = "1", expect = Expect.ACCEPTABLE, desc = "published and complete")
@Outcome(id = "2", expect = Expect.FORBIDDEN, desc = "published with a field missing")
@State
public class AgentInputPublicationStress
{
    private static final EngineCounters COUNTERS = EngineCounters.inMemory();
    private static final String AGENT = "agent-7";
    private static final int EPOCH = 3;
    private static final long SEQUENCE = 99;
    private static final long[] USAGE = {1_500, 2_048};
    private static final long INGRESS_NANOS = 123_456_789;

    private final PolledRing ring = new PolledRing(AgentInputPublicationStress::complete);
    private final AgentInput input = new AgentInput(ring.ring, COUNTERS, PolledRing.DIMENSIONS);

    /** The queue tailer, handing on a heartbeat frame. */
    @Actor
    public void tailer()
    {
        input.heartbeat(AGENT, EPOCH, SEQUENCE, USAGE, true, INGRESS_NANOS, null);
    }

    /**
     * The first stage, polling the ring.
     *
     * @param r what it saw.
     */
    @Actor
    public void stage(final I_Result r)
    {
        r.r1 = ring.poll();
    }

    private static boolean complete(final EngineEvent event)
    {
        return event.type == EventType.HEARTBEAT && AGENT.equals(event.agentId) && event.epoch == EPOCH &&
            event.sequence == SEQUENCE && event.pressure && event.hasVector && event.vector[0] == USAGE[0] &&
            event.vector[1] == USAGE[1] && event.ingressNanos == INGRESS_NANOS && event.taskId == -1;
    }
}
