package io.stowage.ipc;

/**
 * Looks up what a placed task holds, for the {@link MessageType#LAUNCH} frame the agent's guard checks. The engine's
 * decision callbacks name the task but not its resources; on the kernel thread, inside the callback, the kernel
 * still knows them ({@code AllocatorKernel.taskResource}).
 */
@FunctionalInterface
public interface TaskResources
{
    /**
     * @param taskId a running task.
     * @param into   filled with its milli-units per dimension.
     * @return false if the task is not known.
     */
    boolean resources(long taskId, long[] into);
}
