package io.stowage.engine;

import io.stowage.core.AdoptedTask;
import io.stowage.core.AgentState;
import io.stowage.core.KernelView;
import io.stowage.core.TaskRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static io.stowage.engine.EngineFixture.config;
import static io.stowage.engine.EngineFixture.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scheduler's task and framework lifecycle through a running engine: caller keys carried in every decision with
 * the resources, cancel, suppress and revive, settings changed, a framework removed, an agent adopted with its
 * running tasks; bad inputs answered rejected with their reason.
 */
class EngineTaskLifecycleTest
{
    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldCarryKeysAndResourcesAndCancelSuppressReviveAndRemove(final EngineThreading threading)
    {
        final RecordingListener listener = new RecordingListener();
        final AllocatorEngine engine = AllocatorEngine.builder(config()).threading(threading)
            .listener(listener).roundsAtBatchEnds(false).build().start();
        final AllocatorClient client = engine.client();
        final int web = client.registerFramework("web");
        final TaskRequest request = new TaskRequest(EngineFixture.SCHEMA);

        client.submit(request.reset(web).resources(vector(1000, 2048)).key(41), 1);
        listener.await(d -> d.contains("QUEUED corr=1 ") && d.endsWith(" key=41"));
        client.submit(request.reset(web).resources(vector(1000, 2048)).key(41), 2);
        listener.await("REJECTED corr=2 SUBMIT DUPLICATE_KEY");
        client.submit(request.reset(web).resources(vector(500, 512)).key(42), 3);
        listener.await("QUEUED corr=3 ");
        client.cancelByKey(42, 4);
        listener.await(" key=42 fw=0 agent=null CANCELLED");
        listener.await("ACCEPTED corr=4 CANCEL");
        client.cancelByKey(42, 5);
        listener.await("REJECTED corr=5 CANCEL UNKNOWN_TASK");

        client.suppress(web, 6);
        listener.await("ACCEPTED corr=6 SUPPRESS_FRAMEWORK");
        engine.agentInput().register("a1", vector(4000, 8192), Map.of(), 10, null);
        engine.tick(20);
        client.revive(web, 7);
        listener.await("ACCEPTED corr=7 REVIVE_FRAMEWORK");
        assertFalse(listener.decisions().stream().anyMatch(d -> d.contains("PLACED")), "nothing while suppressed");
        engine.tick(30);
        listener.await(d -> d.contains("PLACED ") && d.endsWith(" key=41 res=[1000, 2048] fw=0 agent=a1 epoch=1"));

        client.cancelByKey(41, 8);
        listener.await("REJECTED corr=8 CANCEL TASK_RUNNING");
        client.updateFramework(web, " ", -1, 0, -1, 9);
        listener.await("REJECTED corr=9 UPDATE_FRAMEWORK INVALID_REQUEST");
        client.updateFramework(web, "gold", -1, 0, 5, 10);
        listener.await("ACCEPTED corr=10 UPDATE_FRAMEWORK");

        client.registerAgent("a2", vector(2000, 2048), Map.of("zone", "z2"),
            List.of(AdoptedTask.of(web, 77, vector(1500, 1024)), AdoptedTask.of(web, 78, vector(1500, 1024))), 11);
        listener.await("REGISTERED agent=a2 epoch=1");
        client.registerAgent("a3", vector(2000, 2048), Map.of(), List.of(AdoptedTask.of(9, 79, vector(1, 1))), 12);
        listener.await("REJECTED corr=12 REGISTER_AGENT UNKNOWN_FRAMEWORK");

        client.updateAttributes("a2", Map.of("zone", "z9"), 15);
        listener.await("ACCEPTED corr=15 UPDATE_ATTRIBUTES");
        client.updateAttributes("a2", Map.of(" ", "blank"), 16);
        listener.await("REJECTED corr=16 UPDATE_ATTRIBUTES INVALID_ATTRIBUTES");
        client.updateAttributes("nobody", Map.of(), 17);
        listener.await("REJECTED corr=17 UPDATE_ATTRIBUTES UNKNOWN_AGENT");

        client.removeFramework(web, 13);
        listener.await("ACCEPTED corr=13 REMOVE_FRAMEWORK");
        client.submit(request.reset(web).resources(vector(1, 1)), 14);
        listener.await("REJECTED corr=14 SUBMIT UNKNOWN_FRAMEWORK");
        engine.close();

        final List<String> ended = listener.decisions().stream().filter(d -> d.contains("FRAMEWORK_REMOVED")).toList();
        assertEquals(3, ended.size(), ended.toString());
        assertTrue(ended.get(0).contains("key=41") || ended.get(0).contains("key=77"), ended.toString());
        final KernelView view = engine.kernelAfterClose().view();
        assertEquals(AgentState.ACTIVE, view.agentState(view.agentSlot("a2")), "an overcommitted adoption ended");
        assertEquals(2, view.adoptedTasks());
        assertEquals(0, view.runningTaskCount());
        assertEquals(-1, view.agentSlot("a3"), "a refused adoption registers nothing");
        assertEquals(Map.of("zone", "z9"), view.agentAttributes(view.agentSlot("a2")), "the refused update left it");
        EngineFixture.assertInvariants(engine);
    }
}
