package io.stowage.sim.scenario;

import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs scenario files (see ../shared/SCENARIOS.md): each is validated whole, then run on a fresh kernel. A malformed
 * file is reported and skipped; the others still run.
 */
public final class ScenarioSuite
{
    private ScenarioSuite()
    {
    }

    /**
     * @param files the file names, reported as given.
     * @param out   where FAIL lines and the summary {@code <P> passed, <F> failed} go.
     * @param err   where unreadable and malformed files are reported, as {@code <file>: <pointer>: <problem>}.
     * @return the exit code: 0 if every expectation held, 1 if any failed, 2 if any file was unreadable or malformed.
     */
    public static int run(final List<String> files, final PrintWriter out, final PrintWriter err)
    {
        final ScenarioReport report = new ScenarioReport(out, err);
        for (final String file : files)
        {
            try
            {
                report.add(ScenarioRunner.run(file, ScenarioParser.read(path(file))));
            }
            catch (final MalformedScenarioException ex)
            {
                report.malformed(file, ex);
            }
        }
        return report.finish();
    }

    private static Path path(final String file) throws MalformedScenarioException
    {
        try
        {
            return Path.of(file);
        }
        catch (final InvalidPathException ex)
        {
            throw new MalformedScenarioException("", "cannot read: " + ex.getMessage());
        }
    }
}
