package dev.ccbridge.api;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings of one configured upstream, as plain strings (keys are lower case with dashes, e.g.
 * {@code base-url}). Values that are blank count as absent, so an unset environment variable never becomes an
 * empty URL or key.
 *
 * @param upstreamName the configured upstream's name, used in error messages
 * @param values       the settings
 */
public record AdapterSettings(String upstreamName, Map<String, String> values) {

    /**
     * Copies the map, dropping blank values.
     *
     * @param upstreamName the configured upstream's name
     * @param values       the settings
     */
    public AdapterSettings {
        TreeMap<String, String> copy = new TreeMap<>();
        values.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                copy.put(k, v.strip());
            }
        });
        values = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * @param key a setting key
     * @return the value, if set
     */
    public Optional<String> find(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * @param key          a setting key
     * @param defaultValue the value when the setting is absent
     * @return the value or the default
     */
    public String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    /**
     * @param key a required setting key
     * @return the value
     * @throws AdapterConfigException naming the upstream and the key when it is absent
     */
    public String require(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new AdapterConfigException("upstream '" + upstreamName + "': setting '" + key + "' is required");
        }
        return value;
    }

    /**
     * @param key          a setting key
     * @param defaultValue the value when the setting is absent
     * @return the value as an int
     * @throws AdapterConfigException when the value is not a whole number
     */
    public int getInt(String key, int defaultValue) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new AdapterConfigException("upstream '" + upstreamName + "': setting '" + key
                    + "' must be a whole number, got '" + value + "'");
        }
    }

    /**
     * @param key          a setting key
     * @param defaultValue the value when the setting is absent
     * @return the value as a boolean ({@code true}/{@code false}, {@code yes}/{@code no}, {@code 1}/{@code 0})
     * @throws AdapterConfigException when the value is none of those
     */
    public boolean getBoolean(String key, boolean defaultValue) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new AdapterConfigException("upstream '" + upstreamName + "': setting '" + key
                    + "' must be true or false, got '" + value + "'");
        };
    }

    /**
     * @param key          a setting key
     * @param defaultValue the value when the setting is absent, or {@code null}
     * @return the value as an absolute http(s) URI, or the default
     * @throws AdapterConfigException when the value is not an absolute http or https URL
     */
    public URI getUri(String key, String defaultValue) {
        String value = values.getOrDefault(key, defaultValue);
        if (value == null) {
            throw new AdapterConfigException("upstream '" + upstreamName + "': setting '" + key + "' is required");
        }
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("not an absolute http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new AdapterConfigException("upstream '" + upstreamName + "': setting '" + key
                    + "' must be an http(s) URL such as https://api.example.com/v1, got '" + value + "'");
        }
    }
}
