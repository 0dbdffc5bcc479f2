package io.stowage.engine;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventFactory;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.stowage.core.AllocatorKernel;
import io.stowage.core.KernelConfig;
import io.stowage.core.KernelView;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The allocator kernel behind a multi-producer Disruptor ring (the LMAX business-logic-processor pattern). Producers
 * ({@link #client()}, {@link #agentInput()}, {@link #tick}) fill pre-allocated events; a journal stage appends every
 * event to the {@link InputJournal} and marks the end of each batch; a kernel stage gated on it is the only writer
 * of allocation state, applies each event with a {@link KernelEventApplier} (rounds after each batch and on ticks)
 * and answers through the {@link EngineListener} on its thread. The two stages run on a thread each or share one
 * duty-cycle thread ({@link EngineThreading}). Errors never escape a stage: they are counted and recorded in the
 * counters' error log, and the stage carries on.
 * <p>
 * The kernel is never shared while the engine runs: another thread asks it questions with {@link #query}, answered
 * on the kernel thread between inputs; after {@link #close()} it may be read with {@link #kernelAfterClose()}.
 * Counters, the latency percentiles and the error log are in {@link #counters()}, in a file another process can read
 * if a counters directory was given.
 */
public final class AllocatorEngine implements AutoCloseable
{
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 30;
    /** The longest a Prometheus scrape waits for the kernel's figures (less if the answer timeout is shorter). */
    private static final long SCRAPE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EngineStages stages;
    private final RingBuffer<EngineEvent> ring;
    private final KernelEventApplier applier;
    private final EngineCounters counters;
    private final PendingAnswers answers = new PendingAnswers();
    private final Set<CompletableFuture<?>> unanswered = ConcurrentHashMap.newKeySet();
    private final Executor answerDelivery = ForkJoinPool.commonPool();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final InputJournal journal;
    private final AllocatorClient client;
    private final AgentInput agentInput;
    private final InetSocketAddress prometheusAddress;
    private final LongSupplier clock;
    private final long answerTimeoutNanos;
    private final SnapshotFigures snapshotFigures = new SnapshotFigures();
    private volatile PrometheusExporter exporter;
    private volatile boolean started;
    private volatile boolean closed;

    private AllocatorEngine(final Builder builder)
    {
        final int dimensions = builder.config.schema().dimensions();
        counters = builder.countersDirectory == null ?
            EngineCounters.inMemory() : EngineCounters.create(builder.countersDirectory);
        journal = builder.journal;
        prometheusAddress = builder.prometheusAddress;
        clock = builder.clock;
        answerTimeoutNanos = builder.answerTimeoutNanos;
        final EventFactory<EngineEvent> events = () -> new EngineEvent(dimensions);
        final Disruptor<EngineEvent> disruptor = builder.threading == EngineThreading.DEDICATED ?
            new Disruptor<>(events, builder.ringSize, this::newThread, ProducerType.MULTI, builder.waitStrategy) : null;
        // In the shared mode nothing waits on a barrier of the ring (the duty cycle polls it and idles with its own
        // strategy), so the wait strategy's only use is its signal on publish: the busy-spin one's costs nothing.
        ring = disruptor != null ? disruptor.getRingBuffer() :
            RingBuffer.createMultiProducer(events, builder.ringSize, new BusySpinWaitStrategy());

        final EngineExceptionHandler journalErrors =
            new EngineExceptionHandler("journal", counters.errorLog(), counters::journalError);
        final EngineExceptionHandler kernelErrors =
            new EngineExceptionHandler("kernel", counters.errorLog(), counters::kernelError);
        final LatencyMeter latency = new LatencyMeter(counters, builder.latencyPeriodNanos, System.nanoTime());
        final KernelStageListener stageListener =
            new KernelStageListener(builder.listener, counters, latency, answers, builder.clock);
        final KernelEventApplier restored = builder.recovery == null ? null :
            builder.recovery.restore(builder.config, stageListener, kernelErrors);
        applier = restored != null ? restored : new KernelEventApplier(builder.config, stageListener, kernelErrors);
        if (builder.recovery != null)
        {
            stageListener.replaying(true);
            builder.recovery.replayInto(applier);
            stageListener.replaying(false);
            applier.releaseOwner();
        }

        final JournalStage journalStage = new JournalStage(journal, builder.roundsAtBatchEnds, ring, journalErrors);
        final EngineSnapshotter snapshotter = builder.snapshotStore == null ? null : new EngineSnapshotter(
            builder.snapshotStore, builder.snapshotEveryInputs, builder.snapshotEveryNanos,
            builder.recovery == null ? 0 : builder.recovery.inputsRecovered(),
            builder.recovery == null ? new long[0] : builder.recovery.queuePositions(),
            new EngineExceptionHandler("snapshot", counters.errorLog(), counters::kernelError),
            snapshotFigures, builder.snapshotsInBackground);
        final KernelStage kernelStage =
            new KernelStage(applier, stageListener, counters, latency, ring, snapshotter);
        stages = disruptor != null ?
            new DedicatedStages(disruptor, journalStage, kernelStage, journalErrors, kernelErrors) :
            new SharedDutyCycle(ring, journalStage, kernelStage, journalErrors, kernelErrors,
                builder.idleStrategy != null ? builder.idleStrategy : defaultIdleStrategy(), this::newThread);

        client = new AllocatorClient(this, ring, answers, builder.clock, dimensions, builder.answerTimeoutNanos);
        agentInput = new AgentInput(ring, counters, dimensions);
    }

    /** @return the figures of the snapshots this engine took (none without {@link Builder#snapshots}). */
    public SnapshotFigures snapshotFigures()
    {
        return snapshotFigures;
    }

    /**
     * @param config the kernel's configuration.
     * @return a builder of an engine around a new kernel.
     */
    public static Builder builder(final KernelConfig config)
    {
        return new Builder(config);
    }

    /**
     * Starts the journal and kernel threads (one thread in {@link EngineThreading#SHARED}), and the Prometheus
     * exporter if an address or port was given.
     *
     * @return this.
     * @throws IllegalStateException if already started or closed.
     */
    public synchronized AllocatorEngine start()
    {
        if (started || closed)
        {
            throw new IllegalStateException(closed ? "engine is closed" : "engine already started");
        }
        if (prometheusAddress != null)
        {
            exporter = PrometheusExporter.start(prometheusAddress, counters.reader(), new KernelMetrics(
                () -> query(KernelFigures::copy), Math.min(answerTimeoutNanos, SCRAPE_WAIT_NANOS)));
        }
        stages.start();
        started = true;
        return this;
    }

    /** @return the thread-safe client for scheduler threads. */
    public AllocatorClient client()
    {
        return client;
    }

    /** @return where the agent queue tailer publishes agent inputs; thread-safe. */
    public AgentInputSink agentInput()
    {
        return agentInput;
    }

    /**
     * Publishes a tick: heartbeat timeouts apply at this time, then a round runs.
     *
     * @param nowNanos the time, on the engine's clock.
     */
    public void tick(final long nowNanos)
    {
        checkOpen();
        final long sequence = ring.next();
        try
        {
            final EngineEvent event = ring.get(sequence);
            event.clear();
            event.type = EventType.TICK;
            event.ingressNanos = nowNanos;
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    /**
     * Asks the running kernel a question: {@code question} runs on the kernel thread between two inputs, so its
     * answer is consistent with the decisions made so far (every input published before the call has been applied
     * when it runs, and no later one), and it reads the kernel without racing its writer. The question goes through
     * the ring but is not an input: it is never journaled, makes no decision and never causes an allocation round,
     * so replay of the journal is unchanged by it.
     * <p>
     * The question must be quick and must not block, wait for the engine or keep the {@link KernelView} (valid only
     * while it runs): copy what is needed into the answer. A question that throws completes the future
     * exceptionally; the kernel thread carries on. The answer is delivered from {@link ForkJoinPool#commonPool()},
     * never on the kernel thread, so work chained on the future cannot stall the kernel. The future fails with a
     * {@link java.util.concurrent.TimeoutException} if no answer came within the engine's answer timeout (the
     * engine is not started, or is stuck), and with an {@link IllegalStateException} if the engine closes first.
     * Allocates (the question's future and its delivery); not for the hot path.
     *
     * @param question what to ask, e.g. {@code view -> view.pendingDiagnosis(taskId)}.
     * @param <T>      the answer's type.
     * @return the answer, to come.
     * @throws IllegalStateException if the engine is closed.
     */
    public <T> CompletableFuture<T> query(final Function<KernelView, T> question)
    {
        if (question == null)
        {
            throw new IllegalArgumentException("question is required");
        }
        final KernelQuery<T> query = new KernelQuery<>(question, answerDelivery);
        final CompletableFuture<T> answer = query.answer();
        unanswered.add(answer);
        answer.whenComplete((value, failure) -> unanswered.remove(answer));
        if (closed)
        {
            answer.cancel(false);
            throw new IllegalStateException("engine is closed");
        }
        answer.orTimeout(answerTimeoutNanos, TimeUnit.NANOSECONDS);
        final long ingress = clock.getAsLong();
        final long sequence = ring.next();
        try
        {
            final EngineEvent event = ring.get(sequence);
            event.clear();
            event.type = EventType.QUERY;
            event.ingressNanos = ingress;
            event.query = query;
        }
        finally
        {
            ring.publish(sequence);
        }
        return answer;
    }

    /**
     * Waits until the kernel stage has applied (and answered) every event published before the call: a barrier for a
     * driver that alternates between feeding the engine and reading what the listener collected (a simulation). The
     * listener's writes on the kernel thread are visible to the caller afterwards.
     *
     * @param timeoutNanos how long to wait at most.
     * @throws IllegalStateException if the engine is not started or the kernel stage did not catch up in time.
     */
    public void awaitApplied(final long timeoutNanos)
    {
        if (!started)
        {
            throw new IllegalStateException("engine not started");
        }
        checkNotEngineThread("awaitApplied");
        final long target = ring.getCursor();
        final long deadline = System.nanoTime() + timeoutNanos;
        int idle = 0;
        while (stages.appliedSequence() < target)
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("the kernel stage did not apply sequence " + target + " within " +
                    TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
            }
            if (++idle < 100)
            {
                Thread.onSpinWait();
            }
            else
            {
                Thread.yield();
            }
        }
    }

    /** @return the engine's counters; the queue tailer counts malformed frames here. */
    public EngineCounters counters()
    {
        return counters;
    }

    /** @return the port the Prometheus exporter listens on, or -1 if it does not run (never asked, or closed). */
    public int prometheusPort()
    {
        final PrometheusExporter current = exporter;
        return current == null ? -1 : current.port();
    }

    /**
     * @return the address and port the Prometheus exporter listens on, or null if it does not run (never asked, or
     * closed).
     */
    public InetSocketAddress prometheusAddress()
    {
        final PrometheusExporter current = exporter;
        return current == null ? null : current.address();
    }

    /** @return true once {@link #close()} was called. */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * The kernel, once the engine is closed and its threads have ended (so every write they made is visible here).
     *
     * @return the kernel, for queries such as its state hash and the invariant checker.
     * @throws IllegalStateException while the engine is open.
     */
    public AllocatorKernel kernelAfterClose()
    {
        if (!closed)
        {
            throw new IllegalStateException("the kernel is only readable after close");
        }
        return applier.kernel();
    }

    /**
     * Drains the ring (every event published before the call is applied and answered), halts the stages, waits for
     * their threads and closes the journal. Idempotent. A producer racing with close may see its call refused or its
     * event left unapplied.
     *
     * @throws IllegalStateException if called on an engine thread (from the listener), which would wait for itself.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        checkNotEngineThread("close");
        closed = true;
        if (started)
        {
            stages.shutdown(SHUTDOWN_TIMEOUT_SECONDS, counters.errorLog());
            joinThreads();
            if (exporter != null)
            {
                exporter.close();
                exporter = null;
            }
        }
        else
        {
            journal.close();
        }
        answers.close();
        for (final CompletableFuture<?> answer : unanswered)
        {
            answer.completeExceptionally(new IllegalStateException("engine closed before answering"));
        }
    }

    void checkNotEngineThread(final String operation)
    {
        if (threads.contains(Thread.currentThread()))
        {
            throw new IllegalStateException(operation + " must not be called on an engine thread (from the listener)");
        }
    }

    void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("engine is closed");
        }
    }

    private void joinThreads()
    {
        boolean interrupted = false;
        for (final Thread thread : threads)
        {
            while (thread.isAlive())
            {
                try
                {
                    thread.join();
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Spins, then yields, then parks at most 100 µs: the duty cycle shares two vCPUs with the producers, so it gives
     * way to them (a yield) before it sleeps, and it never sleeps longer than a tail it would be worth waking for.
     */
    private static IdleStrategy defaultIdleStrategy()
    {
        return new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MICROSECONDS.toNanos(100));
    }

    private Thread newThread(final Runnable runnable)
    {
        final Thread thread = new Thread(runnable, "stowage-engine-" + threads.size());
        thread.setDaemon(true);
        threads.add(thread);
        return thread;
    }

    /** Settings of an engine; only the kernel configuration is required. */
    public static final class Builder
    {
        private final KernelConfig config;
        private EngineListener listener = new EngineListener()
        {
        };
        private InputJournal journal = InputJournal.NONE;
        private int ringSize = 1 << 14;
        private WaitStrategy waitStrategy = new BlockingWaitStrategy();
        private LongSupplier clock = System::nanoTime;
        private Path countersDirectory;
        private InetSocketAddress prometheusAddress;
        private long latencyPeriodNanos = TimeUnit.SECONDS.toNanos(1);
        private long answerTimeoutNanos = TimeUnit.SECONDS.toNanos(10);
        private JournalReplay recovery;
        private EngineSnapshotStore snapshotStore;
        private long snapshotEveryInputs;
        private long snapshotEveryNanos;
        private boolean snapshotsInBackground = true;
        private boolean roundsAtBatchEnds = true;
        private EngineThreading threading = EngineThreading.DEDICATED;
        private IdleStrategy idleStrategy;

        private Builder(final KernelConfig config)
        {
            if (config == null)
            {
                throw new IllegalArgumentException("kernel configuration is required");
            }
            this.config = config;
        }

        /**
         * @param listener receives answers and decisions on the kernel thread; must not block.
         * @return this.
         */
        public Builder listener(final EngineListener listener)
        {
            this.listener = requireNonNull(listener, "listener");
            return this;
        }

        /**
         * @param journal where every input is written before the kernel applies it; closed by the engine's journal
         *                thread when the engine closes. Default: none.
         * @return this.
         */
        public Builder journal(final InputJournal journal)
        {
            this.journal = requireNonNull(journal, "journal");
            return this;
        }

        /**
         * Takes snapshots of the kernel on the kernel thread, between two inputs, so that recovery loads the newest
         * and replays only the journal after it (see {@code JournalRecovery} in ipc). Only journaled inputs count: a
         * snapshot stands at a journal position.
         *
         * @param directory   where snapshot files go ({@link EngineSnapshotStore}); created if missing.
         * @param everyInputs journaled inputs between two snapshots.
         * @param everyNanos  ingress time between two snapshots (the engine's clock).
         * @return this.
         * @throws IllegalArgumentException if an interval is not above 0.
         */
        public Builder snapshots(final Path directory, final long everyInputs, final long everyNanos)
        {
            if (everyInputs <= 0 || everyNanos <= 0)
            {
                throw new IllegalArgumentException("snapshot intervals must be above 0, got " + everyInputs +
                    " inputs and " + everyNanos + " ns");
            }
            this.snapshotStore = new EngineSnapshotStore(requireNonNull(directory, "directory"));
            this.snapshotEveryInputs = everyInputs;
            this.snapshotEveryNanos = everyNanos;
            return this;
        }

        /**
         * @param background true (default): the kernel thread encodes a snapshot and a writer thread puts it on disk,
         *                   so the kernel does not wait for the disk; false: the kernel thread writes it too, so
         *                   every due snapshot is taken exactly when due (a snapshot that falls due while the previous
         *                   one is still being written otherwise waits for it).
         * @return this.
         */
        public Builder snapshotsInBackground(final boolean background)
        {
            this.snapshotsInBackground = background;
            return this;
        }

        /**
         * @param recovery replays a journal into the new engine's kernel when it is built, before it starts; give the
         *                 engine a journal that appends to the same one, so that a later crash recovers again.
         *                 Default: start empty. A recovery that holds a snapshot builds the kernel from it and
         *                 replays only the journal after it.
         * @return this.
         */
        public Builder recoverFrom(final JournalReplay recovery)
        {
            this.recovery = requireNonNull(recovery, "recovery");
            return this;
        }

        /**
         * @param roundsAtBatchEnds true (default): a round runs after the last event of each batch the journal stage
         *                          sees, and on ticks, so a submit is answered without waiting for a tick; false:
         *                          rounds run on ticks only, so the decisions depend only on the order of the inputs
         *                          and ticks, not on how the ring happened to batch them (reproducible runs: a
         *                          simulation, two engines compared).
         * @return this.
         */
        public Builder roundsAtBatchEnds(final boolean roundsAtBatchEnds)
        {
            this.roundsAtBatchEnds = roundsAtBatchEnds;
            return this;
        }

        /**
         * @param threading {@link EngineThreading#DEDICATED} (default): a thread for the journal stage and one for
         *                  the kernel stage; {@link EngineThreading#SHARED}: one duty-cycle thread journals each
         *                  batch, then applies it (fewer threads than cores to share, see docs/engine.md).
         * @return this.
         */
        public Builder threading(final EngineThreading threading)
        {
            this.threading = requireNonNull(threading, "threading");
            return this;
        }

        /**
         * @param idleStrategy how the {@link EngineThreading#SHARED} duty cycle waits when the ring is empty; this
         *                     engine's alone (idle strategies keep state), not used in the dedicated mode. Default:
         *                     a {@link BackoffIdleStrategy} that spins, yields, then parks at most 100 µs.
         * @return this.
         */
        public Builder idleStrategy(final IdleStrategy idleStrategy)
        {
            this.idleStrategy = requireNonNull(idleStrategy, "idleStrategy");
            return this;
        }

        /**
         * @param ringSize slots in the ring, a power of two. Default 16384.
         * @return this.
         */
        public Builder ringSize(final int ringSize)
        {
            if (ringSize < 2 || Integer.bitCount(ringSize) != 1)
            {
                throw new IllegalArgumentException("ring size must be a power of two of at least 2, got " + ringSize);
            }
            this.ringSize = ringSize;
            return this;
        }

        /**
         * @param waitStrategy how the {@link EngineThreading#DEDICATED} stages wait for events (not used by the
         *                     shared duty cycle, which idles with its idle strategy): {@link BlockingWaitStrategy}
         *                     (default: idle stages sleep, each publish may wake one),
         *                     {@link com.lmax.disruptor.SleepingWaitStrategy} (publishing costs nothing; measured best
         *                     on two shared cores, see docs/engine.md) or
         *                     {@link com.lmax.disruptor.YieldingWaitStrategy} (lowest latency with a core per stage).
         * @return this.
         */
        public Builder waitStrategy(final WaitStrategy waitStrategy)
        {
            this.waitStrategy = requireNonNull(waitStrategy, "waitStrategy");
            return this;
        }

        /**
         * @param clock the ingress clock in nanoseconds, read by producers (never by the kernel) and by the kernel
         *              stage to time decisions. Default {@link System#nanoTime()}.
         * @return this.
         */
        public Builder clock(final LongSupplier clock)
        {
            this.clock = requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param directory where {@code stowage-counters.dat} is created, for readers in other processes. Default:
         *                  counters in memory only.
         * @return this.
         */
        public Builder countersDirectory(final Path directory)
        {
            this.countersDirectory = directory;
            return this;
        }

        /**
         * @param port serve the metrics for Prometheus on the loopback address at this port, 0 for any free port
         *             (see {@link #prometheusAddress(InetSocketAddress)} for another address). Default: off.
         * @return this.
         */
        public Builder prometheusPort(final int port)
        {
            if (port < 0 || port > 65535)
            {
                throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
            }
            this.prometheusAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            return this;
        }

        /**
         * @param address serve the metrics for Prometheus at this address and port (port 0 for any free port), e.g.
         *                {@code new InetSocketAddress("0.0.0.0", 9464)} for every interface. Default: off.
         * @return this.
         */
        public Builder prometheusAddress(final InetSocketAddress address)
        {
            this.prometheusAddress = requireNonNull(address, "address");
            return this;
        }

        /**
         * @param hostAndPort {@code HOST:PORT} (an IPv6 host in brackets, {@code [::1]:9464}), as a command line gives
         *                    it; see {@link #prometheusAddress(InetSocketAddress)}.
         * @return this.
         * @throws IllegalArgumentException naming what is wrong with the text.
         */
        public Builder prometheusBind(final String hostAndPort)
        {
            this.prometheusAddress = parseHostAndPort(hostAndPort);
            return this;
        }

        /**
         * @param periodNanos how often the latency percentiles are copied into the counters. Default one second.
         * @return this.
         */
        public Builder latencyPeriodNanos(final long periodNanos)
        {
            if (periodNanos <= 0)
            {
                throw new IllegalArgumentException("latency period must be positive, got " + periodNanos);
            }
            this.latencyPeriodNanos = periodNanos;
            return this;
        }

        /**
         * @param timeoutNanos how long a client waits for a registration's answer, and a
         *                     {@link AllocatorEngine#query} for its
         *                     answer. Default ten seconds.
         * @return this.
         */
        public Builder answerTimeoutNanos(final long timeoutNanos)
        {
            if (timeoutNanos <= 0)
            {
                throw new IllegalArgumentException("answer timeout must be positive, got " + timeoutNanos);
            }
            this.answerTimeoutNanos = timeoutNanos;
            return this;
        }

        /** @return a new engine, not yet started. */
        public AllocatorEngine build()
        {
            return new AllocatorEngine(this);
        }

        /**
         * @param hostAndPort {@code HOST:PORT} or {@code [IPV6]:PORT}.
         * @return the address, resolved.
         * @throws IllegalArgumentException naming what is wrong with the text.
         */
        public static InetSocketAddress parseHostAndPort(final String hostAndPort)
        {
            final int colon = hostAndPort == null ? -1 : hostAndPort.lastIndexOf(':');
            if (colon <= 0 || colon == hostAndPort.length() - 1)
            {
                throw new IllegalArgumentException("expected HOST:PORT, got \"" + hostAndPort + "\"");
            }
            String host = hostAndPort.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]"))
            {
                host = host.substring(1, host.length() - 1);
            }
            else if (host.indexOf(':') >= 0)
            {
                throw new IllegalArgumentException("an IPv6 host goes in brackets, [::1]:9464; got \"" +
                    hostAndPort + "\"");
            }
            final int port;
            try
            {
                port = Integer.parseInt(hostAndPort.substring(colon + 1));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("port is not a number in \"" + hostAndPort + "\"", ex);
            }
            if (port < 0 || port > 65535)
            {
                throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
            }
            final InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved())
            {
                throw new IllegalArgumentException("cannot resolve host \"" + host + "\"");
            }
            return address;
        }

        private static <T> T requireNonNull(final T value, final String name)
        {
            if (value == null)
            {
                throw new IllegalArgumentException(name + " is required");
            }
            return value;
        }
    }
}
