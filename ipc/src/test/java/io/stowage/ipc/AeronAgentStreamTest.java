package io.stowage.ipc;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.Reason;
import io.stowage.core.TaskEndCause;
import io.stowage.core.TaskRecord;
import io.stowage.core.TaskRequest;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent and decision streams over Aeron in one JVM, with an embedded media driver: frames arrive as sent, forged
 * frames are rejected and change nothing, a restarted agent host and a re-created publication are handled, and every
 * frame a publication does not take is counted and reported.
 */
class AeronAgentStreamTest
{
    private static final byte[] MASTER = "a master secret of at least 32 bytes, for tests".getBytes(
        StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private EmbeddedAeron aeron;
    private String udp;

    @BeforeEach
    void launchDriver()
    {
        aeron = new EmbeddedAeron(dir.resolve("aeron"));
        udp = "aeron:udp?endpoint=127.0.0.1:" + EmbeddedAeron.freeUdpPort();
    }

    @AfterEach
    void closeDriver()
    {
        aeron.close();
    }

    private static AgentKeys keys(final String... agents)
    {
        return AgentKeys.deriveAll(MASTER, List.of(agents));
    }

    private AeronAgentReader reader(
        final String channel, final AgentKeys keys, final io.stowage.engine.AgentInputSink sink)
    {
        return AeronAgentReader.builder().channel(channel).stateDir(dir.resolve("state")).dimensions(2).sink(sink)
            .keys(keys).transport(aeron.transport()).build();
    }

    private static void awaitConnected(final AgentPublisher publisher, final AgentFrameReader reader)
    {
        EmbeddedAeron.await(publisher::isConnected, reader::doWork, "publication connected");
    }

    private static void awaitDelivered(final AgentFrameReader reader, final long frames)
    {
        EmbeddedAeron.await(() -> reader.delivered() + reader.rejectedTotal() >= frames, reader::doWork,
            frames + " frames read");
    }

    @Test
    void shouldDeliverEveryFrameAsSentOverUdpAndIpc()
    {
        for (final String channel : List.of(udp, "aeron:ipc"))
        {
            final RecordingSink sink = new RecordingSink();
            final AgentKeys keys = keys("a1", "a2");
            try (AeronAgentReader reader = reader(channel, keys, sink);
                AgentPublisher publisher = AgentPublisher.open(channel, 7, keys, aeron.transport()))
            {
                awaitConnected(publisher, reader);
                final List<String> expected = new ArrayList<>();
                assertTrue(publisher.register("a1", new long[]{8000, 16_000}, Map.of("rack", "r1", "zone", "z")));
                expected.add("register a1 [8000, 16000] {rack=r1, zone=z}");
                assertTrue(publisher.register("a2", new long[]{4000, 2000}, Map.of()));
                expected.add("register a2 [4000, 2000] {}");
                for (int i = 1; i <= 500; i++)
                {
                    final String agent = i % 2 == 0 ? "a1" : "a2";
                    final long[] usage = i % 3 == 0 ? null : new long[]{i, 2L * i};
                    final long sequence = publisher.heartbeat(agent, 1, usage, i % 7 == 0);
                    assertNotEquals(AgentPublisher.NOT_SENT, sequence);
                    expected.add("heartbeat " + agent + " 1 " + sequence + " " +
                        (usage == null ? "-" : java.util.Arrays.toString(usage)) + " " + (i % 7 == 0));
                }
                assertTrue(publisher.taskFinished("a1", 1, 42));
                expected.add("finished a1 1 42");
                assertTrue(publisher.launchRefused("a2", 1, 43, Reason.INSUFFICIENT_CAPACITY));
                expected.add("refused a2 1 43 INSUFFICIENT_CAPACITY");
                awaitDelivered(reader, expected.size());

                assertEquals(expected, sink.inputs, channel);
                assertEquals(0, reader.rejectedTotal(), channel);
                assertEquals(0, publisher.offerFailuresTotal(), channel);
                assertEquals(2, reader.ownedAgents());
                assertTrue(reader.imagesAvailable() >= 1);
            }
        }
    }

    @Test
    void shouldRejectFramesForgedForAnotherAgentAndChangeNothing()
    {
        final KernelSink sink = new KernelSink();
        final AllocatorKernel kernel = sink.kernel;
        final AgentKeys allocatorKeys = keys("victim", "mallory");
        final AgentKeys forgerKeys = new AgentKeys()
            .put("mallory", AgentKeys.derive(MASTER, "mallory"))
            .put("victim", AgentKeys.derive(MASTER, "mallory"))
            .put("stranger", AgentKeys.derive(MASTER, "mallory"));
        final long[] malformed = new long[FrameError.values().length];
        try (AeronAgentReader reader = AeronAgentReader.builder().channel(udp).stateDir(dir.resolve("state"))
            .dimensions(2).sink(sink).keys(allocatorKeys).transport(aeron.transport())
            .malformedFrameListener((error, queue, index) -> malformed[error.ordinal()]++).build();
            AgentPublisher victim = AgentPublisher.open(udp, 1, keys("victim"), aeron.transport());
            AgentPublisher forger = AgentPublisher.open(udp, 1, forgerKeys, aeron.transport()))
        {
            awaitConnected(victim, reader);
            awaitConnected(forger, reader);
            // The forger registers first, with the victim's source id: ownership alone would let it through.
            assertTrue(forger.register("victim", new long[]{99_000, 99_000}, Map.of()));
            awaitDelivered(reader, 1);
            assertEquals(1, reader.rejected(FrameError.BAD_CREDENTIAL));
            assertEquals(0, reader.ownedAgents(), "a forged registration claims nothing");

            victim.register("victim", new long[]{8000, 8000}, Map.of());
            victim.heartbeat("victim", 1, new long[]{100, 200}, false);
            forger.register("mallory", new long[]{1000, 1000}, Map.of());
            forger.heartbeatWithSequence("victim", 1, 1_000_000, new long[]{7000, 7000}, true);
            forger.taskFinished("victim", 1, 5);
            forger.launchRefused("victim", 1, 6, Reason.STALE_EPOCH);
            forger.register("stranger", new long[]{1000, 1000}, Map.of());
            awaitDelivered(reader, 8);

            assertEquals(5, reader.rejected(FrameError.BAD_CREDENTIAL), "forged for victim, and no key for stranger");
            assertEquals(5, malformed[FrameError.BAD_CREDENTIAL.ordinal()]);
            assertEquals(5, reader.rejectedTotal());
            assertEquals(3, reader.delivered());
            final int slot = kernel.view().agentSlot("victim");
            assertEquals(8000, kernel.view().agentCapacity(slot, 0));
            assertEquals(100, kernel.view().agentUsage(slot, 0));
            assertEquals(victim.lastSequence("victim"), kernel.view().agentLastSequence(slot));
            assertEquals(2, kernel.view().agentCount());
        }
    }

    @Test
    void shouldRejectAnImpostorHoldingTheKeyAsAnIdentityClaim()
    {
        final KernelSink sink = new KernelSink();
        final AgentKeys keys = keys("a1");
        try (AeronAgentReader reader = reader(udp, keys, sink);
            AgentPublisher owner = AgentPublisher.open(udp, 1, keys, aeron.transport());
            AgentPublisher otherSource = AgentPublisher.open(udp, 2, keys, aeron.transport()))
        {
            awaitConnected(owner, reader);
            awaitConnected(otherSource, reader);
            owner.register("a1", new long[]{8000, 8000}, Map.of());
            awaitDelivered(reader, 1);
            otherSource.register("a1", new long[]{1, 1}, Map.of());
            otherSource.heartbeat("a1", 1, null, true);
            awaitDelivered(reader, 3);
            assertEquals(2, reader.rejected(FrameError.IDENTITY_CLAIM));
            assertEquals(1, reader.delivered());
        }
    }

    @Test
    void shouldRejectAFrameAlteredAfterItWasSigned()
    {
        final RecordingSink sink = new RecordingSink();
        final AgentKeys keys = keys("a1");
        final byte[] frame = new byte[512];
        final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(frame);
        final int length = new AgentFrameEncoder().wrap(buffer, 0).register(1, 0,
            "a1".getBytes(StandardCharsets.US_ASCII), new long[]{1000, 1000}, Map.of());
        final byte[] pads = keys.padsOf("a1");
        try (AeronAgentReader reader = reader("aeron:ipc", keys, sink);
            io.aeron.Publication raw = aeron.aeron.addPublication("aeron:ipc", AeronTransport.AGENT_STREAM_ID))
        {
            EmbeddedAeron.await(raw::isConnected, reader::doWork, "raw publication connected");
            new FrameMac().sign(pads, frame, 0, length, frame, length);
            frame[FrameDescriptor.HEADER_LENGTH + 8] ^= 1;
            offer(raw, buffer, length + FrameMac.MAC_LENGTH);
            frame[FrameDescriptor.HEADER_LENGTH + 8] ^= 1;
            offer(raw, buffer, length);
            offer(raw, buffer, length + FrameMac.MAC_LENGTH);
            awaitDelivered(reader, 3);
            assertEquals(1, reader.rejected(FrameError.BAD_CREDENTIAL), "altered capacity");
            assertEquals(1, reader.rejected(FrameError.TRUNCATED) + reader.rejected(FrameError.BAD_LENGTH),
                "no MAC at all");
            assertEquals(List.of("register a1 [1000, 1000] {}"), sink.inputs);
        }
    }

    private static void offer(final io.aeron.Publication publication, final org.agrona.DirectBuffer buffer,
        final int length)
    {
        while (publication.offer(buffer, 0, length) < 0)
        {
            Thread.yield();
        }
    }

    @Test
    void shouldContinueTheSequencesOfARestartedAgentHost()
    {
        final KernelSink sink = new KernelSink();
        final AllocatorKernel kernel = sink.kernel;
        final AgentKeys keys = keys("a1");
        try (AeronAgentReader reader = reader(udp, keys, sink))
        {
            final long lastBefore;
            final int sessionBefore;
            try (AgentPublisher first = AgentPublisher.open(udp, 3, keys, aeron.transport()))
            {
                awaitConnected(first, reader);
                first.register("a1", new long[]{8000, 8000}, Map.of());
                for (int i = 0; i < 100; i++)
                {
                    first.heartbeat("a1", 1, new long[]{i, i}, false);
                }
                lastBefore = first.lastSequence("a1");
                sessionBefore = first.sessionId();
                awaitDelivered(reader, 101);
            }
            try (AgentPublisher restarted = AgentPublisher.open(udp, 3, keys, aeron.transport()))
            {
                awaitConnected(restarted, reader);
                assertNotEquals(sessionBefore, restarted.sessionId(), "a new publication, a new session");
                restarted.register("a1", new long[]{8000, 8000}, Map.of());
                for (int i = 0; i < 100; i++)
                {
                    restarted.heartbeat("a1", 1, new long[]{1000 + i, 1000 + i}, false);
                }
                awaitDelivered(reader, 202);
                assertTrue(restarted.lastSequence("a1") > lastBefore);
                final int slot = kernel.view().agentSlot("a1");
                assertEquals(restarted.lastSequence("a1"), kernel.view().agentLastSequence(slot));
                assertEquals(1099, kernel.view().agentUsage(slot, 0));
            }
            assertEquals(0, reader.rejectedTotal());
            assertEquals(202, reader.delivered());
            assertEquals(200, kernel.view().heartbeats());
            assertEquals(0, kernel.view().staleUpdates(), "no heartbeat of the restarted host is stale");
            assertEquals(1, sink.answers(Reason.AGENT_EXISTS), "the second registration is refused, harmlessly");
            EmbeddedAeron.await(() -> reader.imagesAvailable() == 2 && reader.imagesUnavailable() >= 1,
                reader::doWork, "the first image to go");
        }
    }

    @Test
    void shouldCountFramesNotSentWhileTheAllocatorIsGoneAndResumeAfterTheGap()
    {
        final KernelSink sink = new KernelSink();
        final AllocatorKernel kernel = sink.kernel;
        final AgentKeys keys = keys("a1");
        final AeronTransport quick = aeron.transport().maxOfferAttempts(3).idleStrategy(NoOpIdleStrategy::new);
        final AgentPublisher publisher = AgentPublisher.open(udp, 4, keys, quick,
            new org.agrona.concurrent.OffsetEpochNanoClock(), 0);
        try
        {
            try (AeronAgentReader reader = reader(udp, keys, sink))
            {
                awaitConnected(publisher, reader);
                publisher.register("a1", new long[]{8000, 8000}, Map.of());
                for (int i = 1; i <= 50; i++)
                {
                    assertEquals(i, publisher.heartbeat("a1", 1, null, false));
                }
                awaitDelivered(reader, 51);
            }
            EmbeddedAeron.await(() -> !publisher.isConnected(), () -> { }, "the allocator's subscription to go");
            // The publication may still look connected for a moment while the driver notices; count, don't assume.
            int unsent = 0;
            int attempts = 0;
            while (unsent < 20 && attempts < 10_000)
            {
                attempts++;
                if (publisher.heartbeat("a1", 1, null, false) == AgentPublisher.NOT_SENT)
                {
                    unsent++;
                }
            }
            assertEquals(20, unsent, "no subscriber: heartbeats reported as not sent");
            assertEquals(20, publisher.offerFailures(OfferFailure.NOT_CONNECTED));
            assertEquals(20, publisher.offerFailuresTotal());
            assertEquals(40, publisher.offerRetries(), "each retried up to the bound");
            assertEquals(50 + attempts - 20, publisher.lastSequence("a1"),
                "an unsent heartbeat does not use up its sequence");
        }
        finally
        {
            publisher.close();
        }
        // The agent host re-creates its publication, and its sequences jump (heartbeats 51..1000 never sent).
        try (AeronAgentReader reader = reader(udp, keys, sink);
            AgentPublisher recreated = AgentPublisher.open(udp, 4, keys, aeron.transport(),
                new org.agrona.concurrent.OffsetEpochNanoClock(), 1000))
        {
            awaitConnected(recreated, reader);
            recreated.register("a1", new long[]{8000, 8000}, Map.of());
            for (int i = 0; i < 30; i++)
            {
                recreated.heartbeat("a1", 1, new long[]{i, i}, false);
            }
            awaitDelivered(reader, 31);
            assertEquals(0, reader.rejectedTotal(), "ownership came back from the owner log");
            final int slot = kernel.view().agentSlot("a1");
            assertEquals(1030, kernel.view().agentLastSequence(slot));
            assertEquals(80, kernel.view().heartbeats());
            assertEquals(0, kernel.view().staleUpdates());
        }
    }

    @Test
    void shouldCountBackPressureAndDeliverEveryFrameThatWasTaken()
    {
        final RecordingSink sink = new RecordingSink();
        final AgentKeys keys = keys("a1");
        final String channel = "aeron:ipc?term-length=64k";
        final AeronTransport quick = aeron.transport().maxOfferAttempts(2).idleStrategy(NoOpIdleStrategy::new);
        try (AeronAgentReader reader = reader(channel, keys, sink);
            AgentPublisher publisher = AgentPublisher.open(channel, 5, keys, quick,
                new org.agrona.concurrent.OffsetEpochNanoClock(), 0))
        {
            awaitConnected(publisher, reader);
            assertTrue(publisher.register("a1", new long[]{8000, 8000}, Map.of()));
            long sent = 1;
            int attempts = 0;
            while (publisher.offerFailures(OfferFailure.BACK_PRESSURED) < 10 && attempts < 1_000_000)
            {
                attempts++;
                if (publisher.heartbeat("a1", 1, new long[]{1, 2}, false) != AgentPublisher.NOT_SENT)
                {
                    sent++;
                }
            }
            assertEquals(10, publisher.offerFailures(OfferFailure.BACK_PRESSURED), "the reader did not poll");
            assertEquals(attempts + 1, sent + publisher.offerFailuresTotal(), "each frame sent or counted");
            final long total = sent;
            awaitDelivered(reader, total);
            assertEquals(total, reader.delivered());
            assertEquals(total, sink.inputs.size());
            assertEquals("heartbeat a1 1 " + (sent - 1) + " [1, 2] false", sink.inputs.get(sink.inputs.size() - 1),
                "no sequence skipped: a heartbeat not taken kept its number for the next");
        }
    }

    @Test
    void shouldReportNotConnectedWithoutASubscriber()
    {
        final AgentKeys keys = keys("a1");
        try (AgentPublisher publisher = AgentPublisher.open(udp, 6, keys,
            aeron.transport().maxOfferAttempts(5).idleStrategy(NoOpIdleStrategy::new)))
        {
            assertFalse(publisher.register("a1", new long[]{8000, 8000}, Map.of()));
            assertEquals(1, publisher.offerFailures(OfferFailure.NOT_CONNECTED));
            assertEquals(4, publisher.offerRetries());
        }
    }

    @Test
    void shouldCarrySignedDecisionsToTheirAgentsOnly()
    {
        final AgentKeys allocatorKeys = keys("a1", "b1");
        final RecordingDecisions handler = new RecordingDecisions();
        final long[] malformed = new long[FrameError.values().length];
        final AgentKeys wrongKeys = new AgentKeys().put("a1", AgentKeys.derive(MASTER, "b1"));
        try (DecisionTailer tailer = DecisionTailer.open(udp, null, handler,
            (error, queue, index) -> malformed[error.ordinal()]++, 0, keys("a1"), aeron.transport());
            DecisionPublisher publisher = DecisionPublisher.open(udp, 0, 2, allocatorKeys, aeron.transport(), 0,
                Throwable::printStackTrace);
            DecisionPublisher forger = DecisionPublisher.open(udp, 0, 2, wrongKeys, aeron.transport(), 0,
                Throwable::printStackTrace))
        {
            tailer.addAgent("a1");
            EmbeddedAeron.await(() -> publisher.isConnected() && forger.isConnected(), tailer::doWork,
                "decision publications connected");
            publisher.onPlaced(1, task(10), "a1", 1, 0);
            publisher.onPlaced(2, task(11), "b1", 1, 0);
            forger.onPlaced(1_000, task(12), "a1", 1, 0);
            publisher.onTaskEnded(3, task(10), "a1", TaskEndCause.PREEMPTED);
            EmbeddedAeron.await(() -> handler.decisions.size() >= 2 &&
                malformed[FrameError.BAD_CREDENTIAL.ordinal()] >= 1, tailer::doWork, "decisions read");
            assertEquals(List.of("1 launch 10 fw0 a1/1 [100, 1000]", "3 kill 10 fw0 a1 PREEMPTED"), handler.decisions);
            assertEquals(1, tailer.rejected(FrameError.BAD_CREDENTIAL), "the forged launch");
            assertEquals(3, tailer.lastDecision(), "a forged decision number moves nothing");
            assertEquals(3, publisher.published());
            assertEquals(0, publisher.failures());

            // A recovered allocator cannot read the stream back: it publishes the replayed decisions again.
            try (DecisionPublisher recovered = DecisionPublisher.open(udp, 0, 2, allocatorKeys, aeron.transport(), 0,
                Throwable::printStackTrace))
            {
                EmbeddedAeron.await(recovered::isConnected, tailer::doWork, "recovered publication connected");
                recovered.onPlaced(1, task(10), "a1", 1, 0);
                recovered.onPlaced(2, task(11), "b1", 1, 0);
                recovered.onTaskEnded(3, task(10), "a1", TaskEndCause.PREEMPTED);
                recovered.onPlaced(4, task(13), "a1", 1, 0);
                EmbeddedAeron.await(() -> handler.decisions.size() >= 3, tailer::doWork, "decision 4 read");
                assertEquals("4 launch 13 fw0 a1/1 [130, 1300]", handler.decisions.get(2));
                assertEquals(3, handler.decisions.size());
                assertEquals(2, tailer.duplicates(), "decisions 1 and 3 again");
                assertEquals(4, recovered.published());
            }
        }
    }

    private static TaskRecord task(final long taskId)
    {
        return new TaskRecord(2).ids(taskId, TaskRequest.NO_KEY, 0, 0).resources(new long[]{taskId * 10, taskId * 100});
    }
}
