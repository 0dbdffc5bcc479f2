package io.stowage.engine;

import io.stowage.core.KernelView;
import io.stowage.core.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.stowage.engine.EngineFixture.config;
import static io.stowage.engine.EngineFixture.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Prometheus exporter over HTTP: scraped with the JDK's client and read with a strict parser of the text format
 * ({@link StrictExposition}); every value is compared with the engine's counters or the kernel's own view, asked
 * separately, never with a number written here.
 */
class EnginePrometheusTest
{
    private static final double MIB = 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldServeEngineAndKernelFamiliesThatAStrictParserAccepts(final EngineThreading threading) throws Exception
    {
        final RecordingListener listener = new RecordingListener();
        final AllocatorEngine engine = AllocatorEngine.builder(config()).threading(threading).listener(listener)
            .prometheusAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .latencyPeriodNanos(1).build().start();
        try
        {
            final AllocatorClient client = engine.client();
            engine.agentInput().register("a1", vector(4000, 4_096_000), Map.of(), System.nanoTime(), null);
            engine.agentInput().register("a2", vector(2000, 1_024_000), Map.of(), System.nanoTime(), null);
            client.drain("a2", 1);
            client.setRole("prod", 2.0, null, vector(3000, 100_000_000), 2);
            final int web = client.registerFramework("web", "prod", 0, 1, -1);
            final int batch = client.registerFramework("batch");
            client.submit(web, vector(1000, 512_000), 10);
            client.submit(web, vector(1000, 512_000), 11);
            listener.await("REJECTED corr=11 SUBMIT RATE_LIMITED");
            for (int i = 0; i < 4; i++)
            {
                client.submit(batch, vector(1000, 1_024_000), 20 + i);
            }
            listener.await("QUEUED corr=23");
            engine.tick(System.nanoTime());
            engine.awaitApplied(TimeUnit.SECONDS.toNanos(10));

            final Map<String, StrictExposition.Family> metrics = scrape(engine);

            final EngineCounters counters = engine.counters();
            assertEquals(counters.value(CounterFamily.EVENTS, "submit"), value(metrics, "stowage_events_total", "type",
                "submit"));
            assertEquals(counters.value(CounterFamily.REJECTIONS, "RATE_LIMITED"),
                value(metrics, "stowage_rejections_total", "reason", "RATE_LIMITED"));
            assertEquals(counters.value(CounterFamily.DECISIONS, "placed"),
                value(metrics, "stowage_decisions_total", "kind", "placed"));
            assertEquals(counters.value(CounterFamily.AGENTS, ""), value(metrics, "stowage_agents"));
            assertEquals(counters.value(CounterFamily.RING_CAPACITY, ""), value(metrics, "stowage_ring_capacity"));
            assertEquals(0, value(metrics, "stowage_errors_total", "stage", "kernel"));
            assertEquals("counter", metrics.get("stowage_events_total").type);
            assertEquals("gauge", metrics.get("stowage_pending_tasks").type);

            final LatencySnapshot latency = new LatencySnapshot(counters.reader());
            assertTrue(latency.read());
            final StrictExposition.Family histogram = metrics.get("stowage_latency_seconds");
            assertEquals("histogram", histogram.type);
            assertTrue(latency.count() > 0);
            assertEquals(latency.count(), histogram.sample("stowage_latency_seconds_count"));
            assertEquals(latency.count(), histogram.sample("stowage_latency_seconds_bucket", "le", "+Inf"));
            assertEquals(latency.sumMicros() / 1e6, histogram.sample("stowage_latency_seconds_sum"), 1e-9);
            assertEquals(latency.buckets() + 1, histogram.samples.stream()
                .filter(sample -> sample.name().endsWith("_bucket")).count());
            assertEquals(latency.maxMicros() / 1e6, value(metrics, "stowage_latency_max_seconds"), 1e-9);

            final Truth truth = engine.query(view -> new Truth(view, web, batch)).get(10, TimeUnit.SECONDS);
            for (final int f : new int[] {web, batch})
            {
                final String[] labels = {"framework", truth.names[f], "role", truth.roles[f]};
                assertEquals(truth.pending[f], value(metrics, "stowage_framework_pending_tasks", labels));
                assertEquals(truth.running[f], value(metrics, "stowage_framework_running_tasks", labels));
                assertEquals(truth.placed[f], value(metrics, "stowage_framework_placed_total", labels));
                assertEquals(truth.cpus[f] / 1000.0, value(metrics, "stowage_framework_allocated",
                    with(labels, "dimension", "cpus")));
                assertEquals(truth.mem[f] / 1000.0 * MIB, value(metrics, "stowage_framework_allocated_bytes",
                    with(labels, "dimension", "mem")));
            }
            assertTrue(truth.running[batch] > 0 && truth.pending[batch] > 0, "some placed, some waiting");
            assertEquals(truth.rateLimited, value(metrics, "stowage_framework_refusals_total",
                "framework", "web", "role", "prod", "reason", "RATE_LIMITED"));
            assertTrue(truth.rateLimited > 0);
            assertEquals(truth.rateLimited, value(metrics, "stowage_role_refusals_total", "role", "prod", "reason",
                "RATE_LIMITED"));
            assertEquals(truth.pending[batch], value(metrics, "stowage_role_pending_tasks", "role", "*"));
            assertEquals(truth.roleCpus / 1000.0, value(metrics, "stowage_role_allocated", "role", "prod",
                "dimension", "cpus"));
            assertEquals(truth.capacityMem / 1000.0 * MIB, value(metrics, "stowage_cluster_capacity_bytes",
                "dimension", "mem"));
            assertEquals(truth.active, value(metrics, "stowage_agents_by_state", "state", "active"));
            assertEquals(truth.draining, value(metrics, "stowage_agents_by_state", "state", "draining"));
            assertEquals(1, truth.draining);
            assertEquals(0, value(metrics, "stowage_agents_by_state", "state", "unreachable"));
            assertEquals(0, value(metrics, "stowage_kernel_scrape_misses_total"));
            assertEquals("gauge", metrics.get("stowage_framework_allocated_bytes").type);
            assertEquals("counter", metrics.get("stowage_framework_refusals_total").type);

            assertEquals(404, get(engine.prometheusPort(), "/other").statusCode());
        }
        finally
        {
            engine.close();
        }
        assertEquals(-1, engine.prometheusPort());
        assertNull(engine.prometheusAddress());
    }

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldServeTheEngineFamiliesAndCountAMissWhenTheKernelDoesNotAnswerInTime(final EngineThreading threading)
        throws Exception
    {
        final CountDownLatch release = new CountDownLatch(1);
        try (AllocatorEngine engine = AllocatorEngine.builder(config()).threading(threading).prometheusPort(0)
            .answerTimeoutNanos(TimeUnit.MILLISECONDS.toNanos(200)).build().start())
        {
            engine.client().registerFramework("web");
            engine.query(view ->
            {
                try
                {
                    return release.await(30, TimeUnit.SECONDS); // holds the kernel thread, as a stuck engine would
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });

            final Map<String, StrictExposition.Family> stuck;
            try
            {
                stuck = scrape(engine);
            }
            finally
            {
                release.countDown();
            }

            assertTrue(stuck.containsKey("stowage_events_total"), stuck.keySet().toString());
            assertFalse(stuck.containsKey("stowage_framework_pending_tasks"), stuck.keySet().toString());
            assertEquals(1, value(stuck, "stowage_kernel_scrape_misses_total"));
            final Map<String, StrictExposition.Family> after = scrape(engine);
            assertEquals(0, value(after, "stowage_framework_pending_tasks", "framework", "web", "role", "*"));
            assertEquals(1, value(after, "stowage_kernel_scrape_misses_total"));
        }
    }

    @Test
    void shouldBindTheAddressAskedFor() throws Exception
    {
        try (AllocatorEngine engine = AllocatorEngine.builder(config()).prometheusBind("127.0.0.1:0").build().start())
        {
            assertEquals(InetAddress.getByName("127.0.0.1"), engine.prometheusAddress().getAddress());
            assertEquals(engine.prometheusPort(), engine.prometheusAddress().getPort());
            assertEquals(200, get(engine.prometheusPort(), "/metrics").statusCode());
        }
        final InetAddress other = InetAddress.getByName("127.0.0.2");
        assumeTrue(canBind(other), "127.0.0.2 is not a loopback address here");
        try (AllocatorEngine engine = AllocatorEngine.builder(config())
            .prometheusAddress(new InetSocketAddress(other, 0)).build().start())
        {
            final int port = engine.prometheusPort();
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.2:" + port + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertThrows(IOException.class, () -> get(port, "/metrics"), "not bound on 127.0.0.1");
        }
    }

    @Test
    void shouldRefuseAMalformedBindAddress()
    {
        for (final String bad : List.of("9464", "host:", ":9464", "127.0.0.1:65536", "127.0.0.1:port", "::1:9464"))
        {
            assertThrows(IllegalArgumentException.class,
                () -> AllocatorEngine.builder(config()).prometheusBind(bad), bad);
        }
        assertEquals(new InetSocketAddress("::1", 9464), AllocatorEngine.Builder.parseHostAndPort("[::1]:9464"));
    }

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldNotServeUnlessAsked(final EngineThreading threading)
    {
        try (AllocatorEngine engine = AllocatorEngine.builder(config()).threading(threading).build().start())
        {
            assertEquals(-1, engine.prometheusPort());
            assertNull(engine.prometheusAddress());
        }
    }

    /** What a process reading another's counters file serves: the engine's families, strictly well formed. */
    @Test
    void shouldFormatCountersAsAStrictHistogramAcrossPublications()
    {
        final EngineCounters counters = EngineCounters.inMemory();
        final LatencyMeter meter = new LatencyMeter(counters, 1, 0);
        final long[] samples = {800, 3_000, 40_000, 2_000_000, 70_000_000_000L};
        for (int i = 0; i < samples.length; i++)
        {
            meter.record(samples[i]);
            meter.publish(i + 1);
        }
        meter.publish(samples.length + 1); // a period without samples keeps the buckets

        final Map<String, StrictExposition.Family> metrics = StrictExposition.parse(PrometheusExporter.format(
            counters.reader()));

        final StrictExposition.Family histogram = metrics.get("stowage_latency_seconds");
        assertEquals(samples.length, histogram.sample("stowage_latency_seconds_count"));
        assertEquals(1, histogram.sample("stowage_latency_seconds_bucket", "le", "2.5E-6"));
        assertEquals(2, histogram.sample("stowage_latency_seconds_bucket", "le", "5.0E-6"));
        assertEquals(4, histogram.sample("stowage_latency_seconds_bucket", "le", "10.0"), "60 s clamp is over 10 s");
        assertFalse(metrics.containsKey("stowage_framework_pending_tasks"), "no kernel without an engine");
    }

    @Test
    void shouldRefuseMalformedExpositions()
    {
        for (final String bad : List.of(
            "x 1\n",
            "# TYPE x gauge\nx 1",
            "# TYPE x gauge\nx{a=\"1\",a=\"2\"} 1\n",
            "# TYPE x gauge\nx{a=\"\\t\"} 1\n",
            "# TYPE x gauge\nx one\n",
            "# TYPE x gauge\nx 1\n# HELP x late\n",
            "# TYPE x gauge\n# TYPE x counter\n",
            "# TYPE x counter\nx 1\n",
            "# TYPE x gauge\nx 1\n# TYPE y gauge\ny 1\nx 2\n",
            "# comment\n",
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 0\n",
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\nh_sum 0\n",
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_count 3\nh_sum 0\n"))
        {
            assertThrows(IllegalArgumentException.class, () -> StrictExposition.parse(bad), bad);
        }
    }

    private static Map<String, StrictExposition.Family> scrape(final AllocatorEngine engine) throws Exception
    {
        final HttpResponse<String> response = get(engine.prometheusPort(), "/metrics");
        assertEquals(200, response.statusCode());
        assertEquals(PrometheusExporter.CONTENT_TYPE, response.headers().firstValue("Content-Type").orElse(""));
        return StrictExposition.parse(response.body());
    }

    private static double value(
        final Map<String, StrictExposition.Family> metrics, final String family, final String... labels)
    {
        final StrictExposition.Family found = metrics.get(family);
        assertTrue(found != null, "no family " + family + " in " + metrics.keySet());
        return found.value(labels);
    }

    private static String[] with(final String[] labels, final String name, final String value)
    {
        final String[] all = java.util.Arrays.copyOf(labels, labels.length + 2);
        all[labels.length] = name;
        all[labels.length + 1] = value;
        return all;
    }

    private static HttpResponse<String> get(final int port, final String path) throws Exception
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static boolean canBind(final InetAddress address)
    {
        try (ServerSocket socket = new ServerSocket(0, 1, address))
        {
            return socket.getLocalPort() > 0;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /** The kernel's own figures, read on the kernel thread, to compare the scrape with. */
    private static final class Truth
    {
        final String[] names = new String[2];
        final String[] roles = new String[2];
        final long[] pending = new long[2];
        final long[] running = new long[2];
        final long[] placed = new long[2];
        final long[] cpus = new long[2];
        final long[] mem = new long[2];
        final long rateLimited;
        final long roleCpus;
        final long capacityMem;
        final long active;
        final long draining;

        Truth(final KernelView view, final int web, final int batch)
        {
            for (final int f : new int[] {web, batch})
            {
                names[f] = view.frameworkName(f);
                roles[f] = view.frameworkRole(f);
                pending[f] = view.frameworkPending(f);
                running[f] = view.frameworkRunning(f);
                placed[f] = view.frameworkPlaced(f);
                cpus[f] = view.frameworkAllocated(f, 0);
                mem[f] = view.frameworkAllocated(f, 1);
            }
            rateLimited = view.frameworkRefusals(web, Reason.RATE_LIMITED);
            roleCpus = view.roleAllocated(view.roleId("prod"), 0);
            capacityMem = view.clusterCapacity(1);
            long activeAgents = 0;
            long drainingAgents = 0;
            for (int slot = 0; slot < view.maxAgents(); slot++)
            {
                if (view.isRegistered(slot))
                {
                    activeAgents += view.agentState(slot) == io.stowage.core.AgentState.ACTIVE ? 1 : 0;
                    drainingAgents += view.agentState(slot) == io.stowage.core.AgentState.DRAINING ? 1 : 0;
                }
            }
            active = activeAgents;
            draining = drainingAgents;
        }
    }
}
