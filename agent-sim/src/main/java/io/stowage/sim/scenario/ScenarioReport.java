package io.stowage.sim.scenario;

import java.io.PrintWriter;

/**
 * The output of a scenario run over several files: FAIL lines and the summary on standard output, malformed files on
 * standard error, and the exit code (0 all held, 1 an expectation failed, 2 a file was unreadable or malformed).
 */
final class ScenarioReport
{
    /** Exit code when every expectation held. */
    static final int ALL_PASSED = 0;
    /** Exit code when an expectation failed. */
    static final int EXPECTATION_FAILED = 1;
    /** Exit code when a file was unreadable or malformed. */
    static final int MALFORMED = 2;

    private final PrintWriter out;
    private final PrintWriter err;
    private long passed;
    private long failed;
    private boolean malformed;

    /**
     * @param out where FAIL lines and the summary go.
     * @param err where malformed files are reported.
     */
    ScenarioReport(final PrintWriter out, final PrintWriter err)
    {
        this.out = out;
        this.err = err;
    }

    /**
     * @param result what a file that ran to its end gave.
     */
    void add(final ScenarioResult result)
    {
        passed += result.passed();
        failed += result.failures().size();
        for (final String failure : result.failures())
        {
            out.println(failure);
        }
    }

    /**
     * @param file      the file name as given.
     * @param exception what is wrong with it; none of its expectations count.
     */
    void malformed(final String file, final MalformedScenarioException exception)
    {
        malformed = true;
        err.println(file + ": " + exception.pointer() + ": " + exception.getMessage());
    }

    /**
     * Prints the summary line.
     *
     * @return the exit code.
     */
    int finish()
    {
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        err.flush();
        return malformed ? MALFORMED : failed > 0 ? EXPECTATION_FAILED : ALL_PASSED;
    }
}
