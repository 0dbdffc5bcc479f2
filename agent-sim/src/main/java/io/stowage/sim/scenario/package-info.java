/**
 * The scenario runner behind {@code stowage scenario}: reads scenario files (../shared/SCENARIOS.md), validates each
 * whole with JSON pointers ({@code ScenarioParser}, with {@code ScenarioNode} the one place
 * unknown keys are refused), runs its steps on a fresh embedded kernel ({@code ScenarioRunner}), checks its
 * expectations ({@code Expectation}) and prints the report ({@code ScenarioReport}). Entry point:
 * {@link io.stowage.sim.scenario.ScenarioSuite}. The choices the page leaves open are listed in the README.
 */
package io.stowage.sim.scenario;
