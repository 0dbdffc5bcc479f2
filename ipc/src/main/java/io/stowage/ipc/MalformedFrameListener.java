package io.stowage.ipc;

/**
 * Told of every frame a tailer rejected, with the reason, so that the engine's counters can record it. Called on the
 * tailer's thread; must not block and must not throw.
 */
@FunctionalInterface
public interface MalformedFrameListener
{
    /** A listener that ignores rejections (the tailer still counts them). */
    MalformedFrameListener NONE = (error, queue, index) ->
    {
    };

    /**
     * @param error why the frame was rejected.
     * @param queue the queue's position in the tailer's list.
     * @param index the frame's Chronicle index.
     */
    void onMalformedFrame(FrameError error, int queue, long index);
}
