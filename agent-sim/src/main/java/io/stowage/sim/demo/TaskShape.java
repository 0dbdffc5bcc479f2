package io.stowage.sim.demo;

import io.stowage.core.Quantities;

/**
 * The kinds of task request the demo submits, with their share of arrivals in per mille. The last four are there to
 * be turned away: one larger than any host, and three malformed requests that the kernel must reject by reason.
 */
enum TaskShape
{
    WEB("web", 500, 1024, 0, 355),
    SIDECAR("web", 125, 256, 0, 100),
    BATCH("batch", 2000, 8192, 0, 250),
    BATCH_LARGE("batch", 8000, 24576, 0, 100),
    ANALYTICS("analytics", 1000, 16384, 0, 100),
    TRAINING("ml", 8000, 49152, 1, 60),
    TRAINING_LARGE("ml", 16000, 98304, 4, 20),
    /** 96 cpus: valid, but larger than the largest host, so never placeable. */
    OVERSIZED("batch", 96000, 393216, 0, 5),
    /** Asks for nothing at all: rejected as invalid. */
    ALL_ZERO("batch", 0, 0, 0, 4),
    /** From a framework that never registered. */
    UNKNOWN_FRAMEWORK(null, 500, 1024, 0, 3),
    /** Revocable, while the demo kernel runs with oversubscription disabled. */
    REVOCABLE("batch", 500, 1024, 0, 3);

    private static final TaskShape[] SHAPES = values();

    /** The framework that submits it, or null for a framework the kernel does not know. */
    final String framework;
    final long cpuMillis;
    final long memMib;
    final long gpus;
    final int perMille;

    TaskShape(final String framework, final long cpuMillis, final long memMib, final long gpus, final int perMille)
    {
        this.framework = framework;
        this.cpuMillis = cpuMillis;
        this.memMib = memMib;
        this.gpus = gpus;
        this.perMille = perMille;
    }

    /** @return the request in units, such as {@code 8 cpus 48 GiB 1 gpu}. */
    String describe()
    {
        final StringBuilder sb = new StringBuilder()
            .append(Quantities.format(cpuMillis)).append(cpuMillis == 1000 ? " cpu " : " cpus ")
            .append(Quantities.format(memMib * 1000 / 1024)).append(" GiB");
        if (gpus > 0)
        {
            sb.append(' ').append(gpus).append(gpus == 1 ? " gpu" : " gpus");
        }
        return sb.toString();
    }

    /**
     * @param draw a uniform draw from 0 to 999.
     * @return the shape that draw picks, by the shapes' shares of arrivals.
     */
    static TaskShape pick(final int draw)
    {
        int bound = 0;
        for (final TaskShape shape : SHAPES)
        {
            bound += shape.perMille;
            if (draw < bound)
            {
                return shape;
            }
        }
        return SHAPES[0];
    }
}
