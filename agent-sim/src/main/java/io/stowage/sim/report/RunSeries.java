package io.stowage.sim.report;

import java.util.Arrays;
import java.util.List;

/**
 * Figures sampled at regular simulated intervals, drawn in the report's time charts. Samples are stored column by
 * column in primitive arrays that double when full, so a sample costs a few array stores and no allocation in
 * steady state. Arrays passed in are indexed like the lists given to the constructor and are copied; arrays returned
 * are copies trimmed to {@link #size()}. Single writer: the simulator samples, the writer reads after the run.
 */
public final class RunSeries
{
    private static final int INITIAL_CAPACITY = 256;

    private final List<String> dimensions;
    private final List<String> frameworks;
    private final List<String> reasons;
    private double[] seconds = new double[INITIAL_CAPACITY];
    private final double[][] allocated;
    private final double[][] used;
    private final double[][] shares;
    private final long[][] rejections;
    private int size;

    /**
     * @param dimensions resource dimension names, the index of the allocated and used fractions.
     * @param frameworks framework names, the index of the dominant shares.
     * @param reasons    rejection reason names, the index of the rejection counts.
     */
    public RunSeries(final List<String> dimensions, final List<String> frameworks, final List<String> reasons)
    {
        this.dimensions = List.copyOf(dimensions);
        this.frameworks = List.copyOf(frameworks);
        this.reasons = List.copyOf(reasons);
        allocated = new double[this.dimensions.size()][INITIAL_CAPACITY];
        used = new double[this.dimensions.size()][INITIAL_CAPACITY];
        shares = new double[this.frameworks.size()][INITIAL_CAPACITY];
        rejections = new long[this.reasons.size()][INITIAL_CAPACITY];
    }

    /**
     * Records one sample.
     *
     * @param simulatedSeconds               simulated time of the sample, not before the previous one.
     * @param allocatedFraction              allocated fraction of the cluster's capacity, by dimension.
     * @param usedFraction                   measured usage as a fraction of the cluster's capacity, by dimension.
     * @param frameworkDominantShares        dominant share, by framework.
     * @param rejectionsInIntervalByReason   rejections since the previous sample, by reason.
     * @throws IllegalArgumentException if an array's length differs from its list's size or the time goes back.
     */
    public void sample(
        final double simulatedSeconds,
        final double[] allocatedFraction,
        final double[] usedFraction,
        final double[] frameworkDominantShares,
        final long[] rejectionsInIntervalByReason)
    {
        checkLength("allocatedFraction", allocatedFraction.length, dimensions.size());
        checkLength("usedFraction", usedFraction.length, dimensions.size());
        checkLength("frameworkDominantShares", frameworkDominantShares.length, frameworks.size());
        checkLength("rejectionsInIntervalByReason", rejectionsInIntervalByReason.length, reasons.size());
        if (size > 0 && simulatedSeconds < seconds[size - 1])
        {
            throw new IllegalArgumentException("sample at " + simulatedSeconds + " s is before the previous one at " +
                seconds[size - 1] + " s");
        }
        if (size == seconds.length)
        {
            grow();
        }
        seconds[size] = simulatedSeconds;
        for (int d = 0; d < allocated.length; d++)
        {
            allocated[d][size] = allocatedFraction[d];
            used[d][size] = usedFraction[d];
        }
        for (int f = 0; f < shares.length; f++)
        {
            shares[f][size] = frameworkDominantShares[f];
        }
        for (int r = 0; r < rejections.length; r++)
        {
            rejections[r][size] = rejectionsInIntervalByReason[r];
        }
        size++;
    }

    /** @return samples recorded. */
    public int size()
    {
        return size;
    }

    /** @return resource dimension names, as given to the constructor. */
    public List<String> dimensions()
    {
        return dimensions;
    }

    /** @return framework names, as given to the constructor. */
    public List<String> frameworks()
    {
        return frameworks;
    }

    /** @return rejection reason names, as given to the constructor. */
    public List<String> reasons()
    {
        return reasons;
    }

    /** @return simulated time of each sample, seconds. */
    public double[] seconds()
    {
        return Arrays.copyOf(seconds, size);
    }

    /**
     * @param dimension index into {@link #dimensions()}.
     * @return allocated fraction of each sample.
     */
    public double[] allocated(final int dimension)
    {
        return Arrays.copyOf(allocated[dimension], size);
    }

    /**
     * @param dimension index into {@link #dimensions()}.
     * @return measured usage fraction of each sample.
     */
    public double[] used(final int dimension)
    {
        return Arrays.copyOf(used[dimension], size);
    }

    /**
     * @param framework index into {@link #frameworks()}.
     * @return dominant share of each sample.
     */
    public double[] dominantShare(final int framework)
    {
        return Arrays.copyOf(shares[framework], size);
    }

    /**
     * @param reason index into {@link #reasons()}.
     * @return rejections in the interval ending at each sample.
     */
    public long[] rejections(final int reason)
    {
        return Arrays.copyOf(rejections[reason], size);
    }

    /**
     * @param reason index into {@link #reasons()}.
     * @return rejections for this reason over all samples.
     */
    public long rejectionTotal(final int reason)
    {
        long total = 0;
        for (int i = 0; i < size; i++)
        {
            total += rejections[reason][i];
        }
        return total;
    }

    private void grow()
    {
        final int capacity = seconds.length * 2;
        seconds = Arrays.copyOf(seconds, capacity);
        grow(allocated, capacity);
        grow(used, capacity);
        grow(shares, capacity);
        for (int r = 0; r < rejections.length; r++)
        {
            rejections[r] = Arrays.copyOf(rejections[r], capacity);
        }
    }

    private static void grow(final double[][] columns, final int capacity)
    {
        for (int i = 0; i < columns.length; i++)
        {
            columns[i] = Arrays.copyOf(columns[i], capacity);
        }
    }

    private static void checkLength(final String name, final int length, final int expected)
    {
        if (length != expected)
        {
            throw new IllegalArgumentException(name + " has length " + length + ", expected " + expected);
        }
    }
}
