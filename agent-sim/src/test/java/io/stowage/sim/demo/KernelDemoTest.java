package io.stowage.sim.demo;

import io.stowage.core.PlacementPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class KernelDemoTest
{
    /**
     * Runs the demo on small clusters with the invariant checker after every kernel operation. A failure prints the
     * seed and settings; {@code stowage simulate} with them repeats the run.
     */
    @ParameterizedTest
    @EnumSource(PlacementPolicy.class)
    void shouldKeepEveryInvariantAfterEveryOperation(final PlacementPolicy policy)
    {
        final SplittableRandom seeds = new SplittableRandom(20_260_101L);
        for (int run = 0; run < 6; run++)
        {
            final DemoSettings settings =
                new DemoSettings(1 + seeds.nextInt(80), 500 + seeds.nextInt(3000), policy, seeds.nextLong(), 1);

            final DemoReport report = KernelDemo.run(settings);

            assertFalse(report.hasViolations(), () -> settings + "\n" + String.join("\n", report.violations()));
            assertTrue(report.placed() > 0, settings::toString);
        }
    }

    @ParameterizedTest
    @EnumSource(PlacementPolicy.class)
    void shouldRunWithASingleAgent(final PlacementPolicy policy)
    {
        final DemoSettings settings = new DemoSettings(1, 2_000, policy, 1, 1);

        final DemoReport report = KernelDemo.run(settings);

        assertFalse(report.hasViolations(), () -> String.join("\n", report.violations()));
    }
}
