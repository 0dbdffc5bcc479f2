package io.stowage.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs an example's main with {@code System.out} captured, and returns what it printed, line by line (echoed to the
 * real {@code System.out} too, so that the test log shows it). The tests of this module run one at a time.
 */
final class ExampleOutput
{
    /** An example's main. */
    interface Main
    {
        void run() throws Exception;
    }

    private ExampleOutput()
    {
    }

    static List<String> capture(final Main main) throws Exception
    {
        final PrintStream original = System.out;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try
        {
            main.run();
        }
        finally
        {
            System.setOut(original);
            original.print(bytes.toString(StandardCharsets.UTF_8));
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
