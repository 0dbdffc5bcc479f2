package io.stowage.engine;

import io.stowage.core.KernelConfig;
import io.stowage.core.ResourceSchema;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

import java.util.concurrent.TimeUnit;

/**
 * A scheduler thread submits a task through {@link AllocatorClient#submit} (claim, fill the pre-allocated event,
 * publish) while the first stage polls: a published event has every field the client filled, the resource vector
 * included. The engine behind the client is never started; it only says the client is open.
 */
@JCStressTest
@Description("A submit published by a client thread is seen complete by the consuming stage.")
@Outcome(id = "0", expect = Expect.ACCEPTABLE, desc = "not published yet")
@Outcome(id = "1", expect = Expect.ACCEPTABLE, desc = "published and complete")
@Outcome(id = "2", expect = Expect.FORBIDDEN, desc = "published with a field missing")
@State
public class ClientSubmitPublicationStress
{
    private static final AllocatorEngine ENGINE = AllocatorEngine.builder(
        KernelConfig.builder(ResourceSchema.of("cpus", "mem")).maxAgents(2).maxTasks(16).build()).ringSize(2).build();
    private static final int FRAMEWORK = 3;
    private static final long[] RESOURCES = {500, 1_024};
    private static final int PRIORITY = 2;
    private static final int LABEL = 4;
    private static final int CONSTRAINTS = 5;
    private static final long CORRELATION_ID = 77;
    private static final long INGRESS_NANOS = 987_654_321;

    private final PolledRing ring = new PolledRing(ClientSubmitPublicationStress::complete);
    private final AllocatorClient client = new AllocatorClient(ENGINE, ring.ring, new PendingAnswers(),
        () -> INGRESS_NANOS, PolledRing.DIMENSIONS, TimeUnit.SECONDS.toNanos(1));

    /** A scheduler thread submitting a task. */
    @Actor
    public void scheduler()
    {
        client.submit(FRAMEWORK, RESOURCES, PRIORITY, true, LABEL, CONSTRAINTS, CORRELATION_ID);
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
        return event.type == EventType.SUBMIT && event.framework == FRAMEWORK && event.priority == PRIORITY &&
            event.revocable && event.label == LABEL && event.constraints == CONSTRAINTS && event.hasVector &&
            event.vector[0] == RESOURCES[0] && event.vector[1] == RESOURCES[1] &&
            event.correlationId == CORRELATION_ID && event.ingressNanos == INGRESS_NANOS && event.agentId == null;
    }
}
