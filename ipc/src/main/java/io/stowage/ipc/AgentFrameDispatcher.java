package io.stowage.ipc;

import io.stowage.engine.InputOrigin;
import io.stowage.engine.AgentInputSink;
import org.agrona.DirectBuffer;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.NanoClock;

import java.util.HashMap;

/**
 * The checks of {@link AgentQueueTailer} and {@link AeronAgentReader}, one frame at a time: header, body, dimensions,
 * the credential of the agent id (Aeron only), then its ownership; a frame that passes is delivered to the sink, any
 * other is counted by its {@link FrameError}. Single-threaded.
 */
final class AgentFrameDispatcher
{
    private final AgentOwnership owners;
    private final AgentInputSink sink;
    private final MalformedFrameListener listener;
    private final NanoClock clock;
    private final InputOrigin origin;
    private final ErrorHandler errorHandler;
    private final FrameAuthenticator authenticator;
    private final int dimensions;
    private final long[] vector;
    private final FrameHeader header = new FrameHeader();
    private final RegisterDecoder register = new RegisterDecoder();
    private final HeartbeatDecoder heartbeat = new HeartbeatDecoder();
    private final TaskFinishedDecoder taskFinished = new TaskFinishedDecoder();
    private final LaunchRefusedDecoder launchRefused = new LaunchRefusedDecoder();
    private final long[] rejected = new long[FrameError.values().length];
    private long rejectedTotal;
    private long delivered;
    private long sinkErrors;

    AgentFrameDispatcher(
        final AgentOwnership owners,
        final AgentInputSink sink,
        final MalformedFrameListener listener,
        final NanoClock clock,
        final InputOrigin origin,
        final ErrorHandler errorHandler,
        final FrameAuthenticator authenticator,
        final int dimensions)
    {
        this.authenticator = authenticator;
        this.owners = owners;
        this.sink = sink;
        this.listener = listener;
        this.clock = clock;
        this.origin = origin;
        this.errorHandler = errorHandler;
        this.dimensions = dimensions;
        this.vector = new long[dimensions];
    }

    void dispatch(final DirectBuffer buffer, final int length, final int queue, final long index)
    {
        FrameError error = header.wrap(buffer, 0).check(length);
        if (error == FrameError.NONE && !header.type().isFromAgent())
        {
            error = FrameError.UNEXPECTED_TYPE;
        }
        if (error != FrameError.NONE)
        {
            reject(error, queue, index);
            return;
        }
        final int sourceId = header.sourceId();
        switch (header.type())
        {
            case REGISTER:
                onRegister(buffer, length, queue, sourceId, index);
                break;
            case HEARTBEAT:
                onHeartbeat(buffer, length, queue, sourceId, index);
                break;
            case TASK_FINISHED:
                onTaskFinished(buffer, length, queue, sourceId, index);
                break;
            default:
                onLaunchRefused(buffer, length, queue, sourceId, index);
                break;
        }
    }

    private void onRegister(
        final DirectBuffer buffer, final int length, final int queue, final int sourceId, final long index)
    {
        FrameError error = register.wrap(buffer, 0, length);
        if (error == FrameError.NONE && register.dimensions() != dimensions)
        {
            error = FrameError.DIMENSION_MISMATCH;
        }
        if (error != FrameError.NONE)
        {
            reject(error, queue, index);
            return;
        }
        if (!authenticator.verify(buffer, length, register.agentIdOffset(), register.agentIdLength()))
        {
            reject(FrameError.BAD_CREDENTIAL, queue, index);
            return;
        }
        int entry = owners.find(buffer, register.agentIdOffset(), register.agentIdLength());
        if (entry == AgentIdTable.MISSING)
        {
            entry = owners.claim(buffer, register.agentIdOffset(), register.agentIdLength(), queue, sourceId);
        }
        else if (owners.owner(entry) != AgentOwnership.key(queue, sourceId))
        {
            reject(FrameError.IDENTITY_CLAIM, queue, index);
            return;
        }
        register.capacity(vector);
        final HashMap<String, String> attributes = new HashMap<>(Math.max(4, register.attributeCount() * 2));
        register.attributes(attributes);
        origin.set(queue, sourceId, index);
        try
        {
            sink.register(owners.id(entry), vector, attributes, clock.nanoTime(), origin);
            delivered++;
        }
        catch (final RuntimeException ex)
        {
            sinkFailed(ex);
        }
    }

    private void onHeartbeat(
        final DirectBuffer buffer, final int length, final int queue, final int sourceId, final long index)
    {
        FrameError error = heartbeat.wrap(buffer, 0, length);
        if (error == FrameError.NONE && heartbeat.hasUsage() && heartbeat.dimensions() != dimensions)
        {
            error = FrameError.DIMENSION_MISMATCH;
        }
        if (error != FrameError.NONE)
        {
            reject(error, queue, index);
            return;
        }
        final int entry = owned(heartbeat.agentIdOffset(), heartbeat.agentIdLength(), buffer, length, queue, sourceId,
            index);
        if (entry == AgentIdTable.MISSING)
        {
            return;
        }
        final long[] usage = heartbeat.hasUsage() ? vector : null;
        if (usage != null)
        {
            heartbeat.usage(usage);
        }
        origin.set(queue, sourceId, index);
        try
        {
            sink.heartbeat(owners.id(entry), heartbeat.epoch(), heartbeat.sequence(), usage, heartbeat.pressure(),
                clock.nanoTime(), origin);
            delivered++;
        }
        catch (final RuntimeException ex)
        {
            sinkFailed(ex);
        }
    }

    private void onTaskFinished(
        final DirectBuffer buffer, final int length, final int queue, final int sourceId, final long index)
    {
        final FrameError error = taskFinished.wrap(buffer, 0, length);
        if (error != FrameError.NONE)
        {
            reject(error, queue, index);
            return;
        }
        final int entry = owned(taskFinished.agentIdOffset(), taskFinished.agentIdLength(), buffer, length, queue,
            sourceId, index);
        if (entry == AgentIdTable.MISSING)
        {
            return;
        }
        origin.set(queue, sourceId, index);
        try
        {
            sink.taskFinished(owners.id(entry), taskFinished.epoch(), taskFinished.taskId(), clock.nanoTime(), origin);
            delivered++;
        }
        catch (final RuntimeException ex)
        {
            sinkFailed(ex);
        }
    }

    private void onLaunchRefused(
        final DirectBuffer buffer, final int length, final int queue, final int sourceId, final long index)
    {
        final FrameError error = launchRefused.wrap(buffer, 0, length);
        if (error != FrameError.NONE)
        {
            reject(error, queue, index);
            return;
        }
        final int entry = owned(launchRefused.agentIdOffset(), launchRefused.agentIdLength(), buffer, length, queue,
            sourceId, index);
        if (entry == AgentIdTable.MISSING)
        {
            return;
        }
        origin.set(queue, sourceId, index);
        try
        {
            sink.launchRefused(owners.id(entry), launchRefused.epoch(), launchRefused.taskId(),
                launchRefused.reason(), clock.nanoTime(), origin);
            delivered++;
        }
        catch (final RuntimeException ex)
        {
            sinkFailed(ex);
        }
    }

    /**
     * Finds the agent id's entry if the frame's credential holds and this source owns the id; otherwise rejects the
     * frame and returns MISSING.
     */
    private int owned(
        final int idOffset,
        final int idLength,
        final DirectBuffer buffer,
        final int length,
        final int queue,
        final int sourceId,
        final long index)
    {
        if (!authenticator.verify(buffer, length, idOffset, idLength))
        {
            reject(FrameError.BAD_CREDENTIAL, queue, index);
            return AgentIdTable.MISSING;
        }
        final int entry = owners.find(buffer, idOffset, idLength);
        if (entry == AgentIdTable.MISSING)
        {
            reject(FrameError.UNKNOWN_AGENT, queue, index);
            return AgentIdTable.MISSING;
        }
        if (owners.owner(entry) != AgentOwnership.key(queue, sourceId))
        {
            reject(FrameError.IDENTITY_CLAIM, queue, index);
            return AgentIdTable.MISSING;
        }
        return entry;
    }

    void reject(final FrameError error, final int queue, final long index)
    {
        rejected[error.ordinal()]++;
        rejectedTotal++;
        try
        {
            listener.onMalformedFrame(error, queue, index);
        }
        catch (final RuntimeException ex)
        {
            errorHandler.onError(ex);
        }
    }

    private void sinkFailed(final RuntimeException ex)
    {
        sinkErrors++;
        errorHandler.onError(ex);
    }

    long rejected(final FrameError error)
    {
        return rejected[error.ordinal()];
    }

    long rejectedTotal()
    {
        return rejectedTotal;
    }

    long delivered()
    {
        return delivered;
    }

    long sinkErrors()
    {
        return sinkErrors;
    }
}
