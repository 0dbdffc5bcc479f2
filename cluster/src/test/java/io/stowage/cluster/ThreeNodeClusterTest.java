package io.stowage.cluster;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three members on loopback, each in its own JVM, fed a seeded stream of scheduler and agent inputs by one client.
 * Every live member's state hash must equal that of a single in-process applier fed the same inputs in the same order,
 * and the client must have received every decision of the reference, byte for byte, each exactly once.
 */
final class ThreeNodeClusterTest
{
    private static final long SEED = Long.getLong("stowage.cluster.seed", 20261204L);
    private static final long START_MS = 60_000;

    private ClusterHarness harness;

    @BeforeEach
    void start() throws Exception
    {
        harness = new ClusterHarness();
    }

    @AfterEach
    void stop() throws Exception
    {
        harness.close();
    }

    @Test
    @Timeout(150)
    void shouldElectANewLeaderAfterTheLeaderIsKilledMidStreamAndLoseOrRepeatNoDecisionThenTakeItBack() throws Exception
    {
        harness.startAll();
        final int leader = harness.awaitLeader(START_MS);
        harness.connectClient();
        final SeededInputs inputs = new SeededInputs(SEED, ClusterHarness.DIMENSIONS);

        harness.send(inputs.next(600));
        final long killedAt = System.nanoTime();
        harness.nodes[leader].kill();
        harness.send(inputs.next(600));
        final int newLeader = harness.awaitLeader(START_MS);
        final long electedMs = (System.nanoTime() - killedAt) / 1_000_000;
        harness.awaitDecisions(START_MS);
        System.out.println("seed " + SEED + ": leader " + leader + " killed, member " + newLeader +
            " leads after " + electedMs + " ms, the client has every decision after " +
            (System.nanoTime() - killedAt) / 1_000_000 + " ms");
        assertNotEquals(leader, newLeader, "seed " + SEED);
        harness.send(inputs.next(300));
        harness.awaitDecisions(START_MS);

        harness.startNode(leader, false);
        final String started = harness.awaitLine(harness.nodes[leader], "STARTED", 0, START_MS);
        assertNotNull(started, harness.outputs());
        harness.send(inputs.next(200));
        harness.awaitDecisions(START_MS);

        assertTrue(harness.client.leaderChanges() + harness.client.reconnects() >= 1, "the client saw no failover");
        assertStates(41, "seed " + SEED);
        assertDecisionStream("seed " + SEED);
    }

    @Test
    @Timeout(150)
    void shouldRecoverAMemberRestartedFromItsSnapshotAndLog() throws Exception
    {
        harness.startAll();
        final int leader = harness.awaitLeader(START_MS);
        harness.connectClient();
        final SeededInputs inputs = new SeededInputs(SEED + 1, ClusterHarness.DIMENSIONS);

        harness.send(inputs.next(500));
        harness.awaitDecisions(START_MS);
        final int[] snapshotLines = new int[ClusterHarness.MEMBERS];
        for (final NodeProcess node : harness.nodes)
        {
            snapshotLines[node.member] = node.lineCount();
            node.command("snapshot");
        }
        String snapshot = null;
        for (final NodeProcess node : harness.nodes)
        {
            snapshot = harness.awaitLine(node, "SNAPSHOT lastDecision", snapshotLines[node.member], START_MS);
            assertNotNull(snapshot, "member " + node.member + " took no snapshot\n" + harness.outputs());
            assertNotNull(harness.awaitLine(node, "SNAPSHOT-RECORDED count=1", snapshotLines[node.member],
                START_MS),
                "member " + node.member + " recorded no snapshot\n" + harness.outputs());
        }

        harness.send(inputs.next(300));
        final int follower = (leader + 1) % ClusterHarness.MEMBERS;
        harness.nodes[follower].kill();
        harness.send(inputs.next(300));
        harness.awaitDecisions(START_MS);

        harness.startNode(follower, false);
        final String started = harness.awaitLine(harness.nodes[follower], "STARTED", 0, START_MS);
        assertNotNull(started, harness.outputs());
        assertTrue(started.contains("fromSnapshot=true"), started);
        assertEquals(field(snapshot, "lastDecision"), field(started, "lastDecision"), started + " / " + snapshot);
        harness.send(inputs.next(200));
        harness.awaitDecisions(START_MS);

        assertStates(43, "seed " + (SEED + 1));
        assertDecisionStream("seed " + (SEED + 1));
    }

    /**
     * Every live member applies the state question at the same log position with the reference's hash.
     */
    private void assertStates(final long correlation, final String context) throws Exception
    {
        final int[] from = new int[ClusterHarness.MEMBERS];
        for (final NodeProcess node : harness.nodes)
        {
            from[node.member] = node.lineCount();
        }
        harness.askState(correlation, START_MS);
        final String expected = "lastDecision=" + harness.reference.lastDecision() + " hash=" +
            Long.toHexString(harness.reference.kernel().view().stateHash());
        int checked = 0;
        for (final NodeProcess node : harness.nodes)
        {
            if (!node.process.isAlive())
            {
                continue;
            }
            final String line = harness.awaitLine(node, "STATE correlation=" + correlation + " ", from[node.member],
                START_MS);
            assertNotNull(line, "member " + node.member + " never applied the question\n" + harness.outputs());
            assertTrue(line.endsWith(expected), context + ": member " + node.member + " " + line + ", reference " +
                expected);
            checked++;
        }
        assertEquals(ClusterHarness.MEMBERS, checked, "members that answered");
        harness.pollFor(200);
        assertTrue(harness.states.stream().anyMatch(s -> s[0] == correlation &&
            s[2] == harness.reference.kernel().view().stateHash()), "the leader's answer to the client");
    }

    /** The client received decisions 1 .. N of the reference, each once, byte for byte. */
    private void assertDecisionStream(final String context)
    {
        final ClusterAllocatorClient client = harness.client;
        assertEquals(0, client.duplicates(), context);
        assertEquals(0, client.gaps(), context);
        assertEquals(0, client.inputsLost(), context);
        assertEquals(harness.reference.lastDecision(), harness.received.size(), context);
        final ClusterDecision decision = new ClusterDecision();
        for (int i = 0; i < harness.received.size(); i++)
        {
            final byte[] bytes = harness.received.get(i);
            assertEquals(i + 1, decision.wrap(new UnsafeBuffer(bytes), 0, bytes.length).decision(), context);
            final MessageWindow expected = harness.referenceDecisions;
            final byte[] want = new byte[expected.length(i + 1)];
            expected.buffer(i + 1).getBytes(expected.offset(i + 1), want);
            assertArrayEquals(want, bytes, context + ": decision " + (i + 1));
        }
        System.out.println(context + ": " + harness.received.size() + " decisions, resumes " + client.resumes() +
            ", leader changes " + client.leaderChanges() + ", reconnects " + client.reconnects() +
            ", repeats dropped " + client.repeatsDropped() + ", dropped while resuming " +
            client.droppedWhileResuming() + ", inputs resent " + client.inputsResent() +
            ", last disconnect: " + client.lastDisconnect());
    }

    private static String field(final String line, final String name)
    {
        for (final String part : line.split(" "))
        {
            if (part.startsWith(name + "="))
            {
                return part.substring(name.length() + 1);
            }
        }
        return null;
    }

}
