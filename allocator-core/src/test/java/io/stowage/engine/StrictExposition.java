package io.stowage.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests (the Java client has no parser). It
 * refuses, naming the line, anything malformed: a comment other than {@code # HELP} or {@code # TYPE}; a HELP or TYPE
 * given twice or after the family's first sample; a sample of a family without a TYPE, or of a family that an earlier
 * family's samples already closed; a name or label name outside the format's alphabet; a label value with an escape
 * other than {@code \\}, {@code \"}, {@code \n}; a repeated label; a value that is no float; the same series twice;
 * a sample name that the family's type does not allow; a text that does not end in a newline. Histograms are checked
 * too: each series has {@code _bucket}s with increasing {@code le}, cumulative (non-decreasing) counts, a last bucket
 * {@code le="+Inf"} equal to its {@code _count}, and a {@code _sum}.
 */
final class StrictExposition
{
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample: its full name (with any suffix), its labels in order, its value. */
    record Sample(String name, Map<String, String> labels, double value)
    {
    }

    /** One family: its type, help and samples in order. */
    static final class Family
    {
        final String name;
        String type;
        String help;
        final List<Sample> samples = new ArrayList<>();

        Family(final String name)
        {
            this.name = name;
        }

        /**
         * @param sampleName a sample name of the family (with its suffix).
         * @param labels     name, value, name, value... (every label of the series).
         * @return the value of that series.
         * @throws AssertionError if there is no such series.
         */
        double sample(final String sampleName, final String... labels)
        {
            final Map<String, String> wanted = new HashMap<>();
            for (int i = 0; i < labels.length; i += 2)
            {
                wanted.put(labels[i], labels[i + 1]);
            }
            for (final Sample sample : samples)
            {
                if (sample.name.equals(sampleName) && sample.labels.equals(wanted))
                {
                    return sample.value;
                }
            }
            throw new AssertionError("no series " + sampleName + wanted + " in " + samples);
        }

        /**
         * @param labels name, value, ... (every label of the series).
         * @return the value of the family's sample ({@code _total} for a counter) with those labels.
         */
        double value(final String... labels)
        {
            return sample("counter".equals(type) ? base(name) + "_total" : name, labels);
        }
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    private StrictExposition()
    {
    }

    /**
     * @param text a scrape's body.
     * @return the families, by name, in order.
     * @throws IllegalArgumentException naming the first malformed line.
     */
    static Map<String, Family> parse(final String text)
    {
        final StrictExposition parser = new StrictExposition();
        if (!text.isEmpty() && !text.endsWith("\n"))
        {
            throw new IllegalArgumentException("the text does not end in a newline");
        }
        final String[] lines = text.split("\n", -1);
        final Set<String> closed = new HashSet<>();
        final Set<String> series = new HashSet<>();
        Family current = null;
        for (int i = 0; i < lines.length - 1; i++)
        {
            final String line = lines[i];
            final String where = "line " + (i + 1) + " \"" + line + "\": ";
            if (line.isEmpty())
            {
                throw new IllegalArgumentException(where + "empty line");
            }
            if (line.startsWith("#"))
            {
                final Family family = parser.comment(line, where, closed);
                if (current != null && current != family)
                {
                    closed.add(current.name);
                }
                current = family;
                continue;
            }
            final Sample sample = sample(line, where);
            if (current == null || current.type == null || !allowed(current, sample.name))
            {
                throw new IllegalArgumentException(where + "not a sample of the family whose TYPE precedes it");
            }
            if (!series.add(sample.name + new TreeMap<>(sample.labels)))
            {
                throw new IllegalArgumentException(where + "the same series twice");
            }
            current.samples.add(sample);
        }
        for (final Family family : parser.families.values())
        {
            if ("histogram".equals(family.type))
            {
                checkHistogram(family);
            }
        }
        return parser.families;
    }

    private Family comment(final String line, final String where, final Set<String> closed)
    {
        final String[] parts = line.split(" ", 4);
        if (parts.length < 3 || !"#".equals(parts[0]) || !("HELP".equals(parts[1]) || "TYPE".equals(parts[1])))
        {
            throw new IllegalArgumentException(where + "a comment other than # HELP or # TYPE");
        }
        final String name = parts[2];
        if (!METRIC_NAME.matcher(name).matches())
        {
            throw new IllegalArgumentException(where + "bad metric name " + name);
        }
        if (closed.contains(name))
        {
            throw new IllegalArgumentException(where + "family " + name + " appears again");
        }
        final Family family = families.computeIfAbsent(name, Family::new);
        if (!family.samples.isEmpty())
        {
            throw new IllegalArgumentException(where + "metadata after the family's samples");
        }
        final String rest = parts.length == 4 ? parts[3] : "";
        if ("HELP".equals(parts[1]))
        {
            if (family.help != null)
            {
                throw new IllegalArgumentException(where + "HELP twice");
            }
            checkEscapes(rest, "\\n", where);
            family.help = rest;
        }
        else
        {
            if (family.type != null)
            {
                throw new IllegalArgumentException(where + "TYPE twice");
            }
            if (!TYPES.contains(rest))
            {
                throw new IllegalArgumentException(where + "unknown type " + rest);
            }
            family.type = rest;
        }
        return family;
    }

    private static boolean allowed(final Family family, final String sampleName)
    {
        final String name = family.name;
        return switch (family.type)
        {
            case "counter" -> sampleName.equals(base(name) + "_total") || sampleName.equals(base(name) + "_created");
            case "histogram" -> sampleName.equals(name + "_bucket") || sampleName.equals(name + "_count") ||
                sampleName.equals(name + "_sum") || sampleName.equals(name + "_created");
            case "summary" -> sampleName.equals(name) || sampleName.equals(name + "_count") ||
                sampleName.equals(name + "_sum") || sampleName.equals(name + "_created");
            default -> sampleName.equals(name);
        };
    }

    /** A counter's family may be named with or without {@code _total} (format 0.0.4 writers name it with). */
    private static String base(final String name)
    {
        return name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
    }

    private static Sample sample(final String line, final String where)
    {
        int at = 0;
        while (at < line.length() && line.charAt(at) != '{' && line.charAt(at) != ' ')
        {
            at++;
        }
        final String name = line.substring(0, at);
        if (!METRIC_NAME.matcher(name).matches())
        {
            throw new IllegalArgumentException(where + "bad metric name " + name);
        }
        final Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{')
        {
            at = labels(line, at + 1, labels, where);
        }
        if (at >= line.length() || line.charAt(at) != ' ')
        {
            throw new IllegalArgumentException(where + "no space before the value");
        }
        final String[] rest = line.substring(at + 1).split(" ", -1);
        if (rest.length > 2)
        {
            throw new IllegalArgumentException(where + "more than a value and a timestamp");
        }
        final double value = number(rest[0], where);
        if (rest.length == 2)
        {
            try
            {
                Long.parseLong(rest[1]);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(where + "bad timestamp " + rest[1], ex);
            }
        }
        return new Sample(name, labels, value);
    }

    private static int labels(final String line, final int start, final Map<String, String> labels, final String where)
    {
        int at = start;
        while (true)
        {
            if (at < line.length() && line.charAt(at) == '}')
            {
                return at + 1;
            }
            final int equals = line.indexOf('=', at);
            if (equals < 0)
            {
                throw new IllegalArgumentException(where + "a label without =");
            }
            final String name = line.substring(at, equals);
            if (!LABEL_NAME.matcher(name).matches() || name.startsWith("__"))
            {
                throw new IllegalArgumentException(where + "bad label name \"" + name + "\"");
            }
            if (equals + 1 >= line.length() || line.charAt(equals + 1) != '"')
            {
                throw new IllegalArgumentException(where + "label value not quoted");
            }
            final StringBuilder value = new StringBuilder();
            int i = equals + 2;
            for (; i < line.length() && line.charAt(i) != '"'; i++)
            {
                char c = line.charAt(i);
                if (c == '\\')
                {
                    if (++i >= line.length())
                    {
                        throw new IllegalArgumentException(where + "escape at the end");
                    }
                    c = switch (line.charAt(i))
                    {
                        case '\\' -> '\\';
                        case '"' -> '"';
                        case 'n' -> '\n';
                        default -> throw new IllegalArgumentException(where + "bad escape \\" + line.charAt(i));
                    };
                }
                value.append(c);
            }
            if (i >= line.length())
            {
                throw new IllegalArgumentException(where + "unterminated label value");
            }
            if (labels.put(name, value.toString()) != null)
            {
                throw new IllegalArgumentException(where + "label " + name + " twice");
            }
            at = i + 1;
            if (at < line.length() && line.charAt(at) == ',')
            {
                at++;
            }
            else if (at >= line.length() || line.charAt(at) != '}')
            {
                throw new IllegalArgumentException(where + "expected , or } after a label");
            }
        }
    }

    private static double number(final String text, final String where)
    {
        switch (text)
        {
            case "NaN":
                return Double.NaN;
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                if (!text.matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?"))
                {
                    throw new IllegalArgumentException(where + "bad value " + text);
                }
                return Double.parseDouble(text);
        }
    }

    private static void checkEscapes(final String text, final String allowed, final String where)
    {
        for (int i = 0; i < text.length(); i++)
        {
            if (text.charAt(i) == '\\')
            {
                if (i + 1 >= text.length() || (text.charAt(i + 1) != '\\' && allowed.indexOf(text.charAt(i + 1)) < 0))
                {
                    throw new IllegalArgumentException(where + "bad escape in help");
                }
                i++;
            }
        }
    }

    private static void checkHistogram(final Family family)
    {
        final Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
        final Map<Map<String, String>, Double> counts = new HashMap<>();
        final Set<Map<String, String>> sums = new HashSet<>();
        for (final Sample sample : family.samples)
        {
            final Map<String, String> series = new TreeMap<>(sample.labels);
            if (sample.name.endsWith("_bucket"))
            {
                final String le = series.remove("le");
                if (le == null)
                {
                    throw new IllegalArgumentException(family.name + ": a bucket without le");
                }
                buckets.computeIfAbsent(series, k -> new ArrayList<>()).add(sample);
            }
            else if (sample.name.endsWith("_count"))
            {
                counts.put(series, sample.value);
            }
            else if (sample.name.endsWith("_sum"))
            {
                sums.add(series);
            }
        }
        if (buckets.isEmpty())
        {
            throw new IllegalArgumentException(family.name + ": a histogram without buckets");
        }
        for (final Map.Entry<Map<String, String>, List<Sample>> entry : buckets.entrySet())
        {
            final String where = family.name + entry.getKey() + ": ";
            double lastBound = Double.NEGATIVE_INFINITY;
            double lastCount = 0;
            for (final Sample bucket : entry.getValue())
            {
                final double bound = number(bucket.labels.get("le"), where);
                if (!(bound > lastBound))
                {
                    throw new IllegalArgumentException(where + "le not increasing at " + bound);
                }
                if (bucket.value < lastCount || bucket.value != Math.rint(bucket.value))
                {
                    throw new IllegalArgumentException(where + "bucket counts not cumulative at le=" + bound);
                }
                lastBound = bound;
                lastCount = bucket.value;
            }
            if (lastBound != Double.POSITIVE_INFINITY)
            {
                throw new IllegalArgumentException(where + "the last bucket is not le=\"+Inf\"");
            }
            final Double count = counts.get(entry.getKey());
            if (count == null || count != lastCount)
            {
                throw new IllegalArgumentException(where + "_count " + count + " is not the +Inf bucket " + lastCount);
            }
            if (!sums.contains(entry.getKey()))
            {
                throw new IllegalArgumentException(where + "no _sum");
            }
        }
    }
}
