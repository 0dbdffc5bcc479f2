package io.stowage.ipc;

import io.aeron.ChannelUri;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where frames travel, chosen by one string: {@code aeron:udp?endpoint=host:port} (Aeron over UDP, between hosts),
 * {@code aeron:ipc} (Aeron over shared memory, on one host), or a filesystem path (a Chronicle queue directory, as
 * before Aeron). Further Aeron channel parameters ({@code |term-length=...}, {@code |mtu=...}, a control address
 * for multi-destination cast) pass through to Aeron unchanged. Immutable.
 */
public final class TransportUri
{
    /** What carries the frames. */
    public enum Kind
    {
        /** A Chronicle queue in a local directory. */
        CHRONICLE_QUEUE,
        /** An Aeron publication over UDP. */
        AERON_UDP,
        /** An Aeron publication over shared memory on one host. */
        AERON_IPC
    }

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);

    private final String uri;
    private final Kind kind;
    private final String channel;
    private final Path queueDir;

    private TransportUri(final String uri, final Kind kind, final String channel, final Path queueDir)
    {
        this.uri = uri;
        this.kind = kind;
        this.channel = channel;
        this.queueDir = queueDir;
    }

    /**
     * @param uri {@code aeron:udp?endpoint=host:port[|...]}, {@code aeron:ipc[?...]} or a directory path.
     * @return the parsed transport.
     * @throws IllegalArgumentException naming the string if it is none of these: an {@code aeron:} channel Aeron
     *                                  cannot parse, a UDP channel without {@code endpoint=host:port} (port 1 to
     *                                  65535), another media or scheme, or an empty path.
     */
    public static TransportUri parse(final String uri)
    {
        if (uri == null || uri.isBlank())
        {
            throw new IllegalArgumentException("transport URI \"" + uri + "\" is empty: expected " +
                "aeron:udp?endpoint=host:port, aeron:ipc or a Chronicle queue directory");
        }
        if (uri.startsWith(ChannelUri.AERON_SCHEME + ":"))
        {
            return parseAeron(uri);
        }
        if (SCHEME.matcher(uri).matches())
        {
            throw new IllegalArgumentException("transport URI \"" + uri + "\" has an unknown scheme: expected " +
                "aeron:udp?endpoint=host:port, aeron:ipc or a Chronicle queue directory");
        }
        try
        {
            return new TransportUri(uri, Kind.CHRONICLE_QUEUE, null, Path.of(uri));
        }
        catch (final InvalidPathException ex)
        {
            throw new IllegalArgumentException("transport URI \"" + uri + "\" is not a valid directory path", ex);
        }
    }

    /**
     * @param dir a Chronicle queue directory.
     * @return the transport of that directory.
     */
    public static TransportUri of(final Path dir)
    {
        return new TransportUri(dir.toString(), Kind.CHRONICLE_QUEUE, null, dir);
    }

    private static TransportUri parseAeron(final String uri)
    {
        final ChannelUri channel;
        try
        {
            channel = ChannelUri.parse(uri);
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException("transport URI \"" + uri + "\" is not an Aeron channel: " +
                ex.getMessage(), ex);
        }
        if ("ipc".equals(channel.media()))
        {
            return new TransportUri(uri, Kind.AERON_IPC, uri, null);
        }
        if (!"udp".equals(channel.media()))
        {
            throw new IllegalArgumentException("transport URI \"" + uri + "\" has media \"" + channel.media() +
                "\": expected aeron:udp or aeron:ipc");
        }
        final String endpoint = channel.get("endpoint");
        if (endpoint == null)
        {
            if (channel.get("control") != null)
            {
                return new TransportUri(uri, Kind.AERON_UDP, uri, null);
            }
            throw new IllegalArgumentException("transport URI \"" + uri + "\" has no endpoint=host:port");
        }
        final int colon = endpoint.lastIndexOf(':');
        if (colon <= 0 || !validPort(endpoint.substring(colon + 1)))
        {
            throw new IllegalArgumentException("transport URI \"" + uri + "\" has endpoint \"" + endpoint +
                "\": expected host:port with a port from 1 to 65535");
        }
        return new TransportUri(uri, Kind.AERON_UDP, uri, null);
    }

    private static boolean validPort(final String port)
    {
        if (port.isEmpty() || port.length() > 5)
        {
            return false;
        }
        for (int i = 0; i < port.length(); i++)
        {
            if (port.charAt(i) < '0' || port.charAt(i) > '9')
            {
                return false;
            }
        }
        final int value = Integer.parseInt(port);
        return value >= 1 && value <= 65535;
    }

    /** @return what carries the frames. */
    public Kind kind()
    {
        return kind;
    }

    /** @return true for an Aeron channel. */
    public boolean isAeron()
    {
        return kind != Kind.CHRONICLE_QUEUE;
    }

    /**
     * @return the Aeron channel.
     * @throws IllegalStateException for a Chronicle queue.
     */
    public String channel()
    {
        if (channel == null)
        {
            throw new IllegalStateException("transport " + uri + " is a Chronicle queue, not an Aeron channel");
        }
        return channel;
    }

    /**
     * @return the Chronicle queue directory.
     * @throws IllegalStateException for an Aeron channel.
     */
    public Path queueDir()
    {
        if (queueDir == null)
        {
            throw new IllegalStateException("transport " + uri + " is an Aeron channel, not a Chronicle queue");
        }
        return queueDir;
    }

    @Override
    public String toString()
    {
        return uri;
    }
}
