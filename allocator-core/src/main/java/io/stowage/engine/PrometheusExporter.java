package io.stowage.engine;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.agrona.concurrent.status.CountersReader;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Serves the engine's metrics at {@code http://ADDRESS:PORT/metrics} with the Prometheus Java client: its registry,
 * its text (and OpenMetrics, on request) exposition and its HTTP server, on the address asked for (loopback unless
 * told otherwise). Nothing is added to the engine's hot path: every figure is read when scraped.
 * <ul>
 *     <li>The engine's counters ({@link EngineMetrics}): inputs, decisions, rejections, ended tasks, errors, ring
 *     and task gauges, and latency as the histogram {@code stowage_latency_seconds}, read from the Agrona counters.
 *     </li>
 *     <li>The kernel's books ({@link KernelMetrics}), when the exporter runs beside an engine: per framework and per
 *     role, agents per state, the cluster; copied by one {@link AllocatorEngine#query} per scrape.</li>
 * </ul>
 * Paths other than {@code /metrics} and the client's {@code /-/healthy} answer 404.
 */
public final class PrometheusExporter implements AutoCloseable
{
    /** The content type of the text format 0.0.4, served unless a scraper asks for OpenMetrics. */
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final HTTPServer server;
    private final InetSocketAddress address;
    private final KernelMetrics kernel;

    private PrometheusExporter(final HTTPServer server, final InetSocketAddress address, final KernelMetrics kernel)
    {
        this.server = server;
        this.address = address;
        this.kernel = kernel;
    }

    /**
     * Serves the engine's counters only: for counters mapped from another process's file
     * ({@link EngineCountersReader#counters()}).
     *
     * @param address  where to listen; port 0 for any free port.
     * @param counters the counters to expose.
     * @return a running exporter.
     */
    public static PrometheusExporter start(final InetSocketAddress address, final CountersReader counters)
    {
        return start(address, counters, null);
    }

    /**
     * @param address  where to listen.
     * @param counters the engine's counters.
     * @param kernel   the kernel's figures, or null for the counters only.
     * @return a running exporter.
     */
    static PrometheusExporter start(
        final InetSocketAddress address, final CountersReader counters, final KernelMetrics kernel)
    {
        final PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new EngineMetrics(counters));
        if (kernel != null)
        {
            registry.register(kernel);
        }
        final HTTPServer.Builder builder = HTTPServer.builder()
            .port(address.getPort())
            .registry(registry)
            .defaultHandler(PrometheusExporter::notFound);
        if (address.isUnresolved())
        {
            builder.hostname(address.getHostString());
        }
        else
        {
            builder.inetAddress(address.getAddress());
        }
        final HTTPServer server;
        try
        {
            server = builder.buildAndStart();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot bind the Prometheus exporter to " + address, ex);
        }
        final InetAddress bound = address.isUnresolved() ? InetAddress.getLoopbackAddress() : address.getAddress();
        return new PrometheusExporter(server, new InetSocketAddress(bound, server.getPort()), kernel);
    }

    /** @return the port it listens on. */
    public int port()
    {
        return server.getPort();
    }

    /** @return the address and port it listens on. */
    public InetSocketAddress address()
    {
        return address;
    }

    /** @return scrapes that got no figures from the kernel in time (0 for an exporter of the counters only). */
    public long kernelMisses()
    {
        return kernel == null ? 0 : kernel.misses();
    }

    /**
     * @param counters the counters to format.
     * @return the text exposition (format 0.0.4) of the engine's counters in them, as a scrape of
     * {@link #start(InetSocketAddress, CountersReader)} serves it.
     */
    public static String format(final CountersReader counters)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try
        {
            PrometheusTextFormatWriter.create().write(out, new EngineMetrics(counters).collect());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void notFound(final HttpExchange exchange) throws IOException
    {
        try (exchange)
        {
            exchange.sendResponseHeaders(404, -1);
        }
    }

    /** Stops serving. */
    @Override
    public void close()
    {
        server.close();
    }
}
