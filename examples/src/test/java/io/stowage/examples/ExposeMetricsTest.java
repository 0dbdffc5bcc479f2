package io.stowage.examples;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link ExposeMetrics} scrapes the same figures every run: they are read from the kernel at scrape time. */
class ExposeMetricsTest
{
    @Test
    void shouldServePerFrameworkRoleAndAgentStateFigures() throws Exception
    {
        assertEquals(List.of(
            "stowage_agents_by_state{state=\"active\"} 1.0",
            "stowage_framework_allocated_bytes{dimension=\"mem\",framework=\"shop\",role=\"web\"} 3.221225472E9",
            "stowage_framework_allocated{dimension=\"cpus\",framework=\"shop\",role=\"web\"} 2.5",
            "stowage_framework_refusals_total{framework=\"shop\",reason=\"DUPLICATE_KEY\",role=\"web\"} 1.0",
            "stowage_framework_running_tasks{framework=\"shop\",role=\"web\"} 2.0",
            "stowage_role_pending_tasks{role=\"web\"} 1.0"),
            ExampleOutput.capture(() -> ExposeMetrics.main(new String[0])));
    }
}
