package io.stowage.jmh;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.stowage.core.KernelConfig;
import io.stowage.core.ResourceSchema;
import io.stowage.engine.AllocatorClient;
import io.stowage.engine.AllocatorEngine;
import io.stowage.engine.EngineThreading;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.openjdk.jmh.annotations.Fork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Submit-to-decision latency of the whole engine (client, ring, journal stage, kernel stage, listener; the stages on
 * two threads or one, {@code --threading}) at a fixed
 * offered rate, with coordinated omission corrected by scheduled send times: request {@code i} is due at
 * {@code start + i * interval}; the sender sends it then, or at once if it is late; its latency is the callback
 * time minus the time it was due, so a stall delays every request behind it in the measurement as it would for real
 * schedulers. Two histograms: submit to the first answer ({@code onQueued} or {@code onRejected}), and submit to
 * {@code onPlaced}. The sender also finishes each placed task, so the cluster stays in steady state and the ring
 * carries about two inputs per submit.
 * <p>
 * Run: {@code java -cp jmh/target/benchmarks.jar io.stowage.jmh.EngineLatencyHarness [--rate N] [--seconds N]
 * [--warmup N] [--agents N] [--threading dedicated|shared] [--wait blocking|lite|yielding|sleeping]
 * [--idle backoff|yielding|spin|sleeping] [--sender spin|yield|park] [--counters DIR] [--json FILE]}.
 * {@code --wait} is the dedicated stages' wait strategy, {@code --idle} the shared duty cycle's idle strategy
 * ({@code backoff}: the engine's default). A bad option or value is named on stderr, exit code 2. Without the JVM
 * flags of {@link JvmFlags} it starts itself again in a child JVM with them.
 */
public final class EngineLatencyHarness
{
    private final Settings settings;

    private EngineLatencyHarness(final Settings settings)
    {
        this.settings = settings;
    }

    /**
     * @param args see the class description.
     * @throws Exception if the run fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final Settings settings;
        try
        {
            settings = Settings.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("EngineLatencyHarness: " + ex.getMessage());
            System.exit(2);
            return;
        }
        if (!hasJvmFlags())
        {
            System.exit(relaunch(args));
        }
        final LatencyResult result = new EngineLatencyHarness(settings).run();
        System.out.print(result.report());
        if (settings.json != null)
        {
            Files.writeString(settings.json, result.json());
        }
    }

    private LatencyResult run() throws InterruptedException
    {
        final ResourceSchema schema = ResourceSchema.of("cpus", "mem");
        final KernelConfig config = KernelConfig.builder(schema)
            .maxAgents(settings.agents).maxTasks(1 << 20).build();
        final long intervalNanos = TimeUnit.SECONDS.toNanos(1) / settings.rate;
        final LatencyListener listener = new LatencyListener(intervalNanos);
        final AllocatorEngine.Builder builder = AllocatorEngine.builder(config)
            .listener(listener)
            .ringSize(1 << 16)
            .threading(settings.threading)
            .waitStrategy(settings.waitStrategy());
        if (settings.idle != Idle.BACKOFF)
        {
            builder.idleStrategy(settings.idle.strategy());
        }
        if (settings.counters != null)
        {
            builder.countersDirectory(settings.counters);
        }
        final long warmupCount = settings.rate * settings.warmupSeconds;
        final long measuredCount = settings.rate * settings.seconds;
        final long lateSends;
        try (AllocatorEngine engine = builder.build().start())
        {
            final long[] capacity = {64_000, 262_144};
            for (int a = 0; a < settings.agents; a++)
            {
                engine.agentInput().register("agent-" + a, capacity, Map.of(), System.nanoTime(), null);
            }
            final AllocatorClient client = engine.client();
            final int framework = client.registerFramework("bench");
            final long warmupStart = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
            listener.warmup(warmupStart);
            send(client, framework, listener, warmupStart, intervalNanos, 0, warmupCount, settings.sender);
            listener.awaitAnswers(warmupCount);
            final long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
            listener.measure(start, warmupCount);
            lateSends = send(client, framework, listener, start, intervalNanos, warmupCount,
                warmupCount + measuredCount, settings.sender);
            listener.awaitAnswers(warmupCount + measuredCount);
        }
        return new LatencyResult(settings, measuredCount, lateSends, listener.answered(), listener.placed());
    }

    private static long send(
        final AllocatorClient client,
        final int framework,
        final LatencyListener listener,
        final long start,
        final long intervalNanos,
        final long from,
        final long to,
        final Sender sender)
    {
        final long[] resources = {100, 256};
        long late = 0;
        for (long i = from; i < to; i++)
        {
            final long due = start + (i - from) * intervalNanos;
            long now = System.nanoTime();
            if (now - due > intervalNanos)
            {
                late++;
            }
            while (now < due)
            {
                switch (sender)
                {
                    case PARK -> LockSupport.parkNanos(due - now);
                    case YIELD -> Thread.yield();
                    default -> Thread.onSpinWait();
                }
                now = System.nanoTime();
            }
            client.submit(framework, resources, i);
            for (long taskId = listener.pollPlaced(); taskId >= 0; taskId = listener.pollPlaced())
            {
                client.finish(taskId, -1);
            }
        }
        return late;
    }

    private static boolean hasJvmFlags()
    {
        return Object.class.getModule().isExported("jdk.internal.misc", EngineLatencyHarness.class.getModule());
    }

    private static int relaunch(final String[] args) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(JvmFlags.class.getAnnotation(Fork.class).jvmArgsAppend()));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EngineLatencyHarness.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    /** How the sender waits for the next due time. */
    enum Sender
    {
        /** Busy-spin: the most precise send times, but the sender holds a core. */
        SPIN,
        /** Yield the core while waiting: precise when a core is free, gives way to the engine when none is. */
        YIELD,
        /** Park: frees the core; send times late by the timer's granularity (tens of microseconds). */
        PARK
    }

    /** How the shared duty cycle idles when the ring is empty. */
    enum Idle
    {
        /** The engine's default: spin, yield, then park up to 100 µs. */
        BACKOFF,
        /** Always yield: wakes at once, holds its core unless another thread wants it. */
        YIELDING,
        /** Always spin: holds a core. */
        SPIN,
        /** Always park for 1 µs (tens of microseconds on Linux): frees the core. */
        SLEEPING;

        IdleStrategy strategy()
        {
            return switch (this)
            {
                case YIELDING -> new YieldingIdleStrategy();
                case SPIN -> new BusySpinIdleStrategy();
                case SLEEPING -> new SleepingIdleStrategy(1_000);
                default -> throw new IllegalStateException("the engine's default: " + this);
            };
        }
    }

    /** Command-line settings. */
    static final class Settings
    {
        private static final List<String> WAITS = List.of("blocking", "lite", "yielding", "sleeping");

        long rate = 100_000;
        long seconds = 20;
        long warmupSeconds = 5;
        int agents = 1_000;
        EngineThreading threading = EngineThreading.DEDICATED;
        Idle idle = Idle.BACKOFF;
        String wait = "sleeping";
        Sender sender = Sender.YIELD;
        Path counters;
        Path json;

        static Settings parse(final String[] args)
        {
            final Settings settings = new Settings();
            for (int i = 0; i < args.length; i += 2)
            {
                if (i + 1 >= args.length)
                {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                final String value = args[i + 1];
                switch (args[i])
                {
                    case "--rate" -> settings.rate = number(args[i], value);
                    case "--seconds" -> settings.seconds = number(args[i], value);
                    case "--warmup" -> settings.warmupSeconds = number(args[i], value);
                    case "--agents" -> settings.agents = (int)Math.min(Integer.MAX_VALUE, number(args[i], value));
                    case "--threading" -> settings.threading = choice(args[i], value, EngineThreading.class);
                    case "--idle" -> settings.idle = choice(args[i], value, Idle.class);
                    case "--wait" -> settings.wait = value.toLowerCase(Locale.ROOT);
                    case "--sender" -> settings.sender = choice(args[i], value, Sender.class);
                    case "--counters" -> settings.counters = Path.of(value);
                    case "--json" -> settings.json = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (!WAITS.contains(settings.wait))
            {
                throw new IllegalArgumentException("--wait " + settings.wait + ": expected one of " +
                    String.join(", ", WAITS));
            }
            if (settings.rate <= 0 || settings.rate > 10_000_000 || settings.seconds <= 0 ||
                settings.warmupSeconds < 0 || settings.agents <= 0)
            {
                throw new IllegalArgumentException("bad settings: rate 1 to 10000000, seconds above 0, warmup 0 or " +
                    "more, agents above 0");
            }
            return settings;
        }

        private static long number(final String option, final String value)
        {
            try
            {
                return Long.parseLong(value);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(option + " " + value + ": not a whole number");
            }
        }

        private static <E extends Enum<E>> E choice(final String option, final String value, final Class<E> type)
        {
            for (final E constant : type.getEnumConstants())
            {
                if (constant.name().equalsIgnoreCase(value))
                {
                    return constant;
                }
            }
            final List<String> names = new ArrayList<>();
            for (final E constant : type.getEnumConstants())
            {
                names.add(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException(option + " " + value + ": expected one of " + String.join(", ", names));
        }

        WaitStrategy waitStrategy()
        {
            return switch (wait)
            {
                case "yielding" -> new YieldingWaitStrategy();
                case "sleeping" -> new SleepingWaitStrategy();
                case "lite" -> new LiteBlockingWaitStrategy();
                default -> new BlockingWaitStrategy();
            };
        }
    }

    /** The histograms of a run and how to print them. */
    record LatencyResult(Settings settings, long sent, long lateSends, Histogram answered, Histogram placed)
    {
        String report()
        {
            return String.format(Locale.ROOT,
                "EngineLatencyHarness: %d submits at %d/s offered over %d s (after %d s warm-up), threading %s, " +
                    "wait %s, idle %s, sender %s, %d agents; %d sends started more than one interval late%n" +
                    "latency in microseconds, coordinated omission corrected (from the scheduled send time)%n" +
                    "%-28s %10s %10s %10s %10s %10s%n%s%s",
                sent, settings.rate, settings.seconds, settings.warmupSeconds,
                settings.threading.name().toLowerCase(Locale.ROOT), settings.wait,
                settings.idle.name().toLowerCase(Locale.ROOT), settings.sender.name().toLowerCase(Locale.ROOT),
                settings.agents, lateSends,
                "", "count", "p50", "p99", "p99.9", "max",
                line("submit -> queued/rejected", answered), line("submit -> placed", placed));
        }

        String json()
        {
            return String.format(Locale.ROOT,
                "{\"benchmark\":\"EngineLatencyHarness\",\"ratePerSecond\":%d,\"seconds\":%d,\"warmupSeconds\":%d," +
                    "\"threading\":\"%s\",\"wait\":\"%s\",\"idle\":\"%s\",\"sender\":\"%s\",\"agents\":%d," +
                    "\"sent\":%d,\"lateSends\":%d,\"unit\":\"us\"," +
                    "\"answered\":%s,\"placed\":%s}%n",
                settings.rate, settings.seconds, settings.warmupSeconds,
                settings.threading.name().toLowerCase(Locale.ROOT), settings.wait,
                settings.idle.name().toLowerCase(Locale.ROOT), settings.sender.name().toLowerCase(Locale.ROOT),
                settings.agents, sent,
                lateSends, jsonHistogram(answered), jsonHistogram(placed));
        }

        private static String line(final String name, final Histogram histogram)
        {
            return String.format(Locale.ROOT, "%-28s %10d %10.1f %10.1f %10.1f %10.1f%n", name,
                histogram.getTotalCount(), micros(histogram.getValueAtPercentile(50)),
                micros(histogram.getValueAtPercentile(99)), micros(histogram.getValueAtPercentile(99.9)),
                micros(histogram.getMaxValue()));
        }

        private static String jsonHistogram(final Histogram histogram)
        {
            return String.format(Locale.ROOT, "{\"count\":%d,\"p50\":%.1f,\"p99\":%.1f,\"p999\":%.1f,\"max\":%.1f}",
                histogram.getTotalCount(), micros(histogram.getValueAtPercentile(50)),
                micros(histogram.getValueAtPercentile(99)), micros(histogram.getValueAtPercentile(99.9)),
                micros(histogram.getMaxValue()));
        }

        private static double micros(final long nanos)
        {
            return nanos / 1000.0;
        }
    }
}
