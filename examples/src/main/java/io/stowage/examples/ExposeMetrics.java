package io.stowage.examples;

import io.stowage.core.KernelConfig;
import io.stowage.core.KernelView;
import io.stowage.core.ResourceSchema;
import io.stowage.core.TaskRequest;
import io.stowage.engine.AllocatorClient;
import io.stowage.engine.AllocatorEngine;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The engine's Prometheus endpoint: an engine serving {@code /metrics} on a free loopback port, a few tasks placed
 * and refused, one scrape over HTTP, and the per-framework, per-role and per-agent-state lines it returns. Prints
 * them; the same run prints the same lines. See docs/embedding.md.
 */
public final class ExposeMetrics
{
    private static final List<String> SHOWN = List.of("stowage_framework_running_tasks{",
        "stowage_framework_allocated{", "stowage_framework_allocated_bytes{", "stowage_framework_refusals_total{",
        "stowage_role_pending_tasks{", "stowage_agents_by_state{state=\"active\"}");

    private ExposeMetrics()
    {
    }

    /**
     * @param args none.
     * @throws IOException          if the scrape fails.
     * @throws InterruptedException if interrupted while waiting.
     * @throws ExecutionException   if the engine's answer failed.
     * @throws TimeoutException     if the engine did not answer within 10 s.
     */
    public static void main(final String[] args)
        throws IOException, InterruptedException, ExecutionException, TimeoutException
    {
        final ResourceSchema schema = ResourceSchema.of("cpus", "mem");
        try (AllocatorEngine engine = AllocatorEngine.builder(KernelConfig.builder(schema).build())
            .prometheusBind("127.0.0.1:0").build().start())   // a free port; "0.0.0.0:9464" for every interface
        {
            engine.agentInput().register("agent-1", schema.vector("cpus=4 mem=8GiB"), Map.of(), System.nanoTime(),
                null);
            final AllocatorClient client = engine.client();
            final int shop = client.registerFramework("shop", "web", -1, 0, -1);
            final TaskRequest request = new TaskRequest(schema);
            client.submit(request.reset(shop).resources("cpus=1.5 mem=2GiB"), 1);
            client.submit(request.reset(shop).resources("cpus=1 mem=1GiB").key(7), 2);
            client.submit(request.reset(shop).resources("cpus=1 mem=1GiB").key(7), 3);   // a duplicate key
            client.submit(request.reset(shop).resources("cpus=9 mem=1GiB"), 4);          // never fits: stays pending
            engine.query(KernelView::runningTaskCount).get(10, TimeUnit.SECONDS);       // after every input above

            final URI metrics = URI.create("http://" + engine.prometheusAddress().getHostString() + ":" +
                engine.prometheusAddress().getPort() + "/metrics");
            final String text = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString()).body();
            text.lines().filter(line -> SHOWN.stream().anyMatch(line::startsWith)).sorted()
                .forEach(System.out::println);
        }
    }
}
