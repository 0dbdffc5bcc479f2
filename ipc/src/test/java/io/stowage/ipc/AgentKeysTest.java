package io.stowage.ipc;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-agent keys and the frame MAC: standard HMAC-SHA256, garbage-free checks, owner-only key files. */
class AgentKeysTest
{
    @TempDir
    Path dir;

    @Test
    void shouldComputeTheSameMacAsTheJdksHmacSha256() throws Exception
    {
        final SplittableRandom random = new SplittableRandom(13);
        final FrameMac frameMac = new FrameMac();
        for (final int keyLength : new int[]{32, 48, 64, 65, 131})
        {
            final byte[] key = new byte[keyLength];
            random.nextBytes(key);
            final Mac jdk = Mac.getInstance("HmacSHA256");
            jdk.init(new SecretKeySpec(key, "HmacSHA256"));
            for (final int length : new int[]{0, 1, 55, 56, 64, 66, 1000, 65_536})
            {
                final byte[] message = new byte[length + FrameMac.MAC_LENGTH];
                random.nextBytes(message);
                final byte[] mac = new byte[FrameMac.MAC_LENGTH];
                frameMac.sign(FrameMac.pads(key), message, 0, length, mac, 0);
                jdk.update(message, 0, length);
                assertArrayEquals(jdk.doFinal(), mac, "key " + keyLength + " message " + length);
                System.arraycopy(mac, 0, message, length, mac.length);
                assertTrue(frameMac.verify(FrameMac.pads(key), message, 0, length, length));
                message[length + 31] ^= 1;
                assertFalse(frameMac.verify(FrameMac.pads(key), message, 0, length, length));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> FrameMac.pads(new byte[31]));
    }

    @Test
    void shouldVerifyHeartbeatsWithoutAllocating()
    {
        final AgentKeys keys = AgentKeys.deriveAll(new byte[32], List.of("agent-0001", "agent-0002"));
        final byte[] frame = new byte[FrameDescriptor.MAX_FRAME_LENGTH + FrameMac.MAC_LENGTH];
        final UnsafeBuffer buffer = new UnsafeBuffer(frame);
        final byte[] id = "agent-0002".getBytes(StandardCharsets.US_ASCII);
        final int length = new AgentFrameEncoder().wrap(buffer, 0)
            .heartbeat(1, 0, id, 1, 1, new long[]{1, 2}, false);
        new FrameMac().sign(keys.padsOf("agent-0002"), frame, 0, length, frame, length);
        final HeartbeatDecoder decoder = new HeartbeatDecoder();
        decoder.wrap(buffer, 0, length);
        final AgentKeyVerifier verifier = new AgentKeyVerifier(keys, frame);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        int verified = 0;
        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < 6; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++)
            {
                verified += verifier.verify(buffer, length, decoder.agentIdOffset(), decoder.agentIdLength()) ? 1 : 0;
            }
            fewest = Math.min(fewest, threads.getCurrentThreadAllocatedBytes() - before);
        }
        assertEquals(600_000, verified);
        assertEquals(0, fewest, "bytes allocated by 100,000 MAC checks (fewest of 6 rounds)");
    }

    @Test
    void shouldDeriveADistinctKeyPerAgentFromTheMasterSecret()
    {
        final byte[] master = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(AgentKeys.derive(master, "a1"), AgentKeys.derive(master, "a1"));
        assertFalse(Arrays.equals(AgentKeys.derive(master, "a1"), AgentKeys.derive(master, "a2")));
        final byte[] other = master.clone();
        other[0] ^= 1;
        assertFalse(Arrays.equals(AgentKeys.derive(master, "a1"), AgentKeys.derive(other, "a1")));
    }

    @Test
    void shouldStoreAndLoadAnOwnerOnlyKeyFile() throws Exception
    {
        final byte[] master = new byte[40];
        final AgentKeys keys = AgentKeys.deriveAll(master, List.of("a1", "agent with spaces", "ägent"));
        final Path file = dir.resolve("agent.keys");
        keys.store(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        final AgentKeys loaded = AgentKeys.load(file);
        assertEquals(3, loaded.size());
        for (final String agent : List.of("a1", "agent with spaces", "ägent"))
        {
            assertArrayEquals(keys.padsOf(agent), loaded.padsOf(agent), agent);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        final IllegalArgumentException open = assertThrows(IllegalArgumentException.class, () -> AgentKeys.load(file));
        assertTrue(open.getMessage().contains(file.toString()), open.getMessage());

        final Path bad = dir.resolve("bad.keys");
        Files.createFile(bad, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(bad, "# comment\n\nnot-base64! a1\n");
        final IllegalArgumentException malformed =
            assertThrows(IllegalArgumentException.class, () -> AgentKeys.load(bad));
        assertTrue(malformed.getMessage().contains("line 3"), malformed.getMessage());
    }
}
