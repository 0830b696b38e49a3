package dev.ccbridge.upstream.openai;

import dev.ccbridge.api.AdapterConfigException;
import dev.ccbridge.api.AdapterSettings;
import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.Feature;
import dev.ccbridge.api.ReasoningDialect;
import dev.ccbridge.api.SchemaDialect;
import dev.ccbridge.api.TokenLimitField;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Applies the capability settings an operator can give any upstream on top of its profile:
 * {@code max-output-tokens}, {@code context-window}, {@code token-limit-field}, {@code reasoning},
 * {@code reasoning-echo}, {@code tool-name-max-length}, {@code schema}, {@code max-stop-sequences},
 * {@code features} (replaces the set), {@code features-add} and {@code features-remove} (comma lists of
 * {@link Feature} names, any case, dashes or underscores; {@code none} for the empty set). Limits are whole numbers,
 * {@code 0} for unknown (or unlimited stop sequences).
 */
public final class CapabilitySettings {

    private CapabilitySettings() {
    }

    /**
     * @param base     the profile's capabilities
     * @param settings the upstream's settings
     * @return the capabilities with every override applied
     * @throws AdapterConfigException naming the setting when a value is invalid
     */
    public static Capabilities apply(Capabilities base, AdapterSettings settings) {
        Capabilities.Builder builder = base.toBuilder()
                .maxOutputTokens(atLeast(0, "max-output-tokens", base.maxOutputTokens(), settings))
                .contextWindow(atLeast(0, "context-window", base.contextWindow(), settings))
                .reasoningEcho(settings.getBoolean("reasoning-echo", base.reasoningEcho()))
                .toolNameMaxLength(atLeast(1, "tool-name-max-length", base.toolNameMaxLength(), settings))
                .maxStopSequences(atLeast(0, "max-stop-sequences", base.maxStopSequences(), settings));
        settings.find("token-limit-field").ifPresent(v ->
                builder.tokenLimitField(parse(TokenLimitField.class, v, "token-limit-field", settings)));
        settings.find("reasoning").ifPresent(v ->
                builder.reasoningDialect(parse(ReasoningDialect.class, v, "reasoning", settings)));
        settings.find("schema").ifPresent(v ->
                builder.schemaDialect(parse(SchemaDialect.class, v, "schema", settings)));
        settings.find("features").ifPresent(v -> builder.features(features(v, "features", settings)));
        settings.find("features-add").ifPresent(v -> features(v, "features-add", settings).forEach(builder::with));
        settings.find("features-remove").ifPresent(v ->
                features(v, "features-remove", settings).forEach(builder::without));
        return builder.build();
    }

    private static int atLeast(int minimum, String key, int defaultValue, AdapterSettings settings) {
        int value = settings.getInt(key, defaultValue);
        if (value < minimum) {
            throw new AdapterConfigException("upstream '" + settings.upstreamName() + "': setting '" + key
                    + "' must be " + minimum + " or more" + (minimum == 0 ? " (0 for unknown)" : "") + ", got '"
                    + value + "'");
        }
        return value;
    }

    private static Set<Feature> features(String list, String key, AdapterSettings settings) {
        Set<Feature> out = EnumSet.noneOf(Feature.class);
        for (String name : list.split(",")) {
            if (!name.isBlank() && !name.strip().equalsIgnoreCase("none")) {
                out.add(parse(Feature.class, name, key, settings));
            }
        }
        return out;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String key, AdapterSettings settings) {
        String normal = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        try {
            return Enum.valueOf(type, normal);
        } catch (IllegalArgumentException e) {
            throw new AdapterConfigException("upstream '" + settings.upstreamName() + "': setting '" + key
                    + "' has no value '" + value.strip() + "'; use one of "
                    + EnumSet.allOf(type).toString().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
    }
}
