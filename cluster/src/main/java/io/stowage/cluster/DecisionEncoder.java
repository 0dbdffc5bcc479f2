package io.stowage.cluster;

import io.stowage.core.Reason;
import io.stowage.core.TaskEndCause;
import io.stowage.core.TaskRecord;
import io.stowage.engine.EngineListener;
import io.stowage.engine.EventType;
import io.stowage.ipc.WireCodes;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import static io.stowage.cluster.ClusterMessageDescriptor.*;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Turns the applier's answers and decisions into DECISION messages ({@link ClusterMessageDescriptor}), keeps each in
 * the service's {@link MessageWindow}, and hands it to the {@link Egress} that sends it to the clients. Runs on the
 * service thread of every node, so every node's window holds the same messages; only the leader's sends reach a
 * client. Encoding allocates nothing once the scratch buffer has grown to the longest agent id.
 */
final class DecisionEncoder implements EngineListener
{
    /** Where an encoded decision goes after the window. */
    interface Egress
    {
        /**
         * @param buffer holding the message at offset 0.
         * @param length its length.
         */
        void send(MutableDirectBuffer buffer, int length);
    }

    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(256);
    private final MessageWindow window;
    private final Egress egress;

    DecisionEncoder(final MessageWindow window, final Egress egress)
    {
        this.window = window;
        this.egress = egress;
    }

    @Override
    public void onQueued(final long decision, final long correlationId, final long taskId, final long key)
    {
        start(decision, KIND_QUEUED, correlationId, EventType.SUBMIT, 0);
        scratch.putLong(DECISION_TASK_OFFSET, taskId, BYTE_ORDER);
        scratch.putLong(DECISION_KEY_OFFSET, key, BYTE_ORDER);
        finish(decision, 0, null);
    }

    @Override
    public void onRejected(final long decision, final long correlationId, final EventType type, final Reason reason)
    {
        start(decision, KIND_REJECTED, correlationId, type, WireCodes.code(reason));
        finish(decision, 0, null);
    }

    @Override
    public void onPlaced(
        final long decision, final TaskRecord task, final String agentId, final int agentEpoch,
        final long ingressNanos)
    {
        start(decision, KIND_PLACED, 0, null, 0);
        task(task);
        scratch.putInt(DECISION_VALUE_OFFSET, agentEpoch, BYTE_ORDER);
        scratch.putLong(DECISION_INGRESS_OFFSET, ingressNanos, BYTE_ORDER);
        resources(task);
        finish(decision, task.dimensions(), agentId);
    }

    @Override
    public void onTaskEnded(final long decision, final TaskRecord task, final String agentId, final TaskEndCause cause)
    {
        start(decision, KIND_ENDED, 0, null, WireCodes.code(cause));
        task(task);
        resources(task);
        finish(decision, task.dimensions(), agentId);
    }

    @Override
    public void onAccepted(final long decision, final long correlationId, final EventType type, final int id)
    {
        start(decision, KIND_ACCEPTED, correlationId, type, 0);
        scratch.putInt(DECISION_VALUE_OFFSET, id, BYTE_ORDER);
        finish(decision, 0, null);
    }

    @Override
    public void onAgentRegistered(final long decision, final String agentId, final int epoch)
    {
        start(decision, KIND_AGENT_REGISTERED, 0, EventType.REGISTER_AGENT, 0);
        scratch.putInt(DECISION_VALUE_OFFSET, epoch, BYTE_ORDER);
        finish(decision, 0, agentId);
    }

    private void start(final long decision, final int kind, final long correlation, final EventType type,
        final int code)
    {
        scratch.putInt(MAGIC_OFFSET, MAGIC, BYTE_ORDER);
        scratch.putShort(VERSION_OFFSET, (short)VERSION, BYTE_ORDER);
        scratch.putShort(TYPE_OFFSET, (short)TYPE_DECISION, BYTE_ORDER);
        scratch.putLong(DECISION_NUMBER_OFFSET, decision, BYTE_ORDER);
        scratch.putLong(DECISION_CORRELATION_OFFSET, correlation, BYTE_ORDER);
        scratch.putLong(DECISION_TASK_OFFSET, -1, BYTE_ORDER);
        scratch.putLong(DECISION_KEY_OFFSET, -1, BYTE_ORDER);
        scratch.putLong(DECISION_INGRESS_OFFSET, 0, BYTE_ORDER);
        scratch.putInt(DECISION_FRAMEWORK_OFFSET, -1, BYTE_ORDER);
        scratch.putInt(DECISION_VALUE_OFFSET, -1, BYTE_ORDER);
        scratch.putShort(DECISION_KIND_OFFSET, (short)kind, BYTE_ORDER);
        scratch.putShort(DECISION_EVENT_TYPE_OFFSET, (short)(type == null ? 0 : WireCodes.code(type)), BYTE_ORDER);
        scratch.putShort(DECISION_CODE_OFFSET, (short)code, BYTE_ORDER);
    }

    private void task(final TaskRecord task)
    {
        scratch.putLong(DECISION_TASK_OFFSET, task.taskId(), BYTE_ORDER);
        scratch.putLong(DECISION_KEY_OFFSET, task.key(), BYTE_ORDER);
        scratch.putInt(DECISION_FRAMEWORK_OFFSET, task.framework(), BYTE_ORDER);
    }

    private void resources(final TaskRecord task)
    {
        for (int d = 0; d < task.dimensions(); d++)
        {
            scratch.putLong(DECISION_RESOURCES_OFFSET + d * SIZE_OF_LONG, task.resource(d), BYTE_ORDER);
        }
    }

    private void finish(final long decision, final int dimensions, final String agentId)
    {
        scratch.putShort(DECISION_DIMENSIONS_OFFSET, (short)dimensions, BYTE_ORDER);
        final int idOffset = DECISION_RESOURCES_OFFSET + dimensions * SIZE_OF_LONG;
        int length = idOffset;
        if (agentId == null)
        {
            scratch.putInt(DECISION_AGENT_LENGTH_OFFSET, -1, BYTE_ORDER);
        }
        else
        {
            final int idLength = scratch.putStringWithoutLengthUtf8(idOffset, agentId);
            scratch.putInt(DECISION_AGENT_LENGTH_OFFSET, idLength, BYTE_ORDER);
            length += idLength;
        }
        window.append(decision, scratch, 0, length);
        egress.send(scratch, length);
    }
}
