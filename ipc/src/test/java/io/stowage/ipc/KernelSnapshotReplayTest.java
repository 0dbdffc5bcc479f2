package io.stowage.ipc;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.InvariantChecker;
import io.stowage.core.KernelConfig;
import io.stowage.core.PlacementPolicy;
import io.stowage.engine.EngineEvent;
import io.stowage.engine.KernelEventApplier;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recovery from a snapshot is recovery from the whole journal: a random stream of every kind of engine input
 * ({@link RandomInputs}: submits, rounds, cancels, adoption, framework and attribute updates, heartbeats with usage,
 * removals, ...) is applied to one applier, which is snapshotted at random points; an applier loaded from each
 * snapshot then applies the rest of the stream and must make exactly the decisions of the original, numbers included,
 * and end with its state hash. Run over four kernel configurations (plain, preemption with oversubscription,
 * predictive avoidance, SPREAD placement). The seed is printed; {@code -Dstowage.seed=S} repeats a run.
 */
class KernelSnapshotReplayTest
{
    private static final int INPUTS = 12_000;
    private static final int CUTS = 5;

    private static KernelConfig config(final int variant)
    {
        final KernelConfig.Builder builder = KernelConfig.builder(TestKernels.SCHEMA).maxAgents(4096).maxTasks(1 << 16);
        switch (variant)
        {
            case 1 -> builder.preemption(true).oversubscriptionRatioMillis(500);
            case 2 -> builder.predictiveAvoidance(true, 5_000_000_000L, 300).pressureThresholdMillis(900);
            case 3 -> builder.placement(PlacementPolicy.SPREAD).preemption(true);
            default ->
            {
            }
        }
        return builder.build();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void shouldDecideExactlyAsTheFullReplayAfterLoadingASnapshot(final int variant)
    {
        final Long given = Long.getLong("stowage.seed");
        final long seed = given != null ? given : System.nanoTime();
        System.out.println("KernelSnapshotReplayTest: variant " + variant + ", seed " + seed +
            " (repeat with -Dstowage.seed=" + seed + ")");
        final KernelConfig config = config(variant);
        final DecisionLog live = new DecisionLog();
        final KernelEventApplier applier = live.applier(config);
        final RandomInputs inputs = new RandomInputs(seed, applier.kernel(), live.placed);
        final SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        final List<Integer> cuts = new ArrayList<>();
        for (int c = 0; c < CUTS; c++)
        {
            cuts.add(c == 0 ? 0 : random.nextInt(INPUTS));
        }
        cuts.sort(null);
        final List<EngineEvent> events = new ArrayList<>();
        final List<byte[]> snapshots = new ArrayList<>();
        final List<Integer> logSizes = new ArrayList<>();
        final ExpandableDirectByteBuffer buffer = new ExpandableDirectByteBuffer(1 << 16);
        int next = 0;
        for (int i = 0; i <= INPUTS; i++)
        {
            while (next < cuts.size() && cuts.get(next) == i)
            {
                final int length = applier.writeSnapshot(buffer, 0);
                final byte[] bytes = new byte[length];
                buffer.getBytes(0, bytes);
                snapshots.add(bytes);
                logSizes.add(live.log.size());
                next++;
            }
            if (i == INPUTS)
            {
                break;
            }
            final EngineEvent event = new EngineEvent(TestKernels.DIMENSIONS);
            inputs.next(event);
            events.add(event);
            applier.apply(event);
        }
        final AllocatorKernel original = applier.kernel();
        for (int c = 0; c < cuts.size(); c++)
        {
            final int cut = cuts.get(c);
            final String context = "seed " + seed + ", variant " + variant + ", snapshot after " + cut + " inputs";
            final DecisionLog resumed = new DecisionLog();
            final byte[] bytes = snapshots.get(c);
            final KernelEventApplier loaded =
                new KernelEventApplier(config, resumed, resumed.errors::add, new UnsafeBuffer(bytes), 0, bytes.length);
            final List<String> violations = InvariantChecker.check(loaded.kernel());
            assertTrue(violations.isEmpty(), () -> context + ": loaded kernel breaks invariants " + violations);
            for (int i = cut; i < INPUTS; i++)
            {
                loaded.apply(events.get(i));
            }
            final List<String> expected = live.log.subList(logSizes.get(c), live.log.size());
            assertEquals(expected.size(), resumed.log.size(), context + ": number of answers and decisions");
            for (int i = 0; i < expected.size(); i++)
            {
                final int index = i;
                assertEquals(expected.get(i), resumed.log.get(i), () -> context + ": answer or decision " + index);
            }
            assertEquals(original.view().stateHash(), loaded.kernel().view().stateHash(), context);
            assertEquals(applier.lastDecision(), loaded.lastDecision(), context);
            final List<String> after = InvariantChecker.check(loaded.kernel());
            assertTrue(after.isEmpty(), () -> context + ": invariants after the tail " + after);
        }
        assertTrue(original.view().placements() > 100, "seed " + seed + ": the stream placed too little");
    }
}
