package io.stowage.core;

/**
 * A kernel snapshot that cannot be loaded: wrong magic, unsupported version, a checksum that does not match, a
 * configuration other than the one it was taken with, or a section whose contents are inconsistent. The message names
 * the problem; nothing is loaded.
 */
public final class SnapshotException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong with the snapshot.
     */
    public SnapshotException(final String message)
    {
        super(message);
    }
}
