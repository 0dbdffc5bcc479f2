package io.stowage.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static io.stowage.engine.EngineFixture.config;
import static io.stowage.engine.EngineFixture.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnginePrometheusTest
{
    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldServeTheCountersInTextFormatOnLoopback(final EngineThreading threading) throws Exception
    {
        final RecordingListener listener = new RecordingListener();
        final AllocatorEngine engine = AllocatorEngine.builder(config()).threading(threading)
            .listener(listener).prometheusPort(0).latencyPeriodNanos(1).build().start();
        try
        {
            engine.agentInput().register("a1", vector(4000, 4096), Map.of(), System.nanoTime(), null);
            final int framework = engine.client().registerFramework("web", "*", 0, 1, -1);
            engine.client().submit(framework, vector(1000, 1000), 1);
            engine.client().submit(framework, vector(1000, 1000), 2);
            listener.await("REJECTED corr=2 SUBMIT RATE_LIMITED");
            engine.tick(System.nanoTime());
            listener.await("PLACED");
            engine.client().submit(framework, vector(1000, 1000), 3);
            listener.await("REJECTED corr=3 SUBMIT RATE_LIMITED");

            final HttpResponse<String> response = get(engine.prometheusPort());
            assertEquals(200, response.statusCode());
            assertEquals(PrometheusExporter.CONTENT_TYPE, response.headers().firstValue("Content-Type").orElse(""));
            final String body = response.body();
            assertTrue(body.contains("# TYPE stowage_events_total counter\n"), body);
            assertTrue(body.contains("stowage_events_total{type=\"submit\"} 3\n"), body);
            assertTrue(body.contains("stowage_rejections_total{reason=\"RATE_LIMITED\"} 2\n"), body);
            assertTrue(body.contains("stowage_decisions_total{kind=\"placed\"} 1\n"), body);
            assertTrue(body.contains("# TYPE stowage_latency_microseconds summary\n"), body);
            assertTrue(body.matches("(?s).*stowage_latency_microseconds\\{quantile=\"0.99\"} [1-9][0-9]*\n.*"), body);
            assertTrue(body.contains("stowage_latency_microseconds_count 4\n"), body);
            assertTrue(body.contains("stowage_agents 1\n"), body);
            assertEquals(404, HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.prometheusPort() + "/other")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        }
        finally
        {
            engine.close();
        }
        assertEquals(-1, engine.prometheusPort());
    }

    @ParameterizedTest
    @EnumSource(EngineThreading.class)
    void shouldNotServeUnlessAsked(final EngineThreading threading)
    {
        try (AllocatorEngine engine = AllocatorEngine.builder(config()).threading(threading).build().start())
        {
            assertEquals(-1, engine.prometheusPort());
        }
    }

    private static HttpResponse<String> get(final int port) throws Exception
    {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
