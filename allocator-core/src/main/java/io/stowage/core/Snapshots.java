package io.stowage.core;

/** Checks shared by the sections of a kernel snapshot: what was read must fit the kernel it is read into. */
final class Snapshots
{
    private Snapshots()
    {
    }

    /**
     * @param in       the reader, for its section in errors.
     * @param what     the field.
     * @param count    the elements read.
     * @param expected the elements this kernel's configuration holds.
     */
    static void exact(final SnapshotReader in, final String what, final int count, final int expected)
    {
        if (count != expected)
        {
            throw in.fail(what + " holds " + count + " elements where this configuration has " + expected);
        }
    }

    /**
     * Checks that every element is a slot index below the array's length, or the "none" marker.
     *
     * @param in     the reader, for its section in errors.
     * @param what   the field.
     * @param values the links read.
     * @param none   the marker of no slot.
     */
    static void slots(final SnapshotReader in, final String what, final int[] values, final int none)
    {
        slots(in, what, values, values.length, values.length, none);
    }

    /**
     * @param in     the reader, for its section in errors.
     * @param what   the field.
     * @param values the links read.
     * @param count  how many of them to check.
     * @param bound  the exclusive upper bound of a slot.
     * @param none   the marker of no slot.
     */
    static void slots(
        final SnapshotReader in, final String what, final int[] values, final int count, final int bound,
        final int none)
    {
        for (int i = 0; i < count; i++)
        {
            final int v = values[i];
            if (v != none && (v < 0 || v >= bound))
            {
                throw in.fail(what + "[" + i + "] is " + v + ", not a slot below " + bound);
            }
        }
    }
}
