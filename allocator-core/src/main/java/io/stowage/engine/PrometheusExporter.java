package io.stowage.engine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Serves the engine's counters at {@code http://127.0.0.1:PORT/metrics} in the Prometheus text exposition format
 * 0.0.4, using the JDK's HTTP server on loopback only. Every counter of a {@link CounterFamily} is exposed under the
 * family's metric name with the label its key holds, e.g. {@code stowage_events_total{type="submit"}},
 * {@code stowage_rejections_total{reason="RATE_LIMITED"}}, {@code stowage_latency_microseconds{quantile="0.99"}}.
 * Each scrape reads the counters afresh; nothing is cached. The summary's quantiles, count and sum come from one
 * publication ({@link LatencySnapshot}).
 */
public final class PrometheusExporter implements AutoCloseable
{
    /** The content type of the 0.0.4 text format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final CountersReader counters;

    private PrometheusExporter(final HttpServer server, final CountersReader counters)
    {
        this.server = server;
        this.counters = counters;
    }

    /**
     * @param counters the counters to expose.
     * @param port     the port on 127.0.0.1, 0 for any free port.
     * @return a running exporter.
     */
    public static PrometheusExporter start(final CountersReader counters, final int port)
    {
        final HttpServer server;
        try
        {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot bind the Prometheus exporter to 127.0.0.1:" + port, ex);
        }
        final PrometheusExporter exporter = new PrometheusExporter(server, counters);
        server.createContext("/metrics", exporter::handle);
        server.start();
        return exporter;
    }

    /** @return the port it listens on. */
    public int port()
    {
        return server.getAddress().getPort();
    }

    /**
     * @param counters the counters to format.
     * @return the text exposition of every engine counter in them.
     */
    public static String format(final CountersReader counters)
    {
        final StringBuilder text = new StringBuilder(8192);
        final LatencySnapshot latency = new LatencySnapshot(counters);
        latency.read();
        for (final CounterFamily family : CounterFamily.values())
        {
            if (family.metricType() != null)
            {
                text.append("# HELP ").append(family.metricName()).append(' ').append(family.help()).append('\n');
                text.append("# TYPE ").append(family.metricName()).append(' ').append(family.metricType()).append('\n');
            }
            counters.forEach((counterId, typeId, key, label) ->
            {
                if (typeId == family.typeId())
                {
                    text.append(family.metricName());
                    final String labelValue = key.getStringAscii(0);
                    if (family.labelName() != null)
                    {
                        text.append('{').append(family.labelName()).append("=\"").append(labelValue).append("\"}");
                    }
                    text.append(' ').append(latency.value(counterId)).append('\n');
                }
            });
        }
        return text.toString();
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod()))
            {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            final byte[] body = format(counters).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            if ("HEAD".equals(exchange.getRequestMethod()))
            {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(body);
            }
        }
    }

    /** Stops serving. */
    @Override
    public void close()
    {
        server.stop(0);
    }
}
