package io.stowage.engine;

/** A counters file is missing or is not one this reader can read; the message says which file and why. */
public final class CountersFileException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message the file and what is wrong with it.
     */
    public CountersFileException(final String message)
    {
        super(message);
    }
}
