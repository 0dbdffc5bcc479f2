package io.stowage.sim.cluster;

import io.stowage.sim.report.ReplicationReport;
import io.stowage.sim.report.RunReport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulation against three allocator replicas in child processes ({@code --replicas 3}), with the leader killed by
 * SIGKILL part way: a new leader takes over, the decision stream resumes by number with no decision lost or repeated,
 * every live replica ends in the state of the single-node run of the same seed (the same hash, the same decisions),
 * and nothing is left behind (processes, directories, Aeron files in /dev/shm).
 */
class ReplicatedSimulationTest
{
    private static SimulationSettings settings(final int replicas, final int killLeaderAt)
    {
        final SimulationSettings settings = new SimulationSettings();
        settings.agents = 300;
        settings.seconds = 30;
        settings.seed = 7;
        settings.replicas = replicas;
        settings.killLeaderAt = killLeaderAt;
        settings.progressEverySeconds = 0;
        return settings;
    }

    @Test
    void shouldEndEveryLiveReplicaInTheSingleNodeStateAfterTheLeaderIsKilled() throws IOException
    {
        final List<Path> shmBefore = shm();
        final RunReport single = new ClusterSimulation(settings(1, -1), null).run();
        final RunReport replicated = new ClusterSimulation(settings(3, 15), System.err).run();

        final ReplicationReport replication = replicated.replication;
        assertNotNull(replication);
        assertEquals(3, replication.nodes);
        assertEquals(2, replication.liveNodes, "the killed leader stays dead");
        assertTrue(replication.leaderChanges >= 1, "a new leader was elected");
        assertTrue(replication.failoverMillis > 0);
        assertEquals(List.of(single.stateHash, single.stateHash), replication.stateHashes,
            "every live replica holds the single-node run's state");
        assertEquals(single.stateHash, replication.referenceStateHash);
        assertEquals(single.stateHash, replicated.stateHash);
        assertEquals(0, replication.decisionsLost);
        assertEquals(0, replication.decisionsDuplicated);
        assertEquals(0, replication.inputsLost);
        assertEquals(single.decisions, replicated.decisions, "the same decisions as the single-node run");
        assertEquals(replication.decisions, replication.decisionsDelivered);
        assertEquals(0, replicated.invariantViolations);
        assertEquals(shmBefore, shm(), "Aeron files left in /dev/shm");
        assertTrue(ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive), "a replica still runs");
    }

    private static List<Path> shm() throws IOException
    {
        final Path shm = Path.of("/dev/shm");
        if (!Files.isDirectory(shm))
        {
            return List.of();
        }
        try (Stream<Path> files = Files.list(shm))
        {
            return files.filter(p -> p.getFileName().toString().startsWith("stowage-replicas")).sorted().toList();
        }
    }
}
