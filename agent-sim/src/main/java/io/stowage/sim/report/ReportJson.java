package io.stowage.sim.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * {@code report.json}: the (protected) run's fields at the top level and, in the {@code --compare} mode, the other run
 * under {@code withoutProtections} and the {@link Headline} figures of both under {@code comparison}. A non-finite
 * double is written as {@code null}, since JSON has no NaN.
 */
final class ReportJson
{
    static final String WITHOUT_PROTECTIONS = "withoutProtections";
    static final String COMPARISON = "comparison";
    static final String WITH = "with";
    static final String WITHOUT = "without";

    private static final ObjectMapper MAPPER = newMapper();

    private ReportJson()
    {
    }

    /**
     * @param run the run.
     * @return the document of one run.
     */
    static ObjectNode of(final RunReport run)
    {
        return MAPPER.valueToTree(run);
    }

    /**
     * @param withProtections    the run with the protections, at the top level.
     * @param withoutProtections the same run without them.
     * @return the document of the comparison.
     */
    static ObjectNode of(final RunReport withProtections, final RunReport withoutProtections)
    {
        final ObjectNode root = of(withProtections);
        root.set(WITHOUT_PROTECTIONS, of(withoutProtections));
        final ObjectNode comparison = root.putObject(COMPARISON);
        for (final Headline headline : Headline.values())
        {
            final ObjectNode figure = comparison.putObject(headline.key());
            put(figure, WITH, headline.of(withProtections));
            put(figure, WITHOUT, headline.of(withoutProtections));
        }
        return root;
    }

    /**
     * @param document a document.
     * @return it pretty-printed, ending with a new line.
     * @throws IOException if Jackson cannot write it.
     */
    static String write(final ObjectNode document) throws IOException
    {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document) + System.lineSeparator();
    }

    private static void put(final ObjectNode node, final String key, final Number value)
    {
        if (value instanceof Long)
        {
            node.put(key, value.longValue());
        }
        else if (Double.isFinite(value.doubleValue()))
        {
            node.put(key, value.doubleValue());
        }
        else
        {
            node.putNull(key);
        }
    }

    private static ObjectMapper newMapper()
    {
        final SimpleModule finiteDoubles = new SimpleModule("finite-doubles");
        finiteDoubles.addSerializer(Double.class, new FiniteDoubleSerializer());
        finiteDoubles.addSerializer(Double.TYPE, new FiniteDoubleSerializer());
        return new ObjectMapper()
            .registerModule(finiteDoubles)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** Writes NaN and the infinities as null: JSON has no token for them. */
    private static final class FiniteDoubleSerializer extends JsonSerializer<Double>
    {
        @Override
        public void serialize(final Double value, final JsonGenerator generator, final SerializerProvider provider)
            throws IOException
        {
            if (Double.isFinite(value))
            {
                generator.writeNumber(value);
            }
            else
            {
                generator.writeNull();
            }
        }
    }
}
