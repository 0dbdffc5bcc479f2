package io.stowage.sim.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stowage.sim.report.FrameworkReport;
import io.stowage.sim.report.ReportFiles;
import io.stowage.sim.report.ReportWriter;
import io.stowage.sim.report.RunReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short run of the main job: 2,000 agents for ten simulated minutes over the real engine and IPC, with the default
 * faults (crashes, delayed and duplicated heartbeats, capacity shrinks, a zone partition) and, in a second run with
 * the same seed, the allocator killed at minute five and recovered from its journal.
 */
class ClusterSimulationTest
{
    private static final long SEED = 42;
    private static final int AGENTS = 2000;
    private static final int SECONDS = 600;

    private static RunReport uninterrupted;
    private static RunReport recovered;

    @TempDir
    static Path dir;

    @BeforeAll
    static void run()
    {
        uninterrupted = new ClusterSimulation(settings(-1), null).run();
        recovered = new ClusterSimulation(settings(SECONDS / 2), null).run();
        System.out.printf("simulation: %,d decisions in %.1f s wall; killed and recovered run: snapshot of %,d bytes " +
            "loaded in %.0f ms, %,d journal records replayed in %.0f ms, state hash %s (uninterrupted %s)%n",
            uninterrupted.decisions, uninterrupted.wallSeconds, recovered.recovery.snapshotBytes,
            recovered.recovery.snapshotLoadMillis, recovered.recovery.recordsReplayed,
            recovered.recovery.replayMillis, recovered.stateHash, uninterrupted.stateHash);
    }

    private static SimulationSettings settings(final int killAt)
    {
        final SimulationSettings settings = new SimulationSettings();
        settings.agents = AGENTS;
        settings.seconds = SECONDS;
        settings.seed = SEED;
        settings.killAllocatorAt = killAt;
        settings.progressEverySeconds = 0;
        return settings;
    }

    @Test
    void shouldReportTheWallTimeOfEachPhaseAndTheRoundPhasesPlacementRate()
    {
        assertEquals(java.util.List.of("agents", "queues", "apply", "submit", "round", "sample"),
            java.util.List.copyOf(uninterrupted.phaseSeconds.keySet()));
        double phases = 0;
        for (final double seconds : uninterrupted.phaseSeconds.values())
        {
            assertTrue(seconds >= 0, "phase seconds " + uninterrupted.phaseSeconds);
            phases += seconds;
        }
        assertTrue(phases <= uninterrupted.wallSeconds, phases + " s of phases in " + uninterrupted.wallSeconds + " s");
        final double round = uninterrupted.phaseSeconds.get("round");
        assertTrue(round > 0, "round phase " + round);
        assertEquals(uninterrupted.placed / round, uninterrupted.roundPlacementsPerSecond,
            uninterrupted.roundPlacementsPerSecond * 1e-9);
    }

    @Test
    void shouldNeverAllocateAnAgentOverItsCapacityNorBreakAnInvariant()
    {
        assertTrue(uninterrupted.placed > 50_000, "placed " + uninterrupted.placed);
        assertEquals(0, uninterrupted.allocationOverCapacity);
        assertEquals(0, uninterrupted.invariantViolations);
        assertEquals(0, recovered.allocationOverCapacity);
        assertEquals(0, recovered.invariantViolations);
    }

    @Test
    void shouldRateLimitTheFlooder()
    {
        final FrameworkReport flooder = framework(uninterrupted, "flooder");
        final long rejected = flooder.rejected.getOrDefault("RATE_LIMITED", 0L);
        assertTrue(rejected > flooder.submitted * 9 / 10, "rate limited " + rejected + " of " + flooder.submitted);
        final long ratePerSecond = Math.max(5, AGENTS / 1000);
        assertTrue(flooder.queued <= ratePerSecond * SECONDS + 2 * ratePerSecond,
            "the flooder got " + flooder.queued + " tasks in, its rate allows " + ratePerSecond * SECONDS);
    }

    @Test
    void shouldGiveTheWellBehavedFrameworksTheirWeightedFairShareWithinTenPercent()
    {
        for (final FrameworkReport framework : uninterrupted.frameworks)
        {
            if (framework.kind.equals("service") || framework.kind.equals("batch"))
            {
                assertTrue(framework.hasFairShare() && framework.fairShare > 0.01, framework.name + " has a share");
                final double off = Math.abs(framework.meanDominantShare - framework.fairShare) / framework.fairShare;
                assertTrue(off <= 0.10, framework.name + ": mean dominant share " + framework.meanDominantShare +
                    ", weighted fair share " + framework.fairShare);
            }
        }
    }

    @Test
    void shouldReportThePendingTasksThatFitNoAgentAsTheAutoscalingSignal()
    {
        // the absurd framework's tasks that are not empty ask for a million cpus, more than any agent has
        final FrameworkReport absurd = framework(uninterrupted, "absurd");
        assertEquals(0, absurd.placed);
        assertTrue(absurd.queued > 0, "absurd queued " + absurd.queued);
        assertEquals(absurd.queued, absurd.unplaceableTasks, "all it queued is pending, and fits no agent");
        assertEquals(absurd.unplaceableTasks * 1e6, absurd.unplaceableDemand.get("cpus"));
        assertEquals(absurd.unplaceableTasks * 1e6 * ClusterShape.MIB_PER_CPU, absurd.unplaceableDemand.get("mem"));
        assertEquals(0.0, absurd.unplaceableDemand.get("gpus"));
        // the unsatisfiable framework's tasks are small, but for a zone no agent is in
        final FrameworkReport nowhere = framework(uninterrupted, "nowhere");
        assertEquals(0, nowhere.placed);
        assertTrue(nowhere.queued > 0, "nowhere queued " + nowhere.queued);
        assertEquals(nowhere.queued, nowhere.unplaceableTasks);
        final double cpus = nowhere.unplaceableDemand.get("cpus");
        assertTrue(cpus >= nowhere.unplaceableTasks && cpus <= 2 * nowhere.unplaceableTasks,
            "1 or 2 cpus each: " + cpus);
        assertEquals(cpus * ClusterShape.MIB_PER_CPU, nowhere.unplaceableDemand.get("mem"));
        for (final FrameworkReport framework : uninterrupted.frameworks)
        {
            if (framework != absurd && framework != nowhere)
            {
                assertEquals(0, framework.unplaceableTasks, framework.name + " fits some agent");
                assertEquals(java.util.Map.of("cpus", 0.0, "mem", 0.0, "gpus", 0.0), framework.unplaceableDemand,
                    framework.name);
            }
            final FrameworkReport replayed = framework(recovered, framework.name);
            assertEquals(framework.unplaceableTasks, replayed.unplaceableTasks, framework.name + " after the replay");
            assertEquals(framework.unplaceableDemand, replayed.unplaceableDemand, framework.name + " after the replay");
        }
    }

    @Test
    void shouldReportEveryTaskLostWithACrashedAgent()
    {
        assertTrue(uninterrupted.lost > 0, "agents crashed with tasks on them");
        assertEquals(0, uninterrupted.lostUnaccounted, "tasks that vanished with an agent and were never reported");
        assertEquals(0, recovered.lostUnaccounted);
    }

    @Test
    void shouldReachTheStateOfTheUninterruptedRunAfterTheAllocatorIsKilledAndReplayed()
    {
        assertNotNull(recovered.recovery);
        assertTrue(recovered.recovery.fromSnapshot, "recovered from a snapshot");
        assertTrue(recovered.recovery.snapshotsTaken >= 2, "snapshots every 30 simulated seconds");
        assertTrue(recovered.recovery.snapshotBytes > 0 && recovered.recovery.recordsReplayed > 0,
            "the snapshot and the journal after it: records " + recovered.recovery.recordsReplayed);
        assertTrue(recovered.recovery.stateHashMatches, "the recovered kernel has the killed one's state");
        assertEquals(uninterrupted.stateHash, recovered.stateHash);
        assertEquals(uninterrupted.decisions, recovered.decisions, "no decision lost or made twice");
        assertEquals(uninterrupted.placed, recovered.placed);
    }

    @Test
    void shouldReproduceARunWithTheSameSeed()
    {
        final SimulationSettings small = settings(-1);
        small.agents = 300;
        small.seconds = 90;
        final RunReport first = new ClusterSimulation(small, null).run();
        final RunReport second = new ClusterSimulation(small, null).run();
        assertEquals(first.stateHash, second.stateHash);
        assertEquals(first.decisions, second.decisions);
        small.seed = SEED + 1;
        assertFalse(first.stateHash.equals(new ClusterSimulation(small, null).run().stateHash));
    }

    @Test
    void shouldWriteAReportWhoseFilesParseAndWhosePageShowsEveryChart() throws Exception
    {
        final ReportFiles files = ReportWriter.write(dir.resolve("report"), uninterrupted, recovered);
        final JsonNode json = new ObjectMapper().readTree(files.json().toFile());
        for (final String key : List.of("agents", "frameworks", "simulatedSeconds", "decisions", "decisionsPerSecond",
            "latencyMicros", "placed", "rejected", "preempted", "revoked", "lost", "guardRefusals", "overloadEvents",
            "overloadedAgents", "allocationOverCapacity", "invariantViolations", "lostUnaccounted"))
        {
            assertTrue(json.has(key), "report.json has " + key);
        }
        assertEquals(AGENTS, json.get("agents").asInt());
        for (final JsonNode framework : json.get("frameworks"))
        {
            final String name = framework.get("name").textValue();
            assertEquals(framework(uninterrupted, name).unplaceableTasks,
                framework.get("unplaceableTasks").longValue(), name);
            final JsonNode demand = framework.get("unplaceableDemand");
            for (final String dimension : List.of("cpus", "mem", "gpus"))
            {
                assertEquals(framework(uninterrupted, name).unplaceableDemand.get(dimension),
                    demand.get(dimension).doubleValue(), name + " " + dimension);
            }
        }
        assertTrue(json.get("latencyMicros").get("p99").asDouble() > 0);
        assertEquals(4, files.charts().size(), "latency, utilisation, shares and rejections: " + files.charts());
        final String html = Files.readString(files.html());
        final Matcher images = Pattern.compile("<img[^>]+src=\"([^\"]+)\"").matcher(html);
        int referenced = 0;
        while (images.find())
        {
            assertTrue(Files.exists(files.directory().resolve(images.group(1))), images.group(1));
            referenced++;
        }
        assertEquals(files.charts().size(), referenced);
        for (final Path chart : files.charts())
        {
            assertTrue(html.contains(chart.getFileName().toString()), "the page shows " + chart.getFileName());
        }
    }

    @Test
    void shouldRefuseSettingsOutOfRangeWithAMessageThatNamesThem()
    {
        final SimulationSettings settings = settings(-1);
        settings.killAllocatorAt = SECONDS;
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> new ClusterSimulation(settings, null));
        assertTrue(ex.getMessage().contains("--kill-allocator-at"), ex.getMessage());
        settings.killAllocatorAt = -1;
        settings.agents = 5;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ClusterSimulation(settings, null))
            .getMessage().contains("agents"));
    }

    private static FrameworkReport framework(final RunReport run, final String name)
    {
        return run.frameworks.stream().filter(f -> f.name.equals(name)).findFirst().orElseThrow();
    }
}
