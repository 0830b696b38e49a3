package dev.ccbridge.server.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings for {@link TestBridge#start(Map)} with several upstreams and routes, written as the numbered keys a
 * YAML list becomes ({@code bridge.upstreams.0.name}, {@code bridge.routes.0.match.0}...):
 * <pre>{@code
 * TestBridge.start(new BridgeConfig()
 *         .upstream("primary", primaryStub, "first-byte-timeout", "PT0.3S")
 *         .upstream("secondary", secondaryStub)
 *         .route(List.of("claude-*haiku*"), List.of("secondary=gpt-mini", "primary"))
 *         .values())
 * }</pre>
 */
public final class BridgeConfig {

    private final Map<String, String> values = new LinkedHashMap<>();
    private int upstreams;
    private int routes;

    /**
     * An upstream whose {@code settings.base-url} is the stub and whose {@code settings.api-key} is
     * {@code <name>-key}.
     *
     * @param name      the upstream's name
     * @param stub      the stub it points at
     * @param keyValues more keys of the upstream entry and their values, alternating, e.g.
     *                  {@code "max-connections", "1", "settings.profile", "deepseek"}
     * @return this
     */
    public BridgeConfig upstream(String name, UpstreamStub stub, String... keyValues) {
        return upstream(name, stub.baseUrl(), keyValues);
    }

    /**
     * @param name      the upstream's name
     * @param baseUrl   its base URL
     * @param keyValues more keys of the upstream entry and their values, alternating
     * @return this
     */
    public BridgeConfig upstream(String name, String baseUrl, String... keyValues) {
        String at = "bridge.upstreams." + upstreams++ + ".";
        values.put(at + "name", name);
        values.put(at + "settings.base-url", baseUrl);
        values.put(at + "settings.api-key", name + "-key");
        putAll(at, keyValues);
        return this;
    }

    /**
     * @param match     model globs
     * @param targets   upstream names in fallback order, each optionally with {@code =model}
     * @param keyValues more keys of the route entry and their values, alternating, e.g. {@code "retries", "1"}
     * @return this
     */
    public BridgeConfig route(List<String> match, List<String> targets, String... keyValues) {
        String at = "bridge.routes." + routes++ + ".";
        for (int i = 0; i < match.size(); i++) {
            values.put(at + "match." + i, match.get(i));
        }
        for (int i = 0; i < targets.size(); i++) {
            String[] target = targets.get(i).split("=", 2);
            if (target.length == 1) {
                values.put(at + "upstreams." + i, target[0]);
            } else {
                values.put(at + "upstreams." + i + ".name", target[0]);
                values.put(at + "upstreams." + i + ".model", target[1]);
            }
        }
        putAll(at, keyValues);
        return this;
    }

    /**
     * @param key   any configuration key or seed variable
     * @param value its value
     * @return this
     */
    public BridgeConfig set(String key, String value) {
        values.put(key, value);
        return this;
    }

    /**
     * @return the settings
     */
    public Map<String, String> values() {
        return Map.copyOf(values);
    }

    private void putAll(String at, String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate: " + List.of(keyValues));
        }
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(at + keyValues[i], keyValues[i + 1]);
        }
    }
}
