package io.stowage.sim.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Runs JMH from the benchmarks jar; a test can stand in for it. */
public interface JmhLauncher
{
    /**
     * Runs {@code java -jar jar arguments...} in a directory and waits for it.
     *
     * @param directory the working directory: the repository.
     * @param jar       {@code jmh/target/benchmarks.jar}.
     * @param arguments JMH's arguments.
     * @param log       where JMH's output goes, line by line.
     * @return JMH's exit code.
     * @throws IOException          if the process cannot be started.
     * @throws InterruptedException if interrupted while waiting; the process is then destroyed.
     */
    int run(Path directory, Path jar, List<String> arguments, PrintWriter log) throws IOException, InterruptedException;
}
