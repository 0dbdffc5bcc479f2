package io.stowage.sim.demo;

import io.stowage.core.AllocatorKernel;
import io.stowage.core.Reason;
import io.stowage.core.TaskRequest;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The demo's frameworks and their tasks: fills a reused {@link TaskRequest} with the next arrival, remembers the
 * tasks that were placed, and finishes a uniformly chosen running one on request.
 */
final class DemoWorkload
{
    private final AllocatorKernel kernel;
    private final SplittableRandom random;
    private final int[] frameworkOf = new int[TaskShape.values().length];
    private final int[] labelOf = new int[TaskShape.values().length];
    private long[] running = new long[1024];
    private int runningCount;

    DemoWorkload(final AllocatorKernel kernel, final SplittableRandom random)
    {
        this.kernel = kernel;
        this.random = random;
        for (final TaskShape shape : TaskShape.values())
        {
            // An id the kernel never handed out: frameworks are numbered from 0 as they register.
            frameworkOf[shape.ordinal()] = shape.framework == null ? 1_000 : kernel.registerFramework(shape.framework);
            labelOf[shape.ordinal()] = kernel.internLabel(shape.name().toLowerCase());
        }
    }

    /**
     * Fills {@code request} with the next arrival.
     *
     * @return its shape.
     */
    TaskShape next(final TaskRequest request)
    {
        final TaskShape shape = TaskShape.pick(random.nextInt(1000));
        request.reset(frameworkOf[shape.ordinal()])
            .label(labelOf[shape.ordinal()])
            .resource(DemoCluster.CPUS, shape.cpuMillis)
            .resource(DemoCluster.MEM, shape.memMib * 1000)
            .resource(DemoCluster.GPUS, shape.gpus * 1000)
            .revocable(shape == TaskShape.REVOCABLE);
        return shape;
    }

    /** Remembers a placed task so that it can be finished later. */
    void started(final long taskId)
    {
        if (runningCount == running.length)
        {
            running = Arrays.copyOf(running, running.length * 2);
        }
        running[runningCount++] = taskId;
    }

    /**
     * Finishes a uniformly chosen running task. Tasks lost with their agents are forgotten on the way.
     *
     * @return true if a task finished, false if none is running.
     */
    boolean finishRandom()
    {
        while (runningCount > 0)
        {
            final int i = random.nextInt(runningCount);
            final long taskId = running[i];
            running[i] = running[--runningCount];
            if (kernel.isRunning(taskId))
            {
                final Reason reason = kernel.finish(taskId);
                if (reason != Reason.OK)
                {
                    throw new IllegalStateException("finish of running task " + taskId + " was refused: " + reason);
                }
                return true;
            }
        }
        return false;
    }
}
