package io.stowage.sim.cluster;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.InvariantChecker;
import io.stowage.core.KernelConfig;
import io.stowage.core.PlacementPolicy;
import io.stowage.core.Reason;
import io.stowage.core.TaskEndCause;
import io.stowage.engine.AllocatorEngine;
import io.stowage.engine.SnapshotFigures;
import io.stowage.ipc.AgentQueueTailer;
import io.stowage.ipc.ChronicleJournal;
import io.stowage.ipc.DecisionPublisher;
import io.stowage.ipc.JournalRecovery;
import io.stowage.sim.report.RecoveryReport;
import io.stowage.sim.report.ReplicationReport;
import io.stowage.sim.report.RunReport;
import org.agrona.collections.LongArrayList;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static io.stowage.sim.cluster.ClusterShape.DIMENSIONS;

/**
 * The main job: a cluster of simulated agents fed to the real engine over the real IPC. Agents publish through
 * {@link io.stowage.ipc.AgentPublisher}s into Chronicle queues, which an {@link AgentQueueTailer} reads into the
 * {@link AllocatorEngine}'s ring; the engine journals every input into a {@link ChronicleJournal}, decides, and its
 * decisions reach the agents through a {@link DecisionPublisher} and their guards. Frameworks submit through the
 * engine's client ({@link AllocatorLink}: the in-process engine, or three replicas with {@code --replicas 3}).
 * <p>
 * Simulated time advances a second at a time, as fast as the engine allows (or paced to the wall clock): the agent
 * shards step their agents in parallel, then the driver drains the agent queues into the engine, submits what the
 * frameworks want, publishes a tick (heartbeat timeouts, then an allocation round) and waits until the engine has
 * applied everything. Inputs reach the ring in the same order in every run with the same seed, and rounds run on
 * ticks only, so a run is reproducible: the same seed gives the same decisions and the same state hash, also across
 * an allocator killed and recovered from its journal ({@code --kill-allocator-at}).
 */
public final class ClusterSimulation
{
    /** The most frameworks the ledger has room for (kernel framework ids must stay below). */
    static final int FRAMEWORK_SLOTS = 64;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long AWAIT_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final int SAMPLES = 200;
    /** Revocable tasks may use up to this many thousandths of an agent's capacity, on top of its allocations. */
    static final long OVERSUBSCRIPTION_MILLIS = 250;

    private final SimulationSettings settings;
    private final PrintStream progress;
    private final ClusterShape shape;
    private final FaultPlan faults;
    private final Workload workload;
    private final TaskBook book;
    private final SubmitLog submits = new SubmitLog();
    private final DecisionLedger ledger;
    private final KernelConfig config;
    private final long[] lastUsage;
    private final boolean[] everOverloaded;
    private AgentShards shards;
    private final SeriesSampler sampler;
    private WorkDirectory work;
    private AllocatorLink engine;
    private AgentQueueTailer tailer;
    private DecisionPublisher decisionPublisher;
    private int[] frameworkIds;
    private FrameworkSpec[] specsById;
    private long simNanos;
    private RecoveryReport recovery;
    private long invariantViolations;
    private final List<String> violations = new ArrayList<>();
    private long peakPending;
    private long[] turnedAwayBefore;
    private long progressDecisions;
    private long progressWall = System.nanoTime();
    /**
     * Submissions after which a round runs within the second, so that a burst of submissions is placed in rounds of
     * bounded size instead of waiting behind one round at the second's end (whose latency grows with the burst).
     * Measured on the default run (docs/simulator.md): 4,096 gave a decision latency p99 of 66–94 ms, 1,024 gave
     * 27–28 ms and 512 gave 13 ms, for about 1.5 s more of round time in all.
     */
    static final int SUBMITS_PER_ROUND = 512;
    private int submitsSinceRound;
    private long midSecondRoundNanos;
    private final PhaseTimes phases = new PhaseTimes();

    /**
     * @param settings what to run; checked here.
     * @param progress where the progress line goes (stderr), or null for none.
     * @throws IllegalArgumentException naming a setting out of range.
     */
    public ClusterSimulation(final SimulationSettings settings, final PrintStream progress)
    {
        settings.validate();
        this.settings = settings.copy();
        this.progress = progress;
        final SplittableRandom random = new SplittableRandom(settings.seed);
        shape = new ClusterShape(settings.agents, random.split());
        faults = new FaultPlan(settings, random.split());
        workload = new Workload(shape, settings.protections, random.split());
        final int maxTasks = maxTasks(settings);
        book = new TaskBook(maxTasks);
        ledger = new DecisionLedger(shape, book, submits, FRAMEWORK_SLOTS, OVERSUBSCRIPTION_MILLIS);
        lastUsage = new long[settings.agents * DIMENSIONS];
        everOverloaded = new boolean[settings.agents];
        config = kernelConfig(settings, maxTasks);
        sampler = new SeriesSampler(shape, workload, ledger, Math.max(1, settings.seconds / SAMPLES),
            settings.seconds);
    }

    /** @return the task bound of the simulation's kernel. */
    static int maxTasks(final SimulationSettings settings)
    {
        return Math.max(1 << 16, Integer.highestOneBit(settings.agents * 40) << 1);
    }

    static KernelConfig kernelConfig(final SimulationSettings settings, final int maxTasks)
    {
        final KernelConfig.Builder builder = KernelConfig.builder(ClusterShape.SCHEMA)
            .placement(PlacementPolicy.BINPACK)
            .maxAgents(settings.agents)
            .maxTasks(maxTasks)
            .preemption(true)
            .oversubscriptionRatioMillis(OVERSUBSCRIPTION_MILLIS)
            .fairnessExcluded(ClusterShape.GPUS)
            .heartbeatTimeouts(15 * NANOS_PER_SECOND, 30 * NANOS_PER_SECOND);
        if (settings.protections)
        {
            builder.pressureThresholdMillis(900).admission(980, 10)
                .predictiveAvoidance(true, 30 * NANOS_PER_SECOND, 300);
        }
        else
        {
            builder.pressureThresholdMillis(1000);
        }
        return builder.build();
    }

    /**
     * Runs the simulation to its end.
     *
     * @return the figures of the run.
     * @throws UncheckedIOException if the work directory cannot be used.
     */
    public RunReport run()
    {
        final long wallStart = System.nanoTime();
        try
        {
            open();
            for (int second = 1; second <= settings.seconds; second++)
            {
                step(second);
                if (second == settings.killAllocatorAt)
                {
                    killAndRecover(second);
                }
                if (second == settings.killLeaderAt)
                {
                    ((ReplicatedLink)engine).killLeader();
                }
                pace(wallStart, second);
            }
            final ReplicationReport replication = engine instanceof ReplicatedLink replicated ? replicated.report() : null;
            engine.close();
            final AllocatorKernel kernel = engine.kernelAfterClose();
            checkInvariants(kernel);
            if (replication != null)
            {
                checkReplication(replication, kernel);
            }
            if (progress != null)
            {
                violations.stream().limit(20).forEach(v -> progress.println("violation: " + v));
            }
            final RunReport report = report(kernel, System.nanoTime() - wallStart);
            report.replication = replication;
            return report;
        }
        finally
        {
            close();
        }
    }

    private void open()
    {
        work = WorkDirectory.open(settings.workDirectory);
        decisionPublisher = newDecisionPublisher();
        engine = newLink();
        if (progress != null && settings.progressEverySeconds > 0)
        {
            progress.printf("simulating %,d agents for %,d s (seed %d, protections %s); live counters: ./stowage stat %s%n",
                settings.agents, settings.seconds, settings.seed, settings.protections ? "on" : "off",
                work.resolve("counters"));
        }
        tailer = newTailer();
        frameworkIds = workload.register(engine);
        turnedAwayBefore = new long[frameworkIds.length];
        specsById = new FrameworkSpec[FRAMEWORK_SLOTS];
        for (int f = 0; f < frameworkIds.length; f++)
        {
            if (frameworkIds[f] < 0 || frameworkIds[f] >= FRAMEWORK_SLOTS)
            {
                throw new IllegalStateException("framework id " + frameworkIds[f] + " out of the ledger's range");
            }
            specsById[frameworkIds[f]] = workload.specs.get(f);
            ledger.revocableFramework[frameworkIds[f]] = workload.specs.get(f).revocable();
        }
        shards = new AgentShards(settings, shape, faults, ledger, specsById, work, lastUsage, everOverloaded);
        shards.forEach(AgentShard::registerAll);
        drainAgentQueues();
        engine.tick(0);
        engine.awaitApplied(AWAIT_NANOS);
    }

    private DecisionPublisher newDecisionPublisher()
    {
        final DecisionPublisher publisher = new DecisionPublisher(work.resolve("decisions"), 0, DIMENSIONS);
        ledger.decisionStream = publisher;
        return publisher;
    }

    private AllocatorLink newLink()
    {
        if (settings.replicas > 1)
        {
            return ReplicatedLink.start(settings, config, ledger, () -> simNanos, work, progress);
        }
        return new EngineLink(newEngine(null));
    }

    private AllocatorEngine newEngine(final JournalRecovery recovery)
    {
        final AllocatorEngine.Builder builder = AllocatorEngine.builder(config)
            .listener(ledger)
            .journal(new ChronicleJournal(work.resolve("journal"), DIMENSIONS))
            .roundsAtBatchEnds(false)
            .ringSize(1 << 16)
            .clock(() -> simNanos)
            .countersDirectory(work.resolve("counters"))
            .snapshots(work.resolve("snapshots"), settings.snapshotEveryInputs,
                settings.snapshotEverySeconds * NANOS_PER_SECOND);
        if (recovery != null)
        {
            builder.recoverFrom(recovery);
        }
        if (settings.prometheus != null)
        {
            builder.prometheusAddress(settings.prometheus);
        }
        return builder.build().start();
    }

    private AgentQueueTailer newTailer()
    {
        final AgentQueueTailer.Builder builder = AgentQueueTailer.builder().stateDir(work.resolve("tailer"))
            .dimensions(DIMENSIONS).sink(engine.agentInput()).clock(() -> simNanos)
            .errorHandler(ex -> violations.add("agent queue tailer: " + ex));
        for (int k = 0; k < settings.publisherThreads; k++)
        {
            builder.queue(work.resolve("agents-" + k));
        }
        return builder.build();
    }

    private void step(final int second)
    {
        simNanos = second * NANOS_PER_SECOND;
        final long lastDecision = decisionPublisher.lastDecision();
        long mark = System.nanoTime();
        shards.forEach(shard -> shard.step(second, lastDecision));
        mark = phases.end(PhaseTimes.AGENTS, mark);
        for (final AgentShard shard : shards.list())
        {
            bookAgentEnds(shard.finished);
            tellShrinks(shard.shrinks);
        }
        drainAgentQueues();
        mark = phases.end(PhaseTimes.QUEUES, mark);
        engine.awaitApplied(AWAIT_NANOS);
        mark = phases.end(PhaseTimes.APPLY, mark);
        final long[] running = new long[frameworkIds.length];
        final long[] pending = new long[frameworkIds.length];
        counts(running, pending);
        final AllocatorLink client = engine;
        submitsSinceRound = 0;
        midSecondRoundNanos = 0;
        workload.submit(second, running, pending, (f, resources, priority, revocable, constraints) ->
        {
            final int id = frameworkIds[f];
            final long correlationId = submits.record(id, resources, System.nanoTime());
            client.submit(id, resources, priority, revocable, 0, constraints, correlationId);
            if (++submitsSinceRound == SUBMITS_PER_ROUND)
            {
                submitsSinceRound = 0;
                final long start = System.nanoTime();
                round();
                midSecondRoundNanos += System.nanoTime() - start;
            }
        });
        mark = phases.end(PhaseTimes.SUBMIT, mark);
        phases.move(PhaseTimes.SUBMIT, PhaseTimes.ROUND, midSecondRoundNanos);
        round();
        mark = phases.end(PhaseTimes.ROUND, mark);
        returnTurnedAway();
        counts(running, pending);
        long pendingNow = 0;
        for (final long p : pending)
        {
            pendingNow += p;
        }
        peakPending = Math.max(peakPending, pendingNow);
        sampler.sample(second, frameworkIds, lastUsage, pending);
        phases.end(PhaseTimes.SAMPLE, mark);
        if (progress != null && settings.progressEverySeconds > 0 && second % settings.progressEverySeconds == 0)
        {
            final long wallNow = System.nanoTime();
            final double perSecond = (ledger.decisions - progressDecisions) * 1e9 / Math.max(1, wallNow - progressWall);
            progressDecisions = ledger.decisions;
            progressWall = wallNow;
            progress.printf("second %d/%d  decisions %,d (%,.0f/s)  pending %,d  running %,d  overload events %,d  " +
                "allocation over capacity %d  (wall s: %s)%n", second, settings.seconds, ledger.decisions, perSecond,
                pendingNow, sum(running), shards.overloadEvents(), ledger.allocationOverCapacity, phases.progress());
        }
    }

    /**
     * One allocation round at the current simulated time: a tick, whose round the engine runs once the submissions
     * before it are applied. A placement's latency is measured from the tick that ran its round.
     */
    private void round()
    {
        ledger.tickSentNanos = System.nanoTime();
        engine.tick(simNanos);
        engine.awaitApplied(AWAIT_NANOS);
    }

    private void returnTurnedAway()
    {
        for (int f = 0; f < frameworkIds.length; f++)
        {
            final int id = frameworkIds[f];
            final long turnedAway = ledger.rejected(id, Reason.ADMISSION_CLOSED) +
                ledger.rejected(id, Reason.RATE_LIMITED) + ledger.rejected(id, Reason.PENDING_LIMIT);
            workload.turnedAway(f, turnedAway - turnedAwayBefore[f]);
            turnedAwayBefore[f] = turnedAway;
        }
    }

    private void bookAgentEnds(final LongArrayList finished)
    {
        for (int i = 0; i < finished.size(); i++)
        {
            final long taskId = finished.getLong(i);
            final int framework = book.framework(taskId);
            final int agent = book.agent(taskId);
            if (book.end(taskId, TaskBook.FINISHED_CAUSE) == TaskBook.RUNNING)
            {
                ledger.release(taskId, agent, framework);
            }
        }
    }

    private void tellShrinks(final LongArrayList shrinks)
    {
        for (int i = 0; i < shrinks.size(); i += 1 + DIMENSIONS)
        {
            final int agent = (int)shrinks.getLong(i);
            final long[] capacity = new long[DIMENSIONS];
            for (int d = 0; d < DIMENSIONS; d++)
            {
                capacity[d] = shrinks.getLong(i + 1 + d);
                ledger.pendingCapacity[agent * DIMENSIONS + d] = capacity[d];
            }
            engine.updateCapacity(shape.ids[agent], capacity, DecisionLedger.capacityCorrelation(agent));
        }
    }

    /** Reads every frame the shards wrote into the ring, in the same order in every run. */
    private void drainAgentQueues()
    {
        final List<AgentShard> queues = shards.list();
        for (int q = 0; q < queues.size(); q++)
        {
            final long last = queues.get(q).lastIndex();
            while (last >= 0 && tailer.position(q) <= last)
            {
                if (tailer.doWork() == 0)
                {
                    Thread.onSpinWait();
                }
            }
        }
        while (tailer.doWork() > 0)
        {
            // nothing should be left; a frame written by no shard would still be read
        }
    }

    private void counts(final long[] running, final long[] pending)
    {
        for (int f = 0; f < frameworkIds.length; f++)
        {
            final int id = frameworkIds[f];
            long ended = 0;
            for (final TaskEndCause cause : TaskEndCause.values())
            {
                ended += ledger.ended(id, cause);
            }
            running[f] = ledger.placed[id] - ended - shards.endedByAgents(id);
            pending[f] = ledger.queued[id] - ledger.placed[id];
        }
    }

    private void killAndRecover(final int second)
    {
        tailer.close();
        final AllocatorEngine killedEngine = ((EngineLink)engine).engine;
        killedEngine.close();
        final AllocatorKernel killed = killedEngine.kernelAfterClose();
        final SnapshotFigures snapshots = killedEngine.snapshotFigures();
        final long hashBefore = killed.view().stateHash();
        final long running = killed.view().runningTaskCount();
        checkInvariants(killed);
        decisionPublisher.close();
        decisionPublisher = newDecisionPublisher();
        final long start = System.nanoTime();
        final JournalRecovery journal = new JournalRecovery(work.resolve("journal"), DIMENSIONS,
            settings.publisherThreads, work.resolve("snapshots")).verifyStateHash(false);
        final AllocatorEngine recovered = newEngine(journal);
        engine = new EngineLink(recovered);
        tailer = newTailer();
        journal.resume(tailer);
        final long recoveryNanos = System.nanoTime() - start;
        // proved after the recovery is timed: the engine is running, so the kernel is asked on its own thread
        final long recoveredHash = recovered.query(view -> view.stateHash()).join();
        journal.refusedSnapshots().forEach(violations::add);
        recovery = new RecoveryReport();
        recovery.killedAtSeconds = second;
        recovery.fromSnapshot = journal.fromSnapshot();
        recovery.snapshotBytes = journal.snapshotBytes();
        recovery.snapshotMillis = snapshots.lastTotalNanos() / 1e6;
        recovery.snapshotEncodeMillis = snapshots.lastEncodeNanos() / 1e6;
        recovery.snapshotsTaken = snapshots.taken();
        recovery.runningTasks = running;
        recovery.snapshotBytesPerRunningTask = running == 0 ? 0 : (double)journal.snapshotBytes() / running;
        recovery.snapshotLoadMillis = journal.snapshotLoadNanos() / 1e6;
        recovery.recordsReplayed = journal.records();
        recovery.replayMillis = journal.replayNanos() / 1e6;
        recovery.recoveryMillis = recoveryNanos / 1e6;
        recovery.stateHashMatches = recoveredHash == hashBefore;
        if (!recovery.stateHashMatches)
        {
            violations.add("the recovered kernel has state hash " + Long.toHexString(recoveredHash) +
                ", the killed one had " + Long.toHexString(hashBefore));
            invariantViolations++;
        }
    }

    /** Every live replica in the reference's state, every decision delivered once, a failover where one was asked. */
    private void checkReplication(final ReplicationReport replication, final AllocatorKernel reference)
    {
        final String expected = Long.toHexString(reference.view().stateHash());
        final List<String> problems = new ArrayList<>();
        if (replication.stateHashes.size() != replication.liveNodes || replication.liveNodes < 2)
        {
            problems.add(replication.stateHashes.size() + " state hashes from " + replication.liveNodes +
                " live replicas");
        }
        for (final String hash : replication.stateHashes)
        {
            if (!expected.equals(hash))
            {
                problems.add("a replica has state hash " + hash + ", the single-node reference " + expected);
            }
        }
        if (replication.decisionsLost != 0 || replication.decisionsDuplicated != 0 || replication.inputsLost != 0)
        {
            problems.add(replication.decisionsLost + " decisions lost, " + replication.decisionsDuplicated +
                " duplicated, " + replication.inputsLost + " inputs lost");
        }
        if (settings.killLeaderAt > 0 && replication.leaderChanges < 1)
        {
            problems.add("the leader was killed but the client saw no leader change");
        }
        for (final String problem : problems)
        {
            violations.add("replication: " + problem);
            invariantViolations++;
        }
    }

    private void pace(final long wallStart, final int second)
    {
        if (!settings.realtime)
        {
            return;
        }
        final long due = wallStart + second * NANOS_PER_SECOND;
        long wait;
        while ((wait = due - System.nanoTime()) > 0)
        {
            try
            {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void checkInvariants(final AllocatorKernel kernel)
    {
        final List<String> found = InvariantChecker.check(kernel);
        invariantViolations += found.size();
        violations.addAll(found);
    }

    private RunReport report(final AllocatorKernel kernel, final long wallNanos)
    {
        final RunReport run = new RunReportBuilder(
            settings, workload, ledger, book, shards.list(), frameworkIds, sampler, everOverloaded)
            .build(kernel, wallNanos, invariantViolations, peakPending, recovery);
        phases.putSeconds(run.phaseSeconds);
        run.roundPlacementsPerSecond = run.placed / Math.max(1e-9, phases.seconds(PhaseTimes.ROUND));
        return run;
    }

    private static long sum(final long[] values)
    {
        long total = 0;
        for (final long v : values)
        {
            total += v;
        }
        return total;
    }

    private void close()
    {
        if (shards != null)
        {
            shards.close();
        }
        if (tailer != null)
        {
            tailer.close();
        }
        if (engine != null)
        {
            engine.close();
        }
        if (decisionPublisher != null)
        {
            decisionPublisher.close();
        }
        if (work != null)
        {
            work.close();
        }
    }
}
