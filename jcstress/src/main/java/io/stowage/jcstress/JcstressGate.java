package io.stowage.jcstress;

import org.openjdk.jcstress.JCStress;
import org.openjdk.jcstress.Options;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;

import java.io.File;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/**
 * Runs jcstress with its own command line and exits non-zero unless every selected test ran and passed: the gate
 * {@code ./mvnw verify} relies on. jcstress 0.16 alone exits 1 when a test fails but 0 when no test matches or no JVM
 * configuration starts (a bad {@code -jvmArgsPrepend} flag), which would let a build pass with nothing tested. So
 * after the run this reads the result blob back and requires, for each test, results from at least one
 * configuration, samples, a normal status and a passing grade in every configuration.
 */
public final class JcstressGate
{
    private JcstressGate()
    {
    }

    /**
     * @param args jcstress options, e.g. {@code -m quick -c 2 -t io.stowage.}.
     * @throws Exception if jcstress cannot run or its results cannot be read.
     */
    public static void main(final String[] args) throws Exception
    {
        final PrintStream out = System.out;
        final Options options = new Options(args);
        if (!options.parse())
        {
            System.exit(2);
        }
        final JCStress jcstress = new JCStress(options);
        final SortedSet<String> tests = jcstress.getTests();
        if (tests.isEmpty())
        {
            fail(out, "no jcstress test matches \"" + options.getTestFilter() + "\"");
        }
        try
        {
            jcstress.run();
        }
        catch (final AssertionError ex)
        {
            out.println("jcstress reported failures; checking every test's results");
        }

        final File blob = new File(options.getResultFile());
        if (!blob.isFile())
        {
            fail(out, "jcstress wrote no results (" + blob + "): no test ran");
        }
        final InProcessCollector collector = new InProcessCollector();
        final DiskReadCollector reader = new DiskReadCollector(blob.getPath(), collector);
        try
        {
            reader.dump();
        }
        finally
        {
            reader.close();
        }

        final List<String> problems = new ArrayList<>();
        for (final String test : tests)
        {
            final String problem = check(test, collector);
            out.println((problem == null ? "PASSED  " : "FAILED  ") + test + (problem == null ? "" : ": " + problem));
            if (problem != null)
            {
                problems.add(test);
            }
        }
        if (!problems.isEmpty())
        {
            fail(out, problems.size() + " of " + tests.size() + " jcstress tests failed: " + problems);
        }
        out.println("jcstress gate: all " + tests.size() + " tests ran and passed");
    }

    private static String check(final String test, final InProcessCollector collector)
    {
        int configurations = 0;
        long samples = 0;
        for (final TestResult result : collector.getTestResults())
        {
            if (!result.getName().equals(test))
            {
                continue;
            }
            configurations++;
            samples += result.getTotalCount();
            if (result.status() != Status.NORMAL)
            {
                return "status " + result.status() + " in " + describe(result);
            }
            if (!result.grading().isPassed)
            {
                return "forbidden outcome in " + describe(result) + ": " + result.grading().failureMessages;
            }
        }
        if (configurations == 0)
        {
            return "did not run";
        }
        return samples == 0 ? "no samples in " + configurations + " configurations" : null;
    }

    private static String describe(final TestResult result)
    {
        final List<String> jvmArgs = result.getConfig().jvmArgs;
        final int last = jvmArgs.size();
        return "fork " + result.getConfig().forkId + " " + jvmArgs.subList(Math.max(0, last - 2), last);
    }

    private static void fail(final PrintStream out, final String message)
    {
        out.println("jcstress gate: " + message);
        out.flush();
        System.exit(1);
    }
}
