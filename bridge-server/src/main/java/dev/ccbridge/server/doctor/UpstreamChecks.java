package dev.ccbridge.server.doctor;

import dev.ccbridge.api.CatalogModel;
import dev.ccbridge.server.Bridge;
import dev.ccbridge.server.config.UpstreamSpec;
import dev.ccbridge.server.probe.KeyStatus;
import dev.ccbridge.server.probe.ModelListing;
import dev.ccbridge.server.probe.UpstreamStatus;
import dev.ccbridge.server.upstream.ConfiguredUpstream;
import dev.ccbridge.server.upstream.NotConfiguredException;
import dev.ccbridge.server.upstream.Route;
import dev.ccbridge.server.upstream.UnknownCatalogModelException;

import jakarta.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The checks of the upstreams and models: each upstream probed as this environment configures it (reachable, key
 * accepted, catalog, default model listed, timeouts), or as the running bridge last probed it when this environment
 * configures none; then each model Claude Code asks for, routed as the bridge would, checked against the catalog,
 * and the context window Claude Code should be told.
 */
final class UpstreamChecks {

    private static final int EXAMPLE_MODELS = 5;

    private final Consumer<Finding> upstreamsOut;
    private final Consumer<Finding> modelsOut;

    /**
     * @param upstreamsOut where upstream findings go
     * @param modelsOut    where model findings go
     */
    UpstreamChecks(Consumer<Finding> upstreamsOut, Consumer<Finding> modelsOut) {
        this.upstreamsOut = upstreamsOut;
        this.modelsOut = modelsOut;
    }

    /**
     * @param bridge      the bridge as this environment configures it
     * @param callerToken Claude Code's bearer token, to probe upstreams that forward it, or {@code null}
     * @return the probe results
     */
    List<UpstreamStatus> probe(Bridge bridge, String callerToken) {
        List<ConfiguredUpstream> upstreams = bridge.router().upstreams();
        List<UpstreamStatus> results = bridge.health().probe().probeAll(upstreams, callerToken);
        List<UpstreamSpec> specs = bridge.settings().upstreams();
        for (int i = 0; i < upstreams.size(); i++) {
            report(upstreams.get(i), results.get(i), specs, callerToken);
        }
        return results;
    }

    private void report(ConfiguredUpstream upstream, UpstreamStatus status, List<UpstreamSpec> specs,
                        String callerToken) {
        String name = "upstream '" + upstream.name() + "' at " + upstream.adapter().describe();
        boolean forwards = upstream.adapter().authHeaders(null).isEmpty();
        if (!status.reachable()) {
            upstreamsOut.accept(Finding.error("upstream-unreachable", name + ": " + status.describe(),
                    "check " + UpstreamSettingNames.url(upstream.name(), specs) + ", and any proxy, firewall or "
                            + "VPN between here and the upstream"));
        } else if (status.key() == KeyStatus.REJECTED && forwards) {
            upstreamsOut.accept(Finding.error("upstream-key-rejected", name + " rejects the key Claude Code sends ("
                            + ClaudeCode.AUTH_TOKEN + ", forwarded because the upstream has no key of its own): "
                            + status.problem(),
                    "set " + ClaudeCode.AUTH_TOKEN + " to the upstream's API key, or give the upstream its own ("
                            + UpstreamSettingNames.key(upstream.name(), specs) + ")"));
        } else if (status.key() == KeyStatus.REJECTED) {
            upstreamsOut.accept(Finding.error("upstream-key-rejected", name + " rejects its key: " + status.problem(),
                    "check " + UpstreamSettingNames.key(upstream.name(), specs) + " (a typo, a revoked key, or a "
                            + "key of another environment), then restart the bridge"));
        } else if (status.key() == KeyStatus.FORWARDED && callerToken == null) {
            upstreamsOut.accept(Finding.note("upstream-key-unchecked", name + ": " + status.describe()
                            + "; Claude Code sends no token to check with",
                    "set " + ClaudeCode.AUTH_TOKEN + " to the upstream's API key"));
        } else if (status.key() == KeyStatus.UNCHECKED) {
            upstreamsOut.accept(Finding.note("upstream-key-unchecked", name + ": " + status.describe(), null));
        } else {
            upstreamsOut.accept(Finding.ok("upstream", name + ": " + status.describe()));
        }
        if (status.reachable() && status.listing() == ModelListing.NOT_LISTED) {
            upstreamsOut.accept(Finding.warning("default-model-missing", "upstream '" + upstream.name()
                            + "': its catalog does not list its default model '" + status.defaultModel() + "'"
                            + examples(status),
                    "set its default model (DEFAULT_UPSTREAM_MODEL, JOY_TOKEN_DEFAULT_MODEL or "
                            + "bridge.upstreams.N.default-model) to a model the catalog lists"));
        }
        if (upstream.idleTimeout().toMillis() < ClaudeCodeChecks.MIN_CLIENT_TIMEOUT_MS) {
            upstreamsOut.accept(Finding.warning("upstream-idle-timeout", "upstream '" + upstream.name()
                            + "' may stay silent for only " + upstream.idleTimeout().toSeconds() + " s mid-stream "
                            + "before the bridge gives up; reasoning models pause longer",
                    "raise its idle-timeout (UPSTREAM_TIMEOUT_SECONDS, bridge.idle-timeout) to at least 120 s"));
        }
    }

    /**
     * Reports the upstreams as the running bridge last probed them ({@code GET /health}).
     *
     * @param upstreams the {@code upstreams} of its health answer
     */
    void reportFromBridge(List<JsonObject> upstreams) {
        for (JsonObject upstream : upstreams) {
            String name = "upstream '" + upstream.getString("name", "?") + "' (" + upstream.getString("adapter", "?")
                    + ", as the running bridge last probed it)";
            String summary = upstream.getString("summary", "not probed yet");
            if (!upstream.getBoolean("reachable", true)) {
                upstreamsOut.accept(Finding.error("upstream-unreachable", name + ": " + summary,
                        "check the upstream's base URL in the bridge's settings, and the network"));
            } else if ("rejected".equals(upstream.getString("key", ""))) {
                upstreamsOut.accept(Finding.error("upstream-key-rejected", name + ": " + summary,
                        "check the upstream's key in the bridge's settings, then restart the bridge"));
            } else if ("not_listed".equals(upstream.getString("default_model_listing", ""))) {
                upstreamsOut.accept(Finding.warning("default-model-missing", name + ": " + summary,
                        "set the upstream's default model to one its catalog lists"));
            } else {
                upstreamsOut.accept(Finding.ok("upstream", name + ": " + summary));
            }
        }
    }

    /**
     * Routes each model Claude Code asks for as the bridge would and checks it against the upstream's catalog;
     * then checks {@code CLAUDE_CODE_MAX_CONTEXT_TOKENS} against the main model's context window.
     *
     * @param bridge the bridge
     * @param probes the probe results
     * @param env    Claude Code's environment
     */
    void models(Bridge bridge, List<UpstreamStatus> probes, ClaudeCodeEnvironment env) {
        Map<String, String> asked = new LinkedHashMap<>();
        String main = env.nonBlank("ANTHROPIC_MODEL").orElse(ClaudeCode.DEFAULT_MODEL);
        asked.put(main, env.nonBlank("ANTHROPIC_MODEL").isPresent() ? "ANTHROPIC_MODEL" : "Claude Code's default");
        for (String variable : ClaudeCode.MODEL_VARIABLES) {
            env.nonBlank(variable).ifPresent(model -> asked.putIfAbsent(model, variable));
        }
        asked.forEach((model, from) -> route(bridge, probes, model, from));
        contextWindow(bridge, probes, env, main);
    }

    private void route(Bridge bridge, List<UpstreamStatus> probes, String model, String from) {
        Route.Target target;
        try {
            target = bridge.router().route(model).targets().getFirst();
        } catch (UnknownCatalogModelException e) {
            modelsOut.accept(Finding.error("model-unknown", model + " (" + from + "): " + e.getMessage(),
                    "choose a model GET /v1/models lists, or another name for " + from));
            return;
        } catch (NotConfiguredException e) {
            return;
        }
        String upstream = target.upstream().name();
        String routed = model + " (" + from + ") -> " + upstream + "/" + target.model();
        UpstreamStatus status = probes.stream().filter(p -> p.upstream().equals(upstream)).findFirst().orElse(null);
        ModelListing listing = status == null ? ModelListing.UNKNOWN : status.lists(target.model());
        switch (listing) {
            case LISTED -> modelsOut.accept(Finding.ok("model", routed + ", listed in its catalog"));
            case ROUTED_BY_UPSTREAM -> modelsOut.accept(Finding.ok("model", routed + ", which the upstream routes"));
            case UNKNOWN -> modelsOut.accept(Finding.ok("model", routed + " (no catalog to check it against)"));
            case NOT_LISTED -> modelsOut.accept(Finding.warning("model-not-listed", routed + ", which " + upstream
                            + "'s catalog does not list" + examples(status),
                    "map it to a listed model: MODEL_MAP_JSON='{\"" + model + "\":\"<model>\"}', or "
                            + "DEFAULT_UPSTREAM_MODEL=<model>"));
        }
    }

    private void contextWindow(Bridge bridge, List<UpstreamStatus> probes, ClaudeCodeEnvironment env,
                               String main) {
        OptionalInt window = RecommendedSettings.contextWindow(bridge, probes, main);
        String set = env.nonBlank(ClaudeCode.MAX_CONTEXT_TOKENS).orElse(null);
        if (set == null) {
            modelsOut.accept(window.isPresent()
                    ? Finding.warning("max-context-unset", ClaudeCode.MAX_CONTEXT_TOKENS + " is not set: Claude "
                    + "Code assumes 1,000,000 tokens for " + main + " and never compacts before the upstream's "
                    + window.getAsInt() + " are full", "export " + ClaudeCode.MAX_CONTEXT_TOKENS + "="
                    + window.getAsInt())
                    : Finding.note("max-context-unset", ClaudeCode.MAX_CONTEXT_TOKENS + " is not set and the "
                    + "bridge does not know the context window of " + main + "'s upstream model",
                    "export " + ClaudeCode.MAX_CONTEXT_TOKENS + "=<the model's context window>"));
            return;
        }
        long tokens;
        try {
            tokens = Long.parseLong(set.strip());
        } catch (NumberFormatException e) {
            modelsOut.accept(Finding.warning("max-context-invalid", ClaudeCode.MAX_CONTEXT_TOKENS + "=" + set
                    + " is not a number of tokens", "set it to the model's context window"
                    + (window.isPresent() ? ", " + window.getAsInt() : "")));
            return;
        }
        if (window.isPresent() && tokens > window.getAsInt()) {
            modelsOut.accept(Finding.warning("max-context-too-large", ClaudeCode.MAX_CONTEXT_TOKENS + "=" + tokens
                    + " is more than the upstream model's " + window.getAsInt() + ": Claude Code compacts too late",
                    "export " + ClaudeCode.MAX_CONTEXT_TOKENS + "=" + window.getAsInt()));
        } else {
            modelsOut.accept(Finding.ok("max-context", ClaudeCode.MAX_CONTEXT_TOKENS + "=" + tokens));
        }
    }

    private static String examples(UpstreamStatus status) {
        List<CatalogModel> models = status == null ? List.of() : status.catalog().orElse(List.of());
        if (models.isEmpty()) {
            return "";
        }
        return " (it lists " + models.size() + ", e.g. " + models.stream().limit(EXAMPLE_MODELS)
                .map(CatalogModel::id).collect(Collectors.joining(", ")) + ")";
    }
}
