package io.stowage.core;

import io.stowage.core.ClusterWorkload.Applier;
import io.stowage.core.ClusterWorkload.Ended;
import io.stowage.core.ClusterWorkload.Generator;
import io.stowage.core.ClusterWorkload.Op;
import io.stowage.core.ClusterWorkload.Outcome;
import io.stowage.core.ClusterWorkload.Shadow;
import io.stowage.core.ClusterWorkload.Spec;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kernel loaded from a snapshot is the kernel that was written: over random histories (the shapes and operations
 * of {@link ClusterWorkload}) cut at random points, a kernel that loads the snapshot taken at the cut and then
 * applies the rest of the history gives every answer, every task the kernel ends and every intermediate state hash
 * of the kernel that applied the whole history. The invariant checker runs on every loaded kernel. A damaged snapshot
 * is refused with a message naming the damage. {@code -Dstowage.seed=S} repeats a run.
 */
class KernelSnapshotTest
{
    private static final int CLUSTERS = 8;
    private static final int CUTS = 4;

    private static long masterSeed()
    {
        final Long seed = Long.getLong("stowage.seed");
        final long master = seed != null ? seed : System.nanoTime();
        System.out.println("KernelSnapshotTest: master seed " + master + " (repeat with -Dstowage.seed=" + master + ")");
        return master;
    }

    private record Recording(List<Op> ops, List<Long> answers, List<Long> hashes)
    {
    }

    private static Recording record(final Spec spec, final long seed, final int operations)
    {
        final List<Ended> ended = new ArrayList<>();
        final AllocatorKernel kernel = new AllocatorKernel(spec.config(), ClusterWorkload.recording(ended));
        ClusterWorkload.internLabels(kernel);
        final Shadow shadow = new Shadow(spec);
        final Generator generator = new Generator(spec, shadow, seed);
        final Applier applier = new Applier(kernel);
        final Outcome out = new Outcome();
        final Recording recording = new Recording(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < operations; i++)
        {
            final Op op = generator.next();
            ended.clear();
            applier.apply(op, out);
            shadow.apply(op, out);
            recording.ops.add(op);
            recording.answers.add(DeterminismTest.answerCode(out, ended));
            recording.hashes.add(kernel.view().stateHash());
        }
        return recording;
    }

    @Test
    void shouldContinueExactlyAsTheKernelItWasTakenFrom()
    {
        final long master = masterSeed();
        final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(1 << 16);
        long checked = 0;
        for (int cluster = 0; cluster < CLUSTERS; cluster++)
        {
            final long clusterSeed = ClusterWorkload.mixSeed(master, cluster);
            final Spec spec = Spec.random(clusterSeed);
            final int operations = Math.min(spec.operations, 4000);
            final Recording recording = record(spec, ClusterWorkload.mixSeed(clusterSeed, 1), operations);
            final SplittableRandom random = new SplittableRandom(ClusterWorkload.mixSeed(clusterSeed, 2));
            for (int c = 0; c < CUTS; c++)
            {
                final int cut = c == 0 ? 0 : random.nextInt(operations + 1);
                final String context = "master seed " + master + ", cluster " + cluster + " (" + spec + "), cut at " +
                    cut + " of " + operations;
                final List<Ended> ended = new ArrayList<>();
                final AllocatorKernel original = new AllocatorKernel(spec.config(), ClusterWorkload.recording(ended));
                ClusterWorkload.internLabels(original);
                final Applier first = new Applier(original);
                final Outcome out = new Outcome();
                for (int i = 0; i < cut; i++)
                {
                    first.apply(recording.ops.get(i), out);
                }
                final int length = KernelSnapshot.write(original, buffer, 0);
                final AllocatorKernel loaded =
                    KernelSnapshot.load(spec.config(), ClusterWorkload.recording(ended), buffer, 0, length);
                assertEquals(original.view().stateHash(), loaded.view().stateHash(), context);
                final List<String> violations = InvariantChecker.check(loaded);
                assertTrue(violations.isEmpty(), () -> context + ": loaded kernel breaks invariants " + violations);
                final Applier second = new Applier(loaded);
                for (int i = cut; i < operations; i++)
                {
                    ended.clear();
                    second.apply(recording.ops.get(i), out);
                    final int index = i;
                    assertEquals(recording.answers.get(i), DeterminismTest.answerCode(out, ended),
                        () -> context + ": operation " + index + " " + recording.ops.get(index) + " answered " + out +
                            " after loading, ended " + ended);
                    assertEquals(recording.hashes.get(i), loaded.view().stateHash(),
                        () -> context + ": state hash differs after operation " + index);
                    checked++;
                }
                final List<String> after = InvariantChecker.check(loaded);
                assertTrue(after.isEmpty(), () -> context + ": invariants after the tail " + after);
            }
        }
        System.out.println("KernelSnapshotTest: " + checked + " operations after a load matched the original");
    }

    @Test
    void shouldRefuseADamagedSnapshotNamingTheDamage()
    {
        final Spec spec = Spec.random(ClusterWorkload.mixSeed(42, 0));
        final Recording recording = record(spec, 7, 500);
        final AllocatorKernel kernel = new AllocatorKernel(spec.config());
        ClusterWorkload.internLabels(kernel);
        final Applier applier = new Applier(kernel);
        final Outcome out = new Outcome();
        recording.ops.forEach(op -> applier.apply(op, out));
        final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(1 << 16);
        final int length = KernelSnapshot.write(kernel, buffer, 0);
        final byte[] good = new byte[length];
        buffer.getBytes(0, good);
        final KernelConfig config = spec.config();

        final UnsafeBuffer flipped = copy(good);
        final int at = KernelSnapshotDescriptor.HEADER_LENGTH + new SplittableRandom(3).nextInt(length -
            KernelSnapshotDescriptor.HEADER_LENGTH);
        flipped.putByte(at, (byte)(flipped.getByte(at) ^ 0x10));
        assertMessage("checksum", () -> KernelSnapshot.load(config, DecisionListener.NONE, flipped, 0, length));

        assertMessage("truncated",
            () -> KernelSnapshot.load(config, DecisionListener.NONE, copy(good), 0, length - 1));

        final UnsafeBuffer magic = copy(good);
        magic.putInt(KernelSnapshotDescriptor.MAGIC_OFFSET, 0x12345678);
        assertMessage("not a kernel snapshot", () -> KernelSnapshot.load(config, DecisionListener.NONE, magic, 0,
            length));

        final UnsafeBuffer version = copy(good);
        version.putShort(KernelSnapshotDescriptor.VERSION_OFFSET, (short)99);
        assertMessage("version 99", () -> KernelSnapshot.load(config, DecisionListener.NONE, version, 0, length));

        final KernelConfig other = KernelConfig.builder(config.schema()).maxAgents(config.maxAgents() + 1)
            .maxTasks(config.maxTasks()).build();
        assertMessage("this configuration",
            () -> KernelSnapshot.load(other, DecisionListener.NONE, copy(good), 0, length));

        final AllocatorKernel loaded = KernelSnapshot.load(config, DecisionListener.NONE, copy(good), 0, length);
        assertEquals(kernel.view().stateHash(), loaded.view().stateHash());
    }

    private static UnsafeBuffer copy(final byte[] bytes)
    {
        return new UnsafeBuffer(bytes.clone());
    }

    private static void assertMessage(final String fragment, final org.junit.jupiter.api.function.Executable load)
    {
        final SnapshotException ex = assertThrows(SnapshotException.class, load);
        assertTrue(ex.getMessage().contains(fragment), () -> "message '" + ex.getMessage() + "' lacks '" + fragment +
            "'");
    }
}
