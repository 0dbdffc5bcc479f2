package io.stowage.core;

import io.stowage.core.ClusterWorkload.Applier;
import io.stowage.core.ClusterWorkload.Ended;
import io.stowage.core.ClusterWorkload.Generator;
import io.stowage.core.ClusterWorkload.Op;
import io.stowage.core.ClusterWorkload.Outcome;
import io.stowage.core.ClusterWorkload.Place;
import io.stowage.core.ClusterWorkload.Shadow;
import io.stowage.core.ClusterWorkload.Spec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel is a deterministic state machine: the same calls give the same answers and the same
 * {@link KernelView#stateHash()}, and different calls a different state.
 * <p>
 * A random operation sequence is recorded while it is applied to one kernel (the generator reads a shadow model fed
 * by that kernel's answers), then replayed on a fresh kernel. {@code -Dstowage.seed=S} repeats a run.
 */
class DeterminismTest
{
    private static final int CLUSTERS = 8;
    private static final int HASH_INTERVAL = 1000;

    /** A recorded run: the operations, each answer, and the state hash every {@value #HASH_INTERVAL} operations. */
    private static final class Recording
    {
        final List<Op> ops = new ArrayList<>();
        final List<Long> answers = new ArrayList<>();
        final List<Long> hashes = new ArrayList<>();
        final List<Boolean> placed = new ArrayList<>();
        long finalHash;
    }

    private static long masterSeed()
    {
        final Long seed = Long.getLong("stowage.seed");
        final long master = seed != null ? seed : System.nanoTime();
        System.out.println("DeterminismTest: master seed " + master + " (repeat with -Dstowage.seed=" + master + ")");
        return master;
    }

    private static AllocatorKernel newKernel(final Spec spec, final List<Ended> ended)
    {
        final AllocatorKernel kernel = new AllocatorKernel(spec.config(),
            ClusterWorkload.recording(ended));
        ClusterWorkload.internLabels(kernel);
        return kernel;
    }

    /** An answer and the tasks the kernel ended with it, as one number (also used by {@code KernelSnapshotTest}). */
    static long answerCode(final Outcome out, final List<Ended> ended)
    {
        long code = out.code();
        for (final Ended e : ended)
        {
            code = StateHash.mix(code, e.taskId());
            code = StateHash.mix(code, e.framework());
            code = StateHash.mix(code, e.slot());
            code = StateHash.mix(code, e.cause().ordinal());
        }
        return code;
    }

    /** Generates a random sequence against a fresh kernel and records it. */
    private static Recording record(final Spec spec, final long opSeed, final int operations)
    {
        final List<Ended> ended = new ArrayList<>();
        final AllocatorKernel kernel = newKernel(spec, ended);
        final Shadow shadow = new Shadow(spec);
        final Generator generator = new Generator(spec, shadow, opSeed);
        final Applier applier = new Applier(kernel);
        final Outcome out = new Outcome();
        final Recording recording = new Recording();
        for (int i = 0; i < operations; i++)
        {
            final Op op = generator.next();
            ended.clear();
            applier.apply(op, out);
            shadow.apply(op, out);
            recording.ops.add(op);
            recording.answers.add(answerCode(out, ended));
            recording.placed.add(out.kind == DecisionKind.PLACED);
            if ((i + 1) % HASH_INTERVAL == 0)
            {
                recording.hashes.add(kernel.view().stateHash());
            }
        }
        recording.finalHash = kernel.view().stateHash();
        return recording;
    }

    /** Replays recorded operations on a fresh kernel and returns its final hash, checking answers if asked. */
    private static long replay(
        final Spec spec, final List<Op> ops, final Recording expected, final String context)
    {
        final List<Ended> ended = new ArrayList<>();
        final AllocatorKernel kernel = newKernel(spec, ended);
        final Applier applier = new Applier(kernel);
        final Outcome out = new Outcome();
        for (int i = 0; i < ops.size(); i++)
        {
            ended.clear();
            applier.apply(ops.get(i), out);
            if (expected != null)
            {
                final int index = i;
                assertEquals(expected.answers.get(i), answerCode(out, ended),
                    () -> context + ", operation index " + index + ": " + ops.get(index) + " answered differently: " +
                        out + ", ended " + ended);
                if ((i + 1) % HASH_INTERVAL == 0)
                {
                    assertEquals(expected.hashes.get((i + 1) / HASH_INTERVAL - 1), kernel.view().stateHash(),
                        () -> context + ": state hash differs after operation index " + index);
                }
            }
        }
        return kernel.view().stateHash();
    }

    private static int operations(final Spec spec)
    {
        return Math.min(spec.operations, 6000);
    }

    @Test
    void sameSequenceGivesSameDecisionsAndStateHashes()
    {
        final long master = masterSeed();
        long total = 0;
        for (int cluster = 0; cluster < CLUSTERS; cluster++)
        {
            final long clusterSeed = ClusterWorkload.mixSeed(master, cluster);
            final Spec spec = Spec.random(clusterSeed);
            final String context = "master seed " + master + ", cluster " + cluster + " (" + spec + ")";
            final Recording recording = record(spec, ClusterWorkload.mixSeed(clusterSeed, 1), operations(spec));
            final long hash = replay(spec, recording.ops, recording, context);
            assertEquals(recording.finalHash, hash, () -> context + ": final state hash differs");
            total += recording.ops.size();
        }
        System.out.println("DeterminismTest: " + total + " operations replayed with identical answers and hashes");
    }

    @Test
    void differentSequenceGivesDifferentStateHash()
    {
        final long master = masterSeed();
        for (int cluster = 0; cluster < CLUSTERS; cluster++)
        {
            final long clusterSeed = ClusterWorkload.mixSeed(master, cluster);
            final Spec spec = Spec.random(clusterSeed);
            final String context = "master seed " + master + ", cluster " + cluster + " (" + spec + ")";
            final int operations = operations(spec);
            final Recording recording = record(spec, ClusterWorkload.mixSeed(clusterSeed, 1), operations);

            // another random sequence on the same configuration
            final Recording other = record(spec, ClusterWorkload.mixSeed(clusterSeed, 2), operations);
            assertNotEquals(recording.finalHash, other.finalHash, () -> context + ": two random sequences, one hash");

            // the same sequence without one placement that succeeded
            int dropped = -1;
            for (int i = recording.ops.size() / 2; i < recording.ops.size() && dropped < 0; i++)
            {
                if (recording.ops.get(i) instanceof Place && recording.placed.get(i))
                {
                    dropped = i;
                }
            }
            assertTrue(dropped >= 0, context + ": no placement in the second half");
            final List<Op> withoutOne = new ArrayList<>(recording.ops);
            withoutOne.remove(dropped);
            final int droppedIndex = dropped;
            assertNotEquals(recording.finalHash, replay(spec, withoutOne, null, context),
                () -> context + ": dropping operation " + droppedIndex + " (" + recording.ops.get(droppedIndex) +
                    ") left the same hash");

            // the same sequence plus one refused operation: refusal counters are state too
            final List<Op> withRefusal = new ArrayList<>(recording.ops);
            withRefusal.add(new ClusterWorkload.Finish(-1));
            assertNotEquals(recording.finalHash, replay(spec, withRefusal, null, context),
                () -> context + ": an extra refusal left the same hash");
        }
    }
}
