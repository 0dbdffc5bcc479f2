package io.stowage.examples;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link WithdrawAndSuppress} prints the same story every run. */
class WithdrawAndSuppressTest
{
    @Test
    void shouldWithdrawSuppressReviveAndRemove() throws Exception
    {
        assertEquals(List.of(
            "drop 101: CANCELLED",
            "withdraw request 101: OK",
            "suppress flink: OK",
            "a round while suppressed placed 0, 2 still queued",
            "revive flink: OK",
            "launch 100 with 2 cpus on slot 0",
            "launch 102 with 2 cpus on slot 0",
            "the next round placed 2",
            "withdraw request 100, already placed: TASK_RUNNING",
            "cap flink at 10 pending, 5 per second: OK",
            "kill 100: FRAMEWORK_REMOVED",
            "kill 102: FRAMEWORK_REMOVED",
            "remove flink: OK",
            "agent-a now runs 0 task(s)"), ExampleOutput.capture(() -> WithdrawAndSuppress.main(new String[0])));
    }
}
