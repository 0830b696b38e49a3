package dev.ccbridge.server.config;

import io.helidon.config.Config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the upstreams and routes: {@code bridge.upstreams} and {@code bridge.routes} from YAML, or, when no
 * upstream is configured there, the seed environment variables of the JoyToken guide ({@code JOY_TOKEN_API_KEY},
 * {@code JOY_TOKEN_OPENAI_BASE_URL}, {@code JOY_TOKEN_DEFAULT_MODEL}) and of claude-code-proxy
 * ({@code UPSTREAM_BASE_URL}, {@code UPSTREAM_API_KEY}). With both sets, {@code UPSTREAM_BASE_URL} is tried first
 * and JoyToken is its fallback.
 */
final class UpstreamsReader {

    /** JoyToken's public OpenAI-compatible endpoint, from its quickstart. */
    static final String JOY_TOKEN_DEFAULT_BASE_URL = "https://api-dev.joytokens.ai/openai/v1";
    /** Generous enough for reasoning models that think for minutes before the first token. */
    static final Duration DEFAULT_FIRST_BYTE_TIMEOUT = Duration.ofSeconds(600);
    static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(300);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final int DEFAULT_MAX_CONNECTIONS = 2048;

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
        for (Config node : bridge.get("upstreams").asNodeList().orElse(List.of())) {
            String at = "bridge.upstreams." + node.name();
            String name = node.get("name").asString().orElseThrow(() -> new IllegalArgumentException(
                    at + ": 'name' is required"));
            out.add(new UpstreamSpec(name, node.get("adapter").asString().orElse("generic-openai"),
                    node.get("settings").detach().asMap().orElse(Map.of()),
                    node.get("default-model").asString().orElse(null),
                    duration(node, "connect-timeout", connectTimeout, at),
                    duration(node, "first-byte-timeout", firstByteTimeout, at),
                    duration(node, "idle-timeout", idleTimeout, at),
                    node.get("max-connections").asInt().orElse(DEFAULT_MAX_CONNECTIONS),
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
            out.add(seeded("joytoken", "joytoken", settings, seed("JOY_TOKEN_DEFAULT_MODEL").orElse("auto"),
                    joyKey.isPresent() ? "JOY_TOKEN_API_KEY" : "JOY_TOKEN_OPENAI_BASE_URL"));
        }
        return List.copyOf(out);
    }

    List<RouteSpec> routes(List<UpstreamSpec> upstreams) {
        Set<String> names = upstreams.stream().map(UpstreamSpec::name).collect(Collectors.toSet());
        List<RouteSpec> out = new ArrayList<>();
        for (Config node : bridge.get("routes").asNodeList().orElse(List.of())) {
            String at = "bridge.routes." + node.name();
            List<String> match = node.get("match").asList(String.class)
                    .or(() -> node.get("match").asString().map(List::of))
                    .orElseThrow(() -> new IllegalArgumentException(at + ": 'match' is required"));
            List<RouteSpec.Target> targets = new ArrayList<>();
            for (Config target : node.get("upstreams").asNodeList().orElse(List.of())) {
                String name = target.asString().orElseGet(() -> target.get("name").asString()
                        .orElseThrow(() -> new IllegalArgumentException(at + ".upstreams." + target.name()
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
            out.add(new RouteSpec(List.copyOf(match), List.copyOf(targets),
                    node.get("options").detach().asMap().orElse(Map.of()), node.get("retries").asInt().orElse(0)));
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

    private static Duration duration(Config node, String key, Duration fallback, String at) {
        Duration value = node.get(key).as(Duration.class).orElse(fallback);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(at + "." + key + " must be longer than zero, got " + value);
        }
        return value;
    }

    private static void requireUniqueNames(List<UpstreamSpec> upstreams) {
        Set<String> seen = new java.util.HashSet<>();
        for (UpstreamSpec spec : upstreams) {
            if (!seen.add(spec.name())) {
                throw new IllegalArgumentException(spec.origin() + ": a second upstream is named '" + spec.name() + "'");
            }
        }
    }
}
