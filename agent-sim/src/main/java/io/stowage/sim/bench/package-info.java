/**
 * The comparison behind {@code stowage bench}: {@link io.stowage.sim.bench.BenchPlan} turns the chosen engines and
 * cluster sizes into JMH runs of {@code PlacementComparisonBenchmark} (in the {@code jmh} module, whose Fenzo
 * dependencies stay out of this one: JMH runs from {@code jmh/target/benchmarks.jar} in a child process),
 * {@link io.stowage.sim.bench.ComparisonResults} reads JMH's JSON, {@link io.stowage.sim.bench.ComparisonTable}
 * prints the table and {@link io.stowage.sim.bench.BenchmarksDoc} rewrites the generated section of
 * {@code docs/benchmarks.md}.
 */
package io.stowage.sim.bench;
