package io.stowage.sim.bench;

import java.util.List;

/**
 * What a comparison table is printed with, so that its figures can be traced: when, by which command, the JMH runs
 * behind it, and the machine.
 *
 * @param date        when the run ended, as printed.
 * @param command     the command as typed.
 * @param jmhCommands the JMH command lines that ran.
 * @param cores       the machine's processors, as {@code nproc} counts them.
 * @param cpuModel    the processor model.
 * @param resultFile  the JMH JSON the table was made from, as printed.
 * @param duration    how long the JMH runs took, as printed.
 */
public record RunContext(
    String date,
    String command,
    List<String> jmhCommands,
    int cores,
    String cpuModel,
    String resultFile,
    String duration)
{
}
