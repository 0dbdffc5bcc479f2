package io.stowage.ipc;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A transport URI names Aeron UDP, Aeron IPC or a Chronicle queue directory; anything else is refused by name. */
class TransportUriTest
{
    @Test
    void shouldParseEachKindOfTransport()
    {
        final TransportUri udp = TransportUri.parse("aeron:udp?endpoint=127.0.0.1:40123|term-length=1m");
        assertEquals(TransportUri.Kind.AERON_UDP, udp.kind());
        assertEquals("aeron:udp?endpoint=127.0.0.1:40123|term-length=1m", udp.channel());
        assertTrue(udp.isAeron());

        assertEquals(TransportUri.Kind.AERON_IPC, TransportUri.parse("aeron:ipc").kind());
        assertEquals(TransportUri.Kind.AERON_IPC, TransportUri.parse("aeron:ipc?term-length=64k").kind());
        assertEquals(TransportUri.Kind.AERON_UDP,
            TransportUri.parse("aeron:udp?control=10.0.0.1:40456|control-mode=dynamic").kind());
        assertEquals(TransportUri.Kind.AERON_UDP, TransportUri.parse("aeron:udp?endpoint=agent-host-7:40001").kind());

        final TransportUri queue = TransportUri.parse("/var/lib/stowage/agents");
        assertEquals(TransportUri.Kind.CHRONICLE_QUEUE, queue.kind());
        assertEquals(Path.of("/var/lib/stowage/agents"), queue.queueDir());
        assertFalse(queue.isAeron());
        assertEquals(TransportUri.Kind.CHRONICLE_QUEUE, TransportUri.parse("relative/queue").kind());
        assertThrows(IllegalStateException.class, queue::channel);
        assertThrows(IllegalStateException.class, udp::queueDir);
    }

    @Test
    void shouldRefuseAMalformedUriNamingIt()
    {
        for (final String uri : List.of(
            "aeron:udp",
            "aeron:udp?endpoint=127.0.0.1",
            "aeron:udp?endpoint=127.0.0.1:0",
            "aeron:udp?endpoint=127.0.0.1:65536",
            "aeron:udp?endpoint=127.0.0.1:port",
            "aeron:udp?endpoint=:40123",
            "aeron:tcp?endpoint=127.0.0.1:40123",
            "aeron:udp?endpoint",
            "aeron:",
            "http://allocator:8080/agents",
            "chronicle:/tmp/q",
            "",
            "   "))
        {
            final IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> TransportUri.parse(uri), uri);
            assertTrue(ex.getMessage().contains("\"" + uri + "\""), ex.getMessage());
        }
    }

    @Test
    void shouldOpenAChroniclePublisherFromAPathAsBefore(@org.junit.jupiter.api.io.TempDir final Path dir)
    {
        final RecordingSink sink = new RecordingSink();
        final String queue = dir.resolve("agents").toString();
        try (AgentPublisher publisher = AgentPublisher.open(queue, 1, null, null);
            AgentFrameReader reader = AgentFrameReader.builder().source(queue).stateDir(dir.resolve("state"))
                .dimensions(2).sink(sink).build())
        {
            assertTrue(reader instanceof AgentQueueTailer);
            publisher.register("a1", new long[]{1, 2}, java.util.Map.of());
            assertEquals(1, publisher.heartbeat("a1", 1, null, false));
            while (reader.doWork() > 0)
            {
            }
            assertEquals(List.of("register a1 [1, 2] {}", "heartbeat a1 1 1 - false"), sink.inputs);
        }
        assertThrows(IllegalArgumentException.class, () -> AgentFrameReader.builder().source(dir.toString())
            .source("aeron:ipc").stateDir(dir.resolve("state")).dimensions(2).sink(sink).build());
    }
}
