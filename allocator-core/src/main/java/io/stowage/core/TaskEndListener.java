package io.stowage.core;

/**
 * Told when the kernel ends a task on its own initiative (its agent was removed), so that the embedding scheduler
 * can report it. Called on the kernel's thread, inside the operation that ended the task.
 */
@FunctionalInterface
public interface TaskEndListener
{
    /** A listener that ignores every ending. */
    TaskEndListener NONE = (taskId, framework, agentSlot, cause) -> {};

    /**
     * @param taskId    the task.
     * @param framework its framework id.
     * @param agentSlot the agent it ran on.
     * @param cause     why it ended.
     */
    void onTaskEnded(long taskId, int framework, int agentSlot, TaskEndCause cause);
}
