/**
 * The simulator's report: the model the simulator fills ({@link io.stowage.sim.report.RunReport} with its
 * {@link io.stowage.sim.report.FrameworkReport}s, {@link io.stowage.sim.report.LatencyReport},
 * {@link io.stowage.sim.report.RecoveryReport} and the sampled {@link io.stowage.sim.report.RunSeries}), the files
 * written from it by {@link io.stowage.sim.report.ReportWriter} ({@code report.json}, {@code report.html} and the PNG
 * charts), and the console summary printed by {@link io.stowage.sim.report.SummaryTable}. One run, or two in the
 * {@code --compare} mode: the run with the protections and the same run without them.
 */
package io.stowage.sim.report;
