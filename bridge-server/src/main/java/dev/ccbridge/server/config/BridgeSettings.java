package dev.ccbridge.server.config;

import dev.ccbridge.server.json.JsonFactories;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the bridge reads from configuration, resolved once at startup.
 *
 * @param host             the address to bind
 * @param port             the port to bind
 * @param prefix           a second path prefix for every route (gateways document {@code .../anthropic/v1/...})
 * @param gatewayKey       the key callers must present, or {@code null} when callers are not checked
 * @param defaultMaxTokens the output limit for requests that name none
 * @param pingInterval     upstream silence after which the stream sends a {@code ping}
 * @param maxRequestBytes  the largest request body accepted
 * @param pluginsDir       the folder adapter jars are loaded from
 * @param recordDir        the folder sessions are recorded into, or {@code null} when not recording
 * @param upstreams        the configured upstreams
 * @param routes           the configured routes; a model no route matches tries every upstream in order
 * @param models           how client models map to upstream models
 * @param advertisedModels client model ids {@code GET /v1/models} lists; empty for the defaults
 * @param logs             the JSON-lines exchange log, the payload log's length and the usage store
 * @param watchClients     whether to notice clients that went away before their answer started, and cancel
 *                         their upstream request (Linux only)
 * @param maxStreamsPerKey how many streams one caller key may have open at once; 0 for no limit
 */
public record BridgeSettings(String host,
                             int port,
                             String prefix,
                             String gatewayKey,
                             int defaultMaxTokens,
                             Duration pingInterval,
                             long maxRequestBytes,
                             Path pluginsDir,
                             Path recordDir,
                             List<UpstreamSpec> upstreams,
                             List<RouteSpec> routes,
                             ModelMapping models,
                             List<String> advertisedModels,
                             LogSettings logs,
                             boolean watchClients,
                             int maxStreamsPerKey) {

    private static final int MAX_PORT = 65535;

    /**
     * @param config the root configuration
     * @return the settings
     * @throws IllegalArgumentException when a value is invalid; the message names the setting
     */
    public static BridgeSettings from(Config config) {
        Config bridge = config.get("bridge");
        String host = seed(config, "HOST").orElseGet(() -> config.get("server.host").asString().orElse("127.0.0.1"));
        int port = within("PORT (server.port)", seed(config, "PORT").map(v -> integer("PORT", v))
                .orElseGet(() -> config.get("server.port").asInt().orElse(8787)), 0, MAX_PORT);
        String prefix = normalisePrefix(bridge.get("prefix").asString().orElse("/anthropic"));
        String gatewayKey = seed(config, "GATEWAY_API_KEY")
                .or(() -> bridge.get("gateway-api-key").asString().asOptional().filter(s -> !s.isBlank()))
                .orElse(null);
        int defaultMaxTokens = within("DEFAULT_MAX_TOKENS (bridge.default-max-tokens)",
                seed(config, "DEFAULT_MAX_TOKENS").map(v -> integer("DEFAULT_MAX_TOKENS", v))
                        .orElseGet(() -> bridge.get("default-max-tokens").asInt().orElse(32000)), 1, Integer.MAX_VALUE);
        Optional<Duration> seededTimeout = seed(config, "UPSTREAM_TIMEOUT_SECONDS")
                .map(v -> positive("UPSTREAM_TIMEOUT_SECONDS",
                        Duration.ofSeconds(integer("UPSTREAM_TIMEOUT_SECONDS", v))));
        Optional<Duration> upstreamTimeout = duration(bridge, "upstream-timeout");
        Duration firstByteTimeout = positive("bridge.first-byte-timeout", seededTimeout
                .or(() -> duration(bridge, "first-byte-timeout"))
                .or(() -> upstreamTimeout)
                .orElse(UpstreamsReader.DEFAULT_FIRST_BYTE_TIMEOUT));
        Duration idleTimeout = positive("bridge.idle-timeout", seededTimeout
                .or(() -> duration(bridge, "idle-timeout"))
                .or(() -> upstreamTimeout)
                .orElse(UpstreamsReader.DEFAULT_IDLE_TIMEOUT));
        Duration connectTimeout = positive("bridge.connect-timeout",
                duration(bridge, "connect-timeout").orElse(UpstreamsReader.DEFAULT_CONNECT_TIMEOUT));
        Duration ping = positive("bridge.ping-interval",
                duration(bridge, "ping-interval").orElse(Duration.ofSeconds(10)));
        long maxRequestBytes = bridge.get("max-request-bytes").asLong().orElse(32L * 1024 * 1024);
        Path plugins = Path.of(seed(config, "BRIDGE_PLUGINS_DIR")
                .orElseGet(() -> bridge.get("plugins-dir").asString().orElse("plugins")));

        Path recordDir = seed(config, "BRIDGE_RECORD_DIR")
                .or(() -> bridge.get("record-dir").asString().asOptional().filter(s -> !s.isBlank()))
                .map(Path::of).orElse(null);

        UpstreamsReader reader = new UpstreamsReader(config, connectTimeout, firstByteTimeout, idleTimeout);
        List<UpstreamSpec> upstreams = reader.upstreams();
        List<RouteSpec> routes = reader.routes(upstreams);
        String defaultModel = seed(config, "DEFAULT_UPSTREAM_MODEL")
                .or(() -> bridge.get("models.default").asString().asOptional())
                .orElse(null);
        boolean force = seed(config, "FORCE_UPSTREAM_MODEL").map(v -> bool("FORCE_UPSTREAM_MODEL", v))
                .orElseGet(() -> bridge.get("models.force").asBoolean().orElse(false));
        Map<String, String> map = new LinkedHashMap<>();
        for (Config entry : UpstreamsReader.elements(bridge.get("models.map"), "bridge.models.map")) {
            map.put(entry.get("match").asString().orElseThrow(() -> new IllegalArgumentException(
                            "bridge.models.map." + entry.name() + ": 'match' is required")),
                    entry.get("model").asString().orElseThrow(() -> new IllegalArgumentException(
                            "bridge.models.map." + entry.name() + ": 'model' is required")));
        }
        seed(config, "MODEL_MAP_JSON").ifPresent(json -> map.putAll(modelMapJson(json)));
        ModelMapping models = ModelMapping.of(map, defaultModel, force);

        List<String> advertised = bridge.get("models.advertise").asList(String.class).orElse(List.of());
        boolean watchClients = bridge.get("watch-clients").asString().map(v -> bool("bridge.watch-clients", v))
                .orElse(true);
        int maxStreamsPerKey = within("bridge.max-streams-per-key", bridge.get("max-streams-per-key").asString()
                .map(v -> integer("bridge.max-streams-per-key", v)).orElse(0), 0, Integer.MAX_VALUE);
        return new BridgeSettings(host, port, prefix, gatewayKey, defaultMaxTokens, ping, maxRequestBytes, plugins,
                recordDir, upstreams, routes, models, List.copyOf(advertised), LogSettings.from(config), watchClients,
                maxStreamsPerKey);
    }

    /** A seed variable, read from the environment (or any config source) by its exact name. */
    static Optional<String> seed(Config config, String name) {
        return config.get(name).asString().asOptional().map(String::strip).filter(s -> !s.isEmpty());
    }

    /** A YAML duration; Helidon's own error for a bad one names neither the key nor the format. */
    private static Optional<Duration> duration(Config bridge, String key) {
        try {
            return bridge.get(key).as(Duration.class).asOptional();
        } catch (ConfigException e) {
            throw new IllegalArgumentException("bridge." + key + " must be a duration such as PT30S or PT0.5S, got '"
                    + bridge.get(key).asString().orElse("") + "'");
        }
    }

    private static Map<String, String> modelMapJson(String json) {
        try (JsonReader reader = JsonFactories.READERS.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            Map<String, String> out = new LinkedHashMap<>();
            object.forEach((key, value) -> {
                if (!(value instanceof JsonString s)) {
                    throw new IllegalArgumentException("MODEL_MAP_JSON: the value of '" + key + "' must be a string");
                }
                out.put(key, s.getString());
            });
            return out;
        } catch (JsonException | ClassCastException | NumberFormatException e) {
            throw new IllegalArgumentException(
                    "MODEL_MAP_JSON must be a JSON object such as {\"claude-*haiku*\":\"gpt-4o-mini\"}: "
                            + e.getMessage());
        }
    }

    private static String normalisePrefix(String prefix) {
        String trimmed = prefix.strip();
        if (trimmed.isEmpty() || trimmed.equals("/")) {
            return "";
        }
        if (!trimmed.startsWith("/")) {
            trimmed = "/" + trimmed;
        }
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }

    private static int within(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    private static Duration positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be longer than zero, got " + value);
        }
        return value;
    }

    /** Strict, because a mistyped value read as {@code false} would silently change which model answers. */
    private static boolean bool(String name, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
        };
    }
}
