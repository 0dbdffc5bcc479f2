package io.stowage.sim.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.stowage.core.AllocatorKernel;
import io.stowage.core.KernelConfig;
import io.stowage.core.PlacementPolicy;
import io.stowage.core.ResourceSchema;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates a whole scenario file before anything runs, so that a malformed file changes no state: the
 * structure, the type of every value, unknown keys at every level, and every quantity of the declarative sections.
 * Problems are reported with the JSON pointer of the offending value.
 */
final class ScenarioParser
{
    private static final Set<String> TOP_KEYS =
        ScenarioNode.allowedKeys("name", "resources", "policy", "roles", "frameworks", "steps");
    private static final Set<String> POLICY_KEYS = ScenarioNode.allowedKeys("placement", "preemption",
        "oversubscription", "pressureThreshold", "heartbeatTimeout", "lostAfter", "admission", "defaultResources",
        "fairnessExcluded");
    private static final Set<String> OVERSUBSCRIPTION_KEYS = ScenarioNode.allowedKeys("maxRatio");
    private static final Set<String> ADMISSION_KEYS = ScenarioNode.allowedKeys("maxUtilization", "exemptPriority");
    private static final Set<String> ROLE_KEYS = ScenarioNode.allowedKeys("name", "weight", "guarantee", "limit");
    private static final Set<String> FRAMEWORK_KEYS = ScenarioNode.allowedKeys("id", "role", "rate", "maxPending");
    private static final Set<String> RATE_KEYS = ScenarioNode.allowedKeys("perSecond", "burst");
    private static final long DEFAULT_HEARTBEAT_TIMEOUT_NANOS = 15_000_000_000L;
    private static final long DEFAULT_LOST_AFTER_NANOS = 60_000_000_000L;
    private static final long MAX_BURST = 1_000_000;
    private static final long MAX_RATIO_MILLIS = 1000L * 1000;

    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private ScenarioParser()
    {
    }

    /**
     * @param file the scenario file.
     * @return the validated scenario.
     * @throws MalformedScenarioException if the file is unreadable, not JSON or not a valid scenario.
     */
    static ScenarioFile read(final Path file) throws MalformedScenarioException
    {
        final JsonNode document;
        try
        {
            document = MAPPER.readTree(Files.readAllBytes(file));
        }
        catch (final NoSuchFileException ex)
        {
            throw new MalformedScenarioException("", "cannot read: no such file");
        }
        catch (final JsonProcessingException ex)
        {
            throw invalidJson(ex);
        }
        catch (final IOException ex)
        {
            throw new MalformedScenarioException("", "cannot read: " + ex);
        }
        if (document == null || document.isMissingNode())
        {
            throw new MalformedScenarioException("", "the file is empty");
        }
        return parse(document);
    }

    /**
     * @param document a parsed scenario file.
     * @return the validated scenario.
     * @throws MalformedScenarioException if it is not a valid scenario.
     */
    static ScenarioFile parse(final JsonNode document) throws MalformedScenarioException
    {
        final ScenarioNode root = ScenarioNode.root(document).object(TOP_KEYS);
        final String name = root.get("name").isPresent() ? root.get("name").text() : "";
        final ResourceVectors vectors = new ResourceVectors(schema(root.required("resources")));
        final KernelConfig.Builder config = policy(root.get("policy"), vectors);
        final List<RoleSetting> roles = roles(root.get("roles"), vectors);
        final List<FrameworkSetting> frameworks = frameworks(root.get("frameworks"));
        final StepParser steps = new StepParser(vectors, frameworkNames(frameworks));
        final List<Step> stepList = steps.parse(root.required("steps"));
        config.maxAgents(steps.maxAgents()).maxTasks(steps.maxTasks());
        return new ScenarioFile(name, config.build(), roles, frameworks, stepList);
    }

    /**
     * Reads a role, as listed in {@code roles} or set by a {@code setRole} step.
     *
     * @param node    the role object.
     * @param vectors the file's resources.
     * @return the role.
     * @throws MalformedScenarioException naming the bad value.
     */
    static RoleSetting role(final ScenarioNode node, final ResourceVectors vectors) throws MalformedScenarioException
    {
        node.object(ROLE_KEYS);
        final String name = node.required("name").name();
        double weight = 1;
        if (node.get("weight").isPresent())
        {
            final ScenarioNode weightNode = node.get("weight");
            weight = weightNode.number().doubleValue();
            if (!(weight > 0) || Double.isInfinite(weight))
            {
                throw weightNode.error("weight must be above 0, got " + weightNode.shown());
            }
        }
        final ScenarioNode guarantee = node.get("guarantee");
        final ScenarioNode limit = node.get("limit");
        return new RoleSetting(name, weight,
            guarantee.isPresent() ? vectors.declared(guarantee, 0, "guarantee") : null,
            limit.isPresent() ? vectors.declared(limit, AllocatorKernel.MAX_QUANTITY, "limit") : null);
    }

    private static ResourceSchema schema(final ScenarioNode node) throws MalformedScenarioException
    {
        final List<ScenarioNode> elements = node.elements();
        if (elements.isEmpty() || elements.size() > ResourceSchema.MAX_DIMENSIONS)
        {
            throw node.error("needs 1 to " + ResourceSchema.MAX_DIMENSIONS + " resource names, got " +
                elements.size());
        }
        final List<String> names = new ArrayList<>();
        for (final ScenarioNode element : elements)
        {
            final String name = element.name();
            if (names.contains(name))
            {
                throw element.error("resource \"" + name + "\" is named twice");
            }
            names.add(name);
        }
        return ResourceSchema.of(names);
    }

    private static KernelConfig.Builder policy(final ScenarioNode node, final ResourceVectors vectors)
        throws MalformedScenarioException
    {
        final KernelConfig.Builder config = KernelConfig.builder(vectors.schema());
        if (!node.isPresent())
        {
            return config;
        }
        node.object(POLICY_KEYS);
        if (node.get("placement").isPresent())
        {
            config.placement(placement(node.get("placement")));
        }
        if (node.get("preemption").isPresent())
        {
            config.preemption(node.get("preemption").bool());
        }
        final ScenarioNode oversubscription = node.get("oversubscription");
        if (oversubscription.isPresent())
        {
            oversubscription.object(OVERSUBSCRIPTION_KEYS);
            final ScenarioNode ratio = oversubscription.get("maxRatio");
            if (ratio.isPresent())
            {
                config.oversubscriptionRatioMillis(withinMillis(ratio, 0, MAX_RATIO_MILLIS));
            }
        }
        if (node.get("pressureThreshold").isPresent())
        {
            config.pressureThresholdMillis(withinMillis(node.get("pressureThreshold"), 1, 1000));
        }
        heartbeatTimeouts(node, config);
        final ScenarioNode admission = node.get("admission");
        if (admission.isPresent())
        {
            admission.object(ADMISSION_KEYS);
            final long maxUtilization = withinMillis(admission.required("maxUtilization"), 0, 1000);
            final ScenarioNode exempt = admission.get("exemptPriority");
            config.admission(maxUtilization, exempt.isPresent() ?
                (int)exempt.integer(Integer.MIN_VALUE, Integer.MAX_VALUE) : Integer.MAX_VALUE);
        }
        final ScenarioNode defaults = node.get("defaultResources");
        if (defaults.isPresent())
        {
            config.defaultResources(vectors.declared(defaults, 0, "defaultResources"));
        }
        final ScenarioNode excluded = node.get("fairnessExcluded");
        if (excluded.isPresent())
        {
            for (final ScenarioNode element : excluded.elements())
            {
                config.fairnessExcluded(vectors.dimension(element, element.text()));
            }
        }
        return config;
    }

    private static PlacementPolicy placement(final ScenarioNode node) throws MalformedScenarioException
    {
        final String text = node.text();
        switch (text)
        {
            case "binpack":
                return PlacementPolicy.BINPACK;
            case "spread":
                return PlacementPolicy.SPREAD;
            default:
                throw node.error("must be \"binpack\" or \"spread\", got \"" + text + "\"");
        }
    }

    private static void heartbeatTimeouts(final ScenarioNode policy, final KernelConfig.Builder config)
        throws MalformedScenarioException
    {
        final ScenarioNode timeout = policy.get("heartbeatTimeout");
        final ScenarioNode lostAfter = policy.get("lostAfter");
        final long timeoutNanos = timeout.isPresent() ? timeout.nanos() : DEFAULT_HEARTBEAT_TIMEOUT_NANOS;
        final long lostNanos = lostAfter.isPresent() ? lostAfter.nanos() : DEFAULT_LOST_AFTER_NANOS;
        if (timeoutNanos <= 0)
        {
            throw timeout.error("must be above 0");
        }
        if (lostNanos < timeoutNanos)
        {
            throw (lostAfter.isPresent() ? lostAfter : timeout).error("lostAfter (" + seconds(lostNanos) +
                " s) must be at least heartbeatTimeout (" + seconds(timeoutNanos) + " s)");
        }
        config.heartbeatTimeouts(timeoutNanos, lostNanos);
    }

    private static String seconds(final long nanos)
    {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }

    private static long withinMillis(final ScenarioNode node, final long min, final long max)
        throws MalformedScenarioException
    {
        final long millis = node.millis();
        if (millis < min || millis > max)
        {
            throw node.error("must be " + BigDecimal.valueOf(min, 3).stripTrailingZeros().toPlainString() + " to " +
                BigDecimal.valueOf(max, 3).stripTrailingZeros().toPlainString() + ", got " + node.shown());
        }
        return millis;
    }

    private static List<RoleSetting> roles(final ScenarioNode node, final ResourceVectors vectors)
        throws MalformedScenarioException
    {
        final List<RoleSetting> roles = new ArrayList<>();
        if (!node.isPresent())
        {
            return roles;
        }
        final Set<String> names = new HashSet<>();
        for (final ScenarioNode element : node.elements())
        {
            final RoleSetting role = role(element, vectors);
            if (!names.add(role.name()))
            {
                throw element.get("name").error("role \"" + role.name() + "\" is listed twice");
            }
            roles.add(role);
        }
        return roles;
    }

    private static List<FrameworkSetting> frameworks(final ScenarioNode node) throws MalformedScenarioException
    {
        final List<FrameworkSetting> frameworks = new ArrayList<>();
        if (!node.isPresent())
        {
            return frameworks;
        }
        final Set<String> ids = new HashSet<>();
        for (final ScenarioNode element : node.elements())
        {
            final FrameworkSetting framework = framework(element);
            if (!ids.add(framework.id()))
            {
                throw element.get("id").error("framework \"" + framework.id() + "\" is listed twice");
            }
            frameworks.add(framework);
        }
        return frameworks;
    }

    private static Set<String> frameworkNames(final List<FrameworkSetting> frameworks)
    {
        final Set<String> names = new HashSet<>();
        for (final FrameworkSetting framework : frameworks)
        {
            names.add(framework.id());
        }
        return names;
    }

    private static FrameworkSetting framework(final ScenarioNode node) throws MalformedScenarioException
    {
        node.object(FRAMEWORK_KEYS);
        return frameworkSettings(node.required("id").name(), node);
    }

    /**
     * Reads a framework's settings, as listed in {@code frameworks} or given by an {@code updateFramework} step:
     * {@code role} (default {@code "*"}), {@code rate} and {@code maxPending} (default no limit).
     *
     * @param id   the framework's name.
     * @param node the object holding the settings, its keys already checked.
     * @return the settings.
     * @throws MalformedScenarioException naming the bad value.
     */
    static FrameworkSetting frameworkSettings(final String id, final ScenarioNode node)
        throws MalformedScenarioException
    {
        final String role = node.get("role").isPresent() ? node.get("role").name() : "*";
        long rateMillis = -1;
        long burst = 0;
        final ScenarioNode rate = node.get("rate");
        if (rate.isPresent())
        {
            rate.object(RATE_KEYS);
            rateMillis = rate.required("perSecond").millis();
            burst = rate.required("burst").integer(0, MAX_BURST);
        }
        final ScenarioNode maxPending = node.get("maxPending");
        final int pendingLimit = maxPending.isPresent() ? (int)maxPending.integer(0, Integer.MAX_VALUE) : -1;
        return new FrameworkSetting(id, role, rateMillis, burst, pendingLimit);
    }

    private static MalformedScenarioException invalidJson(final JsonProcessingException ex)
    {
        String pointer = "";
        if (ex.getProcessor() instanceof JsonParser)
        {
            pointer = ((JsonParser)ex.getProcessor()).getParsingContext().pathAsPointer().toString();
        }
        final String where = ex.getLocation() == null ? "" :
            " at line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr();
        String message = ex.getOriginalMessage().startsWith("Trailing token") ?
            "more content after the top-level value" : ex.getOriginalMessage();
        final int context = message.indexOf(" (for ");
        if (context > 0)
        {
            message = message.substring(0, context);
        }
        return new MalformedScenarioException(pointer, "invalid JSON" + where + ": " + message);
    }
}
