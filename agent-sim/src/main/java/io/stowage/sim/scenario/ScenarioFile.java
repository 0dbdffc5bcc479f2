package io.stowage.sim.scenario;

import io.stowage.core.KernelConfig;

import java.util.List;

/**
 * A validated scenario file, ready to run.
 *
 * @param name       the scenario's name, empty if the file gives none.
 * @param config     the kernel configuration: resources, policy, and table sizes that fit every step.
 * @param roles      the roles to set before frameworks register.
 * @param frameworks the frameworks to register.
 * @param steps      the steps, in order; step {@code n} is {@code /steps/n} of the file.
 */
record ScenarioFile(
    String name, KernelConfig config, List<RoleSetting> roles, List<FrameworkSetting> frameworks, List<Step> steps)
{
}
