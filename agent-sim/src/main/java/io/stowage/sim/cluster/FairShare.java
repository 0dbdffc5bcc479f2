package io.stowage.sim.cluster;

/**
 * Weighted max-min fair division (progressive filling): each party gets {@code min(demand, weight × level)}, with the
 * level chosen so that the parts add up to the amount divided (or every demand is met). Used to judge the frameworks'
 * dominant shares: the fair share of each is its part of what is allocated, given what each one asks for.
 */
final class FairShare
{
    private static final int ITERATIONS = 60;

    private FairShare()
    {
    }

    /**
     * @param amount  what is divided.
     * @param demands what each party asks for (not negative).
     * @param weights each party's weight (positive).
     * @param into    filled with each party's fair part.
     */
    static void divide(final double amount, final double[] demands, final double[] weights, final double[] into)
    {
        double totalDemand = 0;
        double maxLevel = 0;
        for (int i = 0; i < demands.length; i++)
        {
            totalDemand += demands[i];
            maxLevel = Math.max(maxLevel, demands[i] / weights[i]);
        }
        if (totalDemand <= amount)
        {
            System.arraycopy(demands, 0, into, 0, demands.length);
            return;
        }
        double low = 0;
        double high = maxLevel;
        for (int iteration = 0; iteration < ITERATIONS; iteration++)
        {
            final double level = (low + high) / 2;
            if (filled(level, demands, weights) < amount)
            {
                low = level;
            }
            else
            {
                high = level;
            }
        }
        for (int i = 0; i < demands.length; i++)
        {
            into[i] = Math.min(demands[i], weights[i] * high);
        }
    }

    private static double filled(final double level, final double[] demands, final double[] weights)
    {
        double sum = 0;
        for (int i = 0; i < demands.length; i++)
        {
            sum += Math.min(demands[i], weights[i] * level);
        }
        return sum;
    }
}
