package io.stowage.sim.bench;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The values of the comparison benchmark's {@code engine} parameter, in table order, with how the table names them.
 */
public enum Engine
{
    /** The Stowage kernel, {@code BINPACK}, one {@code place} per task. */
    STOWAGE("stowage", "Stowage", ""),
    /** A locked list scanned in full for the best fit. */
    NAIVE("naive", "naive best fit", ""),
    /** Fenzo, full scan, leases that expire. */
    FENZO_FULL("fenzoFull", "Fenzo full scan", "expire after 1 s"),
    /** Fenzo, first fit, leases that expire. */
    FENZO_FIRST_FIT("fenzoFirstFit", "Fenzo first fit", "expire after 1 s"),
    /** Fenzo, full scan, leases that never expire. */
    FENZO_FULL_NEVER_EXPIRE("fenzoFullNeverExpire", "Fenzo full scan", "never expire"),
    /** Fenzo, first fit, leases that never expire. */
    FENZO_FIRST_FIT_NEVER_EXPIRE("fenzoFirstFitNeverExpire", "Fenzo first fit", "never expire");

    private final String parameter;
    private final String label;
    private final String offers;

    Engine(final String parameter, final String label, final String offers)
    {
        this.parameter = parameter;
        this.label = label;
        this.offers = offers;
    }

    /** @return the JMH parameter value. */
    public String parameter()
    {
        return parameter;
    }

    /** @return the engine's name in the table. */
    public String label()
    {
        return label;
    }

    /** @return Fenzo's offer regime, or empty for the others. */
    public String offers()
    {
        return offers;
    }

    /** @return true for Fenzo's regime whose calls grow with agents × agents. */
    public boolean leasesNeverExpire()
    {
        return this == FENZO_FULL_NEVER_EXPIRE || this == FENZO_FIRST_FIT_NEVER_EXPIRE;
    }

    /** @return true for the Fenzo engines. */
    public boolean isFenzo()
    {
        return parameter.startsWith("fenzo");
    }

    /**
     * @param parameter a JMH parameter value.
     * @return its engine.
     * @throws IllegalArgumentException naming the value and the known ones.
     */
    public static Engine of(final String parameter)
    {
        for (final Engine engine : values())
        {
            if (engine.parameter.equals(parameter))
            {
                return engine;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + parameter + "' (known: " + names(List.of(values())) +
            ")");
    }

    /**
     * @param engines some engines.
     * @return their parameter values, comma separated.
     */
    public static String names(final List<Engine> engines)
    {
        return engines.stream().map(Engine::parameter).collect(Collectors.joining(","));
    }

    /** @return every engine, in table order. */
    public static List<Engine> all()
    {
        return Arrays.asList(values());
    }
}
