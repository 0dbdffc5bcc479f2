package io.stowage.sim.scenario;

/**
 * A scenario file that cannot be run: unreadable, not JSON, or not following ../shared/SCENARIOS.md. Carries the
 * JSON pointer of the offending value so that the report reads {@code <file>: <pointer>: <what is wrong>}.
 */
public final class MalformedScenarioException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final String pointer;

    /**
     * @param pointer the JSON pointer of the offending value, empty for the whole document.
     * @param message what is wrong.
     */
    public MalformedScenarioException(final String pointer, final String message)
    {
        super(message);
        this.pointer = pointer;
    }

    /** @return the JSON pointer of the offending value, empty for the whole document. */
    public String pointer()
    {
        return pointer;
    }
}
