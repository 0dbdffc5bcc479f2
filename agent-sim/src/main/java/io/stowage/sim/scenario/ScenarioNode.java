package io.stowage.sim.scenario;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.stowage.core.Quantities;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A value of a scenario file together with its JSON pointer, read through typed accessors that refuse a wrong type
 * naming the pointer. {@link #object(Set)} is the one place where unknown keys are refused.
 */
final class ScenarioNode
{
    private static final int MAX_SHOWN = 40;
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private final JsonNode json;
    private final JsonPointer pointer;

    private ScenarioNode(final JsonNode json, final JsonPointer pointer)
    {
        this.json = json;
        this.pointer = pointer;
    }

    /**
     * @param keys the keys an object may have.
     * @return them as a set that keeps their order, for {@link #object(Set)} and its messages.
     */
    static Set<String> allowedKeys(final String... keys)
    {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(keys)));
    }

    /**
     * @param document the parsed file.
     * @return the document root.
     */
    static ScenarioNode root(final JsonNode document)
    {
        return new ScenarioNode(document, JsonPointer.empty());
    }

    /** @return the JSON pointer of this value. */
    String pointer()
    {
        return pointer.toString();
    }

    /** @return true unless this is an absent key. */
    boolean isPresent()
    {
        return json != null && !json.isMissingNode();
    }

    /** @return true if this is a JSON object. */
    boolean isObject()
    {
        return isPresent() && json.isObject();
    }

    /**
     * @param message what is wrong with this value.
     * @return an exception naming this value's pointer.
     */
    MalformedScenarioException error(final String message)
    {
        return new MalformedScenarioException(pointer(), message);
    }

    /**
     * Checks that this is an object whose keys are all allowed.
     *
     * @param allowed the keys the object may have.
     * @return this.
     * @throws MalformedScenarioException at the first unknown key, or if this is not an object.
     */
    ScenarioNode object(final Set<String> allowed) throws MalformedScenarioException
    {
        requireObject();
        for (final Iterator<String> names = json.fieldNames(); names.hasNext(); )
        {
            final String name = names.next();
            if (!allowed.contains(name))
            {
                final String known = allowed.isEmpty() ? "this object takes none" :
                    "known: " + String.join(", ", allowed);
                throw get(name).error("unknown key \"" + name + "\" (" + known + ")");
            }
        }
        return this;
    }

    /**
     * @return the keys of this object, in file order (for maps keyed by names, such as resource vectors).
     * @throws MalformedScenarioException if this is not an object.
     */
    List<String> keys() throws MalformedScenarioException
    {
        requireObject();
        final List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    /**
     * @param key a key of this object.
     * @return its value, absent if the object lacks the key.
     */
    ScenarioNode get(final String key)
    {
        return new ScenarioNode(json.get(key), pointer.appendProperty(key));
    }

    /**
     * @param key a key this object must have.
     * @return its value.
     * @throws MalformedScenarioException if the key is missing.
     */
    ScenarioNode required(final String key) throws MalformedScenarioException
    {
        final ScenarioNode child = get(key);
        if (!child.isPresent())
        {
            throw error("missing required key \"" + key + "\"");
        }
        return child;
    }

    /**
     * @return the elements of this array.
     * @throws MalformedScenarioException if this is not an array.
     */
    List<ScenarioNode> elements() throws MalformedScenarioException
    {
        if (!isPresent() || !json.isArray())
        {
            throw wrongType("an array");
        }
        final List<ScenarioNode> elements = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++)
        {
            elements.add(new ScenarioNode(json.get(i), pointer.appendIndex(i)));
        }
        return elements;
    }

    /**
     * @return this string.
     * @throws MalformedScenarioException if this is not a string.
     */
    String text() throws MalformedScenarioException
    {
        if (!isPresent() || !json.isTextual())
        {
            throw wrongType("a string");
        }
        return json.textValue();
    }

    /**
     * @return this string, which must not be blank.
     * @throws MalformedScenarioException if this is not a string or is blank.
     */
    String name() throws MalformedScenarioException
    {
        final String text = text();
        if (text.isBlank())
        {
            throw error("must not be blank");
        }
        return text;
    }

    /**
     * @return this boolean.
     * @throws MalformedScenarioException if this is not true or false.
     */
    boolean bool() throws MalformedScenarioException
    {
        if (!isPresent() || !json.isBoolean())
        {
            throw wrongType("true or false");
        }
        return json.booleanValue();
    }

    /**
     * @param min the smallest value allowed.
     * @param max the largest value allowed.
     * @return this integer.
     * @throws MalformedScenarioException if this is not an integer within the range.
     */
    long integer(final long min, final long max) throws MalformedScenarioException
    {
        if (!isPresent() || !json.isIntegralNumber())
        {
            throw wrongType("an integer");
        }
        if (!json.canConvertToLong() || json.longValue() < min || json.longValue() > max)
        {
            throw error("must be " + min + " to " + max + ", got " + json.asText());
        }
        return json.longValue();
    }

    /**
     * @return this number, exactly as written.
     * @throws MalformedScenarioException if this is not a number.
     */
    BigDecimal number() throws MalformedScenarioException
    {
        if (!isPresent() || !json.isNumber())
        {
            throw wrongType("a number");
        }
        return json.decimalValue();
    }

    /**
     * @return this quantity in milli-units: a number, not negative, with at most 3 decimal places.
     * @throws MalformedScenarioException naming the problem.
     */
    long millis() throws MalformedScenarioException
    {
        final BigDecimal value = number();
        try
        {
            return Quantities.toMillis(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw error(ex.getMessage());
        }
    }

    /**
     * @return this duration in seconds as nanoseconds, exactly: not negative, at most 9 decimal places.
     * @throws MalformedScenarioException naming the problem.
     */
    long nanos() throws MalformedScenarioException
    {
        final BigDecimal seconds = number();
        if (seconds.signum() < 0)
        {
            throw error("must not be negative, got " + seconds.toPlainString());
        }
        try
        {
            return seconds.multiply(NANOS_PER_SECOND).longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw error(seconds.toPlainString() + " s is not a whole number of nanoseconds within range");
        }
    }

    /** @return this value as compact JSON text, shortened if long. */
    String shown()
    {
        if (!isPresent())
        {
            return "nothing";
        }
        final String text = json.toString();
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...";
    }

    private void requireObject() throws MalformedScenarioException
    {
        if (!isPresent() || !json.isObject())
        {
            throw wrongType("an object");
        }
    }

    private MalformedScenarioException wrongType(final String expected)
    {
        return error("expected " + expected + ", got " + shown());
    }
}
