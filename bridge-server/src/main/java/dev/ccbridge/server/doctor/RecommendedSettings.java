package dev.ccbridge.server.doctor;

import dev.ccbridge.server.Bridge;
import dev.ccbridge.server.json.JsonFactories;
import dev.ccbridge.server.probe.UpstreamStatus;
import dev.ccbridge.server.upstream.ConfiguredUpstream;
import dev.ccbridge.server.upstream.Route;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The Claude Code environment that works with this bridge, as shell {@code export} lines and as a
 * {@code settings.json} snippet: the base URL, a token, an empty {@code ANTHROPIC_API_KEY}, and the settings that
 * help with non-Claude models. Keys are never printed: where the token must be a key, a placeholder names it.
 *
 * @param env the variables, in the order to print them
 */
public record RecommendedSettings(Map<String, String> env) {

    /** The token when the bridge has its own upstream keys and requires none from callers: any text works. */
    public static final String ANY_TOKEN = "ccbridge";
    /** The token for the demo. */
    public static final String DEMO_TOKEN = "ccbridge-demo";
    /** Stands for the gateway key, which is never printed. */
    public static final String GATEWAY_KEY_PLACEHOLDER = "<the bridge's GATEWAY_API_KEY>";
    /** Stands for the upstream key an upstream without a key of its own needs from the caller. */
    public static final String UPSTREAM_KEY_PLACEHOLDER = "<your upstream API key>";
    /** Stands for Claude Code's current token, when the bridge accepts it. */
    public static final String CURRENT_TOKEN_PLACEHOLDER = "<your current ANTHROPIC_AUTH_TOKEN, which works>";
    /** Stands for a token when nothing here says which the bridge wants. */
    public static final String UNKNOWN_TOKEN_PLACEHOLDER =
            "<the bridge's GATEWAY_API_KEY, or any text when it has none>";

    /**
     * @param bridge      the bridge
     * @param baseUrl     the URL Claude Code reaches it at
     * @param probes      the latest upstream probes
     * @param clientModel the model Claude Code asks for
     * @param demo        whether it is the demo
     * @return the settings
     */
    public static RecommendedSettings of(Bridge bridge, String baseUrl, List<UpstreamStatus> probes,
                                         String clientModel, boolean demo) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ClaudeCode.BASE_URL, baseUrl);
        env.put(ClaudeCode.AUTH_TOKEN, demo ? DEMO_TOKEN : token(bridge));
        env.put(ClaudeCode.API_KEY, "");
        env.put(ClaudeCode.ATTRIBUTION_HEADER, "0");
        contextWindow(bridge, probes, clientModel)
                .ifPresent(window -> env.put(ClaudeCode.MAX_CONTEXT_TOKENS, Integer.toString(window)));
        return new RecommendedSettings(env);
    }

    /**
     * @param bridge a bridge
     * @return what Claude Code's token must be: a placeholder for a key it must know, else any text
     */
    public static String token(Bridge bridge) {
        if (bridge.settings().gatewayKey() != null) {
            return GATEWAY_KEY_PLACEHOLDER;
        }
        boolean forwards = bridge.router().upstreams().stream()
                .anyMatch(upstream -> upstream.adapter().authHeaders(null).isEmpty());
        return forwards ? UPSTREAM_KEY_PLACEHOLDER : ANY_TOKEN;
    }

    /**
     * The context window of the model a client model is routed to: from the upstream's catalog, else from what
     * the adapter knows of the model.
     *
     * @param bridge      the bridge
     * @param probes      the latest upstream probes
     * @param clientModel the model Claude Code asks for
     * @return the window in tokens, when known
     */
    public static OptionalInt contextWindow(Bridge bridge, List<UpstreamStatus> probes, String clientModel) {
        Route.Target target;
        try {
            target = bridge.router().route(clientModel).targets().getFirst();
        } catch (RuntimeException e) {
            return OptionalInt.empty();
        }
        ConfiguredUpstream upstream = target.upstream();
        int fromCatalog = probes.stream().filter(p -> p.upstream().equals(upstream.name())).findFirst()
                .flatMap(p -> p.find(target.model())).map(m -> m.contextWindow()).orElse(0);
        int window = fromCatalog > 0 ? fromCatalog : upstream.adapter().capabilities(target.model()).contextWindow();
        return window > 0 ? OptionalInt.of(window) : OptionalInt.empty();
    }

    /**
     * @param token the token Claude Code should send
     * @return the same settings with that token
     */
    public RecommendedSettings withToken(String token) {
        Map<String, String> copy = new LinkedHashMap<>(env);
        copy.put(ClaudeCode.AUTH_TOKEN, token);
        return new RecommendedSettings(copy);
    }

    /**
     * @return {@code export NAME=value} lines, values double-quoted where a POSIX shell needs it
     */
    public String exports() {
        StringBuilder out = new StringBuilder();
        env.forEach((name, value) -> out.append("export ").append(name).append('=').append(shellQuoted(value))
                .append('\n'));
        return out.toString();
    }

    /**
     * @return the same as a {@code settings.json} object with an {@code env} member
     */
    public String settingsJson() {
        JsonObjectBuilder vars = JsonFactories.BUILDERS.createObjectBuilder();
        env.forEach(vars::add);
        StringWriter text = new StringWriter();
        try (JsonWriter writer = JsonFactories.PRETTY_WRITERS.createWriter(text)) {
            writer.writeObject(JsonFactories.BUILDERS.createObjectBuilder().add("env", vars).build());
        }
        return text.toString().strip() + "\n";
    }

    private static String shellQuoted(String value) {
        if (value.matches("[A-Za-z0-9_./:@%+=,-]+")) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$")
                .replace("`", "\\`") + '"';
    }
}
