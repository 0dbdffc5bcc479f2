package io.stowage.engine;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;

import java.util.function.Predicate;

/**
 * A multi-producer ring of engine events like the engine's, with a poller in place of the journal stage: the first
 * consumer, which sees an event once its producer has published it. One per jcstress state.
 */
final class PolledRing
{
    /** Nothing published yet. */
    static final int NOTHING = 0;
    /** The event as its producer filled it. */
    static final int COMPLETE = 1;
    /** A published event with a field not (yet) as its producer filled it. */
    static final int PARTIAL = 2;

    /** Dimensions of the events. */
    static final int DIMENSIONS = 2;

    final RingBuffer<EngineEvent> ring = RingBuffer.createMultiProducer(() -> new EngineEvent(DIMENSIONS), 2);
    private final EventPoller<EngineEvent> poller = ring.newPoller();
    private final int[] seen = new int[1];
    private final EventPoller.Handler<EngineEvent> handler;

    /**
     * @param complete whether an event is complete: every field as the producer filled it.
     */
    PolledRing(final Predicate<EngineEvent> complete)
    {
        ring.addGatingSequences(poller.getSequence());
        handler = (event, sequence, endOfBatch) ->
        {
            seen[0] = complete.test(event) ? COMPLETE : PARTIAL;
            return false;
        };
    }

    /**
     * Polls once, as the first stage would.
     *
     * @return {@link #NOTHING}, {@link #COMPLETE} or {@link #PARTIAL}.
     */
    int poll()
    {
        try
        {
            poller.poll(handler);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
        return seen[0];
    }
}
