package io.stowage.engine;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * An engine's counters and a reader of them over one zeroed buffer of this process, laid out exactly as the counters
 * file: the writer side is what the kernel and journal threads use, the reader side what {@code ./stowage stat}
 * maps from another process. One per jcstress state, so every state starts from fresh counters.
 */
final class SharedCounters
{
    final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(EngineCounters.length()));
    final EngineCounters counters = EngineCounters.wrap(buffer);
    final EngineCountersReader reader = EngineCountersReader.wrap(buffer);
}
