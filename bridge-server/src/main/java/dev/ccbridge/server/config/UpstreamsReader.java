package dev.ccbridge.server.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads the upstreams and routes: {@code bridge.upstreams} and {@code bridge.routes} from YAML, or, when no
 * upstream is configured there, the seed environment variables of the JoyToken guide ({@code JOY_TOKEN_API_KEY},
 * {@code JOY_TOKEN_OPENAI_BASE_URL}, {@code JOY_TOKEN_DEFAULT_MODEL}) and of claude-code-proxy
 * ({@code UPSTREAM_BASE_URL}, {@code UPSTREAM_API_KEY}). With both sets, {@code UPSTREAM_BASE_URL} is tried first
 * and JoyToken is its fallback.
 *
 * <p>Lists may also be written as numbered keys ({@code bridge.upstreams.0.name}, or the environment variable
 * {@code BRIDGE_UPSTREAMS_0_NAME}); Helidon reads those as objects whose children come in no particular order, so
 * elements are ordered by their number: the order of upstreams and routes decides which is tried first. Keys an
 * entry does not know are rejected, so a mistyped timeout is not silently replaced by its default.
 */
final class UpstreamsReader {

    /** The JoyToken adapter's id. */
    static final String JOY_TOKEN = "joytoken";
    /** JoyToken's routing model: Claude model names map to it unless something else is configured. */
    static final String JOY_TOKEN_AUTO = "auto";
    /** JoyToken's public OpenAI-compatible endpoint, from its quickstart. */
    static final String JOY_TOKEN_DEFAULT_BASE_URL = "https://api-dev.joytokens.ai/openai/v1";
    /** Generous enough for reasoning models that think for minutes before the first token. */
    static final Duration DEFAULT_FIRST_BYTE_TIMEOUT = Duration.ofSeconds(600);
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(300);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final int DEFAULT_MAX_CONNECTIONS = 2048;

    private static final Set<String> UPSTREAM_KEYS = Set.of("name", "adapter", "settings", "default-model",
            "connect-timeout", "first-byte-timeout", "idle-timeout", "max-connections");
    private static final Set<String> ROUTE_KEYS = Set.of("match", "upstreams", "options", "retries");
    private static final Set<String> TARGET_KEYS = Set.of("name", "model");

    private final Config root;
    private final Config bridge;
    private final Duration connectTimeout;
    private final Duration firstByteTimeout;
    private final Duration idleTimeout;

    UpstreamsReader(Config root, Duration connectTimeout, Duration firstByteTimeout, Duration idleTimeout) {
        this.root = root;
        this.bridge = root.get("bridge");
        this.connectTimeout = connectTimeout;
        this.firstByteTimeout = firstByteTimeout;
        this.idleTimeout = idleTimeout;
    }

    List<UpstreamSpec> upstreams() {
        List<UpstreamSpec> out = new ArrayList<>();
        for (Config node : elements(bridge.get("upstreams"), "bridge.upstreams")) {
            String at = "bridge.upstreams." + node.name();
            requireKnownKeys(node, at, UPSTREAM_KEYS);
            String name = node.get("name").asString().orElseThrow(() -> new IllegalArgumentException(
                    at + ": 'name' is required"));
            String adapter = node.get("adapter").asString().orElse("generic-openai");
            out.add(new UpstreamSpec(name, adapter,
                    node.get("settings").detach().asMap().orElse(Map.of()),
                    node.get("default-model").asString().orElse(JOY_TOKEN.equals(adapter) ? JOY_TOKEN_AUTO : null),
                    duration(node, "connect-timeout", connectTimeout, at),
                    duration(node, "first-byte-timeout", firstByteTimeout, at),
                    duration(node, "idle-timeout", idleTimeout, at),
                    integer(node, "max-connections", DEFAULT_MAX_CONNECTIONS, at),
                    at));
        }
        if (!out.isEmpty()) {
            requireUniqueNames(out);
            return List.copyOf(out);
        }
        Optional<String> upstreamUrl = seed("UPSTREAM_BASE_URL");
        if (upstreamUrl.isPresent()) {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("base-url", upstreamUrl.get());
            seed("UPSTREAM_API_KEY").ifPresent(v -> settings.put("api-key", v));
            seed("UPSTREAM_PROFILE").ifPresent(v -> settings.put("profile", v));
            out.add(seeded("upstream", "generic-openai", settings, null, "UPSTREAM_BASE_URL"));
        }
        Optional<String> joyKey = seed("JOY_TOKEN_API_KEY");
        Optional<String> joyUrl = seed("JOY_TOKEN_OPENAI_BASE_URL");
        if (joyKey.isPresent() || joyUrl.isPresent()) {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("base-url", joyUrl.orElse(JOY_TOKEN_DEFAULT_BASE_URL));
            joyKey.ifPresent(v -> settings.put("api-key", v));
            seed("JOY_TOKEN_TIER").ifPresent(v -> settings.put("tier", v));
            seed("JOY_TOKEN_ALLOWED_MODELS").ifPresent(v -> settings.put("allowed-models", v));
            out.add(seeded("joytoken", "joytoken", settings, seed("JOY_TOKEN_DEFAULT_MODEL").orElse(JOY_TOKEN_AUTO),
                    joyKey.isPresent() ? "JOY_TOKEN_API_KEY" : "JOY_TOKEN_OPENAI_BASE_URL"));
        }
        return List.copyOf(out);
    }

    List<RouteSpec> routes(List<UpstreamSpec> upstreams) {
        Set<String> names = upstreams.stream().map(UpstreamSpec::name).collect(Collectors.toSet());
        List<RouteSpec> out = new ArrayList<>();
        for (Config node : elements(bridge.get("routes"), "bridge.routes")) {
            String at = "bridge.routes." + node.name();
            requireKnownKeys(node, at, ROUTE_KEYS);
            List<String> match = node.get("match").asString().map(List::of)
                    .orElseGet(() -> elements(node.get("match"), at + ".match").stream()
                            .map(glob -> glob.asString().orElseThrow(() -> new IllegalArgumentException(at
                                    + ".match." + glob.name() + ": a model glob such as claude-*haiku* is expected")))
                            .toList());
            if (match.isEmpty()) {
                throw new IllegalArgumentException(at + ": 'match' is required (model globs such as claude-*haiku*)");
            }
            List<RouteSpec.Target> targets = new ArrayList<>();
            for (Config target : elements(node.get("upstreams"), at + ".upstreams")) {
                String targetAt = at + ".upstreams." + target.name();
                if (!target.isLeaf()) {
                    requireKnownKeys(target, targetAt, TARGET_KEYS);
                }
                String name = target.asString().orElseGet(() -> target.get("name").asString()
                        .orElseThrow(() -> new IllegalArgumentException(targetAt
                                + ": give an upstream name, or 'name' and 'model'")));
                if (!names.contains(name)) {
                    throw new IllegalArgumentException(at + ": no upstream named '" + name + "'; upstreams: "
                            + names.stream().sorted().toList());
                }
                targets.add(new RouteSpec.Target(name, target.get("model").asString().orElse(null)));
            }
            if (targets.isEmpty()) {
                throw new IllegalArgumentException(at + ": 'upstreams' must name at least one upstream");
            }
            int retries = integer(node, "retries", 0, at);
            if (retries < 0) {
                throw new IllegalArgumentException(at + ".retries must be 0 or more, got " + retries);
            }
            out.add(new RouteSpec(List.copyOf(match), List.copyOf(targets),
                    node.get("options").detach().asMap().orElse(Map.of()), retries));
        }
        return List.copyOf(out);
    }

    private UpstreamSpec seeded(String name, String adapter, Map<String, String> settings, String defaultModel,
                                String origin) {
        return new UpstreamSpec(name, adapter, settings, defaultModel, connectTimeout, firstByteTimeout, idleTimeout,
                DEFAULT_MAX_CONNECTIONS, origin);
    }

    private Optional<String> seed(String name) {
        return root.get(name).asString().asOptional().map(String::strip).filter(s -> !s.isEmpty());
    }

    /**
     * The elements of a list node in order: a YAML list as written, numbered keys by their number.
     *
     * @throws IllegalArgumentException when the node is a map with keys that are not numbers
     */
    static List<Config> elements(Config node, String at) {
        if (!node.exists()) {
            return List.of();
        }
        if (node.type() == Config.Type.LIST) {
            return node.asNodeList().get();
        }
        List<Config> children = node.asNodeList().orElse(List.of());
        for (Config child : children) {
            if (!child.name().matches("\\d{1,9}")) {
                throw new IllegalArgumentException(at + " must be a list (YAML '- ...' entries, or keys " + at
                        + ".0, " + at + ".1, ...), but has the key '" + child.name() + "'");
            }
        }
        return children.stream().sorted(Comparator.comparingInt(child -> Integer.parseInt(child.name()))).toList();
    }

    private static void requireKnownKeys(Config node, String at, Set<String> known) {
        for (Config child : node.asNodeList().orElse(List.of())) {
            if (!known.contains(child.name())) {
                throw new IllegalArgumentException(at + ": unknown key '" + child.name() + "'; known keys: "
                        + new TreeSet<>(known));
            }
        }
    }

    private static Duration duration(Config node, String key, Duration fallback, String at) {
        Duration value;
        try {
            value = node.get(key).as(Duration.class).orElse(fallback);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(at + "." + key + " must be a duration such as PT30S or PT0.5S, got '"
                    + node.get(key).asString().orElse("") + "'");
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(at + "." + key + " must be longer than zero, got " + value);
        }
        return value;
    }

    private static int integer(Config node, String key, int fallback, String at) {
        try {
            return node.get(key).asInt().orElse(fallback);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(at + "." + key + " must be a whole number, got '"
                    + node.get(key).asString().orElse("") + "'");
        }
    }

    private static void requireUniqueNames(List<UpstreamSpec> upstreams) {
        Map<String, UpstreamSpec> seen = new LinkedHashMap<>();
        for (UpstreamSpec spec : upstreams) {
            UpstreamSpec earlier = seen.putIfAbsent(spec.name(), spec);
            if (earlier != null) {
                throw new IllegalArgumentException(spec.origin() + ": the upstream name '" + spec.name()
                        + "' is already used by " + earlier.origin() + "; upstream names must be unique");
            }
        }
    }
}
